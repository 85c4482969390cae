"""The order desk in the back office (app/backoffice/orders.py over app/domain/order_status.py),
through the test client, on SQLite and, with TEST_DATABASE_URL, PostgreSQL: new orders first,
the order's page and its buttons, cancelling gives back stock and budget, delivery terms only
before confirmation, the buyer's mails through the outbox to a real SMTP server, who may see and
act on which order, and CSRF."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain.cart import add_to_cart
from app.domain.checkout import CheckoutChoices, place_order
from app.domain.shopper import shopper_for
from app.extensions import db
from app.generated.models import (
    Contact,
    Customer,
    CustomerEvent,
    LibraryBudget,
    SalesOrder,
    StockLevel,
)
from tests.conftest import Auth, app_speaking, csrf_token
from tests.portal import portal_login, read, text
from tests.shop import BUYER, STRANGER, make_shop

D = Decimal
DESK = "/salesorderview"
IN_THREE_DAYS = datetime.date.today() + datetime.timedelta(days=3)


@pytest.fixture
def shop(app):
    shop = make_shop(app)
    with app.app_context():
        sm = app.appbuilder.sm
        db.session.get(Customer, shop.customer_id).sales_rep_id = sm.find_user("rep1").id
        db.session.get(Customer, shop.other_customer_id).sales_rep_id = sm.find_user("rep2").id
        warehouse_id = db.session.get(Customer, shop.customer_id).default_warehouse_id
        db.session.add(
            StockLevel(
                warehouse_id=warehouse_id,
                article_id=shop.articles["NOV-001"],
                on_hand=40,
                reserved=5,
            )
        )
        db.session.commit()
    return shop


def place(app, shop, key="desk-key-0000000000001", **split) -> tuple[int, str]:
    """An order of the buyer of Library One, placed through the checkout: 3 × NOV-001 on the
    YOUTH budget (its discount applies), 2 × NOV-002."""
    with app.app_context():
        customer = db.session.get(Customer, shop.customer_id)
        contact = db.session.scalars(sa.select(Contact).where(Contact.email == BUYER)).one()
        shopper = shopper_for(db.session, customer, contact)
        add_to_cart(
            db.session,
            shopper,
            shop.articles["NOV-001"],
            3,
            line_reference="Class 3B",
            budget_code=shop.budget_code,
            library_relation_code="MAIN-LIB",
        )
        add_to_cart(db.session, shopper, shop.articles["NOV-002"], 2)
        order = place_order(
            db.session,
            shopper,
            contact,
            CheckoutChoices(
                shipping_address_id=shop.address_id,
                delivery_date=IN_THREE_DAYS,
                reference="PO-4711",
                cost_centre="CC-Youth",
                payment_method="prepayment",
            ),
            key,
        )
        db.session.commit()
        return order.id, order.number


def other_customers_order(app, shop) -> tuple[int, str]:
    with app.app_context():
        contact = db.session.scalars(sa.select(Contact).where(Contact.email == STRANGER)).one()
        order = SalesOrder(
            customer_id=shop.other_customer_id,
            contact_id=contact.id,
            status="placed",
            requested_delivery_date=IN_THREE_DAYS,
            payment_method="prepayment",
        )
        db.session.add(order)
        db.session.commit()
        return order.id, order.number


def status_of(app, order_id) -> str:
    return read(app, lambda: db.session.get(SalesOrder, order_id).status)


def order_values(app, order_id, *names):
    def question():
        order = db.session.get(SalesOrder, order_id)
        return tuple(getattr(order, name) for name in names)

    return read(app, question)


def press(client, order_id, status, *, token=True):
    data = {"status": status}
    if token:
        data["csrf_token"] = csrf_token(client, f"{DESK}/show/{order_id}")
    return client.post(f"{DESK}/desk/status/{order_id}", data=data, follow_redirects=True)


def stock_and_budget(app, shop):
    def question():
        level = db.session.scalars(
            sa.select(StockLevel).where(StockLevel.article_id == shop.articles["NOV-001"])
        ).one()
        budget = db.session.scalars(sa.select(LibraryBudget)).one()
        return level.on_hand, level.reserved, D(budget.remaining).quantize(D("0.01"))

    return read(app, question)


# --- the desk at work ----------------------------------------------------------------------------


def test_the_order_desk_confirms_an_order_from_its_page(app, client, shop):
    order_id, number = place(app, shop)
    Auth(client).login("desk")
    page = text(client.get(f"{DESK}/show/{order_id}"))
    for shown in ("PO-4711", "CC-Youth", "Class 3B", "YOUTH", "MAIN-LIB", "Prepayment"):
        assert shown in page
    assert "1 rue des Livres" in page
    buttons = re.findall(r'name="transition" value="(\w+)"', page)
    assert buttons == ["confirmed", "cancelled"]
    assert "Save the delivery terms" in page

    page = text(press(client, order_id, "confirmed"))
    assert f"Order {number} is now confirmed." in page
    assert status_of(app, order_id) == "confirmed"
    assert re.findall(r'name="transition" value="(\w+)"', page) == ["in_preparation", "cancelled"]
    assert "Save the delivery terms" not in page
    events = read(
        app,
        lambda: db.session.scalars(
            sa.select(CustomerEvent.subject).where(CustomerEvent.kind == "order_changed")
        ).all(),
    )
    assert events == [f"Order {number}: Placed → Confirmed"]


def test_a_forbidden_transition_is_refused_with_a_message(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("desk")
    page = text(press(client, order_id, "shipped"))
    assert "An order that is placed cannot become shipped." in page
    assert status_of(app, order_id) == "placed"


def test_cancelling_in_the_back_office_gives_back_stock_and_budget_exactly(app, client, shop):
    before = stock_and_budget(app, shop)
    order_id, number = place(app, shop)
    on_hand, reserved, budget = stock_and_budget(app, shop)
    assert (on_hand, reserved) == (40, 8)
    assert budget < before[2]
    Auth(client).login("admin")
    press(client, order_id, "confirmed")
    page = text(press(client, order_id, "cancelled"))
    assert f"Order {number} is now cancelled." in page
    assert stock_and_budget(app, shop) == before
    # Cancelled is final: pressing again gives nothing back twice.
    page = text(press(client, order_id, "cancelled"))
    assert "The order is cancelled: its status can no longer change." in page
    assert stock_and_budget(app, shop) == before


def test_shipping_fee_and_date_change_before_confirmation_only(app, client, shop):
    order_id, number = place(app, shop)
    Auth(client).login("desk")
    later = IN_THREE_DAYS + datetime.timedelta(days=4)
    form = f"{DESK}/show/{order_id}"
    response = client.post(
        f"{DESK}/desk/terms/{order_id}",
        data={
            "shipping_fee": "9.90",
            "requested_delivery_date": later.isoformat(),
            "csrf_token": csrf_token(client, form),
        },
        follow_redirects=True,
    )
    assert "are saved; its totals are worked out again." in text(response)
    fee, day, net, vat, gross = order_values(
        app, order_id, "shipping_fee", "requested_delivery_date", "net_total", "vat_total",
        "gross_total",
    )  # fmt: skip
    assert (fee, day) == (D("9.90"), later)
    assert gross == net + vat and net > D("9.90")

    press(client, order_id, "confirmed")
    response = client.post(
        f"{DESK}/desk/terms/{order_id}",
        data={
            "shipping_fee": "0",
            "requested_delivery_date": IN_THREE_DAYS.isoformat(),
            "csrf_token": csrf_token(client, form),
        },
        follow_redirects=True,
    )
    assert (
        "The order is confirmed: its shipping fee and delivery date can no longer change."
        in text(response)
    )
    assert order_values(app, order_id, "shipping_fee", "requested_delivery_date") == (
        D("9.90"),
        later,
    )


def test_a_bad_fee_is_refused_with_a_message_naming_the_field(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("desk")
    response = client.post(
        f"{DESK}/desk/terms/{order_id}",
        data={
            "shipping_fee": "-3",
            "requested_delivery_date": IN_THREE_DAYS.isoformat(),
            "csrf_token": csrf_token(client, f"{DESK}/show/{order_id}"),
        },
        follow_redirects=True,
    )
    assert "Shipping fee: Enter an amount of 0 or more, such as 12.50." in text(response)
    assert order_values(app, order_id, "shipping_fee") == (D("0.00"),)


def test_the_internal_note_is_saved_at_any_status(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("desk")
    press(client, order_id, "cancelled")
    response = client.post(
        f"{DESK}/desk/note/{order_id}",
        data={
            "internal_note": "Customer phoned: duplicate order.",
            "csrf_token": csrf_token(client, f"{DESK}/show/{order_id}"),
        },
        follow_redirects=True,
    )
    assert "Internal note saved." in text(response)
    assert order_values(app, order_id, "internal_note") == ("Customer phoned: duplicate order.",)


def test_new_orders_come_first_then_the_newest(app, client, shop):
    now = datetime.datetime.now(datetime.UTC)
    with app.app_context():
        numbers = {}
        for name, status, days_ago in [
            ("held", "on_hold", 3),
            ("new", "placed", 2),
            ("done", "confirmed", 1),
            ("old", "delivered", 5),
        ]:
            order = SalesOrder(
                customer_id=shop.customer_id,
                status=status,
                placed_at=now - datetime.timedelta(days=days_ago),
                payment_method="prepayment",
            )
            db.session.add(order)
            db.session.flush()
            numbers[name] = order.number
        db.session.commit()
    Auth(client).login("desk")
    page = text(client.get(f"{DESK}/list/"))
    shown = sorted(numbers, key=lambda name: page.index(numbers[name]))
    assert shown == ["new", "held", "done", "old"]


def test_the_generic_edit_form_and_the_api_cannot_move_status_or_totals(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("admin")
    url = f"{DESK}/edit/{order_id}"
    form = text(client.get(url))
    for name in ("status", "shipping_fee", "gross_total", "requested_delivery_date", "customer"):
        assert f'name="{name}"' not in form
    client.post(
        url,
        data={
            "csrf_token": csrf_token(client, url),
            "status": "delivered",
            "shipping_fee": "99",
            "gross_total": "1",
            "payment_method": "prepayment",
            "internal_note": "edited",
        },
    )
    assert order_values(app, order_id, "status", "shipping_fee", "internal_note") == (
        "placed",
        D("0.00"),
        "edited",
    )
    headers = Auth(client).jwt("desk")
    response = client.put(
        f"/api/v1/sales_order/{order_id}", json={"status": "delivered"}, headers=headers
    )
    assert response.status_code == 422
    assert status_of(app, order_id) == "placed"


def test_an_order_holding_stock_and_budget_is_cancelled_before_it_is_deleted(app, client, shop):
    order_id, number = place(app, shop)
    held = stock_and_budget(app, shop)
    Auth(client).login("admin")
    refusal = f"Order {number} still holds stock and budget: cancel it first, then delete it."
    url = f"{DESK}/delete/{order_id}"
    page = text(
        client.post(
            url, data={"csrf_token": csrf_token(client, f"{DESK}/list/")}, follow_redirects=True
        )
    )
    assert refusal in page
    response = client.delete(f"/api/v1/sales_order/{order_id}", headers=Auth(client).jwt())
    assert response.status_code == 422
    assert response.get_json()["message"] == refusal
    assert status_of(app, order_id) == "placed"
    assert stock_and_budget(app, shop) == held

    press(client, order_id, "cancelled")
    response = client.delete(f"/api/v1/sales_order/{order_id}", headers=Auth(client).jwt())
    assert response.status_code == 200
    assert read(app, lambda: db.session.get(SalesOrder, order_id)) is None


# --- mails ---------------------------------------------------------------------------------------


def test_the_buyer_is_mailed_when_the_order_is_confirmed_and_shipped(app, client, shop, sent_mail):
    order_id, number = place(app, shop)
    Auth(client).login("desk")
    for status in ("confirmed", "in_preparation", "shipped", "delivered"):
        press(client, order_id, status)
    mails = sent_mail.to(BUYER)
    assert [m["Subject"] for m in mails] == [
        f"Your order {number} at Books & Co",
        f"Your order {number} is confirmed",
        f"Your order {number} has been shipped",
    ]
    confirmed, shipped = mails[1:]
    assert "We have confirmed your order" in sent_mail.text_of(confirmed)
    assert "Line reference: Class 3B" in sent_mail.text_of(confirmed)
    assert "Class 3B" in sent_mail.html_of(confirmed)
    assert "has been shipped to:" in sent_mail.text_of(shipped)
    assert "1 rue des Livres" in sent_mail.html_of(shipped)


def test_order_placed_reaches_the_customers_sales_representative(app, shop, sent_mail):
    _order_id, number = place(app, shop)
    [to_rep] = sent_mail.to("rep1@example.com")
    assert to_rep["Subject"] == f"New order {number} from Library One"
    assert sent_mail.to("rep2@example.com") == []
    assert len(sent_mail.to("staff@seller.example")) == 1


FRENCH = {
    "Your order %(number)s is confirmed": "Votre commande %(number)s est confirmée",
    "Your order %(number)s has been shipped": "Votre commande %(number)s est expédiée",
    "Hello %(name)s,": "Bonjour %(name)s,",
    "We have confirmed your order %(number)s for %(company)s.": "Nous avons confirmé votre "
    "commande %(number)s pour %(company)s.",
    "Your order %(number)s for %(company)s has been shipped to:": "Votre commande %(number)s "
    "pour %(company)s est expédiée à :",
}


@pytest.fixture
def french_app(app, smtp_server, tmp_path):
    """The app with a French catalogue of the mails' sentences, on the same database, sending
    mail to the SMTP server on loopback."""
    with app_speaking("fr", FRENCH, app, tmp_path, smtp_server) as french:
        yield french


def test_confirmed_and_shipped_mails_are_in_the_buyers_language(french_app, shop, mailbox):
    with french_app.app_context():
        contact = db.session.scalars(sa.select(Contact).where(Contact.email == BUYER)).one()
        contact.language = "fr"
        db.session.commit()
    order_id, number = place(french_app, shop)
    client = french_app.test_client()
    Auth(client).login("desk")
    for status in ("confirmed", "in_preparation", "shipped"):
        press(client, order_id, status)
    subjects = [m["Subject"] for m in mailbox.to(BUYER)][1:]
    assert subjects == [
        f"Votre commande {number} est confirmée",
        f"Votre commande {number} est expédiée",
    ]
    confirmed, shipped = mailbox.to(BUYER)[1:]
    assert "Bonjour Bea," in mailbox.text_of(confirmed)
    assert f"Nous avons confirmé votre commande {number} pour Library One." in mailbox.text_of(
        confirmed
    )
    assert "est expédiée à :" in mailbox.html_of(shipped)
    # The staff copy of the placed order stays in the shop's language.
    [to_rep] = mailbox.to("rep1@example.com")
    assert to_rep["Subject"] == f"New order {number} from Library One"


# --- who may see and act -------------------------------------------------------------------------


def test_a_sales_rep_sees_only_their_customers_orders_and_does_not_act(app, client, shop):
    order_id, number = place(app, shop)
    other_id, other_number = other_customers_order(app, shop)
    Auth(client).login("rep1")
    listing = text(client.get(f"{DESK}/list/"))
    assert number in listing and other_number not in listing
    page = client.get(f"{DESK}/show/{order_id}")
    assert page.status_code == 200
    assert 'name="transition"' not in text(page)
    assert client.get(f"{DESK}/show/{other_id}").status_code == 404
    token = csrf_token(client, f"{DESK}/show/{order_id}")
    for pk in (order_id, other_id):
        response = client.post(
            f"{DESK}/desk/status/{pk}", data={"status": "cancelled", "csrf_token": token}
        )
        assert response.status_code == 403
        response = client.post(
            f"{DESK}/desk/note/{pk}", data={"internal_note": "x", "csrf_token": token}
        )
        assert response.status_code == 403
    assert status_of(app, order_id) == "placed"
    assert status_of(app, other_id) == "placed"


def test_the_other_rep_cannot_see_this_order(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("rep2")
    assert client.get(f"{DESK}/show/{order_id}").status_code == 404


def test_a_portal_contact_gets_no_back_office_access(app, client, shop):
    order_id, _number = place(app, shop)
    portal_login(client, BUYER)
    for url in (f"{DESK}/list/", f"{DESK}/show/{order_id}"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert "PO-4711" not in text(response)
    token = csrf_token(client, "/portal/company")
    response = client.post(
        f"{DESK}/desk/status/{order_id}", data={"status": "cancelled", "csrf_token": token}
    )
    assert response.status_code in (302, 403)
    assert status_of(app, order_id) == "placed"


def test_a_desk_action_without_its_csrf_token_is_refused(app, client, shop):
    order_id, _number = place(app, shop)
    Auth(client).login("desk")
    response = client.post(f"{DESK}/desk/status/{order_id}", data={"status": "cancelled"})
    assert response.status_code == 400
    response = client.post(
        f"{DESK}/desk/terms/{order_id}",
        data={"shipping_fee": "50", "requested_delivery_date": IN_THREE_DAYS.isoformat()},
    )
    assert response.status_code == 400
    assert order_values(app, order_id, "status", "shipping_fee") == ("placed", D("0.00"))
