"""The customers import: customers, with their contacts and addresses.

One row per customer, or several: a row carries a customer (its code first) and may also carry
one contact (the contact columns) and one address (the address columns) of that customer. A
customer with three contacts takes three rows; the customer's own cells may be repeated on them
(the export does) or left empty, but not contradict its first row. The contact and the address on
one row have nothing to do with each other: a row simply has room for one of each.

- A customer is found by its code, created when new; its group by name, price level by code,
  sales representative by login or email, tags by name. Its VAT number is checked as the back
  office checks it (`vat_number_problems`: python-stdnum, against the customer's country).
- A contact is found by email (a person has one contact record, whichever establishments they
  work for), created when new and linked to the customer. The import writes contact records only,
  as the back office's contact screen does: no login account, status "invited". The login account
  is made when the seller invites the contact (the customer screen's invitation, one by one or for
  all the selected customers), which also sends the link to set a password and refuses an email
  that is a member of staff's login. Creating accounts from a file would either mail thousands of
  people from one upload, or leave accounts behind that nobody was told about.
- An address is found by its customer and its name ("Head office", "Jules Verne library"), the
  names a seller tells a customer's addresses apart by. Its rules are the back office's
  (`address_problems`).

A column the file does not have leaves that value as it is; an empty cell clears an optional
value (a required one, such as the name, stays). A sales representative may change the customers
the back office shows them (their row rule in model.yaml) and create none: their role may not add
customers. The counts are in records: customers, contacts and addresses together.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.customers import address_problems, vat_number_problems
from app.domain.imports.bulk import replace_links, same_keys, update_by_id
from app.domain.imports.columns import (
    CellError,
    Column,
    boolean,
    choice,
    decimal_number,
    integer,
    normalised,
    text,
    words,
)
from app.domain.imports.kinds import Counts, ImportKind, Row, register
from app.domain.imports.price_lists import plain_amount
from app.domain.scoping import visible_rows_condition
from app.generated.models import (
    Address,
    Contact,
    Customer,
    CustomerGroup,
    CustomerTag,
    PriceLevel,
)
from app.generated.models._associations import customer_contacts, customer_tag_customers
from app.generated.roles import ROLES, SUPERUSER_ROLE

LANGUAGES = (("en", "en"), ("fr", "fr"), ("nl", "nl"), ("es", "es"), ("de", "de"))
MONEY = decimal_number(Decimal(0), Decimal("9999999999.9999"), 4)


def country(value: Any, context) -> str:
    """A country as its two-letter ISO code (FR, BE)."""
    code = str(value).strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise CellError(_("Give the country as a two-letter code, such as FR or BE."))
    return code


def email(value: Any, context) -> str:
    """An email address, lower case (the portal finds people by it whatever its case)."""
    from email_validator import EmailNotValidError, validate_email

    address = str(value).strip()
    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        raise CellError(
            _("%(value)s is not an email address such as name@company.com.", value=address)
        ) from None
    return address.lower()


def website(value: Any, context) -> str:
    address = str(value).strip()
    if not address.lower().startswith(("http://", "https://")) or len(address) > 255:
        raise CellError(_("Write the website's address with https://."))
    return address


CUSTOMER_COLUMNS = (
    Column("code", _l("Customer code"), text(32), required=True, example="C0001"),
    Column("name", _l("Company name"), text(200), example="Librairie Lefèvre"),
    Column("status", _l("Status"), choice(Customer.STATUS_CHOICES), example="active"),
    Column("group", _l("Customer group"), text(100)),
    Column("price_level", _l("Price level"), text(40)),
    Column("sales_rep", _l("Sales representative"), text(254)),
    Column("tags", _l("Tags"), words()),
    Column("vat_number", _l("VAT number"), text(32), example="FR40303265045"),
    Column("chamber_of_commerce", _l("Chamber of commerce number"), text(40)),
    Column("fiscal_code", _l("Fiscal identifier"), text(40)),
    Column("country", _l("Country"), country, example="FR"),
    Column("language", _l("Language"), choice(LANGUAGES), example="fr"),
    Column("email", _l("Main email"), email),
    Column("phone", _l("Phone"), text(32)),
    Column("website", _l("Website"), website),
    Column("payment_days", _l("Payment terms (days)"), integer(0, 365)),
    Column("credit_limit", _l("Credit limit"), MONEY),
    Column("minimum_order", _l("Minimum order amount"), MONEY),
    Column("franco_threshold", _l("Franco threshold"), MONEY),
    Column("shipping_fee", _l("Shipping fee"), MONEY),
    # The customer's own settings, "group" meaning as its group's (model.yaml's values).
    Column(
        "pay_after_delivery",
        _l("Payment after delivery"),
        choice(Customer.PAY_AFTER_DELIVERY_CHOICES),
    ),
    Column("pay_on_invoice", _l("Payment on invoice"), choice(Customer.PAY_ON_INVOICE_CHOICES)),
    Column("order_unit", _l("Order unit"), choice(Customer.ORDER_UNIT_CHOICES)),
    Column("hide_prices", _l("Prices"), choice(Customer.HIDE_PRICES_CHOICES)),
    Column("vat_exempt", _l("VAT"), choice(Customer.VAT_EXEMPT_CHOICES)),
)
CONTACT_COLUMNS = (
    Column("contact_email", _l("Contact email"), email, example="anne@lefevre.example"),
    Column("contact_first_name", _l("Contact first name"), text(80), example="Anne"),
    Column("contact_last_name", _l("Contact last name"), text(80), example="Lefèvre"),
    Column("contact_phone", _l("Contact phone"), text(32)),
    Column("contact_department", _l("Contact department"), text(100)),
    Column(
        "contact_role",
        _l("Contact role"),
        choice(Contact.COMPANY_ROLE_CHOICES),
        example="administrator",
    ),
    Column("contact_language", _l("Contact language"), choice(LANGUAGES)),
)
ADDRESS_COLUMNS = (
    Column("address_name", _l("Address name"), text(200), example="Head office"),
    Column("address_kind", _l("Address use"), choice(Address.KIND_CHOICES), example="both"),
    Column("address_line1", _l("Street and number"), text(200), example="3 rue des Lilas"),
    Column("address_line2", _l("Address line 2"), text(200)),
    Column("address_postcode", _l("Postcode"), text(20), example="69003"),
    Column("address_city", _l("City"), text(100), example="Lyon"),
    Column("address_country", _l("Address country"), country, example="FR"),
    Column("address_phone", _l("Address phone"), text(32)),
    Column("address_default_shipping", _l("Default shipping address"), boolean(), example="yes"),
    Column("address_default_billing", _l("Default billing address"), boolean(), example="yes"),
)

# Customer fields written as the file gives them; relations are resolved apart.
PLAIN_FIELDS = (
    "name", "status", "vat_number", "chamber_of_commerce", "fiscal_code", "country", "language",
    "email", "phone", "website", "payment_days", "credit_limit", "minimum_order",
    "franco_threshold", "shipping_fee", "pay_after_delivery", "pay_on_invoice", "order_unit",
    "hide_prices", "vat_exempt",
)  # fmt: skip
REFERENCES = {"group": "group_id", "price_level": "price_level_id", "sales_rep": "sales_rep_id"}
# Required fields: an empty cell leaves them as they are rather than clearing them.
KEPT_WHEN_EMPTY = (
    "name", "status", "country", "pay_after_delivery", "pay_on_invoice", "order_unit",
    "hide_prices", "vat_exempt",
)  # fmt: skip
CONTACT_FIELDS = {
    "contact_first_name": "first_name",
    "contact_last_name": "last_name",
    "contact_phone": "phone",
    "contact_department": "department",
    "contact_role": "company_role",
    "contact_language": "language",
}
ADDRESS_FIELDS = {
    "address_kind": "kind",
    "address_line1": "line1",
    "address_line2": "line2",
    "address_postcode": "postcode",
    "address_city": "city",
    "address_country": "country",
    "address_phone": "phone",
    "address_default_shipping": "default_shipping",
    "address_default_billing": "default_billing",
}
ADDRESS_DEFAULTS = {
    "kind": "both",
    "country": "FR",
    "default_shipping": False,
    "default_billing": False,
}


def may_create_customers(user: Any) -> bool:
    """Whether `user`'s roles may add customers (model.yaml's permissions); no user is a command
    run by the seller, who may."""
    if user is None:
        return True
    names = [role.name for role in user.roles]
    if SUPERUSER_ROLE in names:
        return True
    return any(
        "add"
        in (ROLES.get(name, {}).get("permissions", {}).get("customer") or {}).get("actions", ())
        for name in names
    )


@dataclass
class CustomerState:
    """What rows are checked against, read once, and what checking them has gathered: the
    customers (their first row's values), contacts and addresses of the file."""

    groups: dict[str, int]
    levels: dict[str, int]
    tags: dict[str, int]
    users: dict[str, int]
    countries: dict[str, str]  # code -> country, for the customers that exist
    changeable: set[str] | None  # the codes the user may change; None: every one
    may_create: bool
    customers: dict[str, dict[str, Any]] = field(default_factory=dict)
    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    addresses: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    done: set[str] = field(default_factory=set)


class CustomersKind(ImportKind):
    name = "customers"
    label = _l("Customers")
    columns = CUSTOMER_COLUMNS + CONTACT_COLUMNS + ADDRESS_COLUMNS
    # A customer takes one row per contact or address: its rows are told apart in check_row.
    key = ()
    # Administrators and sales representatives (who edit their own customers, and their
    # contacts and addresses); the order desk and catalogue managers only look.
    permissions = (
        ("can_edit", "CustomerView"),
        ("can_add", "ContactView"),
        ("can_edit", "ContactView"),
        ("can_add", "AddressView"),
        ("can_edit", "AddressView"),
    )
    export_permissions = (("can_export", "CustomerView"), ("can_list", "ContactView"))

    def prepare(self, connection: sa.Connection, user: Any = None) -> CustomerState:
        users: dict[str, int] = {}
        for id_, username, address in connection.execute(
            sa.select(User.id, User.username, User.email)
        ):
            for handle in (username, address):
                if handle:
                    users.setdefault(handle.casefold(), id_)
        visible = visible_rows_condition(Customer, "customer", user) if user is not None else None
        return CustomerState(
            groups=_by_name(connection, CustomerGroup.name, CustomerGroup.id),
            levels=_by_name(connection, PriceLevel.code, PriceLevel.id),
            tags=_by_name(connection, CustomerTag.name, CustomerTag.id),
            users=users,
            countries={
                code: country_code
                for code, country_code in connection.execute(
                    sa.select(Customer.code, Customer.country)
                )
            },
            changeable=(
                None
                if visible is None
                else set(connection.scalars(sa.select(Customer.code).where(visible)))
            ),
            may_create=may_create_customers(user),
        )

    def prepare_for_user(self, connection: sa.Connection, user_id: int | None) -> CustomerState:
        from app.extensions import db

        user = db.session.get(User, user_id) if user_id is not None else None
        return self.prepare(connection, user)

    # --- checking -------------------------------------------------------------------------------

    def check_row(self, row: Row, state: CustomerState):
        problems: list[tuple[str, str]] = []
        code = row["code"]
        customer = self._customer(row, state, problems)
        contact = _contact(row, problems)
        address = _address(row, problems)
        if problems:
            return problems
        earlier = state.customers.get(code)
        if earlier is None:
            problems += self._first_row_problems(code, customer, state)
        else:
            for column, value in customer.items():
                if value not in (None, ()) and earlier.get(column) != value:
                    problems.append(
                        (
                            column,
                            _(
                                "The customer %(code)s has another value here than on its "
                                "first row.",
                                code=code,
                            ),
                        )
                    )
        if contact is not None:
            problems += _contact_problems(code, contact, state)
        if address is not None:
            key = (code, normalised(address["name"]))
            if key in state.addresses:
                problems.append(
                    (
                        "address_name",
                        _(
                            "%(code)s already has an address called %(name)s in this file.",
                            code=code,
                            name=address["name"],
                        ),
                    )
                )
        if problems:
            return problems
        if earlier is None:
            state.customers[code] = customer
        if contact is not None:
            known = state.contacts.setdefault(contact["email"], {**contact, "customers": []})
            known["customers"].append(code)
        if address is not None:
            state.addresses[(code, normalised(address["name"]))] = address
        return ()

    def _customer(self, row: Row, state: CustomerState, problems: list) -> dict[str, Any]:
        """The row's customer values by column, references resolved to ids."""
        values: dict[str, Any] = {}
        for column in ("name", "status", "country", *PLAIN_FIELDS):
            if column in row and not (row[column] is None and column in KEPT_WHEN_EMPTY):
                values[column] = row[column]
        for column, known in (
            ("group", state.groups),
            ("price_level", state.levels),
            ("sales_rep", state.users),
        ):
            if column not in row:
                continue
            value = row[column]
            found = None if value is None else known.get(_folded(column, value))
            if value is not None and found is None:
                problems.append((column, _unknown(column, value)))
            values[column] = found
        if "tags" in row:
            tag_ids = []
            for name in row["tags"] or ():
                if normalised(name) not in state.tags:
                    problems.append(("tags", _("No customer tag is called %(value)s.", value=name)))
                else:
                    tag_ids.append(state.tags[normalised(name)])
            values["tags"] = tuple(sorted(set(tag_ids)))
        vat_country = values.get("country") or state.countries.get(row["code"]) or "FR"
        for messages in vat_number_problems(
            lambda name: values.get("vat_number") if name == "vat_number" else vat_country
        ).values():
            problems += [("vat_number", message) for message in messages]
        return values

    @staticmethod
    def _first_row_problems(code: str, customer: dict, state: CustomerState) -> list:
        exists = code in state.countries
        if not exists and not state.may_create:
            return [
                (
                    "code",
                    _(
                        "No customer has the code %(code)s, and your role may not create "
                        "customers.",
                        code=code,
                    ),
                )
            ]
        if exists and state.changeable is not None and code not in state.changeable:
            return [("code", _("The customer %(code)s is not one of yours.", code=code))]
        if not exists and not customer.get("name"):
            return [("name", _("Give the company name of the new customer %(code)s.", code=code))]
        return []

    def template_rows(self) -> list[Row]:
        """A customer with its first contact and address, then its second contact."""
        first = {column.key: column.example for column in self.columns if column.example}
        return [
            first,
            {
                "code": first["code"],
                "contact_email": "paul@lefevre.example",
                "contact_first_name": "Paul",
                "contact_last_name": "Martin",
                "contact_role": "buyer",
            },
        ]

    # --- applying -------------------------------------------------------------------------------

    def apply(
        self, connection: sa.Connection, chunks: Iterator[list[Row]], state: CustomerState
    ) -> Counts:
        counts = Counts()
        ids: dict[str, int] = {}
        for chunk in chunks:
            codes = [row["code"] for row in chunk if row["code"] not in state.done]
            codes = list(dict.fromkeys(codes))
            state.done.update(codes)
            if codes:
                ids.update(self._write_customers(connection, codes, state, counts))
        self._write_contacts(connection, ids, state, counts)
        self._write_addresses(connection, ids, state, counts)
        return counts

    def _write_customers(self, connection, codes: list[str], state: CustomerState, counts) -> dict:
        table = Customer.__table__
        stored = {
            r.code: r for r in connection.execute(sa.select(table).where(table.c.code.in_(codes)))
        }
        inserts, updates, changed = [], [], set()
        for code in codes:
            wanted = state.customers[code]
            values = {REFERENCES.get(k, k): v for k, v in wanted.items() if k != "tags"}
            current = stored.get(code)
            if current is None:
                inserts.append({"code": code, **{k: v for k, v in values.items() if v is not None}})
                continue
            difference = {k: v for k, v in values.items() if not _same(getattr(current, k), v)}
            if difference:
                updates.append(difference | {"b_id": current.id})
                changed.add(code)
        ids = {code: r.id for code, r in stored.items()}
        for batch in same_keys(inserts):
            for r in connection.execute(table.insert().returning(table.c.id, table.c.code), batch):
                ids[r.code] = r.id
        update_by_id(connection, table, updates)
        changed |= _write_tags(connection, codes, ids, state)
        created = {r["code"] for r in inserts}
        counts.created += len(created)
        counts.updated += len(changed - created)
        counts.unchanged += len(codes) - len(created) - len(changed - created)
        return ids

    def _write_contacts(self, connection, ids: dict, state: CustomerState, counts) -> None:
        if not state.contacts:
            return
        table = Contact.__table__
        emails = list(state.contacts)
        stored = {}
        for part in _parts(emails):
            for r in connection.execute(
                sa.select(table).where(sa.func.lower(table.c.email).in_(part))
            ):
                stored[r.email.lower()] = r
        inserts, updates = [], []
        for address, wanted in state.contacts.items():
            values = {k: v for k, v in wanted.items() if k not in ("email", "customers")}
            current = stored.get(address)
            if current is None:
                administrator = values.get("company_role") == "administrator"
                inserts.append(
                    {
                        "email": address,
                        "status": "invited",
                        "first_name": values.get("first_name"),
                        "last_name": values.get("last_name"),
                        "phone": values.get("phone"),
                        "department": values.get("department"),
                        "company_role": values.get("company_role") or "buyer",
                        "language": values.get("language"),
                        "may_manage_users": administrator,
                        "may_manage_addresses": administrator,
                        "sees_all_orders": administrator,
                    }
                )
                continue
            difference = {k: v for k, v in values.items() if getattr(current, k) != v}
            if "company_role" in difference and difference["company_role"] is None:
                del difference["company_role"]
            if difference:
                updates.append(difference | {"b_id": current.id})
        contact_ids = {address: r.id for address, r in stored.items()}
        for part in _parts(inserts):
            for r in connection.execute(table.insert().returning(table.c.id, table.c.email), part):
                contact_ids[r.email] = r.id
        update_by_id(connection, table, updates)
        linked: set[tuple[int, int]] = set()
        link = customer_contacts
        for part in _parts(list(contact_ids.values())):
            linked.update(
                (customer_id, contact_id)
                for customer_id, contact_id in connection.execute(
                    sa.select(link.c.customer_id, link.c.contact_id).where(
                        link.c.contact_id.in_(part)
                    )
                )
            )
        new_links, relinked = [], set()
        for address, wanted in state.contacts.items():
            for code in wanted["customers"]:
                pair = (ids[code], contact_ids[address])
                if pair not in linked:
                    new_links.append({"customer_id": pair[0], "contact_id": pair[1]})
                    relinked.add(address)
        for part in _parts(new_links):
            connection.execute(link.insert(), part)
        created = len(inserts)
        changed = {u["b_id"] for u in updates} | {contact_ids[a] for a in relinked if a in stored}
        counts.created += created
        counts.updated += len(changed)
        counts.unchanged += len(state.contacts) - created - len(changed)

    def _write_addresses(self, connection, ids: dict, state: CustomerState, counts) -> None:
        if not state.addresses:
            return
        table = Address.__table__
        customer_ids = sorted({ids[code] for code, _name in state.addresses})
        stored: dict[tuple[int, str], Any] = {}
        for part in _parts(customer_ids):
            for r in connection.execute(
                sa.select(table).where(table.c.customer_id.in_(part)).order_by(table.c.id)
            ):
                stored.setdefault((r.customer_id, normalised(r.name)), r)
        inserts, updates = [], []
        for (code, folded), wanted in state.addresses.items():
            current = stored.get((ids[code], folded))
            if current is None:
                new = {**ADDRESS_DEFAULTS, **{k: v for k, v in wanted.items() if v is not None}}
                inserts.append({"customer_id": ids[code], **new})
                continue
            difference = {
                k: v
                for k, v in wanted.items()
                if getattr(current, k) != v and not (v is None and k in ADDRESS_DEFAULTS)
            }
            if difference:
                updates.append(difference | {"b_id": current.id})
        for batch in same_keys(inserts):
            for part in _parts(batch):
                connection.execute(table.insert(), part)
        update_by_id(connection, table, updates)
        counts.created += len(inserts)
        counts.updated += len(updates)
        counts.unchanged += len(state.addresses) - len(inserts) - len(updates)

    # --- exporting ------------------------------------------------------------------------------

    def sees_every_row(self, user: Any) -> bool:
        return visible_rows_condition(Customer, "customer", user) is None

    def export_rows_for_user(self, connection: sa.Connection, user: Any) -> Iterator[Row]:
        """The customers `user` may see (a sales representative: theirs)."""
        visible = visible_rows_condition(Customer, "customer", user) if user is not None else None
        return self.export_rows(connection, visible)

    def export_rows(self, connection: sa.Connection, visible=None) -> Iterator[Row]:
        """Every customer (matching `visible`, a WHERE condition, when given), with one row per
        contact or address (the first of each on the customer's first row); a customer with
        neither takes one row."""
        groups = _by_id(connection, CustomerGroup.id, CustomerGroup.name)
        levels = _by_id(connection, PriceLevel.id, PriceLevel.code)
        tag_names = _by_id(connection, CustomerTag.id, CustomerTag.name)
        users = {
            id_: username for id_, username in connection.execute(sa.select(User.id, User.username))
        }
        customer, contact, address = Customer.__table__, Contact.__table__, Address.__table__
        last_id = 0
        while True:
            query = sa.select(customer).where(customer.c.id > last_id)
            if visible is not None:
                query = query.where(visible)
            batch = connection.execute(query.order_by(customer.c.id).limit(2000)).all()
            if not batch:
                return
            last_id = batch[-1].id
            batch_ids = [r.id for r in batch]
            tags: dict[int, list[str]] = {}
            for customer_id, tag_id in connection.execute(
                sa.select(
                    customer_tag_customers.c.customer_id, customer_tag_customers.c.customer_tag_id
                ).where(customer_tag_customers.c.customer_id.in_(batch_ids))
            ):
                tags.setdefault(customer_id, []).append(tag_names[tag_id])
            people: dict[int, list[Row]] = {}
            for r in connection.execute(
                sa.select(customer_contacts.c.customer_id, contact)
                .join(contact, contact.c.id == customer_contacts.c.contact_id)
                .where(customer_contacts.c.customer_id.in_(batch_ids))
                .order_by(contact.c.email)
            ):
                people.setdefault(r.customer_id, []).append(
                    {"contact_email": r.email}
                    | {column: getattr(r, name) for column, name in CONTACT_FIELDS.items()}
                )
            places: dict[int, list[Row]] = {}
            for r in connection.execute(
                sa.select(address)
                .where(address.c.customer_id.in_(batch_ids))
                .order_by(address.c.customer_id, address.c.id)
            ):
                places.setdefault(r.customer_id, []).append(
                    {"address_name": r.name}
                    | {column: getattr(r, name) for column, name in ADDRESS_FIELDS.items()}
                )
            for r in batch:
                own = {column: getattr(r, column) for column in PLAIN_FIELDS}
                for column in ("credit_limit", "minimum_order", "franco_threshold", "shipping_fee"):
                    own[column] = plain_amount(own[column])
                own |= {
                    "code": r.code,
                    "group": groups.get(r.group_id),
                    "price_level": levels.get(r.price_level_id),
                    "sales_rep": users.get(r.sales_rep_id),
                    "tags": sorted(tags.get(r.id, [])),
                }
                contacts, addresses = people.get(r.id, []), places.get(r.id, [])
                for index in range(max(1, len(contacts), len(addresses))):
                    row = dict(own)
                    if index < len(contacts):
                        row |= contacts[index]
                    if index < len(addresses):
                        row |= addresses[index]
                    yield row


def _contact(row: Row, problems: list) -> dict[str, Any] | None:
    if all(row.get(column.key) is None for column in CONTACT_COLUMNS):
        return None
    if row.get("contact_email") is None:
        problems.append(("contact_email", _("Give the contact's email: it tells contacts apart.")))
        return None
    contact = {"email": row["contact_email"]}
    contact |= {name: row[column] for column, name in CONTACT_FIELDS.items() if column in row}
    for column in ("contact_first_name", "contact_last_name"):
        if not row.get(column):
            problems.append((column, _("Give the contact's first and last names.")))
    return contact


def _contact_problems(code: str, contact: dict, state: CustomerState) -> list:
    earlier = state.contacts.get(contact["email"])
    if earlier is None:
        return []
    if code in earlier["customers"]:
        return [
            (
                "contact_email",
                _(
                    "%(email)s is already a contact of %(code)s in this file.",
                    email=contact["email"],
                    code=code,
                ),
            )
        ]
    if any(earlier.get(name) != value for name, value in contact.items()):
        return [
            (
                "contact_email",
                _(
                    "%(email)s has other details here than on an earlier row: a person has one "
                    "name, role and language for all their companies.",
                    email=contact["email"],
                ),
            )
        ]
    return []


def _address(row: Row, problems: list) -> dict[str, Any] | None:
    if all(row.get(column.key) is None for column in ADDRESS_COLUMNS):
        return None
    if row.get("address_name") is None:
        problems.append(("address_name", _("Give the address's name: it tells addresses apart.")))
        return None
    address = {"name": row["address_name"]}
    address |= {name: row[column] for column, name in ADDRESS_FIELDS.items() if column in row}
    for column in ("address_line1", "address_postcode", "address_city"):
        if not row.get(column):
            problems.append((column, _("Give the address's street, postcode and city.")))
    column_of = {name: column for column, name in ADDRESS_FIELDS.items()}
    for name, messages in address_problems(address.get).items():
        problems += [(column_of.get(name, "address_name"), message) for message in messages]
    return address


def _write_tags(connection, codes: list[str], ids: dict, state: CustomerState) -> set[str]:
    """Each customer's tags become the file's (when it has the column); the codes changed."""
    wanted = {
        ids[c]: set(state.customers[c]["tags"]) for c in codes if "tags" in state.customers[c]
    }
    if not wanted:
        return set()
    changed = replace_links(
        connection, customer_tag_customers, "customer_id", "customer_tag_id", wanted
    )
    return {code for code in codes if ids[code] in changed}


def _unknown(column: str, value: str) -> str:
    """Why a reference is refused; built only then (a translation costs per row)."""
    if column == "group":
        return _("No customer group is called %(value)s.", value=value)
    if column == "price_level":
        return _("No price level has the code %(value)s.", value=value)
    return _("No user has the login or email %(value)s.", value=value)


def _folded(column: str, value: str) -> str:
    return value.casefold() if column == "sales_rep" else normalised(value)


def _by_name(connection, name_column, id_column) -> dict[str, int]:
    return {
        normalised(name): id_ for name, id_ in connection.execute(sa.select(name_column, id_column))
    }


def _by_id(connection, id_column, name_column) -> dict[int, str]:
    return {id_: name for id_, name in connection.execute(sa.select(id_column, name_column))}


def _same(stored: Any, new: Any) -> bool:
    if isinstance(stored, Decimal) or isinstance(new, Decimal):
        return stored is not None and new is not None and Decimal(stored) == Decimal(new)
    return stored == new


def _parts(items: list, size: int = 2000) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


register(CustomersKind())
