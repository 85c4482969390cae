"""Bad input on the back-office forms: a clear message next to the field, the form shown again
with what was typed, and nothing written.

Forms are posted as a browser posts them: every input, blanks included.
"""

from __future__ import annotations

import html
import re

import pytest
import sqlalchemy as sa

from app.generated.models import Article, Contact, Customer
from tests.conftest import csrf_token
from tests.integration.records import count, make_row


def customer_form(**changes) -> dict[str, str]:
    form = {
        "code": "C-NEW",
        "name": "New Books",
        "vat_number": "",
        "status": "active",
        "group": "__None",
        "sales_rep": "__None",
        "country": "FR",
        "language": "",
        "email": "",
        "phone": "",
        "website": "",
        "credit_limit": "",
        "payment_days": "",
        "customer_since": "",
        "last_order_at": "",
        "private_message": "",
        # The conditions the customer takes from its group unless told otherwise.
        **dict.fromkeys(
            ("pay_after_delivery", "pay_on_invoice", "order_unit", "hide_prices", "vat_exempt"),
            "group",
        ),
        "purchasable": "all",
    }
    return {**form, **changes}


def article_form(**changes) -> dict[str, str]:
    form = {
        "sku": "SKU-NEW",
        "name": "New book",
        "description": "",
        "status": "draft",
        "family": "__None",
        "base_price": "12.50",
        "vat_rate": "5.5",
        "minimum_quantity": "1",
        "unit": "piece",
        "weight": "",
        "ean": "",
        "publication_date": "",
        "attributes": "",
        **{f"{f}_{lang}": "" for f in ("name", "description") for lang in ("fr", "nl", "es", "de")},
    }
    return {**form, **changes}


def contact_form(**changes) -> dict[str, str]:
    form = {
        "first_name": "Ann",
        "last_name": "Lee",
        "email": "ann@example.com",
        "phone": "",
        "department": "",
        "company_role": "buyer",
        "status": "invited",
        "language": "",
        "order_limit": "",
    }
    return {**form, **changes}


def field_errors(body: str, name: str) -> str:
    """The message Flask-AppBuilder prints under the input `name` ('' when none)."""
    start = body.index(f'id="{name}"')
    help_block = body.index('<span class="help-block">', start)
    after = body[body.index("</span>", help_block) + len("</span>") :]
    match = re.match(r'\s*<div class="alert alert-danger">(.*?)</div>', after, re.S)
    return html.unescape(" ".join(match.group(1).split())) if match else ""


def post(client, url: str, data: dict):
    return client.post(url, data={**data, "csrf_token": csrf_token(client, url)})


BAD_CUSTOMERS = [
    pytest.param({"email": "not-an-email"}, "email", "Invalid email address.", id="email"),
    pytest.param(
        {"code": "C-TAKEN"}, "code", "Already used by Librairie Dupont.", id="duplicate-code"
    ),
    pytest.param(
        {"vat_number": "FR12345678901", "country": "FR"},
        "vat_number",
        "FR12345678901 is not a valid VAT number for France: its check digits do not match.",
        id="vat-number-check-digits",
    ),
    pytest.param(
        {"vat_number": "BE04030192", "country": "BE"},
        "vat_number",
        "BE04030192 is not a valid VAT number for Belgium: it has the wrong number of characters.",
        id="vat-number-length-for-the-country",
    ),
    pytest.param(
        {"credit_limit": "-0.01"},
        "credit_limit",
        "Number must be at least 0.",
        id="negative-credit-limit",
    ),
    pytest.param(
        {"credit_limit": "lots"},
        "credit_limit",
        "Not a valid decimal value. Number must be at least 0.",
        id="text-for-money",
    ),
    pytest.param(
        {"payment_days": "366"},
        "payment_days",
        "Number must be between 0 and 365.",
        id="payment-days-over-365",
    ),
    pytest.param(
        {"code": "C" * 33},
        "code",
        "Field cannot be longer than 32 characters.",
        id="code-over-max-length",
    ),
    pytest.param(
        {"private_message": "x" * 2001},
        "private_message",
        "Field cannot be longer than 2000 characters.",
        id="text-over-max-length",
    ),
    pytest.param({"website": "example"}, "website", "Invalid URL.", id="url"),
    pytest.param(
        {"phone": "call me"},
        "phone",
        "Enter a phone number: digits, spaces and + ( ) . - / only, 6 to 32 characters.",
        id="phone",
    ),
    pytest.param({"name": ""}, "name", "This field is required.", id="missing-name"),
    pytest.param({"status": "closed"}, "status", "Not a valid choice.", id="unknown-status"),
    pytest.param(
        {"customer_since": "31/02/2024"}, "customer_since", "Not a valid date value.", id="date"
    ),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_CUSTOMERS)
def test_bad_customer_is_refused_with_a_message_next_to_the_field(
    client, auth, session, change, field, message
):
    make_row(session, "customer", code="C-TAKEN", name="Librairie Dupont")
    session.commit()
    auth.login("admin")
    response = post(client, "/customerview/add", customer_form(**change))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert field_errors(body, field) == message
    assert 'value="New Books"' in body or field == "name"  # what was typed is kept
    assert count(session, "customer") == 1


@pytest.mark.parametrize(("change", "field", "message"), BAD_CUSTOMERS)
def test_bad_customer_edit_is_refused_and_changes_nothing(
    client, auth, session, change, field, message
):
    make_row(session, "customer", code="C-TAKEN", name="Librairie Dupont")
    row = make_row(session, "customer", code="C-MINE", name="Mine")
    session.commit()
    auth.login("admin")
    data = customer_form(**{"code": "C-MINE", "name": "Mine renamed", **change})
    response = post(client, f"/customerview/edit/{row.id}", data)
    assert response.status_code == 200
    assert field_errors(response.get_data(as_text=True), field) == message
    session.expire_all()
    assert (session.get(Customer, row.id).code, session.get(Customer, row.id).name) == (
        "C-MINE",
        "Mine",
    )


def test_customer_edit_keeps_its_own_code(client, auth, session):
    row = make_row(session, "customer", code="C-MINE", name="Mine")
    session.commit()
    auth.login("admin")
    response = post(
        client, f"/customerview/edit/{row.id}", customer_form(code="C-MINE", name="Mine renamed")
    )
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Customer, row.id).name == "Mine renamed"


def test_invalid_json_in_article_attributes_says_where(client, auth, session):
    auth.login("admin")
    response = post(client, "/articleview/add", article_form(attributes='{"colour": red}'))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert field_errors(body, "attributes") == (
        "Invalid JSON at line 1, column 12: Expecting value"
    )
    assert "{&#34;colour&#34;: red}" in body or '{"colour": red}' in html.unescape(body)
    assert count(session, "article") == 0


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        pytest.param(
            {"ean": "123"},
            "ean",
            "Field must be between 8 and 13 characters long.",
            id="ean-too-short",
        ),
        pytest.param(
            {"vat_rate": "120"}, "vat_rate", "Number must be between 0 and 100.", id="vat-over-100"
        ),
        pytest.param(
            {"minimum_quantity": "0"},
            "minimum_quantity",
            "Number must be at least 1.",
            id="minimum-quantity",
        ),
        pytest.param(
            {"name_fr": "x" * 201},
            "name_fr",
            "Field cannot be longer than 200 characters.",
            id="translation-too-long",
        ),
        pytest.param(
            {"sku": "SKU-TAKEN"}, "sku", "Already used by SKU-TAKEN Old atlas.", id="duplicate-sku"
        ),
        pytest.param(
            {"ean": "9782070360245"},
            "ean",
            "Not a valid EAN or ISBN: the check digit does not match.",
            id="ean-check-digit",
        ),
        pytest.param(
            {"slug": "Blue Notebook"},
            "slug",
            "Use lower-case letters and digits, words joined by hyphens: blue-notebook-a5.",
            id="slug",
        ),
    ],
)
def test_bad_article_is_refused_with_a_message_next_to_the_field(
    client, auth, session, change, field, message
):
    make_row(session, "article", sku="SKU-TAKEN", name="Old atlas")
    session.commit()
    auth.login("admin")
    response = post(client, "/articleview/add", article_form(**change))
    assert response.status_code == 200
    assert field_errors(response.get_data(as_text=True), field) == message
    assert count(session, "article") == 1


def test_article_without_an_ean_is_saved(client, auth, session):
    """A blank EAN is no EAN: the database's minimum length applies only to one given."""
    auth.login("admin")
    response = post(client, "/articleview/add", article_form())
    assert response.status_code == 302
    article = session.scalars(sa.select(Article)).one()
    assert article.ean is None


def test_blank_article_attributes_are_stored_as_sql_null(client, auth, session):
    auth.login("admin")
    assert post(client, "/articleview/add", article_form()).status_code == 302
    stored = session.execute(sa.text("SELECT attributes IS NULL FROM article")).scalar_one()
    assert stored in (True, 1)


def test_blank_optional_inputs_are_stored_as_empty(client, auth, session):
    auth.login("admin")
    assert post(client, "/customerview/add", customer_form()).status_code == 302
    row = session.scalars(sa.select(Customer)).one()
    assert (row.email, row.vat_number, row.phone, row.website, row.private_message) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_second_contact_with_the_same_email_is_refused_naming_the_first(client, auth, session):
    auth.login("admin")
    assert post(client, "/contactview/add", contact_form()).status_code == 302
    response = post(client, "/contactview/add", contact_form(department="Purchasing"))
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert field_errors(body, "email") == "Already used by Ann Lee."
    assert 'value="Purchasing"' in body
    assert session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 1


def test_second_budget_with_the_same_code_for_a_customer_is_refused_on_the_form(
    client, auth, session
):
    """unique_together: the message names every field of the pair, on the first of them."""
    customer = make_row(session, "customer", name="Bibliothèque de Lyon")
    other = make_row(session, "customer", name="Bibliothèque de Gand")
    session.commit()
    budget = {
        "customer": str(customer.id),
        "code": "2027-FICTION",
        "name": "",
        "total": "5000",
        "remaining": "5000",
        "default_discount": "9",
        "fixed_price_discount": "5",
        "fixed_price_months": "24",
    }
    auth.login("admin")
    assert post(client, "/librarybudgetview/add", budget).status_code == 302
    response = post(client, "/librarybudgetview/add", {**budget, "name": "Again"})
    assert response.status_code == 200
    assert field_errors(response.get_data(as_text=True), "customer") == (
        "Another record already has the same Customer, Budget code."
    )
    other_customer = {**budget, "customer": str(other.id)}
    assert post(client, "/librarybudgetview/add", other_customer).status_code == 302
    assert count(session, "library_budget") == 2


def test_contact_edit_keeps_its_own_name_and_email(client, auth, session):
    row = make_row(session, "contact", first_name="Ann", last_name="Lee", email="ann@example.com")
    session.commit()
    auth.login("admin")
    response = post(client, f"/contactview/edit/{row.id}", contact_form(department="Sales"))
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Contact, row.id).department == "Sales"


def test_database_refusal_on_a_screen_shows_no_sql(client, auth, session, monkeypatch):
    """Should the database still refuse a save (two people saving at once), the message is plain."""
    from app.backoffice import views

    monkeypatch.setattr(views, "unique_conflicts", lambda *args, **kwargs: {})
    auth.login("admin")
    assert post(client, "/contactview/add", contact_form()).status_code == 302
    response = post(client, "/contactview/add", contact_form())
    page = client.get(response.location).get_data(as_text=True)
    assert "The record could not be saved: it conflicts with another record." in page
    assert "INSERT" not in page and "IntegrityError" not in page
    assert session.scalar(sa.select(sa.func.count()).select_from(Contact)) == 1
