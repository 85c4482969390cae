"""Shipping fee, franco threshold and minimum order amount of a customer.

Each of the three values is looked up on its own, from the most specific source to the most
general one; the first source that sets it wins, so the fee may come from the customer's record
while the franco threshold comes from the group's shipping rule and the minimum from the default:

1. the customer's own fields (shipping_fee, franco_threshold, minimum_order);
2. shipping rules for the customer;
3. the customer group's fields;
4. shipping rules for the group;
5. shipping rules for the shopper's warehouse, then the warehouse's default_shipping_fee;
6. the default shipping rule (no group, customer or warehouse).

Within one level several rules are read in the order they were created (lowest id first).
A rule's fee is required, so any rule that applies sets the fee. A group's minimum order of 0 is
the model's default and means "no minimum of the group's own": it lets the group's rule or the
default rule give one (a customer's 0 or a rule's 0 does mean "no minimum").

`show_franco_without_fee` comes from the rule that gave the franco threshold (the customer's and
group's fields have no such flag: False). When the settings say to reuse the previous order's
fee, the fee charged on the customer's latest order that was not cancelled and carried a fee
replaces the looked-up fee.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.orders import money
from app.domain.shopper import Shopper
from app.generated.models import Customer, CustomerGroup, SalesOrder, ShippingRule, Warehouse


@dataclass(frozen=True)
class ShippingTerms:
    """What shipping costs a customer: the fee (Decimal, rounded), the franco threshold from which
    shipping is free (None: never), whether the portal shows the threshold without the fee, and
    the minimum order amount before VAT (None: no minimum)."""

    fee: Decimal
    franco_threshold: Decimal | None
    show_franco_without_fee: bool
    minimum_order: Decimal | None


@dataclass
class _Found:
    fee: Decimal | None = None
    franco_threshold: Decimal | None = None
    show_franco_without_fee: bool = False
    minimum_order: Decimal | None = None

    def take(self, fee=None, franco_threshold=None, show_franco_without_fee=False, minimum=None):
        """Keep each value this source sets that no earlier source has set."""
        if self.fee is None and fee is not None:
            self.fee = Decimal(fee)
        if self.franco_threshold is None and franco_threshold is not None:
            self.franco_threshold = Decimal(franco_threshold)
            self.show_franco_without_fee = bool(show_franco_without_fee)
        if self.minimum_order is None and minimum is not None:
            self.minimum_order = Decimal(minimum)


def shipping_terms(session: Session, shopper: Shopper) -> ShippingTerms:
    """The shipping terms of `shopper`'s customer, in two queries (see the module's docstring)."""
    columns = [
        Customer.shipping_fee,
        Customer.franco_threshold,
        Customer.minimum_order,
        CustomerGroup.shipping_fee.label("group_fee"),
        CustomerGroup.franco_threshold.label("group_franco"),
        CustomerGroup.minimum_order.label("group_minimum"),
        sa.select(Warehouse.default_shipping_fee)
        .where(Warehouse.id == shopper.warehouse_id)
        .scalar_subquery()
        .label("warehouse_fee"),
    ]
    if shopper.reuse_previous_shipping_fee:
        columns.append(
            sa.select(SalesOrder.shipping_fee)
            .where(
                SalesOrder.customer_id == shopper.customer_id,
                SalesOrder.status != "cancelled",
                SalesOrder.shipping_fee > 0,
            )
            .order_by(SalesOrder.placed_at.desc(), SalesOrder.id.desc())
            .limit(1)
            .scalar_subquery()
            .label("previous_fee")
        )
    row = session.execute(
        sa.select(*columns)
        .select_from(Customer)
        .outerjoin(CustomerGroup, CustomerGroup.id == shopper.group_id)
        .where(Customer.id == shopper.customer_id)
    ).one_or_none()

    targets = [
        sa.and_(
            ShippingRule.customer_id.is_(None),
            ShippingRule.group_id.is_(None),
            ShippingRule.warehouse_id.is_(None),
        ),
        ShippingRule.customer_id == shopper.customer_id,
    ]
    if shopper.group_id is not None:
        targets.append(ShippingRule.group_id == shopper.group_id)
    if shopper.warehouse_id is not None:
        targets.append(ShippingRule.warehouse_id == shopper.warehouse_id)
    rules = session.execute(
        sa.select(
            ShippingRule.fee,
            ShippingRule.franco_threshold,
            ShippingRule.show_franco_without_fee,
            ShippingRule.minimum_order,
            ShippingRule.customer_id,
            ShippingRule.group_id,
            ShippingRule.warehouse_id,
        )
        .where(sa.or_(*targets))
        .order_by(ShippingRule.id)
    ).all()

    def rules_where(test) -> list:
        return [rule for rule in rules if test(rule)]

    found = _Found()
    if row is not None:
        found.take(row.shipping_fee, row.franco_threshold, False, row.minimum_order)
    for rule in rules_where(lambda r: r.customer_id is not None):
        found.take(*rule[:4])
    if row is not None:
        found.take(row.group_fee, row.group_franco, False, row.group_minimum or None)
    for rule in rules_where(lambda r: r.customer_id is None and r.group_id is not None):
        found.take(*rule[:4])
    for rule in rules_where(
        lambda r: r.customer_id is None and r.group_id is None and r.warehouse_id is not None
    ):
        found.take(*rule[:4])
    if row is not None:
        found.take(fee=row.warehouse_fee)
    for rule in rules_where(
        lambda r: r.customer_id is None and r.group_id is None and r.warehouse_id is None
    ):
        found.take(*rule[:4])

    fee = found.fee or Decimal(0)
    if row is not None and shopper.reuse_previous_shipping_fee and row.previous_fee is not None:
        fee = Decimal(row.previous_fee)
    return ShippingTerms(
        fee=money(fee),
        franco_threshold=found.franco_threshold,
        show_franco_without_fee=found.show_franco_without_fee,
        minimum_order=found.minimum_order,
    )


def shipping_fee(terms: ShippingTerms, goods_total: Decimal) -> Decimal:
    """The fee charged on an order of `goods_total` (before VAT): 0 at or above the franco
    threshold, else the terms' fee."""
    if terms.franco_threshold is not None and goods_total >= terms.franco_threshold:
        return Decimal("0.00")
    return terms.fee


def franco_progress(terms: ShippingTerms, goods_total: Decimal) -> Decimal | None:
    """What is still missing for free shipping (0 once reached); None when there is no franco
    threshold or no fee to save."""
    if terms.franco_threshold is None or not terms.fee:
        return None
    return money(max(terms.franco_threshold - goods_total, Decimal(0)))


def minimum_order_missing(terms: ShippingTerms, goods_total: Decimal) -> Decimal | None:
    """The amount missing to reach the minimum order; None when there is none or it is reached."""
    if not terms.minimum_order or goods_total >= terms.minimum_order:
        return None
    return money(terms.minimum_order - goods_total)


def minimum_order_problem(
    terms: ShippingTerms,
    goods_total: Decimal,
    format_money: Callable[[Decimal], str] = str,
) -> str | None:
    """Why an order of `goods_total` may not be placed yet (translated); None when it may.

    `format_money` writes an amount as the page shows money (the portal passes its `money`
    filter); by default the plain Decimal.
    """
    missing = minimum_order_missing(terms, goods_total)
    if missing is None:
        return None
    return _(
        "The minimum order amount is %(minimum)s before VAT: add %(missing)s to place this order.",
        minimum=format_money(money(terms.minimum_order)),
        missing=format_money(missing),
    )
