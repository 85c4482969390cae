"""Importing customers with their contacts and addresses: created or updated by code, contacts by
email (records only, invited, no login), addresses by name; the VAT number checked as the back
office does; nothing applied while a row is wrong; an export imported back changes nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain.imports.exporting import export_kind
from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.generated.models import Address, Contact, Customer, CustomerGroup, CustomerTag, PriceLevel
from tests.integration.imports_helpers import csv_file, run_file, xlsx_file

CUSTOMER = {
    "Customer code": "C001",
    "Company name": "Librairie Lefèvre",
    "Status": "active",
    "Customer group": "Schools",
    "Price level": "WHOLESALE",
    "Tags": "Key account; Library",
    "VAT number": "FR40303265045",
    "Country": "FR",
    "Language": "fr",
    "Main email": "Contact@Lefevre.example",
    "Credit limit": "1500.50",
    "Payment terms (days)": "30",
    "Payment on invoice": "allowed",
    "Prices": "hidden",
}
CONTACT = {
    "Contact email": "anne@lefevre.example",
    "Contact first name": "Anne",
    "Contact last name": "Lefèvre",
    "Contact role": "administrator",
}
ADDRESS = {
    "Address name": "Head office",
    "Address use": "both",
    "Street and number": "3 rue des Lilas",
    "Postcode": "69003",
    "City": "Lyon",
    "Address country": "fr",
    "Default shipping address": "yes",
}
BOB = {"Contact email": "bob@lefevre.example", "Contact first name": "Bob"}
HEADER = [*CUSTOMER, *CONTACT, *ADDRESS]


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
    session.commit()


def _table(*rows: dict, header=HEADER) -> list[list]:
    return [header] + [[row.get(h) for h in header] for row in rows]


def _count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


def test_customers_with_contacts_and_addresses_are_created(app, session, references, tmp_path):
    rows = _table(
        CUSTOMER | CONTACT | ADDRESS,
        {"Customer code": "C001"} | CONTACT | BOB | {"Contact role": "buyer"},
        CUSTOMER | {"Customer code": "C002", "Company name": "École Jules Verne", "Tags": None,
                    "VAT number": None} | CONTACT,
    )  # fmt: skip
    run = run_file(xlsx_file(tmp_path / "customers.xlsx", rows), "customers")
    # 2 customers, 2 contacts, 1 address
    assert (run.status, run.created_count, run.updated_count) == ("done", 5, 0), run.errors
    session.expire_all()
    customer = session.scalars(sa.select(Customer).where(Customer.code == "C001")).one()
    assert customer.group.name == "Schools" and customer.price_level.code == "WHOLESALE"
    assert sorted(tag.name for tag in customer.tags) == ["Key account", "Library"]
    assert customer.credit_limit == Decimal("1500.50")
    assert customer.email == "contact@lefevre.example"
    anne = session.scalars(sa.select(Contact).where(Contact.email == "anne@lefevre.example")).one()
    assert sorted(c.code for c in anne.customers) == ["C001", "C002"]
    # Contact records as the back office makes them: invited, no login until invited.
    assert (anne.status, anne.user, anne.company_role, anne.may_manage_users) == (
        "invited", None, "administrator", True
    )  # fmt: skip
    address = session.scalars(sa.select(Address)).one()
    assert (address.customer.code, address.city, address.country, address.default_shipping) == (
        "C001", "Lyon", "FR", True
    )  # fmt: skip


def test_a_customer_update_changes_only_the_columns_the_file_has(
    app, session, references, tmp_path
):
    run_file(csv_file(tmp_path / "first.csv", _table(CUSTOMER)), "customers")
    rows = [["Customer code", "Company name"], ["C001", "Lefèvre & fils"]]
    run = run_file(csv_file(tmp_path / "second.csv", rows), "customers")
    assert (run.status, run.updated_count, run.unchanged_count) == ("done", 1, 0)
    session.expire_all()
    customer = session.scalars(sa.select(Customer)).one()
    assert (customer.name, customer.group.name, len(customer.tags)) == (
        "Lefèvre & fils", "Schools", 2
    )  # fmt: skip


def test_a_customers_own_settings_are_imported_and_an_empty_cell_keeps_them(
    app, session, references, tmp_path
):
    run_file(csv_file(tmp_path / "first.csv", _table(CUSTOMER)), "customers")
    customer = session.scalars(sa.select(Customer)).one()
    assert (customer.pay_on_invoice, customer.hide_prices, customer.vat_exempt) == (
        "allowed", "hidden", "group"
    )  # fmt: skip
    rows = [["Customer code", "Prices", "VAT", "Order unit"], ["C001", None, "exempt", "pack"]]
    run = run_file(csv_file(tmp_path / "second.csv", rows), "customers")
    assert (run.status, run.updated_count) == ("done", 1), run.errors
    session.expire_all()
    assert (customer.hide_prices, customer.vat_exempt, customer.order_unit) == (
        "hidden", "exempt", "pack"
    )  # fmt: skip

    bad = [["Customer code", "Payment after delivery"], ["C001", "sometimes"]]
    refused = run_file(csv_file(tmp_path / "bad.csv", bad), "customers")
    assert refused.status == "invalid"
    [[row, column, reason]] = refused.errors
    assert (row, column) == (2, "Payment after delivery")
    assert reason.startswith("Unknown value sometimes: use one of group, allowed, refused")


def test_a_customer_file_with_an_invalid_vat_number_applies_nothing(
    app, session, references, tmp_path
):
    rows = _table(
        CUSTOMER | {"Customer code": "C002", "VAT number": None} | CONTACT | ADDRESS,
        CUSTOMER | {"VAT number": "FR00000000001"},
    )
    run = run_file(csv_file(tmp_path / "vat.csv", rows), "customers")
    assert run.status == "invalid"
    [(row, header, reason)] = run.errors
    assert (row, header) == (3, "VAT number")
    assert reason.startswith("FR00000000001 is not a valid VAT number for France")
    for model in (Customer, Contact, Address):
        assert _count(session, model) == 0


@pytest.mark.parametrize(
    ("cells", "header", "reason"),
    [
        ({"Customer code": None}, "Customer code", "A value is required."),
        ({"Company name": None}, "Company name",
         "Give the company name of the new customer C002."),
        ({"Customer group": "Shops"}, "Customer group", "No customer group is called Shops."),
        ({"Price level": "RETAIL"}, "Price level", "No price level has the code RETAIL."),
        ({"Tags": "VIP"}, "Tags", "No customer tag is called VIP."),
        ({"Status": "asleep"}, "Status",
         "Unknown value asleep: use one of pending, active, suspended, inactive."),
        ({"Country": "France"}, "Country",
         "Give the country as a two-letter code, such as FR or BE."),
        ({"Main email": "nope"}, "Main email",
         "nope is not an email address such as name@company.com."),
        ({"Payment terms (days)": "400"}, "Payment terms (days)", "Must be at most 365."),
        ({"Credit limit": "-5"}, "Credit limit", "Must be at least 0."),
        ({"Contact email": None}, "Contact email",
         "Give the contact's email: it tells contacts apart."),
        ({"Contact last name": None}, "Contact last name",
         "Give the contact's first and last names."),
        ({"Address name": None}, "Address name",
         "Give the address's name: it tells addresses apart."),
        ({"City": None}, "City", "Give the address's street, postcode and city."),
        ({"Address use": "billing"}, "Default shipping address",
         "A billing-only address cannot be the default shipping address."),
        ({"Default shipping address": "perhaps"}, "Default shipping address",
         "Write yes or no (or 1 or 0), not perhaps."),
    ],
)  # fmt: skip
def test_a_bad_customer_row_is_reported_and_nothing_is_applied(
    app, session, references, tmp_path, cells, header, reason
):
    good = CUSTOMER | CONTACT | ADDRESS
    second = good | {"Customer code": "C002", "VAT number": None, "Contact email": "x@y.example"}
    run = run_file(csv_file(tmp_path / "bad.csv", _table(good, second | cells)), "customers")
    assert (run.status, run.errors) == ("invalid", [[3, header, reason]])
    assert _count(session, Customer) == 0


def test_a_customers_rows_agree_and_a_contact_or_address_appears_once(
    app, session, references, tmp_path
):
    rows = _table(
        CUSTOMER | CONTACT | ADDRESS,
        {"Customer code": "C001", "Company name": "Another name"},
        {"Customer code": "C001"} | CONTACT,
        {"Customer code": "C001"} | ADDRESS | {"Address name": "HEAD OFFICE"},
    )
    run = run_file(csv_file(tmp_path / "twice.csv", rows), "customers")
    assert run.errors == [
        [3, "Company name", "The customer C001 has another value here than on its first row."],
        [4, "Contact email", "anne@lefevre.example is already a contact of C001 in this file."],
        [5, "Address name", "C001 already has an address called HEAD OFFICE in this file."],
    ]


def test_a_sales_rep_updates_their_own_customers_and_creates_none(
    app, session, references, tmp_path
):
    sm = app.appbuilder.sm
    rep1, rep2 = sm.find_user(username="rep1"), sm.find_user(username="rep2")
    session.add_all(
        [
            Customer(code="C001", name="Mine", sales_rep_id=rep1.id, country="FR"),
            Customer(code="C002", name="Theirs", sales_rep_id=rep2.id, country="FR"),
        ]
    )
    session.commit()
    rows = [["Customer code", "Company name"], ["C001", "Mine"], ["C002", "X"], ["C003", "Y"]]
    run = run_file(csv_file(tmp_path / "rep.csv", rows), "customers", user_id=rep1.id)
    assert run.errors == [
        [3, "Customer code", "The customer C002 is not one of yours."],
        [4, "Customer code",
         "No customer has the code C003, and your role may not create customers."],
    ]  # fmt: skip


def test_a_sales_reps_export_holds_their_own_customers(app, session, references, tmp_path):
    sm = app.appbuilder.sm
    rep1, rep2 = sm.find_user(username="rep1"), sm.find_user(username="rep2")
    session.add_all(
        [
            Customer(code="C001", name="Mine", sales_rep_id=rep1.id, country="FR"),
            Customer(code="C002", name="Theirs", sales_rep_id=rep2.id, country="FR"),
        ]
    )
    session.commit()
    exported = tmp_path / "mine.csv"
    with db.engine.connect() as connection:
        written = export_kind(connection, kind_named("customers"), exported, "csv", user=rep1)
    assert written == 1
    assert "Mine" in exported.read_text("utf-8-sig")
    assert "Theirs" not in exported.read_text("utf-8-sig")


@pytest.mark.parametrize("format_", ["xlsx", "csv"])
def test_the_list_of_all_customers_exported_and_imported_back_changes_nothing(
    app, session, references, tmp_path, format_
):
    rows = _table(
        CUSTOMER | CONTACT | ADDRESS,
        {"Customer code": "C001"} | CONTACT | BOB,
        {"Customer code": "C001"} | ADDRESS | {"Address name": "Warehouse", "Address use":
                                               "shipping", "Default shipping address": "no"},
        CUSTOMER | {"Customer code": "C002", "VAT number": None, "Tags": None} | CONTACT,
        {"Customer code": "C003", "Company name": "Nobody's shop"},
    )  # fmt: skip
    first = run_file(csv_file(tmp_path / "customers.csv", rows), "customers")
    assert first.status == "done", first.errors
    exported = tmp_path / f"export.{format_}"
    with db.engine.connect() as connection:
        written = export_kind(connection, kind_named("customers"), exported, format_)
    assert written == 4  # C001 with two contacts and two addresses on two rows, C002, C003
    run = run_file(exported, "customers")
    # 3 customers, 2 contacts, 2 addresses
    assert (run.status, run.created_count, run.updated_count, run.unchanged_count) == (
        "done", 0, 0, 7
    ), run.errors  # fmt: skip
