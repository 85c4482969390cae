"""Customers, their contacts and addresses, read from rows of a spreadsheet."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain.customer_import import COLUMNS, import_customer_rows
from app.generated.models import Address, Contact, Customer, CustomerGroup, CustomerTag, PriceLevel


@pytest.fixture
def references(session):
    session.add_all(
        [
            CustomerGroup(name="Schools"),
            PriceLevel(code="WHOLESALE", name="Wholesale"),
            CustomerTag(name="Key account"),
            CustomerTag(name="Library"),
        ]
    )
    session.flush()


def _rows(*rows: dict) -> list[tuple[int, dict]]:
    return [(number, row) for number, row in enumerate(rows, start=2)]


def _customer(**changes) -> dict:
    return {
        "code": "C001",
        "name": "Librairie Lefèvre",
        "status": "active",
        "group": "Schools",
        "price_level": "WHOLESALE",
        "tags": "Key account; Library",
        "vat_number": "FR40303265045",
        "country": "FR",
        "language": "fr",
        "email": "Contact@Lefevre.example",
        "credit_limit": "1 500,50",
        "payment_days": "30",
        **changes,
    }


def _contact(**changes) -> dict:
    return {
        "contact_email": "anne@lefevre.example",
        "contact_first_name": "Anne",
        "contact_last_name": "Lefèvre",
        "contact_role": "administrator",
        **changes,
    }


def _address(**changes) -> dict:
    return {
        "address_name": "Head office",
        "address_kind": "both",
        "address_line1": "3 rue des Lilas",
        "address_postcode": "69003",
        "address_city": "Lyon",
        "address_country": "fr",
        "address_default_shipping": "oui",
        **changes,
    }


def test_customers_with_contacts_and_addresses_are_created(session, references):
    problems, counts = import_customer_rows(
        session,
        _rows(
            {**_customer(), **_contact(), **_address()},
            {
                "code": "C001",
                **_contact(
                    contact_email="bob@lefevre.example",
                    contact_first_name="Bob",
                    contact_role="buyer",
                ),
            },
            {
                **_customer(code="C002", name="École Jules Verne", tags="", vat_number=""),
                **_contact(),
            },
        ),
    )
    assert problems == []
    assert (counts.created, counts.updated) == (2, 0)
    assert counts.details["contacts_created"] == 2 and counts.details["contacts_linked"] == 3
    customer = session.scalars(sa.select(Customer).where(Customer.code == "C001")).one()
    assert customer.group.name == "Schools" and customer.price_level.code == "WHOLESALE"
    assert sorted(tag.name for tag in customer.tags) == ["Key account", "Library"]
    assert (
        customer.credit_limit == Decimal("1500.50") and customer.email == "contact@lefevre.example"
    )
    anne = session.scalars(sa.select(Contact).where(Contact.email == "anne@lefevre.example")).one()
    assert sorted(c.code for c in anne.customers) == ["C001", "C002"]
    # Contact records as the back office makes them: invited, no login until invited.
    assert (anne.status, anne.user, anne.company_role, anne.may_manage_users) == (
        "invited",
        None,
        "administrator",
        True,
    )
    address = session.scalars(sa.select(Address)).one()
    assert (address.customer.code, address.city, address.country, address.default_shipping) == (
        "C001",
        "Lyon",
        "FR",
        True,
    )


def test_reimporting_the_same_customer_file_changes_nothing(session, references):
    rows = _rows({**_customer(), **_contact(), **_address()})
    import_customer_rows(session, rows)
    problems, counts = import_customer_rows(session, rows)
    assert problems == []
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 1)
    assert set(counts.details.values()) == {0}


def test_a_customer_update_changes_only_the_columns_the_file_has(session, references):
    import_customer_rows(session, _rows(_customer()))
    problems, counts = import_customer_rows(
        session, _rows({"code": "C001", "name": "Lefèvre & fils"}), columns=("code", "name")
    )
    assert problems == [] and counts.updated == 1
    customer = session.scalars(sa.select(Customer)).one()
    assert (customer.name, customer.group.name, len(customer.tags)) == (
        "Lefèvre & fils",
        "Schools",
        2,
    )


def test_a_customer_file_with_an_invalid_vat_number_applies_nothing(session, references):
    problems, counts = import_customer_rows(
        session,
        _rows(
            {**_customer(code="C002", vat_number=""), **_contact()},
            _customer(vat_number="FR00000000001"),
        ),
    )
    assert counts is None
    assert [(p.row, p.column) for p in problems] == [(3, "vat_number")]
    assert problems[0].message.startswith("FR00000000001 is not a valid VAT number for France")
    for model in (Customer, Contact, Address):
        assert session.scalar(sa.select(sa.func.count()).select_from(model)) == 0


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"code": ""}, "code", "Give the customer's code."),
        ({"name": ""}, "name", "Give the company name of the new customer C002."),
        ({"group": "Shops"}, "group", "No customer group is called Shops."),
        ({"price_level": "RETAIL"}, "price_level", "No price level has the code RETAIL."),
        ({"tags": "VIP"}, "tags", "No customer tag is called VIP."),
        ({"sales_rep": "nobody"}, "sales_rep", "No user has the login or email nobody."),
        (
            {"status": "asleep"},
            "status",
            "asleep is not one of: pending, active, suspended, inactive.",
        ),
        (
            {"country": "France"},
            "country",
            "Give the country as a two-letter code, such as FR or BE.",
        ),
        ({"language": "it"}, "language", "it is not one of: en, fr, nl, es, de."),
        ({"email": "nope"}, "email", "nope is not an email address such as name@company.com."),
        ({"website": "lefevre.example"}, "website", "Write the website's address with https://."),
        ({"payment_days": "400"}, "payment_days", "Payment terms are 0 to 365 days."),
        ({"credit_limit": "-5"}, "credit_limit", "An amount cannot be negative."),
        ({"credit_limit": "lots"}, "credit_limit", "lots is not a number."),
        ({"code": "C" * 33}, "code", "Write at most 32 characters."),
        (
            {"contact_email": "anne@"},
            "contact_email",
            "anne@ is not an email address such as name@company.com.",
        ),
        (
            {"contact_email": ""},
            "contact_email",
            "Give the contact's email: it tells contacts apart.",
        ),
        (
            {"contact_last_name": ""},
            "contact_last_name",
            "Give the contact's first and last names.",
        ),
        ({"contact_role": "boss"}, "contact_role", "boss is not one of: administrator, buyer."),
        (
            {"address_name": ""},
            "address_name",
            "Give the address's name: it tells addresses apart.",
        ),
        ({"address_city": ""}, "address_city", "Give the address's street, postcode and city."),
        ({"address_kind": "home"}, "address_kind", "home is not one of: shipping, billing, both."),
        (
            {"address_kind": "billing"},
            "address_default_shipping",
            "A billing-only address cannot be the default shipping address.",
        ),
        (
            {"address_default_shipping": "perhaps"},
            "address_default_shipping",
            "perhaps is neither yes nor no.",
        ),
    ],
)
def test_a_bad_customer_row_is_reported_and_nothing_is_applied(
    session, references, changes, column, message
):
    good = {**_customer(), **_contact(), **_address()}
    second = {
        **_customer(code="C002", vat_number=""),
        **_contact(contact_email="x@y.example"),
        **_address(),
        **changes,
    }
    problems, counts = import_customer_rows(session, _rows(good, second))
    assert counts is None
    assert [(p.row, p.column, p.message) for p in problems] == [(3, column, message)]
    assert session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 0


def test_a_customers_later_rows_may_not_contradict_the_first(session, references):
    problems, _counts = import_customer_rows(
        session, _rows(_customer(), {"code": "C001", "name": "Another name"})
    )
    assert [(p.row, p.column) for p in problems] == [(3, "name")]
    assert "another value here than on row 2" in problems[0].message


def test_the_same_contact_or_address_twice_for_a_customer_is_refused(session, references):
    problems, _counts = import_customer_rows(
        session,
        _rows(
            {**_customer(), **_contact(), **_address()},
            {"code": "C001", **_contact(), **_address(address_name="HEAD OFFICE")},
        ),
    )
    assert [(p.row, p.column) for p in problems] == [(3, "contact_email"), (3, "address_name")]


def test_a_sales_rep_updates_their_customers_only_and_creates_none(session, references, app):
    rep1, rep2 = (app.appbuilder.sm.find_user(username=name) for name in ("rep1", "rep2"))
    session.add_all(
        [
            Customer(code="C001", name="Mine", sales_rep_id=rep1.id, country="FR"),
            Customer(code="C002", name="Theirs", sales_rep_id=rep2.id, country="FR"),
        ]
    )
    session.flush()
    problems, _counts = import_customer_rows(
        session,
        _rows(
            {"code": "C001", "name": "Mine"},
            {"code": "C002", "name": "X"},
            {"code": "C003", "name": "Y"},
        ),
        columns=("code", "name"),
        user=rep1,
    )
    assert [(p.row, p.column) for p in problems] == [(3, "code"), (4, "code")]
    assert problems[0].message == "The customer C002 is not one of yours."


def test_every_column_is_known(session, references):
    problems, counts = import_customer_rows(
        session, _rows({**_customer(), **_contact(), **_address()}), columns=COLUMNS
    )
    assert problems == [] and counts.created == 1
