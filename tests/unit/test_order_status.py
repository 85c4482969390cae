"""The order desk's status machine (app/domain/order_status.py): every allowed transition works,
every forbidden one is refused and changes nothing; a cancellation gives back exactly the stock
and budget the order took; the delivery terms change only before confirmation."""

from __future__ import annotations

import datetime
import itertools
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain import order_status
from app.domain.checkout import CheckoutChoices, place_order
from app.domain.order_status import (
    OrderDeskRefusal,
    change_status,
    edit_delivery_terms,
    set_internal_note,
    transition_problem,
)
from app.generated.models import (
    CustomerEvent,
    LibraryBudget,
    OrderLine,
    OutboxEntry,
    SalesOrder,
    StockLevel,
)
from tests.unit.test_cart_rules import NOW, TODAY, OrderingWorld

D = Decimal
STATUSES = ["on_hold", "placed", "confirmed", "in_preparation", "shipped", "delivered", "cancelled"]
# The seller's list, written out here rather than read from the module under test.
ALLOWED = {
    ("on_hold", "placed"),
    ("on_hold", "cancelled"),
    ("placed", "confirmed"),
    ("placed", "cancelled"),
    ("confirmed", "in_preparation"),
    ("confirmed", "cancelled"),
    ("in_preparation", "shipped"),
    ("in_preparation", "cancelled"),
    ("shipped", "delivered"),
}
PAIRS = list(itertools.product(STATUSES, STATUSES))
TUESDAY = TODAY + datetime.timedelta(days=1)


@pytest.fixture
def world(session):
    return OrderingWorld(session)


def placed_order(world, *lines, key="key-desk-000000000001") -> SalesOrder:
    """An order placed through the checkout, from `lines` of (article, quantity, split)."""
    for article, quantity, split in lines:
        world.add(article, quantity, **split)
    order = place_order(
        world.session,
        world.shopper(),
        world.contact,
        CheckoutChoices(
            shipping_address_id=world.address.id,
            delivery_date=TUESDAY,
            payment_method="prepayment",
            reference="PO-9",
            cost_centre="Youth",
        ),
        key,
        now=NOW,
    )
    world.session.commit()
    return order


def order_in(world, status: str) -> SalesOrder:
    order = SalesOrder(
        customer=world.customer,
        contact=world.contact,
        status=status,
        placed_at=NOW,
        requested_delivery_date=TUESDAY,
        payment_method="prepayment",
    )
    world.session.add(order)
    world.session.commit()
    return order


def budgets_left(world) -> dict[str, Decimal]:
    rows = world.session.execute(sa.select(LibraryBudget.code, LibraryBudget.remaining))
    return {code: D(remaining) for code, remaining in rows}


def count(session, model, *where) -> int:
    return session.scalar(sa.select(sa.func.count()).select_from(model).where(*where))


# --- the machine ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("current", "wanted"), PAIRS)
def test_the_machine_allows_exactly_the_sellers_transitions(current, wanted):
    problem = transition_problem(current, wanted)
    if (current, wanted) in ALLOWED:
        assert problem is None
    else:
        assert problem, f"{current} → {wanted} should be refused"


@pytest.mark.parametrize(("current", "wanted"), PAIRS)
def test_every_transition_is_made_or_refused_and_a_refusal_changes_nothing(world, current, wanted):
    order = order_in(world, current)
    if (current, wanted) in ALLOWED:
        change_status(world.session, order, wanted)
        world.session.commit()
        world.session.expire_all()
        assert world.session.get(SalesOrder, order.id).status == wanted
        events = {e.kind: e for e in world.session.scalars(sa.select(CustomerEvent))}
        mailed = wanted in ("confirmed", "shipped")
        # The change and (confirmed, shipped) the buyer's mail, both on the timeline.
        assert sorted(events) == (["email", "order_changed"] if mailed else ["order_changed"])
        assert order.number in events["order_changed"].subject
        assert count(world.session, OutboxEntry) == (1 if mailed else 0)
    else:
        with pytest.raises(OrderDeskRefusal) as refusal:
            change_status(world.session, order, wanted)
        world.session.rollback()
        assert refusal.value.messages[0]
        world.session.expire_all()
        assert world.session.get(SalesOrder, order.id).status == current
        assert count(world.session, CustomerEvent) == 0
        assert count(world.session, OutboxEntry) == 0


def test_an_unknown_status_is_refused():
    assert transition_problem("placed", "lost") == "“lost” is not an order status."


def test_a_shipped_order_can_no_longer_be_cancelled_and_says_so():
    assert transition_problem("shipped", "cancelled") == (
        "The order is shipped: it can no longer be cancelled."
    )
    assert transition_problem("placed", "delivered") == (
        "An order that is placed cannot become delivered."
    )


def test_a_change_made_meanwhile_by_someone_else_refuses_the_second(world):
    order = order_in(world, "placed")
    # Another desk worker confirmed it after this one loaded the page (a Core UPDATE: the
    # order in this session still says placed).
    table = SalesOrder.__table__
    world.session.execute(table.update().where(table.c.id == order.id).values(status="confirmed"))
    assert order.status == "placed"
    with pytest.raises(OrderDeskRefusal) as refusal:
        change_status(world.session, order, "confirmed")
    assert refusal.value.messages == [
        "Someone changed this order meanwhile: it is now confirmed. Look at it again."
    ]


def test_the_timeline_says_who_moved_the_order(world, app):
    user = app.appbuilder.sm.find_user(username="desk")
    order = order_in(world, "placed")
    change_status(world.session, order, "confirmed", author=user)
    world.session.commit()
    event = world.session.scalars(
        sa.select(CustomerEvent).where(CustomerEvent.kind == "order_changed")
    ).one()
    assert event.subject == f"Order {order.number}: Placed → Confirmed"
    assert event.body == "By Desk Tester."
    assert event.author_id == user.id


# --- cancelling gives back -----------------------------------------------------------------------


@pytest.mark.parametrize("before", ["placed", "on_hold", "confirmed", "in_preparation"])
def test_cancelling_gives_back_exactly_the_stock_and_budget_the_order_took(world, before):
    atlas = world.article("12.35", vat_rate="5.50", name="Atlas")
    globe = world.article("7.10", name="Globe")
    coming = world.article("9.99", available_from=TODAY + datetime.timedelta(days=30))
    unkept = world.article("3.00")  # no stock row: not reserved
    world.budget("YOUTH", remaining="200.00", default_discount="7.5")
    world.budget("ADULT", remaining="80.00")
    atlas_level = world.stock(atlas, on_hand=20, reserved=4)
    globe_level = world.stock(globe, on_hand=9, reserved=1)
    coming_level = world.stock(coming, on_hand=0, reserved=0)
    world.session.commit()
    order = placed_order(
        world,
        (atlas, 3, {"budget_code": "YOUTH", "line_reference": "Class 3B"}),
        (atlas, 2, {"budget_code": "ADULT"}),
        (globe, 5, {"budget_code": "YOUTH"}),
        (coming, 2, {}),
        (unkept, 4, {}),
    )
    world.session.expire_all()
    remaining = budgets_left(world)
    assert remaining["YOUTH"] < D("200.00") and remaining["ADULT"] < D("80.00")
    assert world.session.get(StockLevel, atlas_level.id).reserved == 9
    assert world.session.get(StockLevel, globe_level.id).reserved == 6
    if before != "placed":
        world.session.execute(
            sa.update(SalesOrder).where(SalesOrder.id == order.id).values(status=before)
        )
        world.session.commit()

    order = world.session.get(SalesOrder, order.id)
    change_status(world.session, order, "cancelled")
    world.session.commit()
    world.session.expire_all()

    remaining = budgets_left(world)
    assert D(remaining["YOUTH"]).quantize(D("0.01")) == D("200.00")
    assert D(remaining["ADULT"]).quantize(D("0.01")) == D("80.00")
    assert world.session.get(StockLevel, atlas_level.id).reserved == 4
    assert world.session.get(StockLevel, globe_level.id).reserved == 1
    assert world.session.get(StockLevel, coming_level.id).reserved == 0
    assert [
        lvl.on_hand for lvl in world.session.scalars(sa.select(StockLevel).order_by(StockLevel.id))
    ] == [20, 9, 0]


def test_the_order_records_what_each_line_reserved_and_charged(world):
    atlas = world.article("12.00", name="Atlas")
    unkept = world.article("3.00")
    world.budget("YOUTH", remaining="100.00", default_discount="10")
    world.stock(atlas, on_hand=10)
    world.session.commit()
    order = placed_order(world, (atlas, 2, {"budget_code": "YOUTH"}), (unkept, 1, {}))
    lines = world.session.scalars(
        sa.select(OrderLine).where(OrderLine.order_id == order.id).order_by(OrderLine.id)
    ).all()
    assert [(ln.reserved_quantity, ln.budget_charge) for ln in lines] == [
        (2, D("21.60")),
        (0, None),
    ]
    assert order_status.budget_charges(order) == {"YOUTH": D("21.60")}


def test_cancelling_twice_gives_back_once(world):
    atlas = world.article("10.00")
    world.budget("YOUTH", remaining="50.00")
    level = world.stock(atlas, on_hand=10)
    world.session.commit()
    order = placed_order(world, (atlas, 3, {"budget_code": "YOUTH"}))
    change_status(world.session, order, "cancelled")
    world.session.commit()
    with pytest.raises(OrderDeskRefusal):
        change_status(world.session, order, "cancelled")
    world.session.rollback()
    world.session.expire_all()
    assert world.session.scalar(sa.select(LibraryBudget.remaining)) == D("50.00")
    assert world.session.get(StockLevel, level.id).reserved == 0


def test_shipping_takes_the_reserved_pieces_out_of_the_warehouse(world):
    atlas = world.article("10.00")
    level = world.stock(atlas, on_hand=10, reserved=1)
    world.session.commit()
    order = placed_order(world, (atlas, 3, {}))
    for status in ("confirmed", "in_preparation", "shipped"):
        change_status(world.session, order, status)
    world.session.commit()
    world.session.expire_all()
    level = world.session.get(StockLevel, level.id)
    assert (level.on_hand, level.reserved) == (7, 1)


# --- delivery terms and the note -----------------------------------------------------------------


def test_a_new_shipping_fee_works_the_totals_out_again_as_the_checkout_does(world):
    book = world.article("10.00", vat_rate="5.50")
    pen = world.article("2.50", vat_rate="20.00")
    world.session.commit()
    order = placed_order(world, (book, 3, {}), (pen, 4, {}))
    assert (order.shipping_fee, order.net_total) == (D("0.00"), D("40.00"))

    edit_delivery_terms(
        world.session, order, "8.40", TUESDAY + datetime.timedelta(days=2), today=TODAY
    )
    world.session.commit()
    world.session.expire_all()
    order = world.session.get(SalesOrder, order.id)
    # Goods 30.00 at 5.5 % and 10.00 at 20 %; the fee follows the highest rate: 18.40 at 20 %.
    assert order.shipping_fee == D("8.40")
    assert order.net_total == D("48.40")
    assert order.vat_total == D("1.65") + D("3.68")
    assert order.gross_total == D("53.73")
    assert order.requested_delivery_date == TUESDAY + datetime.timedelta(days=2)
    event = world.session.scalars(
        sa.select(CustomerEvent).where(CustomerEvent.kind == "order_changed")
    ).one()
    assert "Shipping fee: €0.00 → €8.40" in event.body


@pytest.mark.parametrize("status", ["confirmed", "in_preparation", "shipped", "cancelled"])
def test_delivery_terms_are_refused_once_the_order_is_confirmed(world, status):
    order = order_in(world, status)
    with pytest.raises(OrderDeskRefusal) as refusal:
        edit_delivery_terms(world.session, order, "5.00", TUESDAY, today=TODAY)
    world.session.rollback()
    assert refusal.value.messages[0].endswith(
        "its shipping fee and delivery date can no longer change."
    )
    world.session.expire_all()
    order = world.session.get(SalesOrder, order.id)
    assert (order.shipping_fee, order.requested_delivery_date) == (D("0.00"), TUESDAY)


@pytest.mark.parametrize(
    ("fee", "day", "message"),
    [
        ("-1", TUESDAY, "Shipping fee: enter an amount of 0 or more, such as 12.50."),
        ("twelve", TUESDAY, "Shipping fee: enter an amount of 0 or more, such as 12.50."),
        (None, TUESDAY, "Shipping fee: enter an amount of 0 or more, such as 12.50."),
        ("5", None, "Requested delivery date: choose a date."),
        (
            "5",
            TODAY - datetime.timedelta(days=1),
            "Requested delivery date: choose today or a later day.",
        ),
    ],
)
def test_bad_delivery_terms_are_refused_and_change_nothing(world, fee, day, message):
    order = order_in(world, "placed")
    with pytest.raises(OrderDeskRefusal) as refusal:
        edit_delivery_terms(world.session, order, fee, day, today=TODAY)
    world.session.rollback()
    assert refusal.value.messages == [message]
    world.session.expire_all()
    assert world.session.get(SalesOrder, order.id).shipping_fee == D("0.00")


@pytest.mark.parametrize("status", STATUSES)
def test_the_internal_note_changes_at_any_status(world, status):
    order = order_in(world, status)
    set_internal_note(world.session, order, "  Call before delivering.  ")
    world.session.commit()
    world.session.expire_all()
    assert world.session.get(SalesOrder, order.id).internal_note == "Call before delivering."


def test_a_note_too_long_is_refused(world):
    order = order_in(world, "placed")
    with pytest.raises(OrderDeskRefusal) as refusal:
        set_internal_note(world.session, order, "x" * 4001)
    assert refusal.value.messages == ["Internal note: at most 4000 characters (this one has 4001)."]
