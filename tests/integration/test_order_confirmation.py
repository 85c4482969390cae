"""The order confirmation PDF: in the customer's language, downloadable by whoever may see the
order (the company's administrators, the buyer who placed it, the seller's staff who may open it)
and by no one else (404)."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import sqlalchemy as sa
from pypdf import PdfReader

from app.documents.order_confirmation import order_confirmation_pdf
from app.extensions import db
from app.generated.models import Customer, OrderLine, SalesOrder
from tests.integration.records import user
from tests.portal import make_contact, make_customer, portal_login, portal_logout, shop_settings

BOSS = "ewa.kowalska@szkola.example"
BUYER = "jan.nowak@szkola.example"
STRANGER = "paul.martin@ailleurs.example"
GREEK_NAME = "Αλέξανδρος"


def pdf_text(body: bytes) -> str:
    """The text of every page, with Babel's no-break spaces read as plain ones."""
    reader = PdfReader(io.BytesIO(body))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return text.replace("\u00a0", " ").replace("\u202f", " ")


def _order(app, customer_id: int, contact_id: int, reference: str = "CLASSE-4B") -> str:
    """An order of 1,000 notebooks at 12.00 less 10 %, 5.5 % VAT, 8.50 shipping; its number."""
    with app.app_context():
        order = SalesOrder(
            customer_id=customer_id,
            contact_id=contact_id,
            status="confirmed",
            placed_at=datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC),
            reference="BC-2026-77",
            cost_centre="CDI",
            payment_method="on_invoice",
            requested_delivery_date=datetime.date(2026, 3, 12),
            shipping_address="Szkoła Podstawowa nr 5\nul. Piotrkowska 12\n90-001 Łódź\nPL",
            billing_address="Urząd Miasta Łodzi\nul. Piotrkowska 104\n90-926 Łódź\nPL",
            shipping_fee=Decimal("8.50"),
            net_total=Decimal("10808.50"),
            vat_total=Decimal("594.47"),
            gross_total=Decimal("11402.97"),
            customer_note="Livraison au CDI, porte B.",
            lines=[
                OrderLine(
                    sku="NOV-002",
                    description="Cahier à spirale A4",
                    quantity=1000,
                    unit_price=Decimal("12.00"),
                    discount_percent=Decimal("10"),
                    vat_rate=Decimal("5.50"),
                    line_reference=reference,
                    budget_code="BUD-2026",
                )
            ],
        )
        db.session.add(order)
        db.session.commit()
        return order.number


def _school(app, **values):
    shop_settings(app, default_language="en")
    school = make_customer(
        app, "PL05", name="Szkoła Podstawowa nr 5 w Łodzi", language="pl", **values
    )
    boss = make_contact(app, school, BOSS, company_role="administrator", language="fr")
    buyer = make_contact(app, school, BUYER, first_name=GREEK_NAME, language="fr")
    return school, boss, buyer


def test_the_confirmation_is_a_pdf_in_the_customers_language_with_lines_and_totals(app, client):
    school, boss, buyer = _school(app)
    number = _order(app, school.id, buyer.id)
    portal_login(client, BUYER)
    page = client.get(f"/portal/orders/{number}").get_data(as_text=True)
    assert f"/portal/orders/{number}/confirmation.pdf" in page
    response = client.get(f"/portal/orders/{number}/confirmation.pdf")
    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert f'filename="order-{number}.pdf"' in response.headers["Content-Disposition"]
    assert "no-store" in response.headers["Cache-Control"]
    text = pdf_text(response.data)
    assert number in text
    assert "CLASSE-4B" in text and "BUD-2026" in text
    # French, the contact's language: dates and amounts in its format, the shop's currency.
    assert "5 mars 2026" in text and "12 mars 2026" in text
    assert "10 800,00 €" in text  # the line total
    assert "8,50 €" in text  # shipping
    assert "10 808,50 €" in text and "594,47 €" in text and "11 402,97 €" in text
    assert "5,5 %" in text and "10 %" in text
    # Polish and Greek text is written as it is, not refused by a Latin-1 font.
    assert "Szkoła Podstawowa nr 5 w Łodzi" in text
    assert GREEK_NAME in text
    assert "90-926 Łódź" in text
    assert "BC-2026-77" in text and "CDI" in text


def test_an_administrator_downloads_every_order_of_the_company(app, client):
    school, boss, buyer = _school(app)
    number = _order(app, school.id, buyer.id)
    portal_login(client, BOSS)
    response = client.get(f"/portal/orders/{number}/confirmation.pdf")
    assert response.status_code == 200
    assert number in pdf_text(response.data)


def test_a_buyer_cannot_download_a_colleagues_confirmation(app, client):
    school, boss, buyer = _school(app)
    colleague = make_contact(app, school, "marta.zielinska@szkola.example", language="pl")
    theirs = _order(app, school.id, colleague.id)
    portal_login(client, BUYER)
    assert client.get(f"/portal/orders/{theirs}/confirmation.pdf").status_code == 404
    assert client.get("/portal/orders/2099-999999/confirmation.pdf").status_code == 404


def test_another_companys_contact_gets_a_404(app, client):
    school, boss, buyer = _school(app)
    number = _order(app, school.id, buyer.id)
    other = make_customer(app, "FR09", name="Librairie Ailleurs", language="fr")
    make_contact(app, other, STRANGER, company_role="administrator")
    portal_login(client, STRANGER)
    assert client.get(f"/portal/orders/{number}/confirmation.pdf").status_code == 404
    portal_logout(client)
    # Not logged in: the portal's login page, never the document.
    response = client.get(f"/portal/orders/{number}/confirmation.pdf")
    assert response.status_code == 302 and "/portal/login" in response.location


def _order_pk(app, number: str) -> int:
    with app.app_context():
        return db.session.scalar(sa.select(SalesOrder.id).where(SalesOrder.number == number))


def test_staff_who_may_show_the_order_download_it_from_its_page(app, client, auth):
    school, boss, buyer = _school(app)
    pk = _order_pk(app, _order(app, school.id, buyer.id))
    for username in ("admin", "desk"):
        auth.login(username)
        page = client.get(f"/salesorderview/show/{pk}").get_data(as_text=True)
        assert f"/salesorderview/confirmation/{pk}.pdf" in page
        response = client.get(f"/salesorderview/confirmation/{pk}.pdf")
        assert response.status_code == 200, username
        assert "11 402,97 €" in pdf_text(response.data)
        auth.logout()


def test_a_sales_rep_downloads_only_their_customers_confirmations(app, client, auth):
    school, boss, buyer = _school(app)
    with app.app_context():
        db.session.get(Customer, school.id).sales_rep = user(db.session, "rep1")
        db.session.commit()
    pk = _order_pk(app, _order(app, school.id, buyer.id))
    auth.login("rep1")
    assert client.get(f"/salesorderview/confirmation/{pk}.pdf").status_code == 200
    auth.logout()
    auth.login("rep2")
    assert client.get(f"/salesorderview/confirmation/{pk}.pdf").status_code == 404
    auth.logout()


def test_roles_without_the_order_screen_get_no_confirmation(app, client, auth):
    school, boss, buyer = _school(app)
    pk = _order_pk(app, _order(app, school.id, buyer.id))
    auth.login("catalogue")
    response = client.get(f"/salesorderview/confirmation/{pk}.pdf")
    assert response.status_code in (302, 403)
    assert response.mimetype != "application/pdf"
    auth.logout()
    # A portal contact has no back-office access at all.
    portal_login(client, BOSS)
    response = client.get(f"/salesorderview/confirmation/{pk}.pdf")
    assert response.status_code in (302, 403)
    assert response.mimetype != "application/pdf"


def test_the_language_falls_back_to_the_customers_then_the_shops(app, session):
    customer = Customer(code="DE01", name="Bücherei Köln", country="DE", language="de")
    session.add(customer)
    session.flush()
    order = SalesOrder(
        customer=customer,
        status="placed",
        placed_at=datetime.datetime(2026, 3, 5, 10, 0, tzinfo=datetime.UTC),
        payment_method="prepayment",
        shipping_address="Bücherei Köln\nDomplatz 1\n50667 Köln",
        shipping_fee=Decimal("0"),
        net_total=Decimal("1234.50"),
        vat_total=Decimal("86.42"),
        gross_total=Decimal("1320.92"),
        lines=[
            OrderLine(
                sku="B-1",
                description="Ωραία βιβλία",
                quantity=1,
                unit_price=Decimal("1234.50"),
                vat_rate=Decimal("7"),
            )
        ],
    )
    session.add(order)
    session.flush()
    text = pdf_text(order_confirmation_pdf(session, order))
    assert "1.320,92 €" in text  # German: no contact, the customer's language
    assert "Ωραία βιβλία" in text
    customer.language = None
    text = pdf_text(order_confirmation_pdf(session, order))
    assert "€1,320.92" in text  # neither: the shop's (English)
    session.rollback()
