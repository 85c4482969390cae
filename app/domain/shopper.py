"""Who is ordering: the customer's terms gathered once per request, for every ordering rule.

Pricing, visibility, quantities, shipping, delivery dates and budgets all start from the same few
facts (the customer, its group, its price level, its warehouse, the shop's settings). Reading them
once into a `Shopper` keeps each rule a plain function of ids and values, with no lazy loading in
a loop, and lets a benchmark or a test build one without a request.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy.orm import Session

from app.domain.settings import portal_settings
from app.generated.models import Contact, Customer, CustomerGroup, PortalSettings


@dataclass(frozen=True)
class Shopper:
    """The customer (and, in the portal, the contact) an ordering rule is applied for."""

    customer_id: int
    group_id: int | None
    # The customer's price level, else its group's, else the shop's default.
    price_level_id: int | None
    # The customer's default warehouse, else the shop's.
    warehouse_id: int | None
    delivery_round_id: int | None
    contact_id: int | None
    language: str
    today: datetime.date
    # The customer's own value where it has one, else its group's (model.yaml's "group" choice).
    vat_exempt: bool
    hides_prices: bool
    order_unit: str  # "unit" or "pack"
    pay_on_invoice: bool
    pay_after_delivery: bool
    credit_limit: Decimal | None
    open_balance: Decimal  # overdue + not yet due, what the credit limit is measured against
    # Shop settings that change what the rules do.
    show_stock: bool
    reuse_previous_shipping_fee: bool
    hold_orders_over_credit_limit: bool


def shopper_for(
    session: Session,
    customer: Customer,
    contact: Contact | None = None,
    *,
    today: datetime.date | None = None,
    language: str | None = None,
) -> Shopper:
    """Gather `customer`'s ordering terms (and `contact`'s, in the portal)."""
    return _shopper(portal_settings(session), customer, contact, today=today, language=language)


def shoppers_for(
    session: Session, customers: Iterable[Customer], *, today: datetime.date | None = None
) -> dict[int, Shopper]:
    """The ordering terms of many customers (no contact), keyed by customer id.

    The shop's settings are read once for all of them; load the customers with their group
    (selectinload) so that reading the groups is not a query per customer.
    """
    settings = portal_settings(session)
    return {customer.id: _shopper(settings, customer, None, today=today) for customer in customers}


def _shopper(
    settings: PortalSettings | None,
    customer: Customer,
    contact: Contact | None,
    *,
    today: datetime.date | None,
    language: str | None = None,
) -> Shopper:
    group: CustomerGroup | None = customer.group
    price_level_id = customer.price_level_id or (group.price_level_id if group else None)
    if price_level_id is None and settings is not None:
        price_level_id = settings.default_price_level_id
    warehouse_id = customer.default_warehouse_id or (
        settings.default_warehouse_id if settings is not None else None
    )
    return Shopper(
        customer_id=customer.id,
        group_id=customer.group_id,
        price_level_id=price_level_id,
        warehouse_id=warehouse_id,
        delivery_round_id=customer.delivery_round_id,
        contact_id=contact.id if contact is not None else None,
        language=language
        or (contact.language if contact is not None and contact.language else None)
        or customer.language
        or (settings.default_language if settings is not None else None)
        or "en",
        today=today or datetime.date.today(),
        vat_exempt=_own_or_group(
            customer.vat_exempt, {"exempt": True, "liable": False}, group, "vat_exempt"
        ),
        hides_prices=_hides_prices(customer, group, settings),
        order_unit=customer.order_unit
        if customer.order_unit in ("unit", "pack")
        else (group.order_unit if group is not None and group.order_unit else "unit"),
        pay_on_invoice=_own_or_group(
            customer.pay_on_invoice,
            {"allowed": True, "refused": False},
            group,
            "pay_on_invoice",
            True,
        ),
        pay_after_delivery=_own_or_group(
            customer.pay_after_delivery,
            {"allowed": True, "refused": False},
            group,
            "pay_after_delivery",
        ),
        credit_limit=customer.credit_limit,
        open_balance=(customer.overdue_balance or Decimal(0))
        + (customer.not_due_balance or Decimal(0)),
        show_stock=bool(settings and settings.show_stock),
        reuse_previous_shipping_fee=bool(settings and settings.reuse_previous_shipping_fee),
        hold_orders_over_credit_limit=bool(settings and settings.hold_orders_over_credit_limit),
    )


def _own_or_group(value, meanings: dict, group, group_field: str, fallback: bool = False) -> bool:
    """A customer's enum that says "group" (or nothing) defers to the group's boolean."""
    if value in meanings:
        return meanings[value]
    if group is not None and getattr(group, group_field) is not None:
        return bool(getattr(group, group_field))
    return fallback


def _hides_prices(customer: Customer, group: CustomerGroup | None, settings) -> bool:
    """The customer's choice, else its group's; a group left unticked follows the shop."""
    if customer.hide_prices == "shown":
        return False
    if customer.hide_prices == "hidden":
        return True
    if group is not None and group.hide_prices:
        return True
    return bool(settings and settings.hide_prices)
