"""Who is ordering: the customer's terms gathered once per request, for every ordering rule.

Pricing, visibility, quantities, shipping, delivery dates and budgets all start from the same few
facts (the customer, its group, its price level, its warehouse, the shop's settings). Reading them
once into a `Shopper` keeps each rule a plain function of ids and values, with no lazy loading in
a loop, and lets a benchmark or a test build one without a request.
"""

from __future__ import annotations

import datetime
from collections import namedtuple
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.settings import portal_settings
from app.generated.models import Contact, Customer, CustomerGroup


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
    settings = portal_settings(session)
    return _shopper(settings, customer, customer.group, contact, today=today, language=language)


def shoppers_for(
    session: Session, customers: Iterable[Customer], *, today: datetime.date | None = None
) -> dict[int, Shopper]:
    """The ordering terms of many customers (no contact), keyed by customer id.

    The shop's settings are read once for all of them; load the customers with their group
    (selectinload) so that reading the groups is not a query per customer.
    """
    settings = portal_settings(session)
    return {
        customer.id: _shopper(settings, customer, customer.group, None, today=today)
        for customer in customers
    }


# What a shopper is made of: the customer's and its group's columns (see `shoppers_of`).
_CUSTOMER_TERMS = (
    "id",
    "group_id",
    "price_level_id",
    "default_warehouse_id",
    "delivery_round_id",
    "language",
    "vat_exempt",
    "hide_prices",
    "order_unit",
    "pay_on_invoice",
    "pay_after_delivery",
    "credit_limit",
    "overdue_balance",
    "not_due_balance",
)
_GROUP_TERMS = (
    "id",
    "price_level_id",
    "vat_exempt",
    "hide_prices",
    "order_unit",
    "pay_on_invoice",
    "pay_after_delivery",
)


def _by_ids(table: sa.Table, names: tuple[str, ...]) -> sa.Select:
    columns = table.c
    return sa.select(*(columns[name] for name in names)).where(
        columns.id.in_(sa.bindparam("ids", expanding=True))
    )


_CUSTOMERS_TERMS = _by_ids(Customer.__table__, _CUSTOMER_TERMS)
_GROUPS_TERMS = _by_ids(CustomerGroup.__table__, _GROUP_TERMS)
# The settings a shopper is made of.
_SHOP_TERMS = (
    "default_price_level_id",
    "default_warehouse_id",
    "default_language",
    "hide_prices",
    "show_stock",
    "reuse_previous_shipping_fee",
    "hold_orders_over_credit_limit",
)
# Named tuples of those values: read a few times per shopper, a row's or a mapped object's
# attribute takes ten times as long.
_CustomerTerms = namedtuple("_CustomerTerms", _CUSTOMER_TERMS)
_GroupTerms = namedtuple("_GroupTerms", _GROUP_TERMS)
_ShopTerms = namedtuple("_ShopTerms", _SHOP_TERMS)

# Ids per statement in `shoppers_of`: bound parameters, below SQLite's historical limit of 999.
BATCH_SIZE = 500


def shoppers_of(
    session: Session, customer_ids: Iterable[int], *, today: datetime.date | None = None
) -> dict[int, Shopper]:
    """The ordering terms of the customers of `customer_ids` (no contact), keyed by customer
    id: what `shoppers_for` gives for them, without loading Customer objects.

    For a job or a report that prices for many customers and holds only their ids: their
    terms and their groups' are read by id in batches of BATCH_SIZE ids (two statements up to
    that many customers, plus the shop's settings once per session), with none of the
    relationships a Customer object loads with it. Ids of no customer are left out.
    """
    ids = sorted({int(customer_id) for customer_id in customer_ids})
    customers = _terms(session, _CUSTOMERS_TERMS, ids, _CustomerTerms)
    if not customers:
        return {}
    group_ids = sorted({customer.group_id for customer in customers} - {None})
    groups = {group.id: group for group in _terms(session, _GROUPS_TERMS, group_ids, _GroupTerms)}
    settings = portal_settings(session)
    shop = None if settings is None else _ShopTerms._make(getattr(settings, n) for n in _SHOP_TERMS)
    today = today or datetime.date.today()
    return {
        customer.id: _shopper(shop, customer, groups.get(customer.group_id), None, today=today)
        for customer in customers
    }


def _terms(session: Session, statement: sa.Select, ids: list[int], kind: Any) -> list[Any]:
    """The rows of `statement` for `ids` as `kind` tuples, BATCH_SIZE ids per statement."""
    rows: list[Any] = []
    for start in range(0, len(ids), BATCH_SIZE):
        result = session.execute(statement, {"ids": ids[start : start + BATCH_SIZE]})
        rows += map(kind._make, result)
    return rows


def _shopper(
    settings: Any,
    customer: Any,
    group: Any,
    contact: Contact | None,
    *,
    today: datetime.date | None,
    language: str | None = None,
) -> Shopper:
    """`settings` is the PortalSettings (or None), `customer` and `group` a Customer and its
    CustomerGroup (or None); or tuples of their values (see `shoppers_of`)."""
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


def _hides_prices(customer: Any, group: Any, settings) -> bool:
    """The customer's choice, else its group's; a group left unticked follows the shop."""
    if customer.hide_prices == "shown":
        return False
    if customer.hide_prices == "hidden":
        return True
    if group is not None and group.hide_prices:
        return True
    return bool(settings and settings.hide_prices)
