"""The order desk's rules: an order's status from placed to delivered, and what may change when.

The statuses and the only ways between them (`TRANSITIONS`):

    on_hold ──► placed ──► confirmed ──► in_preparation ──► shipped ──► delivered
       │          │            │               │
       └──────────┴────────────┴───────────────┴──► cancelled

- `on_hold`: placed over the credit limit while the settings hold such orders; the desk releases
  it (to `placed`) or cancels it.
- An order may be cancelled until it is shipped: once the goods have left, a cancellation is a
  return, which is not this machine's business. `delivered` and `cancelled` are final.
- The shipping fee and the requested delivery date change only before confirmation (`placed`,
  `on_hold`): a confirmed order is what the customer was told. The totals are worked out again
  the way the checkout does (`cart.vat_per_rate`: VAT on the fee at the order's highest rate).
- The internal note changes at any time.

Every refusal raises `OrderDeskRefusal` with a translated sentence and changes nothing. Each
change is one conditional UPDATE on the order row (`... WHERE status = <the status read>`), so two
people pressing "Cancel" at once cancel once and give back once: the second finds the status
changed and is refused.

What a cancellation gives back is what the order took when it was placed, as its lines recorded
it (`OrderLine.budget_charge`, `OrderLine.reserved_quantity`, kept afterwards as a record: the
status machine, not the figures, makes sure it is given back once). Locks are taken as the checkout
takes them: the order row first (the UPDATE), then budgets by code, then stock rows by article
id, so a cancellation and a checkout never wait for each other in a circle. A shipment takes the
reserved pieces out of the warehouse (`stock.ship`).

The buyer who placed the order is mailed when it is confirmed and when it is shipped
(`order_mails`), through the outbox in the same transaction; every change is a line on the
customer's timeline saying who did what.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal, InvalidOperation

from flask_babel import force_locale, format_currency, format_date
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.accounts import log_event
from app.domain.budgets import give_back
from app.domain.cart import vat_per_rate
from app.domain.ordering import OrderingRefusal
from app.domain.orders import money
from app.domain.settings import shop_currency
from app.domain.stock import release, ship
from app.domain.translations import in_sentence
from app.generated.models import SalesOrder

PLACED = "placed"
CONFIRMED = "confirmed"
IN_PREPARATION = "in_preparation"
SHIPPED = "shipped"
DELIVERED = "delivered"
CANCELLED = "cancelled"
ON_HOLD = "on_hold"

STATUSES = (ON_HOLD, PLACED, CONFIRMED, IN_PREPARATION, SHIPPED, DELIVERED, CANCELLED)
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ON_HOLD: (PLACED, CANCELLED),
    PLACED: (CONFIRMED, CANCELLED),
    CONFIRMED: (IN_PREPARATION, CANCELLED),
    IN_PREPARATION: (SHIPPED, CANCELLED),
    SHIPPED: (DELIVERED,),
    DELIVERED: (),
    CANCELLED: (),
}
# Before confirmation the desk may still change the delivery terms.
NOT_CONFIRMED = (PLACED, ON_HOLD)
# New orders, which the desk sees first.
NEW = (PLACED, ON_HOLD)
NOTE_LENGTH = 4000
ZERO = Decimal(0)


class OrderDeskRefusal(OrderingRefusal):
    """A change to an order refused; its message says why, in the user's language."""


def status_label(status: str) -> str:
    """The translated name of a status ("In preparation")."""
    return str(dict(SalesOrder.STATUS_CHOICES).get(status, status))


def allowed_transitions(status: str) -> tuple[str, ...]:
    """The statuses an order in `status` may go to, in the order the desk offers them."""
    return TRANSITIONS.get(status, ())


def may_edit_delivery_terms(status: str) -> bool:
    """Whether the shipping fee and requested delivery date may still change (not confirmed)."""
    return status in NOT_CONFIRMED


def transition_problem(current: str, wanted: str) -> str | None:
    """Why an order in `current` may not go to `wanted`, or None when it may."""
    if wanted not in TRANSITIONS:
        return _("“%(status)s” is not an order status.", status=wanted)
    if wanted in TRANSITIONS.get(current, ()):
        return None
    if wanted == CANCELLED and current in (SHIPPED, DELIVERED):
        return _(
            "The order is %(status)s: it can no longer be cancelled.",
            status=in_sentence(status_label(current)),
        )
    if current in (CANCELLED, DELIVERED):
        return _(
            "The order is %(status)s: its status can no longer change.",
            status=in_sentence(status_label(current)),
        )
    return _(
        "An order that is %(status)s cannot become %(wanted)s.",
        status=in_sentence(status_label(current)),
        wanted=in_sentence(status_label(wanted)),
    )


def change_status(
    session: Session, order: SalesOrder, wanted: str, *, author=None, shop_language: str = "en"
) -> SalesOrder:
    """Move `order` to `wanted` if the machine allows it (see the module's docstring), with what
    goes with it: a cancellation gives back the budgets and stock the order took, a shipment
    takes the reserved pieces out of stock, a confirmation and a shipment mail the buyer.
    `author` (a user) is named on the customer's timeline, written in `shop_language`.

    Raises `OrderDeskRefusal` (nothing changed) for a forbidden transition, including one that
    another person's change made forbidden meanwhile. The caller commits.
    """
    current = order.status
    problem = transition_problem(current, wanted)
    if problem:
        raise OrderDeskRefusal(problem)
    _claim(session, order, (current,), status=wanted)
    if wanted == CANCELLED:
        _give_back(session, order)
    elif wanted == SHIPPED:
        ship(session, order.warehouse_id, _reserved(order))
    if wanted in (CONFIRMED, SHIPPED):
        from app.domain.order_mails import write_order_mail

        write_order_mail(session, order, wanted)
    with force_locale(shop_language):
        subject = _(
            "Order %(number)s: %(before)s → %(after)s",
            number=order.number,
            before=status_label(current),
            after=status_label(wanted),
        )
        _log(session, order, subject, "", author)
    session.flush()
    return order


def edit_delivery_terms(
    session: Session,
    order: SalesOrder,
    shipping_fee,
    delivery_date: datetime.date | None,
    *,
    author=None,
    today: datetime.date | None = None,
    shop_language: str = "en",
) -> SalesOrder:
    """Change the order's shipping fee and requested delivery date, before confirmation only,
    and work its totals out again as the checkout does (VAT on the fee at the order's highest
    rate). Refuses (nothing changed) a confirmed order, a fee that is not an amount of 0 or more,
    and a missing date or one in the past. The caller commits."""
    if not may_edit_delivery_terms(order.status):
        raise OrderDeskRefusal(
            _(
                "The order is %(status)s: its shipping fee and delivery date can no longer change.",
                status=in_sentence(status_label(order.status)),
            )
        )
    fee = _amount(shipping_fee)
    today = today or datetime.date.today()
    problems = []
    if fee is None:
        problems.append(_("Shipping fee: enter an amount of 0 or more, such as 12.50."))
    if delivery_date is None:
        problems.append(_("Requested delivery date: choose a date."))
    elif delivery_date < today:
        problems.append(_("Requested delivery date: choose today or a later day."))
    if problems:
        raise OrderDeskRefusal(problems)

    totals = order_totals(order, fee)
    before = (Decimal(order.shipping_fee or 0), order.requested_delivery_date)
    _claim(
        session,
        order,
        NOT_CONFIRMED,
        shipping_fee=fee,
        requested_delivery_date=delivery_date,
        **totals,
    )
    if before != (fee, delivery_date):
        currency = shop_currency(session)
        with force_locale(shop_language):
            subject = _("Order %(number)s: delivery terms changed", number=order.number)
            body = "\n".join(
                [
                    _(
                        "Shipping fee: %(before)s → %(after)s",
                        before=format_currency(before[0], currency),
                        after=format_currency(fee, currency),
                    ),
                    _(
                        "Requested delivery date: %(before)s → %(after)s",
                        before=format_date(before[1]) if before[1] else "—",
                        after=format_date(delivery_date),
                    ),
                ]
            )
            _log(session, order, subject, body, author)
    session.flush()
    return order


def set_internal_note(
    session: Session, order: SalesOrder, note: str | None, *, author=None, shop_language="en"
) -> SalesOrder:
    """Replace the order's internal note (staff only; any status). Refuses a note over 4,000
    characters. The caller commits."""
    note = (note or "").strip() or None
    if note and len(note) > NOTE_LENGTH:
        raise OrderDeskRefusal(
            _(
                "Internal note: at most %(max)d characters (this one has %(num)d).",
                max=NOTE_LENGTH,
                num=len(note),
            )
        )
    if note == order.internal_note:
        return order
    order.internal_note = note
    with force_locale(shop_language):
        _log(
            session,
            order,
            _("Order %(number)s: internal note changed", number=order.number),
            note or "",
            author,
        )
    session.flush()
    return order


def order_totals(order: SalesOrder, shipping_fee: Decimal) -> dict[str, Decimal]:
    """The order's totals with `shipping_fee`: net, VAT and gross, worked out from its lines and
    its order discount as the checkout works them out from the cart."""
    lines = list(order.lines)
    goods_total = money(sum((Decimal(line.line_total or 0) for line in lines), ZERO))
    discount = Decimal(order.discount_total or 0)
    vat = vat_per_rate(lines, goods_total, discount, shipping_fee)
    vat_total = money(sum(vat.values(), ZERO))
    net_total = money(goods_total - discount + shipping_fee)
    return {
        "net_total": net_total,
        "vat_total": vat_total,
        "gross_total": money(net_total + vat_total),
    }


def budget_charges(order: SalesOrder) -> dict[str, Decimal]:
    """{budget code: amount} the order took from the customer's budgets when it was placed, as
    its lines recorded it (a line added in the back office took nothing)."""
    charges: dict[str, Decimal] = defaultdict(lambda: ZERO)
    for line in order.lines:
        if line.budget_code and line.budget_charge:
            charges[line.budget_code] += Decimal(line.budget_charge)
    return {code: amount for code, amount in charges.items() if amount}


def _reserved(order: SalesOrder) -> dict[int, int]:
    """{article id: pieces} the order holds reserved in its warehouse, as its lines recorded it
    (a pre-order, an article the warehouse keeps no stock of, or a line added in the back office
    reserved nothing)."""
    pieces: dict[int, int] = defaultdict(int)
    for line in order.lines:
        if line.article_id is not None and line.reserved_quantity:
            pieces[line.article_id] += line.reserved_quantity
    return dict(pieces)


def _give_back(session: Session, order: SalesOrder) -> None:
    """The budgets (by code), then the stock (by article), the order took: the checkout's lock
    order."""
    give_back(session, order.customer_id, budget_charges(order))
    release(session, order.warehouse_id, _reserved(order))


def _claim(session: Session, order: SalesOrder, expected: tuple[str, ...], **values) -> None:
    """Write `values` to the order if its status is still one of `expected`, in one UPDATE that
    also locks the row until the transaction ends; refuse when someone changed it meanwhile."""
    table = SalesOrder.__table__
    result = session.execute(
        table.update().where(table.c.id == order.id, table.c.status.in_(expected)).values(**values)
    )
    if result.rowcount != 1:
        session.refresh(order, ["status"])
        raise OrderDeskRefusal(
            _(
                "Someone changed this order meanwhile: it is now %(status)s. Look at it again.",
                status=in_sentence(status_label(order.status)),
            )
        )
    session.refresh(order)


def _amount(value) -> Decimal | None:
    """A shipping fee typed or given: a Decimal of 0 or more, to the cent; else None."""
    if value is None or isinstance(value, float | bool):
        return None
    try:
        amount = Decimal(str(value).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    if not amount.is_finite() or amount < 0:
        return None
    return money(amount)


def _log(session: Session, order: SalesOrder, subject: str, body: str, author) -> None:
    if author is not None:
        name = " ".join(p for p in (author.first_name, author.last_name) if p) or author.username
        body = "\n".join(part for part in (body, _("By %(name)s.", name=name)) if part)
    log_event(session, order.customer, "order_changed", subject, body, author=author)
