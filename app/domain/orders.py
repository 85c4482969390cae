"""Rules about orders that hold however an order is written: portal, back office or API."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import event

CENT = Decimal("0.01")


def money(amount: Decimal) -> Decimal:
    """Round an amount to the cent, halves away from zero: the one rounding rule for money."""
    return Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def line_total(quantity: int, unit_price: Decimal, discount_percent: Decimal | None) -> Decimal:
    """quantity × unit price, less the line's discount, rounded to the cent."""
    discount = Decimal(discount_percent or 0)
    return money(Decimal(quantity) * Decimal(unit_price) * (100 - discount) / 100)


def next_order_number(connection, table: sa.Table, year: int) -> str:
    """'2026-000124': the year and a sequence within it, one more than the highest so far.

    The unique constraint on the number refuses a duplicate written by a concurrent insert;
    the ordering module retries then (it places orders inside a transaction of its own).
    """
    prefix = f"{year}-"
    highest = connection.scalar(
        sa.select(sa.func.max(table.c.number)).where(table.c.number.like(f"{prefix}%"))
    )
    sequence = int(highest.removeprefix(prefix)) + 1 if highest else 1
    return f"{prefix}{sequence:06d}"


class OrderRules:
    """Behaviour mixed into the generated `SalesOrder` (named in model.yaml as its mixin)."""

    number: str
    status: str
    lines: list

    # Orders that still hold reserved stock and charged budgets (app.domain.order_status).
    HOLDING = ("on_hold", "placed", "confirmed", "in_preparation")

    @classmethod
    def __declare_last__(cls):
        event.listen(cls, "before_insert", _number_new_order)

    def deletion_refusal(self) -> str | None:
        """Why this order may not be deleted, or None: deleting an order that still holds stock
        or budget (lines that reserved or charged some, app.domain.checkout) would keep them from
        everyone for good, so it is cancelled first, which gives them back. A cancelled, shipped
        or delivered order, or one holding nothing, may go."""
        holds = any(line.reserved_quantity or line.budget_charge for line in self.lines)
        if self.status in self.HOLDING and holds:
            return _(
                "Order %(number)s still holds stock and budget: cancel it first, then delete it.",
                number=self.number,
            )
        return None


def _number_new_order(_mapper, connection, order) -> None:
    if not order.number:
        year = (order.placed_at or datetime.datetime.now(datetime.UTC)).year
        order.number = next_order_number(connection, type(order).__table__, year)


class OrderLineRules:
    """Behaviour mixed into the generated `OrderLine`: its total follows its figures."""

    @classmethod
    def __declare_last__(cls):
        event.listen(cls, "before_insert", _total_line)
        event.listen(cls, "before_update", _total_line)


def _total_line(_mapper, _connection, line) -> None:
    if line.quantity is not None and line.unit_price is not None:
        line.line_total = line_total(line.quantity, line.unit_price, line.discount_percent)
