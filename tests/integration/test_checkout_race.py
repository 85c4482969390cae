"""Checkouts racing each other on PostgreSQL: twenty buyers of one library spend one budget at
the same moment, and one buyer's form sent several times at once places one order.

Each checkout runs in a thread of its own, with its own app context, session and connection, and
all of them are released together by a barrier. Needs TEST_DATABASE_URL (SQLite serialises
writers, so it has no race to lose).
"""

from __future__ import annotations

import datetime
import os
import threading
from decimal import Decimal

import pytest
import sqlalchemy as sa
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from app.domain.checkout import CheckoutChoices, place_order
from app.domain.ordering import OrderingRefusal
from app.domain.shopper import shopper_for
from app.generated.models import (
    Address,
    CartLine,
    Contact,
    Customer,
    LibraryBudget,
    OutboxEntry,
    SalesOrder,
    StockLevel,
)
from tests.unit.test_cart_rules import NOW, TODAY, OrderingWorld

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL is not set"
    ),
]
D = Decimal
BUYERS = 20


@pytest.fixture
def postgres_app(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("SQLite serialises writers: the race needs PostgreSQL")
    return app


def race(app, contact_ids, keys, customer_id) -> list:
    """Place an order for each (contact, key) at the same moment, each in its own thread,
    session and connection; the outcome of each: the order's id, or the refusal's messages."""
    barrier = threading.Barrier(len(contact_ids))
    outcomes: list = [None] * len(contact_ids)
    # A connection of its own for every checkout (the app's pool holds fewer than twenty).
    engine = sa.create_engine(app.config["SQLALCHEMY_DATABASE_URI"], poolclass=NullPool)

    def checkout(index: int) -> None:
        with app.app_context():
            session = Session(engine)
            try:
                customer = session.get(Customer, customer_id)
                contact = session.get(Contact, contact_ids[index])
                shopper = shopper_for(session, customer, contact, today=TODAY)
                chosen = choices_for(session, customer_id)
                session.commit()  # nothing held while waiting at the barrier
                barrier.wait(timeout=60)
                try:
                    order = place_order(session, shopper, contact, chosen, keys[index], now=NOW)
                    order_id = order.id
                    session.commit()
                    outcomes[index] = order_id
                except OrderingRefusal as refusal:
                    session.rollback()
                    outcomes[index] = refusal.messages
            except Exception as error:  # a deadlock or a lost update fails the test
                session.rollback()
                outcomes[index] = error
            finally:
                session.close()

    threads = [threading.Thread(target=checkout, args=(i,)) for i in range(len(contact_ids))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    engine.dispose()
    assert not any(thread.is_alive() for thread in threads), "a checkout never finished"
    errors = [outcome for outcome in outcomes if isinstance(outcome, Exception)]
    assert not errors, errors
    return outcomes


def choices_for(session, customer_id: int) -> CheckoutChoices:
    address_id = session.scalar(sa.select(Address.id).where(Address.customer_id == customer_id))
    return CheckoutChoices(
        shipping_address_id=address_id,
        billing_address_id=address_id,
        delivery_date=TODAY + datetime.timedelta(days=1),
        payment_method="prepayment",
    )


def test_twenty_buyers_racing_for_one_budget_never_overspend_it(postgres_app, session):
    world = OrderingWorld(session)
    book = world.article("10.00")
    world.stock(book, on_hand=1000)
    world.budget("LIB", remaining="95.00")
    contacts = [world.contact] + [
        Contact(
            first_name=f"Buyer{n}",
            last_name="Racing",
            email=f"buyer{n}@library.example",
            status="active",
            customers=[world.customer],
        )
        for n in range(1, BUYERS)
    ]
    session.add_all(contacts)
    session.flush()
    for contact in contacts:  # each buyer's cart: one book, 10.00, on the budget
        session.add(
            CartLine(
                contact=contact, customer=world.customer, article=book, quantity=1,
                budget_code="LIB",
            )
        )  # fmt: skip
    session.commit()
    contact_ids = [c.id for c in contacts]
    customer_id, book_id = world.customer.id, book.id

    outcomes = race(
        postgres_app, contact_ids, [f"race-key-{n:012d}" for n in range(BUYERS)], customer_id
    )

    accepted = [o for o in outcomes if isinstance(o, int)]
    refused = [o for o in outcomes if isinstance(o, list)]
    assert len(accepted) == 9  # 9 × 10.00 fits in 95.00, a tenth does not
    assert len(refused) == BUYERS - 9
    assert all(len(messages) == 1 and "Budget LIB" in messages[0] for messages in refused)

    session.expire_all()
    remaining = session.scalar(sa.select(LibraryBudget.remaining))
    assert remaining == D("5.00")
    assert remaining >= 0
    orders = session.scalars(sa.select(SalesOrder)).all()
    assert sorted(o.id for o in orders) == sorted(accepted)
    assert len({o.number for o in orders}) == 9
    charged = sum(line.line_total for o in orders for line in o.lines if line.budget_code == "LIB")
    assert D("95.00") - charged == remaining
    level = session.scalars(sa.select(StockLevel).where(StockLevel.article_id == book_id)).one()
    assert level.reserved == 9
    # The accepted buyers' carts are empty, the refused ones' untouched.
    assert session.scalar(sa.select(sa.func.count()).select_from(CartLine)) == BUYERS - 9
    assert session.scalar(sa.select(sa.func.count()).select_from(OutboxEntry)) == 2 * 9


def test_a_form_sent_five_times_at_once_places_one_order(postgres_app, session):
    world = OrderingWorld(session)
    book = world.article("10.00")
    world.budget("LIB", remaining="100.00")
    world.add(book, 3, budget_code="LIB")
    session.commit()
    contact_id, customer_id = world.contact.id, world.customer.id

    outcomes = race(postgres_app, [contact_id] * 5, ["double-click-key-0001"] * 5, customer_id)

    assert len(set(outcomes)) == 1, outcomes
    session.expire_all()
    assert session.scalar(sa.select(sa.func.count()).select_from(SalesOrder)) == 1
    assert session.scalar(sa.select(LibraryBudget.remaining)) == D("70.00")
    assert session.scalar(sa.select(sa.func.count()).select_from(OutboxEntry)) == 2
