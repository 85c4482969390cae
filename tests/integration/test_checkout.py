"""Placing an order (app/domain/checkout.py): atomic, idempotent, and every refusal changes
nothing; the confirmation mails travel through the outbox to a real SMTP server on loopback.

On SQLite and, with TEST_DATABASE_URL, PostgreSQL. The race of twenty checkouts for one
budget is test_checkout_race.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User

from app.domain import orders as order_rules
from app.domain.checkout import CheckoutChoices, payment_methods, place_order
from app.domain.ordering import OrderingRefusal
from app.extensions import db
from app.generated.models import (
    Address,
    ArticleTranslation,
    CartLine,
    Customer,
    CustomerEvent,
    LibraryBudget,
    OrderLine,
    OutboxEntry,
    SalesOrder,
    StockLevel,
)
from tests.conftest import app_speaking
from tests.unit.test_cart_rules import NOW, TODAY, OrderingWorld

D = Decimal
TUESDAY = TODAY + datetime.timedelta(days=1)  # the first day delivered without a round


@pytest.fixture
def world(session):
    return OrderingWorld(session)


def choices(world, **values) -> CheckoutChoices:
    values = {
        "shipping_address_id": world.address.id,
        "billing_address_id": world.address.id,
        "delivery_date": TUESDAY,
        "reference": "PO-77",
        "cost_centre": "Youth",
        "payment_method": "prepayment",
        "note": "Ring twice.",
        **values,
    }
    return CheckoutChoices(**values)


def place(world, key="key-0000000000000001", shopper=None, **values) -> SalesOrder:
    return place_order(
        world.session,
        shopper or world.shopper(),
        world.contact,
        choices(world, **values),
        key,
        now=NOW,
    )


def refusal_of(world, key="key-0000000000000001", shopper=None, **values) -> list[str]:
    with pytest.raises(OrderingRefusal) as refusal:
        place(world, key, shopper, **values)
    world.session.rollback()
    return refusal.value.messages


def count(session, model) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model))


# --- the order written ---------------------------------------------------------------------------


def test_placed_order_holds_the_cart_its_totals_and_the_choices(world):
    book = world.article("12.00", vat_rate="5.50", name="Atlas", sku="ATLAS")
    world.budget("LIB", remaining="100.00", default_discount="10")
    world.add(book, 2, line_reference="Class 3B", budget_code="LIB", library_relation_code="N1")
    world.add(book, 1)
    order = place(world)
    world.session.commit()

    world.session.expire_all()
    order = world.session.get(SalesOrder, order.id)
    assert order.number.startswith("2026-")
    assert (order.status, order.customer_id, order.contact_id) == (
        "placed",
        world.customer.id,
        world.contact.id,
    )
    assert (order.reference, order.cost_centre, order.customer_note) == (
        "PO-77",
        "Youth",
        "Ring twice.",
    )
    assert order.requested_delivery_date == TUESDAY
    assert order.payment_method == "prepayment"
    assert order.shipping_address == "Lyon library\n1 rue des Livres\n69001 Lyon\nFR"
    assert order.billing_address == order.shipping_address
    assert order.warehouse_id == world.warehouse.id
    lines = sorted(order.lines, key=lambda line: line.id)
    assert [
        (ln.sku, ln.description, ln.quantity, ln.unit_price, ln.discount_percent, ln.line_total)
        for ln in lines
    ] == [
        ("ATLAS", "Atlas", 2, D("12.00"), D("10.00"), D("21.60")),
        ("ATLAS", "Atlas", 1, D("12.00"), D("0.00"), D("12.00")),
    ]
    assert (lines[0].line_reference, lines[0].budget_code, lines[0].library_relation_code) == (
        "Class 3B",
        "LIB",
        "N1",
    )
    assert lines[0].vat_rate == D("5.50")
    assert (order.net_total, order.vat_total, order.gross_total) == (
        D("33.60"),
        D("1.85"),
        D("35.45"),
    )
    # The budget is charged the discounted line total, before VAT.
    assert world.session.query(LibraryBudget).one().remaining == D("78.40")
    assert count(world.session, CartLine) == 0
    customer = world.session.get(Customer, world.customer.id)
    assert customer.last_order_at is not None
    [event] = world.session.query(CustomerEvent).filter_by(kind="order_placed").all()
    assert event.subject == f"Order {order.number} placed by Ada Buyer"
    # The buyer's confirmation is on the customer's timeline too.
    [noted] = world.session.query(CustomerEvent).filter_by(kind="email").all()
    assert order.number in noted.subject and noted.body.startswith("To: ")


def test_a_form_sent_twice_places_one_order(world):
    book = world.article("10.00")
    world.budget("LIB", remaining="100.00")
    world.add(book, 3, budget_code="LIB")
    first = place(world, "same-key-1234567890")
    world.session.commit()
    again = place(world, "same-key-1234567890")
    world.session.commit()
    assert again.id == first.id
    assert count(world.session, SalesOrder) == 1
    world.session.expire_all()
    assert world.session.query(LibraryBudget).one().remaining == D("70.00")
    assert count(world.session, OutboxEntry) == 2  # the contact's mail and the staff copy, once


def test_another_customers_checkout_key_is_refused(world):
    world.add(world.article())
    order = place(world, "shared-key-123456789")
    world.session.commit()
    other = Customer(code="C2", name="Other", status="active")
    world.contact.customers.append(other)
    world.session.flush()
    shopper = world.shopper()
    from app.domain.shopper import shopper_for

    theirs = shopper_for(world.session, other, world.contact, today=TODAY)
    assert place(world, "shared-key-123456789", shopper).id == order.id
    messages = refusal_of(world, "shared-key-123456789", theirs)
    assert messages == ["This checkout form is not valid any more: reload the page."]


def test_a_number_taken_by_a_concurrent_order_is_retried(world, monkeypatch):
    world.add(world.article())
    world.session.add(
        SalesOrder(customer_id=world.customer.id, number="2026-000001", status="placed")
    )
    world.session.flush()
    real = order_rules.next_order_number
    calls = []

    def stale_first(connection, table, year):
        calls.append(year)
        return "2026-000001" if len(calls) == 1 else real(connection, table, year)

    monkeypatch.setattr(order_rules, "next_order_number", stale_first)
    order = place(world)
    world.session.commit()
    assert order.number == "2026-000002"
    assert len(calls) == 2
    assert count(world.session, OrderLine) == 1


def test_stock_is_reserved_for_articles_the_warehouse_keeps(world):
    kept = world.article()
    unkept = world.article()  # no stock row in the warehouse: not stock-managed
    coming = world.article(available_from=TODAY + datetime.timedelta(days=20))
    level = world.stock(kept, on_hand=10, reserved=2)
    coming_level = world.stock(coming, on_hand=0)
    world.add(kept, 3)
    world.add(kept, 1, line_reference="B")
    world.add(unkept, 50)
    world.add(coming, 5)  # a pre-order: not reserved
    place(world)
    world.session.commit()
    world.session.expire_all()
    assert world.session.get(StockLevel, level.id).reserved == 6
    assert world.session.get(StockLevel, coming_level.id).reserved == 0
    assert count(world.session, StockLevel) == 2


def test_stock_short_refuses_the_order_and_reserves_nothing(world):
    plenty = world.article(name="Pencil")
    scarce = world.article(name="Globe")
    plenty_level = world.stock(plenty, on_hand=100)
    world.stock(scarce, on_hand=5, reserved=3)
    world.add(plenty, 10)
    world.add(scarce, 4)
    world.session.commit()
    assert refusal_of(world) == ["Not enough Globe in stock: 2 available, 4 ordered."]
    assert world.session.get(StockLevel, plenty_level.id).reserved == 0
    assert count(world.session, SalesOrder) == 0
    assert count(world.session, CartLine) == 2


# --- refusals ------------------------------------------------------------------------------------


def test_a_cart_with_problems_is_refused_with_all_of_them(world):
    book = world.article("30.00")
    world.budget("LIB", remaining="50.00")
    world.add(book, 2, budget_code="LIB")
    world.session.commit()
    assert refusal_of(world, payment_method="on_invoice_please") == [
        "Budget LIB has €50.00 left, and this cart charges €60.00 to it.",
        "This payment method is not available to you: choose another one.",
    ]
    assert count(world.session, SalesOrder) == 0


def test_an_empty_cart_is_refused(world):
    assert refusal_of(world) == ["Your cart is empty."]


def test_a_budget_spent_meanwhile_refuses_the_order_and_changes_nothing(world):
    book = world.article("40.00")
    other = world.article("10.00")
    world.budget("LIB", remaining="100.00")
    level = world.stock(other, on_hand=10)
    world.add(other, 1)
    world.add(book, 2, budget_code="LIB")
    shopper = world.shopper()
    world.session.commit()
    # Another order charged the budget after this cart was shown (and before it is placed).
    world.session.execute(sa.update(LibraryBudget).values(remaining=D("70.00")))
    world.session.commit()
    messages = refusal_of(world, shopper=shopper)
    assert messages == ["Budget LIB has €70.00 left, and this cart charges €80.00 to it."]
    assert world.session.get(StockLevel, level.id).reserved == 0
    assert count(world.session, CartLine) == 2
    assert count(world.session, OutboxEntry) == 0


def test_an_address_of_another_company_is_refused(world):
    world.add(world.article())
    other = Customer(code="C2", name="Other", status="active")
    theirs = Address(
        customer=other, kind="both", name="Other", line1="x", postcode="1", city="Paris"
    )
    billing_only = Address(
        customer=world.customer,
        kind="billing",
        name="Accounts",
        line1="y",
        postcode="2",
        city="Lyon",
    )
    world.session.add_all([theirs, billing_only])
    world.session.commit()
    assert refusal_of(world, shipping_address_id=theirs.id, billing_address_id=theirs.id) == [
        "Choose one of your company's shipping addresses.",
        "Choose one of your company's billing addresses.",
    ]
    assert refusal_of(world, shipping_address_id=billing_only.id) == [
        "Choose one of your company's shipping addresses."
    ]
    order = place(world, billing_address_id=billing_only.id)
    assert order.billing_address == "Accounts\ny\n2 Lyon\nFR"


def test_a_delivery_date_no_longer_offered_is_refused(world):
    world.add(world.article())
    world.session.commit()
    saturday = TODAY + datetime.timedelta(days=5)
    assert refusal_of(world, delivery_date=TODAY) == [
        "We can no longer deliver on Monday, March 16, 2026: choose another delivery date."
    ]
    assert "choose another delivery date" in refusal_of(world, delivery_date=saturday)[0]
    assert refusal_of(world, delivery_date=None) == ["Choose a delivery date."]


def test_payment_methods_follow_the_customers_terms(world):
    world.add(world.article())
    world.customer.pay_on_invoice = "refused"
    world.customer.pay_after_delivery = "allowed"
    world.session.commit()
    shopper = world.shopper()
    assert payment_methods(shopper) == ["after_delivery", "prepayment"]
    assert refusal_of(world, payment_method="on_invoice") == [
        "This payment method is not available to you: choose another one."
    ]
    world.customer.pay_on_invoice = "allowed"
    world.customer.pay_after_delivery = "refused"
    world.session.commit()
    assert payment_methods(world.shopper()) == ["on_invoice", "prepayment"]
    assert place(world, payment_method="on_invoice").payment_method == "on_invoice"


def test_a_contact_who_may_not_order_or_is_over_their_limit_is_refused(world):
    world.add(world.article("100.00"))
    world.contact.order_limit = D("50")
    world.session.commit()
    [message] = refusal_of(world)
    assert "over your order limit of €50.00" in message
    world.contact.may_order = False
    world.session.commit()
    assert refusal_of(world) == ["Your account may look at the catalogue but not order."]


def test_an_order_over_the_credit_limit_is_refused(world):
    world.add(world.article("100.00", vat_rate="20.00"))  # 120.00 including VAT
    world.customer.credit_limit = D("500")
    world.customer.overdue_balance = D("300")
    world.customer.not_due_balance = D("100")
    world.session.commit()
    assert refusal_of(world) == [
        "This order of €120.00 including VAT would take your company's open balance to "
        "€520.00, over its credit limit of €500.00. Please contact us to place it."
    ]
    world.customer.not_due_balance = D("80")
    world.session.commit()
    assert place(world).status == "placed"  # 500.00 exactly is within the limit


def test_an_order_over_the_credit_limit_is_held_when_the_settings_say_so(world, sent_mail):
    world.add(world.article("100.00"))
    world.customer.credit_limit = D("50")
    world.settings.hold_orders_over_credit_limit = True
    world.session.commit()
    order = place(world)
    world.session.commit()
    assert order.status == "on_hold"
    event = world.session.query(CustomerEvent).filter_by(kind="order_placed").one()
    assert "Held for approval" in event.body
    [to_contact] = sent_mail.to("ada@library.example")
    assert "it waits for the approval of our staff" in sent_mail.text_of(to_contact)
    [to_staff] = sent_mail.to("staff@seller.example")
    assert "Held for approval: the order goes over the credit limit." in sent_mail.text_of(to_staff)


# --- the mails -----------------------------------------------------------------------------------


def test_confirmation_goes_to_the_contact_and_a_copy_to_the_staff_after_commit(world, sent_mail):
    book = world.article("12.00", name="Atlas", sku="ATLAS")
    world.add(book, 2, line_reference="Class 3B")
    order = place(world)
    entries = world.session.query(OutboxEntry).all()
    assert [e.status for e in entries] == ["pending", "pending"]
    assert sent_mail.subjects() == [], "mail sent before commit"
    world.session.commit()

    [to_contact] = sent_mail.to("ada@library.example")
    [to_staff] = sent_mail.to("staff@seller.example")
    assert to_contact["Subject"] == f"Your order {order.number} at Papeterie Test"
    assert to_staff["Subject"] == f"New order {order.number} from Lyon library"
    text = sent_mail.text_of(to_contact)
    assert "Hello Ada," in text
    assert "2 × Atlas (ATLAS): €24.00" in text
    assert "Line reference: Class 3B" in text
    assert "Tuesday, March 17, 2026" in text or "Mar 17, 2026" in text
    assert "Total including VAT: €28.80" in text
    assert "Atlas" in sent_mail.html_of(to_contact)
    assert "Ada Buyer of Lyon library has placed order" in sent_mail.text_of(to_staff)
    world.session.expire_all()
    assert {e.status for e in world.session.query(OutboxEntry)} == {"sent"}


def test_the_staff_copy_goes_also_to_the_sales_representative_with_the_same_text(world, sent_mail):
    world.customer.sales_rep = User(
        first_name="Rita",
        last_name="Rep",
        username="rita",
        email="rita@seller.example",
        active=True,
    )
    world.add(world.article("12.00", name="Atlas", sku="ATLAS"), 2)
    order = place(world)
    world.session.commit()

    [to_staff] = sent_mail.to("staff@seller.example")
    [to_rep] = sent_mail.to("rita@seller.example")
    assert to_rep["Subject"] == to_staff["Subject"] == f"New order {order.number} from Lyon library"
    assert sent_mail.text_of(to_rep) == sent_mail.text_of(to_staff)
    assert "2 × Atlas (ATLAS): €24.00" in sent_mail.text_of(to_rep)
    assert len(sent_mail.subjects()) == 3  # the contact's, the staff's and the representative's


def test_a_refused_order_writes_no_mail(world, sent_mail):
    world.add(world.article())
    world.session.commit()
    refusal_of(world, payment_method="barter")
    world.session.commit()
    assert count(world.session, OutboxEntry) == 0
    assert sent_mail.subjects() == []


def test_contact_who_may_not_see_prices_gets_a_mail_without_them(world, sent_mail):
    world.add(world.article("12.00", name="Atlas", sku="ATLAS"), 2)
    world.contact.may_see_prices = False
    world.session.commit()
    place(world)
    world.session.commit()
    [to_contact] = sent_mail.to("ada@library.example")
    [to_staff] = sent_mail.to("staff@seller.example")
    assert "€" not in sent_mail.text_of(to_contact)
    assert "€24.00" in sent_mail.text_of(to_staff)


def test_mail_links_to_the_order_in_the_portal(app, world, sent_mail):
    world.add(world.article())
    with app.test_request_context("/", base_url="https://shop.example"):
        order = place(world)
        world.session.commit()
    [to_contact] = sent_mail.to("ada@library.example")
    assert sent_mail.link_in(to_contact, f"/orders/{order.number}")


FRENCH = {
    "Hello %(name)s,": "Bonjour %(name)s,",
    "Your order %(number)s at %(shop)s": "Votre commande %(number)s chez %(shop)s",
    "Thank you for your order %(number)s for %(company)s.": "Merci pour votre commande "
    "%(number)s pour %(company)s.",
}


@pytest.fixture
def french_app(app, smtp_server, tmp_path):
    """The app with a French catalogue of the mail's sentences, on the same database, sending
    mail to the SMTP server on loopback."""
    with app_speaking("fr", FRENCH, app, tmp_path, smtp_server) as french:
        yield french


def test_mail_and_line_descriptions_are_in_the_contacts_language(french_app, mailbox):
    with french_app.app_context():
        world = OrderingWorld(db.session, contact_language="fr")
        book = world.article("12.00", name="Notebook")
        book.translations["fr"] = ArticleTranslation(language="fr", name="Cahier")
        world.add(book, 2)
        # The page was in English: the mail still follows the contact's own language.
        order = place(world, shopper=world.shopper(language="en"))
        world.session.commit()
        assert [line.description for line in order.lines] == ["Cahier"]
        number = order.number
    [to_contact] = mailbox.to("ada@library.example")
    assert to_contact["Subject"] == f"Votre commande {number} chez Papeterie Test"
    text = mailbox.text_of(to_contact)
    assert "Bonjour Ada," in text
    assert f"Merci pour votre commande {number} pour Lyon library." in text
    assert "2 × Cahier" in text
    assert "24,00" in text  # French number format
    [to_staff] = mailbox.to("staff@seller.example")
    assert to_staff["Subject"] == f"New order {number} from Lyon library"  # the shop's language


SAME_ORDER_IN = {
    # language: (subject, greeting, total label, the total as the language writes money)
    "fr": ("Votre commande {} chez Papeterie Test", "Bonjour Ada,", "Total TTC", "28,80\u00a0€"),
    "nl": (
        "Uw bestelling {} bij Papeterie Test",
        "Beste Ada,",
        "Totaal inclusief btw",
        "€\u00a028,80",
    ),
}


@pytest.mark.parametrize("language", SAME_ORDER_IN)
def test_the_same_order_mail_is_written_in_a_french_and_a_dutch_customers_language(
    session, language
):
    """One cart, one order, two customers: the shipped catalogues and Babel's number rules
    give each buyer the mail in their company's language (the contact has none of their own)."""
    world = OrderingWorld(session, customer_language=language)
    world.add(world.article("12.00", name="Notebook"), 2)
    order = place(world)
    mails = session.scalars(sa.select(OutboxEntry).order_by(OutboxEntry.id)).all()
    to_contact = next(m for m in mails if m.arguments["args"][0] == ["ada@library.example"])
    _to, subject, text, html = to_contact.arguments["args"]
    expected_subject, greeting, total_label, total = SAME_ORDER_IN[language]
    assert subject == expected_subject.format(order.number)
    assert greeting in text and greeting in html
    assert f"{total_label}: {total}" in text
    other = "nl" if language == "fr" else "fr"
    assert SAME_ORDER_IN[other][1] not in text
    assert "Hello Ada" not in text
