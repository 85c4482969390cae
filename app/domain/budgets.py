"""Library budgets: what a library may still spend per budget code, and spending it safely.

A budget (`LibraryBudget`) belongs to one customer and is known by its code. A cart line with a
budget code charges its line total to that budget: the discounted price before VAT (the
budget's own discount is taken off the line first, see `pricing.budget_discount_percent`).
`remaining` is kept on the budget row and lowered when an order is placed; `spend` lowers it with
one conditional UPDATE per budget, so twenty checkouts racing for the same budget can never
take it below zero: the database serialises the updates on the row and re-checks the condition
against the row as the previous transaction left it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from sqlalchemy.orm import Session, lazyload

from app.generated.models import LibraryBudget

ZERO = Decimal(0)


@dataclass(frozen=True)
class BudgetStatus:
    """One budget as a cart sees it: what is left, what the cart charges to it, what would be
    left after the order (negative when the cart asks more than is left)."""

    code: str
    name: str | None
    remaining: Decimal
    in_cart: Decimal
    after: Decimal
    exceeded: bool


def budgets_of(session: Session, customer_id: int, on: datetime.date) -> list[LibraryBudget]:
    """The customer's budgets usable on `on` (between valid_from and valid_to, both included, an
    empty date leaving that end open), by code. One query."""
    return list(
        session.scalars(
            sa.select(LibraryBudget)
            .where(
                LibraryBudget.customer_id == customer_id,
                sa.or_(LibraryBudget.valid_from.is_(None), LibraryBudget.valid_from <= on),
                sa.or_(LibraryBudget.valid_to.is_(None), LibraryBudget.valid_to >= on),
            )
            .options(lazyload(LibraryBudget.customer))
            .order_by(LibraryBudget.code)
        )
    )


def budget_statuses(
    budgets: Iterable[LibraryBudget], in_cart: Mapping[str, Decimal] | None = None
) -> list[BudgetStatus]:
    """Every budget of `budgets` with what `in_cart` ({code: amount}) charges to it (0 for the
    codes it does not name). No query: pass the budgets `budgets_of` returned."""
    in_cart = in_cart or {}
    statuses = []
    for budget in budgets:
        remaining = Decimal(budget.remaining or 0)
        charged = Decimal(in_cart.get(budget.code, ZERO))
        statuses.append(
            BudgetStatus(
                code=budget.code,
                name=budget.name,
                remaining=remaining,
                in_cart=charged,
                after=remaining - charged,
                exceeded=charged > remaining,
            )
        )
    return statuses


def spend(session: Session, customer_id: int, amounts: Mapping[str, Decimal]) -> list[str]:
    """Lower the customer's budgets by `amounts` ({code: amount}), each only if it has that much
    left; return the codes it could not charge (not enough left, or no such budget), sorted.

    Each budget is one `UPDATE ... SET remaining = remaining - x WHERE ... AND remaining >= x`:
    atomic, and it holds the row's lock until the transaction ends, so concurrent orders charge
    a budget one after the other and none overspends it. Budgets are updated in code order, so
    two orders charging the same budgets never wait for each other in a circle (deadlock).
    When the result is not empty some other budgets may have been charged: the caller rolls
    back (the checkout does, with its savepoint).
    """
    table = LibraryBudget.__table__
    refused = []
    for code in sorted(amounts):
        amount = Decimal(amounts[code])
        if amount <= 0:
            continue
        result = session.execute(
            table.update()
            .where(
                table.c.customer_id == customer_id,
                table.c.code == code,
                # Rounded to the column's scale: SQLite keeps numerics as floats, whose
                # 0.30000000000000004 must still cover 0.30.
                sa.func.round(table.c.remaining, 4) >= amount,
            )
            .values(remaining=sa.func.round(table.c.remaining - amount, 4))
        )
        if result.rowcount != 1:
            refused.append(code)
    return refused


def remaining_of(session: Session, customer_id: int, codes: Iterable[str]) -> dict[str, Decimal]:
    """What is left now on the customer's budgets of `codes`, freshly read: {code: remaining}."""
    codes = list(codes)
    if not codes:
        return {}
    table = LibraryBudget.__table__
    rows = session.execute(
        sa.select(table.c.code, table.c.remaining).where(
            table.c.customer_id == customer_id, table.c.code.in_(codes)
        )
    )
    return {code: Decimal(remaining) for code, remaining in rows}


def give_back(session: Session, customer_id: int, amounts: Mapping[str, Decimal]) -> list[str]:
    """Give back to the customer's budgets what an order had charged to them ({code: amount}),
    the inverse of `spend` (a cancellation); return the codes with no such budget any more
    (their amount is lost to the library, as the budget is), sorted.

    One atomic `UPDATE ... SET remaining = remaining + x` per budget, in code order like
    `spend`, so a cancellation and a checkout charging the same budgets never deadlock.
    """
    table = LibraryBudget.__table__
    missing = []
    for code in sorted(amounts):
        amount = Decimal(amounts[code])
        if amount <= 0:
            continue
        result = session.execute(
            table.update()
            .where(table.c.customer_id == customer_id, table.c.code == code)
            .values(remaining=sa.func.round(table.c.remaining + amount, 4))
        )
        if result.rowcount != 1:
            missing.append(code)
    return missing
