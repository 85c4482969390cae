"""Customers, with their contacts and addresses, from a spreadsheet.

One row per customer, or several: a row carries a customer (its code first) and may also carry
one contact (`contact_*` columns) and one address (`address_*` columns) of that customer. A
customer with three contacts takes three rows; the customer's own cells may be repeated on them
(the export does) or left empty, but not contradict the first row. The contact and the address on
one row have nothing to do with each other: a row simply has room for one of each.

- A customer is found by its code, created when new; its group by name, price level by code,
  sales representative by login or email, tags by name. Its VAT number is checked as the back
  office checks it (`vat_number_problems`, python-stdnum, against the customer's country).
- A contact is found by email (a person has one contact record, whichever establishments they
  work for), created when new and linked to the customer. The import writes contact records only,
  as the back office's contact screen does: no login account, status "invited". A login account
  is made when the seller invites the contact (the customer screen's invitation, one by one or
  for all the selected customers), which also sends the link to set a password and refuses an
  email that is a member of staff's login. Creating accounts here would either mail thousands of
  people from a file upload, or leave accounts nobody was told about.
- An address is found by its customer and its name ("Head office", "Jules Verne library"): the
  names a seller tells a customer's addresses apart by. Its rules are the back office's
  (`address_problems`).

A column the file does not have leaves that value as it is (an empty cell in a column it has
clears an optional value). Applying is in bulk: existing customers, contacts and addresses read
once into dicts by natural key, the differences written in a few statements per 5,000 rows.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from email_validator import EmailNotValidError, validate_email
from flask_appbuilder.security.sqla.models import User
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain import cell_values as cells
from app.domain.customers import address_problems, vat_number_problems
from app.domain.import_results import CHUNK, Counts, RowProblem, pairs
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

LANGUAGES = ("en", "fr", "nl", "es", "de")

# column -> (model field, reader, largest length or None); order is the template's.
CUSTOMER_COLUMNS = (
    "code",
    "name",
    "status",
    "group",
    "price_level",
    "sales_rep",
    "tags",
    "vat_number",
    "chamber_of_commerce",
    "fiscal_code",
    "country",
    "language",
    "email",
    "phone",
    "website",
    "payment_days",
    "credit_limit",
    "minimum_order",
    "franco_threshold",
    "shipping_fee",
)
CONTACT_COLUMNS = (
    "contact_email",
    "contact_first_name",
    "contact_last_name",
    "contact_phone",
    "contact_department",
    "contact_role",
    "contact_language",
)
ADDRESS_COLUMNS = (
    "address_name",
    "address_kind",
    "address_line1",
    "address_line2",
    "address_postcode",
    "address_city",
    "address_country",
    "address_phone",
    "address_default_shipping",
    "address_default_billing",
)
COLUMNS = CUSTOMER_COLUMNS + CONTACT_COLUMNS + ADDRESS_COLUMNS
REQUIRED = ("code", "name")
# Required fields: an empty cell leaves them as they are rather than clearing them.
_KEPT_WHEN_EMPTY = ("name", "status", "country")

_TEXT_LENGTHS = {
    "code": 32,
    "name": 200,
    "vat_number": 32,
    "chamber_of_commerce": 40,
    "fiscal_code": 40,
    "phone": 32,
    "website": 255,
    "contact_first_name": 80,
    "contact_last_name": 80,
    "contact_phone": 32,
    "contact_department": 100,
    "address_name": 200,
    "address_line1": 200,
    "address_line2": 200,
    "address_postcode": 20,
    "address_city": 100,
    "address_phone": 32,
}
_MONEY = ("credit_limit", "minimum_order", "franco_threshold", "shipping_fee")
STATUSES = ("pending", "active", "suspended", "inactive")
COMPANY_ROLES = ("administrator", "buyer")
ADDRESS_KINDS = ("shipping", "billing", "both")
# Customer fields written as they are read (the others are relations, handled apart).
_PLAIN_FIELDS = (
    "name",
    "status",
    "vat_number",
    "chamber_of_commerce",
    "fiscal_code",
    "country",
    "language",
    "email",
    "phone",
    "website",
    "payment_days",
    *_MONEY,
)
_CONTACT_FIELDS = {
    "contact_first_name": "first_name",
    "contact_last_name": "last_name",
    "contact_phone": "phone",
    "contact_department": "department",
    "contact_role": "company_role",
    "contact_language": "language",
}
_ADDRESS_FIELDS = {
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


def may_create_customers(user: Any) -> bool:
    """Whether `user`'s roles may add customers (model.yaml's permissions); None is a command
    run by the seller, who may."""
    if user is None:
        return True
    names = [role.name for role in getattr(user, "roles", None) or []]
    if SUPERUSER_ROLE in names:
        return True
    for name in names:
        permission = ROLES.get(name, {}).get("permissions", {}).get("customer")
        if permission and "add" in permission["actions"]:
            return True
    return False


class CustomerFile:
    """A customer file being read (`read_row` for each row), then applied (`apply`).

    `columns` are the columns the file has; `user` the person importing: a sales representative
    may change only the customers the back office shows them, and create none (their role may
    not add customers).
    """

    def __init__(self, session: Session, columns: Collection[str] = COLUMNS, user: Any = None):
        self.session = session
        self.columns = frozenset(columns)
        self._groups = {
            name.casefold(): id_
            for name, id_ in session.execute(sa.select(CustomerGroup.name, CustomerGroup.id))
        }
        self._levels = pairs(session, (sa.select(PriceLevel.code, PriceLevel.id)))
        self._tags = {
            name.casefold(): id_
            for name, id_ in session.execute(sa.select(CustomerTag.name, CustomerTag.id))
        }
        self._users: dict[str, int] = {}
        for id_, username, email in session.execute(sa.select(User.id, User.username, User.email)):
            for handle in (username, email):
                if handle:
                    self._users.setdefault(handle.casefold(), id_)
        self._stored_countries: dict[str, str] = pairs(
            session, (sa.select(Customer.code, Customer.country))
        )
        self._stored = self._stored_countries  # the codes of the customers that exist
        visible = visible_rows_condition(Customer, "customer", user) if user is not None else None
        self._changeable = (
            None
            if visible is None
            else set(session.scalars(sa.select(Customer.code).where(visible)))
        )
        self._may_create = may_create_customers(user)
        # code -> {"row": first row, field: value}
        self.customers: dict[str, dict[str, Any]] = {}
        # email -> {"row": first row, "customers": [codes], field: value}
        self.contacts: dict[str, dict[str, Any]] = {}
        # (code, name casefolded) -> {"row": row, "name": name, field: value}
        self.addresses: dict[tuple[str, str], dict[str, Any]] = {}
        self.rows = 0

    # ------------------------------------------------------------------ reading

    def read_row(self, row: int, values: Mapping[str, Any]) -> list[RowProblem]:
        """Check one row (`values` by column name) and remember it; its problems, if any."""
        self.rows += 1
        problems: list[RowProblem] = []

        def refuse(column: str, message: str) -> None:
            problems.append(RowProblem(row, column, message))

        code = cells.text(values.get("code"))
        if not code:
            refuse("code", _("Give the customer's code."))
            return problems
        customer = self._read_customer(code, values, refuse)
        if customer is None:
            return problems
        earlier = self.customers.get(code)
        if earlier is None:
            if not customer.get("name") and code not in self._stored:
                refuse("name", _("Give the company name of the new customer %(code)s.", code=code))
            if code not in self._stored and not self._may_create:
                refuse(
                    "code",
                    _(
                        "No customer has the code %(code)s, and your role may not create "
                        "customers.",
                        code=code,
                    ),
                )
            elif (
                self._changeable is not None
                and code in self._stored
                and code not in self._changeable
            ):
                refuse("code", _("The customer %(code)s is not one of yours.", code=code))
        else:
            for column, value in customer.items():
                if column == "row" or value is None or value == frozenset():
                    continue  # left empty on a later row: as on the first
                if earlier.get(column) != value:
                    refuse(
                        column,
                        _(
                            "The customer %(code)s has another value here than on row %(row)d.",
                            code=code,
                            row=earlier["row"],
                        ),
                    )
        contact = self._read_contact(values, refuse)
        address = self._read_address(values, refuse)
        if problems:
            return problems
        if earlier is None:
            customer["row"] = row
            self.customers[code] = customer
        if contact is not None:
            self._remember_contact(code, row, contact, refuse)
        if address is not None:
            self._remember_address(code, row, address, refuse)
        return problems

    def _read_customer(self, code: str, values: Mapping[str, Any], refuse) -> dict | None:
        """The customer's cells of a row that are not empty, read; None after a problem."""
        found: dict[str, Any] = {"row": None}
        before = []

        def note(column: str, message: str) -> None:
            before.append(column)
            refuse(column, message)

        if len(code) > _TEXT_LENGTHS["code"]:
            note("code", _too_long(_TEXT_LENGTHS["code"]))
        for column in CUSTOMER_COLUMNS[1:]:
            if column not in self.columns:
                continue
            raw = values.get(column)
            if cells.text(raw) == "":
                # Empty: a required value stays as it is, an optional one is cleared (on a
                # customer's later rows, empty cells are "as above": see read_row).
                if column not in _KEPT_WHEN_EMPTY:
                    found[column] = frozenset() if column == "tags" else None
                continue
            try:
                found[column] = self._customer_value(column, raw)
            except cells.CellRefused as refusal:
                note(column, str(refusal))
        if before:
            return None
        country = found.get("country") or self._stored_countries.get(code) or "FR"
        for field_name, messages in vat_number_problems(
            lambda name: found.get("vat_number") if name == "vat_number" else country
        ).items():
            for message in messages:
                note(field_name, message)
        return None if before else found

    def _customer_value(self, column: str, raw: Any) -> Any:
        value = cells.text(raw)
        if column in _TEXT_LENGTHS and len(value) > _TEXT_LENGTHS[column]:
            raise cells.CellRefused(_too_long(_TEXT_LENGTHS[column]))
        if column == "status":
            return _choice(value, STATUSES)
        if column == "group":
            if value.casefold() not in self._groups:
                raise cells.CellRefused(_("No customer group is called %(name)s.", name=value))
            return self._groups[value.casefold()]
        if column == "price_level":
            if value not in self._levels:
                raise cells.CellRefused(_("No price level has the code %(code)s.", code=value))
            return self._levels[value]
        if column == "sales_rep":
            if value.casefold() not in self._users:
                raise cells.CellRefused(_("No user has the login or email %(name)s.", name=value))
            return self._users[value.casefold()]
        if column == "tags":
            ids = set()
            for name in _split_list(value):
                if name.casefold() not in self._tags:
                    raise cells.CellRefused(_("No customer tag is called %(name)s.", name=name))
                ids.add(self._tags[name.casefold()])
            return frozenset(ids)
        if column == "country":
            return _country(value)
        if column == "language":
            return _language(value)
        if column == "email":
            return _email(value)
        if column == "website":
            if not value.lower().startswith(("http://", "https://")):
                raise cells.CellRefused(_("Write the website's address with https://."))
            return value
        if column == "payment_days":
            days = cells.whole_number(raw)
            if not 0 <= days <= 365:
                raise cells.CellRefused(_("Payment terms are 0 to 365 days."))
            return days
        if column in _MONEY:
            amount = cells.decimal_number(raw)
            if amount < 0:
                raise cells.CellRefused(_("An amount cannot be negative."))
            if amount >= 10**10:
                raise cells.CellRefused(_("The amount is too large."))
            return amount
        return value

    def _read_contact(self, values: Mapping[str, Any], refuse) -> dict | None:
        present = [c for c in CONTACT_COLUMNS if cells.text(values.get(c))]
        if not present:
            return None
        raw_email = cells.text(values.get("contact_email"))
        if not raw_email:
            refuse("contact_email", _("Give the contact's email: it tells contacts apart."))
            return None
        contact: dict[str, Any] = {}
        try:
            contact["email"] = _email(raw_email)
        except cells.CellRefused as refusal:
            refuse("contact_email", str(refusal))
        for column, field_name in _CONTACT_FIELDS.items():
            if column not in self.columns:
                continue
            value = cells.text(values.get(column))
            try:
                if column in _TEXT_LENGTHS and len(value) > _TEXT_LENGTHS[column]:
                    raise cells.CellRefused(_too_long(_TEXT_LENGTHS[column]))
                if column == "contact_role":
                    value = _choice(value, COMPANY_ROLES) if value else "buyer"
                elif column == "contact_language":
                    value = _language(value) if value else None
                contact[field_name] = value or None
            except cells.CellRefused as refusal:
                refuse(column, str(refusal))
        for column in ("contact_first_name", "contact_last_name"):
            if column not in self.columns or not contact.get(_CONTACT_FIELDS[column]):
                refuse(column, _("Give the contact's first and last names."))
        return contact

    def _read_address(self, values: Mapping[str, Any], refuse) -> dict | None:
        present = [c for c in ADDRESS_COLUMNS if cells.text(values.get(c))]
        if not present:
            return None
        name = cells.text(values.get("address_name"))
        if not name:
            refuse("address_name", _("Give the address's name: it tells addresses apart."))
            return None
        address: dict[str, Any] = {"name": name}
        if len(name) > _TEXT_LENGTHS["address_name"]:
            refuse("address_name", _too_long(_TEXT_LENGTHS["address_name"]))
        for column, field_name in _ADDRESS_FIELDS.items():
            if column not in self.columns:
                continue
            raw = values.get(column)
            value = cells.text(raw)
            try:
                if column in _TEXT_LENGTHS and len(value) > _TEXT_LENGTHS[column]:
                    raise cells.CellRefused(_too_long(_TEXT_LENGTHS[column]))
                if column == "address_kind":
                    value = _choice(value, ADDRESS_KINDS) if value else "both"
                elif column == "address_country":
                    value = _country(value) if value else "FR"
                elif column.startswith("address_default_"):
                    value = cells.yes_no(raw)
                address[field_name] = value if value != "" else None
            except cells.CellRefused as refusal:
                refuse(column, str(refusal))
        for column in ("address_line1", "address_postcode", "address_city"):
            if not address.get(_ADDRESS_FIELDS[column]):
                refuse(column, _("Give the address's street, postcode and city."))
        columns_of = {field_name: column for column, field_name in _ADDRESS_FIELDS.items()}
        for field_name, messages in address_problems(address.get).items():
            for message in messages:
                refuse(columns_of.get(field_name, "address_name"), message)
        return address

    def _remember_contact(self, code: str, row: int, contact: dict, refuse) -> None:
        email = contact["email"]
        earlier = self.contacts.get(email)
        if earlier is None:
            self.contacts[email] = {**contact, "row": row, "customers": [code]}
            return
        if code in earlier["customers"]:
            refuse(
                "contact_email",
                _(
                    "%(email)s is already a contact of %(code)s on row %(row)d.",
                    email=email,
                    code=code,
                    row=earlier["row"],
                ),
            )
            return
        for field_name, value in contact.items():
            if earlier.get(field_name) != value:
                refuse(
                    "contact_email",
                    _(
                        "%(email)s has other details here than on row %(row)d: a person has "
                        "one name, role and language for all their companies.",
                        email=email,
                        row=earlier["row"],
                    ),
                )
                return
        earlier["customers"].append(code)

    def _remember_address(self, code: str, row: int, address: dict, refuse) -> None:
        key = (code, address["name"].casefold())
        earlier = self.addresses.get(key)
        if earlier is not None:
            refuse(
                "address_name",
                _(
                    "%(code)s already has an address called %(name)s on row %(row)d.",
                    code=code,
                    name=address["name"],
                    row=earlier["row"],
                ),
            )
            return
        self.addresses[key] = {**address, "row": row}

    # ------------------------------------------------------------------ applying

    def apply(self) -> Counts:
        """Write the rows read, in bulk; counts in customers, with the contacts and addresses
        in `details`."""
        counts = self._apply_customers()
        codes = sa.select(Customer.code, Customer.id)
        if len(self.customers) < 900:
            codes = codes.where(Customer.code.in_(list(self.customers)))
        ids = pairs(self.session, codes)
        self._apply_tags(ids)
        counts.details.update(self._apply_contacts(ids))
        counts.details.update(self._apply_addresses(ids))
        return counts

    def _apply_customers(self) -> Counts:
        table = Customer.__table__
        counts = Counts()
        columns = [
            c for c in (*_PLAIN_FIELDS, "group", "price_level", "sales_rep") if c in self.columns
        ]
        db_column = {
            "group": "group_id",
            "price_level": "price_level_id",
            "sales_rep": "sales_rep_id",
        }
        stored_rows = {}
        for chunk in _chunks(list(self.customers)):
            for row in self.session.execute(
                sa.select(table).where(table.c.code.in_(chunk))
            ).mappings():
                stored_rows[row["code"]] = row
        inserts, updates = [], []
        for code, wanted in self.customers.items():
            values = {db_column.get(c, c): wanted.get(c) for c in columns}
            stored = stored_rows.get(code)
            if stored is None:
                values = {k: v for k, v in values.items() if v is not None}
                values["code"] = code
                inserts.append(values)
                continue
            changed = {k: v for k, v in values.items() if stored[k] != v}
            if changed:
                updates.append((stored["id"], changed))
            else:
                counts.unchanged += 1
        # Rows of one executemany must bind the same columns: new customers are grouped by the
        # columns they fill (the model's defaults fill the rest), changes by the columns changed.
        for group in _by_keys(inserts):
            for chunk in _chunks(group):
                self.session.execute(table.insert(), chunk)
        for group in _by_keys([{"customer_id": id_, **changed} for id_, changed in updates]):
            names = [k for k in group[0] if k != "customer_id"]
            statement = (
                table.update()
                .where(table.c.id == sa.bindparam("customer_id"))
                .values({name: sa.bindparam(f"new_{name}") for name in names})
            )
            params = [
                {"customer_id": item["customer_id"], **{f"new_{n}": item[n] for n in names}}
                for item in group
            ]
            for chunk in _chunks(params):
                self.session.execute(statement, chunk)
        counts.created, counts.updated = len(inserts), len(updates)
        return counts

    def _apply_tags(self, ids: dict[str, int]) -> None:
        if "tags" not in self.columns:
            return
        link = customer_tag_customers
        customer_column, tag_column = _link_columns(link, "customer")
        wanted = {
            ids[code]: set(customer.get("tags", frozenset()))
            for code, customer in self.customers.items()
        }
        stored: dict[int, set[int]] = {}
        for chunk in _chunks(list(wanted)):
            for customer_id, tag_id in self.session.execute(
                sa.select(customer_column, tag_column).where(customer_column.in_(chunk))
            ):
                stored.setdefault(customer_id, set()).add(tag_id)
        adds, drops = [], []
        for customer_id, tags in wanted.items():
            have = stored.get(customer_id, set())
            adds += [{customer_column.name: customer_id, tag_column.name: t} for t in tags - have]
            drops += [(customer_id, t) for t in have - tags]
        for chunk in _chunks(adds):
            self.session.execute(link.insert(), chunk)
        for customer_id, tag_id in drops:
            self.session.execute(
                link.delete().where(customer_column == customer_id, tag_column == tag_id)
            )

    def _apply_contacts(self, ids: dict[str, int]) -> dict[str, int]:
        counts = {"contacts_created": 0, "contacts_updated": 0, "contacts_linked": 0}
        if not self.contacts:
            return counts
        table = Contact.__table__
        stored = {}
        for chunk in _chunks(list(self.contacts)):
            for row in self.session.execute(
                sa.select(table).where(sa.func.lower(table.c.email).in_(chunk))
            ).mappings():
                stored[row["email"].lower()] = row
        fields = [f for c, f in _CONTACT_FIELDS.items() if c in self.columns]
        inserts, updates = [], []
        for email, wanted in self.contacts.items():
            values = {f: wanted.get(f) for f in fields}
            row = stored.get(email)
            if row is None:
                administrator = values.get("company_role") == "administrator"
                inserts.append(
                    {
                        "email": email,
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
            changed = {f: v for f, v in values.items() if row[f] != v}
            if changed:
                updates.append({"contact_id": row["id"], **changed})
        for chunk in _chunks(inserts):
            self.session.execute(table.insert(), chunk)
        for group in _by_keys(updates):
            names = [k for k in group[0] if k != "contact_id"]
            statement = (
                table.update()
                .where(table.c.id == sa.bindparam("contact_id"))
                .values({name: sa.bindparam(f"new_{name}") for name in names})
            )
            for chunk in _chunks(group):
                self.session.execute(
                    statement,
                    [
                        {"contact_id": i["contact_id"], **{f"new_{n}": i[n] for n in names}}
                        for i in chunk
                    ],
                )
        counts["contacts_created"], counts["contacts_updated"] = len(inserts), len(updates)
        contact_ids = {}
        for chunk in _chunks(list(self.contacts)):
            contact_ids.update(
                self.session.execute(
                    sa.select(sa.func.lower(table.c.email), table.c.id).where(
                        sa.func.lower(table.c.email).in_(chunk)
                    )
                ).all()
            )
        customer_column, contact_column = _link_columns(customer_contacts, "customer")
        linked = set()
        for chunk in _chunks(list(contact_ids.values())):
            linked.update(
                (customer_id, contact_id)
                for customer_id, contact_id in self.session.execute(
                    sa.select(customer_column, contact_column).where(contact_column.in_(chunk))
                )
            )
        links = [
            {customer_column.name: ids[code], contact_column.name: contact_ids[email]}
            for email, wanted in self.contacts.items()
            for code in wanted["customers"]
            if (ids[code], contact_ids[email]) not in linked
        ]
        for chunk in _chunks(links):
            self.session.execute(customer_contacts.insert(), chunk)
        counts["contacts_linked"] = len(links)
        return counts

    def _apply_addresses(self, ids: dict[str, int]) -> dict[str, int]:
        counts = {"addresses_created": 0, "addresses_updated": 0}
        if not self.addresses:
            return counts
        table = Address.__table__
        customer_ids = {ids[code] for code, _name in self.addresses}
        stored: dict[tuple[int, str], list] = {}
        for chunk in _chunks(sorted(customer_ids)):
            for row in self.session.execute(
                sa.select(table).where(table.c.customer_id.in_(chunk))
            ).mappings():
                stored.setdefault((row["customer_id"], row["name"].casefold()), []).append(row)
        fields = [f for c, f in _ADDRESS_FIELDS.items() if c in self.columns]
        inserts, updates = [], []
        for (code, folded), wanted in self.addresses.items():
            values = {"name": wanted["name"], **{f: wanted.get(f) for f in fields}}
            rows = stored.get((ids[code], folded))
            if not rows:
                values.setdefault("kind", "both")
                values.setdefault("country", "FR")
                inserts.append({"customer_id": ids[code], **values})
                continue
            row = rows[0]
            changed = {f: v for f, v in values.items() if row[f] != v}
            if changed:
                updates.append({"address_id": row["id"], **changed})
        for group in _by_keys(inserts):
            for chunk in _chunks(group):
                self.session.execute(table.insert(), chunk)
        for group in _by_keys(updates):
            names = [k for k in group[0] if k != "address_id"]
            statement = (
                table.update()
                .where(table.c.id == sa.bindparam("address_id"))
                .values({name: sa.bindparam(f"new_{name}") for name in names})
            )
            for chunk in _chunks(group):
                self.session.execute(
                    statement,
                    [
                        {"address_id": i["address_id"], **{f"new_{n}": i[n] for n in names}}
                        for i in chunk
                    ],
                )
        counts["addresses_created"], counts["addresses_updated"] = len(inserts), len(updates)
        return counts


def _link_columns(table: sa.Table, first: str) -> tuple[sa.Column, sa.Column]:
    """The association table's column pointing at `first`'s table, then the other."""
    mine = next(c for c in table.columns if next(iter(c.foreign_keys)).column.table.name == first)
    other = next(c for c in table.columns if c is not mine)
    return mine, other


def _by_keys(items: list[dict]) -> list[list[dict]]:
    groups: dict[tuple, list[dict]] = {}
    for item in items:
        groups.setdefault(tuple(sorted(item)), []).append(item)
    return list(groups.values())


def _chunks(items: list) -> Iterable[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _split_list(value: str) -> list[str]:
    separator = ";" if ";" in value else ","
    return [part.strip() for part in value.split(separator) if part.strip()]


def _too_long(length: int) -> str:
    return _("Write at most %(num)d characters.", num=length)


def _choice(value: str, allowed: tuple[str, ...]) -> str:
    folded = value.strip().casefold()
    if folded in allowed:
        return folded
    raise cells.CellRefused(
        _("%(value)s is not one of: %(allowed)s.", value=value, allowed=", ".join(allowed))
    )


def _country(value: str) -> str:
    code = value.strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise cells.CellRefused(_("Give the country as a two-letter code, such as FR or BE."))
    return code


def _language(value: str) -> str:
    code = value.strip().lower()
    if code not in LANGUAGES:
        raise cells.CellRefused(
            _("%(value)s is not one of: %(allowed)s.", value=value, allowed=", ".join(LANGUAGES))
        )
    return code


def _email(value: str) -> str:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError:
        raise cells.CellRefused(
            _("%(value)s is not an email address such as name@company.com.", value=value)
        ) from None
    return value.strip().lower()


def import_customer_rows(
    session: Session,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    columns: Collection[str] = COLUMNS,
    user: Any = None,
) -> tuple[list[RowProblem], Counts | None]:
    """Check every row; apply them all when none has a problem (in the caller's transaction)."""
    reader = CustomerFile(session, columns, user)
    problems: list[RowProblem] = []
    for number, values in rows:
        problems.extend(reader.read_row(number, values))
    if problems:
        return problems, None
    return problems, reader.apply()
