"""A small shop for the ordering journeys: one public catalogue, a group-only one, articles with
a price level, a customer price list with quantity tiers, a library budget, addresses and a
delivery round that delivers every day, so checkout always has a date to offer."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import event

from app.domain.shopper import Shopper
from app.extensions import db
from app.generated.models import (
    Address,
    Article,
    Catalogue,
    CustomerGroup,
    DeliveryRound,
    Family,
    LibraryBudget,
    LibraryRelation,
    Price,
    PriceLevel,
    PriceList,
    Warehouse,
)
from tests.portal import _make_contact, _make_customer, _shop_settings

BUYER = "bea.buyer@lib-one.example"
BOSS = "ada.admin@lib-one.example"
OTHER_BUYER = "otto.other@lib-one.example"
STRANGER = "sam.stranger@lib-two.example"


@dataclass
class Shop:
    customer_id: int
    other_customer_id: int
    group_id: int
    articles: dict[str, int]  # sku -> id
    hidden_article_id: int
    address_id: int
    other_address_id: int
    budget_code: str


def make_shop(app) -> Shop:
    with app.app_context():
        shop = _make_shop()
        db.session.commit()
        return shop


def _make_shop() -> Shop:
    _shop_settings(shop_name="Books & Co")
    warehouse = Warehouse(code="MAIN", name="Main warehouse", country="FR")
    every_day = DeliveryRound(
        name="Every day",
        warehouse=warehouse,
        lead_days=1,
        **{day: True for day in ("monday", "tuesday", "wednesday", "thursday", "friday")},
        saturday=True,
        sunday=True,
    )
    level = PriceLevel(code="RETAIL", name="Retail")
    schools = CustomerGroup(name="Schools", price_level=level)
    others = CustomerGroup(name="Others", price_level=level)
    public = Catalogue(code="MAIN", name="Main catalogue", is_public=True)
    private = Catalogue(code="PRO", name="Professional catalogue", groups=[others])
    novels = Family(code="NOV", name="Novels", catalogue=public)
    tools = Family(code="TLS", name="Tools", catalogue=private)
    db.session.add_all(
        [warehouse, every_day, level, schools, others, public, private, novels, tools]
    )
    db.session.flush()
    today = datetime.date.today()
    articles = {
        "NOV-001": Article(
            sku="NOV-001",
            name="The Long Winter",
            status="active",
            family=novels,
            base_price=Decimal("20.00"),
            vat_rate=Decimal("5.5"),
            weight=Decimal("0.400"),
            ean="9780306406157",
            publication_date=today - datetime.timedelta(days=100),
        ),
        "NOV-002": Article(
            sku="NOV-002",
            name="Summer Rain",
            status="active",
            family=novels,
            base_price=Decimal("12.50"),
            vat_rate=Decimal("5.5"),
            weight=Decimal("0.300"),
        ),
        "NOV-BOX": Article(
            sku="NOV-BOX",
            name="Bookmarks",
            status="active",
            family=novels,
            base_price=Decimal("1.00"),
            vat_rate=Decimal("20"),
            pack_size=10,
            order_multiple=10,
            minimum_quantity=10,
        ),
    }
    hidden = Article(
        sku="TLS-001", name="Binding press", status="active", family=tools, base_price=Decimal(90)
    )
    db.session.add_all([*articles.values(), hidden])
    db.session.flush()
    level_list = PriceList(name="Retail prices", price_level=level, priority=0)
    level_list.prices = [
        Price(article=articles["NOV-001"], min_quantity=1, unit_price=Decimal("18.00")),
        Price(article=articles["NOV-002"], min_quantity=1, unit_price=Decimal("11.00")),
    ]
    db.session.add(level_list)
    customer = _make_customer(
        "LIB1",
        name="Library One",
        group=db.session.get(CustomerGroup, schools.id),
        delivery_round=every_day,
        default_warehouse=warehouse,
        credit_limit=Decimal("100000"),
    )
    own_list = PriceList(name="Library One prices", customer=customer, priority=0)
    own_list.prices = [
        Price(article=articles["NOV-001"], min_quantity=1, unit_price=Decimal("16.00")),
        Price(article=articles["NOV-001"], min_quantity=10, unit_price=Decimal("15.00")),
    ]
    budget = LibraryBudget(
        customer=customer,
        code="YOUTH",
        name="Youth books",
        total=Decimal("500"),
        remaining=Decimal("500"),
        default_discount=Decimal("5"),
        fixed_price_discount=Decimal("9"),
        fixed_price_months=24,
    )
    relation = LibraryRelation(customer=customer, code="MAIN-LIB", name="Main library")
    address = Address(
        customer=customer,
        kind="both",
        name="Library One",
        line1="1 rue des Livres",
        postcode="69001",
        city="Lyon",
        country="FR",
        default_shipping=True,
        default_billing=True,
    )
    db.session.add_all([own_list, budget, relation, address])
    db.session.commit()
    other = _make_customer(
        "LIB2", name="Library Two", group=db.session.get(CustomerGroup, others.id)
    )
    other_address = Address(
        customer_id=other.id,
        kind="both",
        name="Library Two",
        line1="2 quai",
        postcode="75001",
        city="Paris",
        country="FR",
    )
    db.session.add(other_address)
    db.session.commit()
    _make_contact(customer, BUYER)
    _make_contact(customer, OTHER_BUYER)
    _make_contact(customer, BOSS, company_role="administrator")
    _make_contact(other, STRANGER)
    return Shop(
        customer_id=customer.id,
        other_customer_id=other.id,
        group_id=schools.id,
        articles={sku: a.id for sku, a in articles.items()},
        hidden_article_id=hidden.id,
        address_id=address.id,
        other_address_id=other_address.id,
        budget_code="YOUTH",
    )


@contextmanager
def statements_run(session) -> Iterator[list[str]]:
    """The SQL statements run on the session's engine inside the block, as a list of texts."""
    seen: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        seen.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", count)


def plain_shopper(**terms) -> Shopper:
    """A shopper with no special terms (customer 1, English, ordering by the unit, nothing
    hidden, no stock shown), for rules that need no database; `terms` change any of them."""
    plain = {
        "customer_id": 1,
        "group_id": None,
        "price_level_id": None,
        "warehouse_id": None,
        "delivery_round_id": None,
        "contact_id": None,
        "language": "en",
        "today": datetime.date(2026, 3, 2),
        "vat_exempt": False,
        "hides_prices": False,
        "order_unit": "unit",
        "pay_on_invoice": True,
        "pay_after_delivery": False,
        "credit_limit": None,
        "open_balance": Decimal(0),
        "show_stock": False,
        "reuse_previous_shipping_fee": False,
        "hold_orders_over_credit_limit": False,
    }
    return Shopper(**{**plain, **terms})
