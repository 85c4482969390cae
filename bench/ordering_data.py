"""The ordering module's data set at the issue's size, generated fast and deterministically.

100,000 articles in the families of a few catalogues (some public, some linked to groups; tags,
brands, seasons, variants, exclusions), 5,000 customers in 50 groups with price levels, 200 price
lists (customer, group and price-level lists, some with quantity tiers, validity dates and
priorities) holding 500,000 prices, promotions, order discounts, warehouses with stock, delivery
rounds, library budgets and 20,000 orders with their lines.

Rows go in through Core (`conn.execute(table.insert(), rows)`, 10,000 at a time) with ids chosen
here, so nothing is read back. The same seed gives the same rows; dates are relative to `--today`.
A table `bench_dataset` records what was generated: a database that already holds the same data
set is reused (`--force` generates again).

    python -m bench.ordering_data [--database-url URL] [--small] [--articles N] [--customers N]
        [--groups N] [--price-lists N] [--prices N] [--orders N] [--seed N] [--force]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import itertools
import json
import random
import tempfile
import time
import zlib
from collections.abc import Iterable, Iterator
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

BATCH = 10_000
PASSWORD = "Bench-pass-123!"
MARKER = sa.Table(
    "bench_dataset",
    sa.MetaData(),
    sa.Column("name", sa.String(40), primary_key=True),
    sa.Column("parameters", sa.Text, nullable=False),
    sa.Column("generated_at", sa.DateTime, nullable=False),
    sa.Column("seconds", sa.Float, nullable=False),
)
DATASET = "ordering"


@dataclasses.dataclass(frozen=True)
class Sizes:
    """How many of each; the defaults are the issue's figures."""

    articles: int = 100_000
    customers: int = 5_000
    groups: int = 50
    price_lists: int = 200
    prices: int = 500_000
    orders: int = 20_000
    catalogues: int = 10
    promotions: int = 300


SMALL = Sizes(
    articles=5_000,
    customers=300,
    groups=10,
    price_lists=30,
    prices=20_000,
    orders=1_000,
    catalogues=4,
    promotions=30,
)


def add_size_arguments(parser: argparse.ArgumentParser) -> None:
    """--small, --articles, --customers, ... (the issue's sizes by default), --seed, --today."""
    parser.add_argument(
        "--small", action="store_true", help="a quick data set (5,000 articles, 300 customers)"
    )
    for field in dataclasses.fields(Sizes):
        parser.add_argument(f"--{field.name.replace('_', '-')}", type=int, default=None)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument(
        "--today",
        type=datetime.date.fromisoformat,
        default=None,
        help="the date the data set's validity dates are relative to (default: today)",
    )


def sizes_from(args: argparse.Namespace) -> Sizes:
    base = SMALL if args.small else Sizes()
    chosen = {
        field.name: getattr(args, field.name)
        for field in dataclasses.fields(Sizes)
        if getattr(args, field.name) is not None
    }
    return dataclasses.replace(base, **chosen)


def cents(amount: int) -> Decimal:
    return Decimal(amount).scaleb(-2)


def batches(rows: Iterable[dict], size: int = BATCH) -> Iterator[list[dict]]:
    iterator = iter(rows)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


def words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


# Words for names a person would search for.
NOUNS = words(
    "notebook pencil pen marker eraser ruler folder binder stapler scissors glue tape envelope "
    "calendar diary atlas dictionary novel cookbook puzzle boardgame crayon paint brush canvas "
    "sketchbook backpack pencilcase highlighter calculator globe map poster sticker card album "
    "bookmark lamp clock whiteboard chalk easel clay beads yarn fabric ribbon frame"
)
ADJECTIVES = words(
    "blue red green black white yellow large small classic deluxe recycled organic pocket "
    "premium junior school office travel vintage magnetic spiral lined squared plain soft hard"
)
TOWNS = words(
    "Lyon Paris Lille Nantes Rennes Brest Nancy Metz Dijon Tours Angers Caen Rouen Reims Amiens "
    "Nice Toulon Pau Bayonne Bordeaux Limoges Poitiers Orleans Blois Troyes Annecy Grenoble Gap"
)
GROUP_KINDS = ("Libraries", "Schools", "Bookshops", "Stationers", "Offices")
PRODUCT_TYPES = (
    ("BOOK", "Book", "5.50"),
    ("MEDIA", "Media", "5.50"),
    ("GAME", "Game", "20.00"),
    ("STAT", "Stationery", "20.00"),
    ("TOY", "Toy", "20.00"),
    ("OFFICE", "Office supplies", "20.00"),
    ("ART", "Art supplies", "20.00"),
    ("CRAFT", "Craft", "20.00"),
)
VARIANT_LABELS = ("A4", "A5", "A6", "S", "M", "L", "XL", "red", "blue", "green", "black")
ORDER_STATUSES_OLD = ("delivered",) * 17 + ("cancelled", "shipped", "shipped")
ORDER_STATUSES_RECENT = ("placed", "confirmed", "in_preparation", "shipped", "delivered")


class Generator:
    """Builds the rows of every table in dependency order and inserts them through `conn`."""

    def __init__(self, conn: sa.Connection, sizes: Sizes, seed: int, today: datetime.date):
        from flask_appbuilder import Model

        self.conn = conn
        self.tables = Model.metadata.tables
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.today = today
        self.now = datetime.datetime.combine(today, datetime.time(9, 0))
        self.counts: dict[str, int] = {}

    # -- plumbing -------------------------------------------------------------------------------

    def insert(self, table: str | sa.Table, rows: Iterable[dict]) -> int:
        table = self.tables[table] if isinstance(table, str) else table
        statement = table.insert()
        count = 0
        for batch in batches(rows):
            self.conn.execute(statement, batch)
            count += len(batch)
        self.counts[table.name] = self.counts.get(table.name, 0) + count
        return count

    def day(self, offset: int) -> datetime.date:
        return self.today + datetime.timedelta(days=offset)

    # -- the data set ---------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        self.reference_data()
        self.catalogue_tree()
        self.articles()
        self.customers()
        self.contacts()
        self.customer_terms()
        self.price_lists()
        self.promotions_and_discounts()
        self.stock()
        self.selections()
        self.orders()
        self.templates()
        return self.counts

    def reference_data(self) -> None:
        rng = self.rng
        self.level_ids = [1, 2, 3, 4]
        self.insert(
            "price_level",
            (
                {"id": i, "code": f"PL{i}", "name": name, "position": i}
                for i, name in zip(
                    self.level_ids, ("Retail", "Wholesale", "Library", "Education"), strict=True
                )
            ),
        )
        self.warehouse_ids = [1, 2, 3]
        self.insert(
            "warehouse",
            (
                {
                    "id": i,
                    "code": f"W{i}",
                    "name": f"Warehouse {town}",
                    "city": town,
                    "country": "FR",
                    "default_shipping_fee": cents(990 + 100 * i),
                }
                for i, town in zip(self.warehouse_ids, ("Lyon", "Lille", "Bordeaux"), strict=True)
            ),
        )
        days = ("monday", "tuesday", "wednesday", "thursday", "friday")
        self.round_ids = list(range(1, 11))
        rounds = []
        for i in self.round_ids:
            chosen = set(rng.sample(days, rng.randint(2, 3)))
            rounds.append(
                {
                    "id": i,
                    "name": f"Round {i} {TOWNS[i]}",
                    "zones": f"{69000 + i * 100}-{69000 + i * 100 + 99}",
                    **{day: day in chosen for day in (*days, "saturday", "sunday")},
                    "cut_off_time": datetime.time(14 if i % 2 else 11, 0),
                    "lead_days": 1 + i % 3,
                    "warehouse_id": self.warehouse_ids[i % 3],
                }
            )
        self.insert("delivery_round", rounds)
        self.insert(
            "excluded_delivery_day",
            [
                {
                    "id": n + 1,
                    "day": self.day(7 + 13 * n),
                    "reason": "Closed",
                    "delivery_round_id": None,
                }
                for n in range(8)
            ]
            + [
                {
                    "id": 9 + n,
                    "day": self.day(3 + n),
                    "reason": "Driver on leave",
                    "delivery_round_id": self.round_ids[n],
                }
                for n in range(5)
            ],
        )
        self.insert(
            "portal_settings",
            [
                {
                    "id": 1,
                    "shop_name": "Bench Papeterie",
                    "skin": "classic",
                    "default_language": "en",
                    "currency": "EUR",
                    "show_stock": True,
                    "hide_prices": False,
                    "public_catalogue": False,
                    "self_registration": False,
                    "approval_required": True,
                    "access_request_button": True,
                    "reuse_previous_shipping_fee": False,
                    "hold_orders_over_credit_limit": False,
                    "staff_email": "orders@bench.example",
                    "default_price_level_id": 1,
                    "default_warehouse_id": 1,
                }
            ],
        )
        groups = []
        self.group_ids = list(range(1, self.sizes.groups + 1))
        self.library_groups = set()
        for i in self.group_ids:
            kind = GROUP_KINDS[(i - 1) * len(GROUP_KINDS) // len(self.group_ids)]
            if kind == "Libraries":
                self.library_groups.add(i)
            groups.append(
                {
                    "id": i,
                    "name": f"{kind} {i:02}",
                    "pay_after_delivery": kind in ("Libraries", "Schools"),
                    "pay_on_invoice": True,
                    "payment_days": 30 if kind != "Libraries" else 60,
                    "minimum_order": cents(rng.choice((0, 5000, 10000))),
                    "franco_threshold": cents(rng.choice((25000, 30000, 50000))),
                    "shipping_fee": cents(rng.choice((990, 1250, 1500))),
                    "order_unit": "pack" if i % 10 == 7 else "unit",
                    "hide_prices": i % 25 == 13,
                    "vat_exempt": i % 25 == 11,
                    "price_level_id": None if i % 7 == 0 else self.level_ids[i % 4],
                }
            )
        self.insert("customer_group", groups)
        self.brand_ids = list(range(1, 201))
        self.insert("brand", ({"id": i, "name": f"Brand {i:03}"} for i in self.brand_ids))
        self.season_ids = list(range(1, 7))
        self.insert(
            "season",
            (
                {
                    "id": i,
                    "code": f"S{i}",
                    "name": f"Season {i}",
                    "valid_from": self.day(-540 + 180 * i),
                    "valid_to": self.day(-360 + 180 * i),
                }
                for i in self.season_ids
            ),
        )
        self.tag_ids = list(range(1, 31))
        self.insert(
            "article_tag", ({"id": i, "code": f"T{i}", "name": f"Tag {i}"} for i in self.tag_ids)
        )
        self.type_ids = list(range(1, len(PRODUCT_TYPES) + 1))
        self.insert(
            "product_type",
            (
                {"id": i, "code": code, "name": name}
                for i, (code, name, _vat) in zip(self.type_ids, PRODUCT_TYPES, strict=True)
            ),
        )

    def catalogue_tree(self) -> None:
        rng, sizes = self.rng, self.sizes
        catalogues = range(1, sizes.catalogues + 1)
        public = {c for c in catalogues if c <= max(1, sizes.catalogues * 2 // 5)}
        self.insert(
            "catalogue",
            (
                {
                    "id": c,
                    "code": f"CAT{c}",
                    "name": f"Catalogue {c}" + (" (public)" if c in public else ""),
                    "is_public": c in public,
                    "display_mode": "photo" if c % 2 else "text",
                    "label_format": "name",
                    "position": c,
                }
                for c in catalogues
            ),
        )
        self.insert(
            "catalogue_translation",
            (
                {"id": c, "catalogue_id": c, "language": "fr", "name": f"Catalogue {c} (fr)"}
                for c in catalogues
            ),
        )
        links = set()
        for c in catalogues:
            if c not in public:
                for g in rng.sample(self.group_ids, max(1, len(self.group_ids) // 5)):
                    links.add((g, c))
        self.insert(
            "customer_group_catalogues",
            ({"customer_group_id": g, "catalogue_id": c} for g, c in sorted(links)),
        )
        # Eight top families of six sub-families per catalogue (fewer in a small data set):
        # articles live in the sub-families.
        tops, subs = (8, 6) if sizes.articles >= 20_000 else (3, 3)
        families, self.leaf_families, self.family_catalogue = [], [], {}
        next_id = 1
        for c in catalogues:
            for t in range(tops):
                top_id = next_id
                next_id += 1
                families.append(
                    {
                        "id": top_id,
                        "code": f"F{c}-{t}",
                        "name": f"{NOUNS[(c * tops + t) % len(NOUNS)].title()}s {c}-{t}",
                        "position": t,
                        "catalogue_id": c,
                        "parent_id": None,
                    }
                )
                self.family_catalogue[top_id] = c
                for s in range(subs):
                    families.append(
                        {
                            "id": next_id,
                            "code": f"F{c}-{t}-{s}",
                            "name": f"{ADJECTIVES[s % len(ADJECTIVES)].title()} {c}-{t}-{s}",
                            "position": s,
                            "catalogue_id": c,
                            "parent_id": top_id,
                        }
                    )
                    self.leaf_families.append(next_id)
                    self.family_catalogue[next_id] = c
                    next_id += 1
        self.top_families = [f["id"] for f in families if f["parent_id"] is None]
        self.insert("family", families)
        self.insert(
            "family_translation",
            (
                {"id": f["id"], "family_id": f["id"], "language": "fr", "name": f"{f['name']} (fr)"}
                for f in families
            ),
        )

    def articles(self) -> None:
        rng, n = self.rng, self.sizes.articles
        # Per article, what later tables need: (sku, name, base price in cents, vat, family, status,
        # pack size, multiple, minimum).
        self.article = []
        rows, translations, parent_of = [], [], {}
        parent = None
        remaining_variants = 0
        for i in range(1, n + 1):
            if remaining_variants and parent is not None:
                remaining_variants -= 1
                base = rows[parent - 1]
                label = VARIANT_LABELS[(i - parent) % len(VARIANT_LABELS)]
                row = {
                    **base,
                    "id": i,
                    "sku": f"A{i:07}",
                    "name": f"{base['name']} {label}",
                    "slug": f"a{i:07}",
                    "ean": f"{base['ean'][:3]}{i:010}" if base["ean"] else None,
                    "variant_label": label,
                    "parent_id": parent,
                    "base_price": cents(self.article[parent - 1][2] + 50 * (i - parent)),
                }
                parent_of[i] = parent
            else:
                parent = None
                type_index = rng.randrange(len(PRODUCT_TYPES))
                is_book = PRODUCT_TYPES[type_index][0] in ("BOOK", "MEDIA")
                status = rng.choices(("active", "hidden", "draft", "discontinued"), (94, 2, 2, 2))[
                    0
                ]
                pack = rng.choices((1, 6, 12), (70, 20, 10))[0]
                name = (
                    f"{rng.choice(ADJECTIVES).title()} {rng.choice(NOUNS)} {rng.choice(NOUNS)} {i}"
                )
                row = {
                    "id": i,
                    "sku": f"A{i:07}",
                    "name": name,
                    "description": f"{name}: a fine article for everyday use.",
                    "status": status,
                    "base_price": cents(rng.randint(50, 20000)),
                    "vat_rate": Decimal(PRODUCT_TYPES[type_index][2]),
                    "unit": "piece",
                    "pack_size": pack,
                    "order_multiple": pack if pack > 1 and rng.random() < 0.3 else 1,
                    "minimum_quantity": 1 if rng.random() < 0.95 else 5,
                    "weight": Decimal(rng.randint(20, 5000)).scaleb(-3),
                    "available_from": self.day(rng.randint(5, 90)) if rng.random() < 0.01 else None,
                    "ean": (f"978{i:010}" if is_book else f"400{i:010}")
                    if rng.random() < 0.7
                    else None,
                    "publication_date": self.day(-rng.randint(0, 6 * 365)) if is_book else None,
                    "photo": None,
                    "datasheet": None,
                    "variant_label": None,
                    "personalisation_allowed": rng.random() < 0.05,
                    "published_online": rng.random() < 0.5,
                    "slug": f"a{i:07}",
                    "attributes": None,
                    "family_id": rng.choice(self.leaf_families),
                    "brand_id": rng.choice(self.brand_ids) if rng.random() < 0.9 else None,
                    "season_id": rng.choice(self.season_ids) if rng.random() < 0.3 else None,
                    "product_type_id": self.type_ids[type_index],
                    "parent_id": None,
                }
                if rng.random() < 0.02:
                    parent, remaining_variants = i, rng.randint(2, 4)
            rows.append(row)
            self.article.append(
                (
                    row["sku"],
                    row["name"],
                    int(row["base_price"] * 100),
                    row["vat_rate"],
                    row["family_id"],
                    row["status"],
                    row["pack_size"],
                    row["order_multiple"],
                    row["minimum_quantity"],
                )
            )
            roll = rng.random()
            if roll < 0.5:
                language = "fr" if roll < 0.4 else "nl"
                translations.append(
                    {
                        "id": len(translations) + 1,
                        "article_id": i,
                        "language": language,
                        "name": f"{row['name']} ({language})",
                        "description": None,
                    }
                )
        self.insert("article", rows)
        self.insert("article_translation", translations)
        # Articles a customer may order: active, listed (not a variant).
        self.orderable = [i for i, a in enumerate(self.article, 1) if a[5] == "active"]
        self.listed = [i for i in self.orderable if i not in parent_of]
        tags = set()
        for i in range(1, n + 1):
            if rng.random() < 0.3:
                for tag in rng.sample(self.tag_ids, rng.randint(1, 2)):
                    tags.add((tag, i))
        self.insert(
            "article_tag_articles",
            ({"article_tag_id": t, "article_id": a} for t, a in sorted(tags)),
        )
        related = set()
        for i in rng.sample(self.listed, len(self.listed) // 20):
            for other in rng.sample(self.listed, 3):
                if other != i:
                    related.add((i, other))
        self.insert(
            "article_related_articles",
            ({"left_id": a, "right_id": b} for a, b in sorted(related)),
        )

    def customers(self) -> None:
        rng, n = self.rng, self.sizes.customers
        self.customer_ids = list(range(1, n + 1))
        self.customer_group = {}
        rows = []
        for i in self.customer_ids:
            group = self.group_ids[i % len(self.group_ids)] if rng.random() < 0.98 else None
            self.customer_group[i] = group
            library = group in self.library_groups
            rows.append(
                {
                    "id": i,
                    "code": f"C{i:05}",
                    "name": f"{'Library' if library else 'Shop'} {rng.choice(TOWNS)} {i}",
                    "status": rng.choices(("active", "suspended", "pending"), (97, 2, 1))[0],
                    "country": "FR" if rng.random() < 0.9 else "BE",
                    "language": rng.choices(("en", "fr", "nl"), (80, 15, 5))[0],
                    "email": f"office.c{i:05}@bench.example",
                    "pay_after_delivery": "group",
                    "pay_on_invoice": "group" if rng.random() < 0.9 else "allowed",
                    "payment_days": 30,
                    "credit_limit": cents(rng.randint(20_000, 100_000) * 100)
                    if rng.random() < 0.25
                    else None,
                    "overdue_balance": cents(rng.randint(0, 50_000)) if rng.random() < 0.1 else 0,
                    "not_due_balance": cents(rng.randint(0, 500_000)),
                    "minimum_order": cents(10000) if rng.random() < 0.05 else None,
                    "franco_threshold": cents(40000) if rng.random() < 0.05 else None,
                    "shipping_fee": cents(800) if rng.random() < 0.05 else None,
                    "order_unit": rng.choices(("group", "pack", "unit"), (95, 3, 2))[0],
                    "hide_prices": rng.choices(("group", "hidden", "shown"), (98, 1, 1))[0],
                    "vat_exempt": rng.choices(("group", "exempt", "liable"), (97, 2, 1))[0],
                    "purchasable": rng.choices(("all", "product_types", "articles"), (96, 2, 2))[0],
                    "private_message": "Welcome back! Your account manager is Claire."
                    if rng.random() < 0.1
                    else None,
                    "customer_since": self.day(-rng.randint(30, 3000)),
                    "group_id": group,
                    "price_level_id": rng.choice(self.level_ids) if rng.random() < 0.1 else None,
                    "default_warehouse_id": rng.choice((2, 3)) if rng.random() < 0.2 else None,
                    "delivery_round_id": rng.choice(self.round_ids)
                    if rng.random() < 0.85
                    else None,
                }
            )
        self.customer_rows = rows
        self.insert("customer", rows)
        purchasable_types, purchasable_articles = set(), set()
        brands, seasons, tags = set(), set(), set()
        for row in rows:
            c = row["id"]
            if row["purchasable"] == "product_types":
                purchasable_types.update((c, t) for t in rng.sample(self.type_ids, 3))
            elif row["purchasable"] == "articles":
                purchasable_articles.update((c, a) for a in rng.sample(self.listed, 200))
            roll = rng.random()
            if roll < 0.03:
                brands.update((c, b) for b in rng.sample(self.brand_ids, 40))
            elif roll < 0.05:
                seasons.update((c, s) for s in rng.sample(self.season_ids, 3))
            elif roll < 0.06:
                tags.update((c, t) for t in rng.sample(self.tag_ids, 10))
        for table, column, pairs in (
            ("customer_purchasable_product_types", "product_type_id", purchasable_types),
            ("customer_purchasable_articles", "article_id", purchasable_articles),
            ("customer_visible_brands", "brand_id", brands),
            ("customer_visible_seasons", "season_id", seasons),
            ("customer_visible_tags", "article_tag_id", tags),
        ):
            self.insert(table, ({"customer_id": c, column: x} for c, x in sorted(pairs)))
        self.insert(
            "customer_allowed_warehouses",
            ({"customer_id": c, "warehouse_id": 1} for c in self.customer_ids if c % 10 == 0),
        )

    def contacts(self) -> None:
        """One administrator per customer, and a buyer for one customer in ten; each with a login
        account holding its portal role."""
        from flask_appbuilder.security.sqla.models import Role, User, assoc_user_role
        from werkzeug.security import generate_password_hash

        from app.domain.accounts import ROLE_OF

        roles = dict(self.conn.execute(sa.select(Role.__table__.c.name, Role.__table__.c.id)).all())
        first_user = (self.conn.scalar(sa.select(sa.func.max(User.__table__.c.id))) or 0) + 1
        first_link = (self.conn.scalar(sa.select(sa.func.max(assoc_user_role.c.id))) or 0) + 1
        password = generate_password_hash(PASSWORD)
        users, links, contacts, customer_contacts = [], [], [], []
        self.contact_of: dict[int, int] = {}
        self.contact_user: dict[int, int] = {}
        for c in self.customer_ids:
            for role in ("administrator",) + (("buyer",) if c % 10 == 3 else ()):
                contact_id = len(contacts) + 1
                user_id = first_user + contact_id - 1
                email = f"{role}.c{c:05}@bench.example"
                users.append(
                    {
                        "id": user_id,
                        "first_name": role.title(),
                        "last_name": f"C{c:05}",
                        "username": email,
                        "password": password,
                        "active": True,
                        "email": email,
                        "created_on": self.now,
                        "changed_on": self.now,
                    }
                )
                links.append(
                    {
                        "id": first_link + len(links),
                        "user_id": user_id,
                        "role_id": roles[ROLE_OF[role]],
                    }
                )
                contacts.append(
                    {
                        "id": contact_id,
                        "first_name": role.title(),
                        "last_name": f"C{c:05}",
                        "email": email,
                        "company_role": role,
                        "may_order": True,
                        "may_see_prices": True,
                        "may_manage_users": role == "administrator",
                        "may_manage_addresses": role == "administrator",
                        "sees_all_orders": role == "administrator",
                        "status": "active",
                        "language": None,
                        "user_id": user_id,
                    }
                )
                customer_contacts.append({"customer_id": c, "contact_id": contact_id})
                self.contact_of.setdefault(c, contact_id)
                self.contact_user[contact_id] = user_id
        self.insert(User.__table__, users)
        self.insert(assoc_user_role, links)
        self.insert("contact", contacts)
        self.insert("customer_contacts", customer_contacts)

    def customer_terms(self) -> None:
        """Addresses, library budgets and relations, exclusions."""
        rng = self.rng
        addresses = []
        for c in self.customer_ids:
            town = TOWNS[c % len(TOWNS)]
            addresses.append(
                {
                    "id": len(addresses) + 1,
                    "kind": "both",
                    "name": f"Customer {c}",
                    "line1": f"{c % 200 + 1} rue de la Paix",
                    "postcode": f"{69000 + c % 900:05}",
                    "city": town,
                    "country": "FR",
                    "default_shipping": True,
                    "default_billing": True,
                    "customer_id": c,
                }
            )
            if c % 5 == 0:
                addresses.append(
                    {
                        **addresses[-1],
                        "id": len(addresses) + 1,
                        "kind": "shipping",
                        "name": f"Customer {c} warehouse",
                        "line1": "1 zone industrielle",
                        "default_shipping": False,
                        "default_billing": False,
                    }
                )
        self.insert("address", addresses)
        self.libraries = [
            c for c in self.customer_ids if self.customer_group[c] in self.library_groups
        ]
        self.library_set = set(self.libraries)
        budgets, relations = [], []
        year_start = datetime.date(self.today.year, 1, 1)
        for c in self.libraries:
            for code, name in (("ADULT", "Adult fiction"), ("YOUTH", "Youth"), ("AV", "Media")):
                total = rng.randint(5_000, 30_000) * 100
                budgets.append(
                    {
                        "id": len(budgets) + 1,
                        "code": code,
                        "name": name,
                        "total": cents(total),
                        "remaining": cents(total * rng.randint(30, 100) // 100),
                        "default_discount": Decimal(rng.choice((5, 9, 12, 15))),
                        "fixed_price_discount": Decimal(rng.choice((3, 5))),
                        "fixed_price_months": 24,
                        "valid_from": year_start,
                        "valid_to": datetime.date(self.today.year + 1, 12, 31),
                        "customer_id": c,
                    }
                )
            for code, name, main in (("MAIN", "Main library", True), ("BR01", "Branch", False)):
                relations.append(
                    {
                        "id": len(relations) + 1,
                        "code": code,
                        "name": name,
                        "is_main_library": main,
                        "customer_id": c,
                    }
                )
        self.insert("library_budget", budgets)
        self.insert("library_relation", relations)
        exclusions = []
        for n in range(1, max(10, self.sizes.customers // 10) + 1):
            roll = rng.random()
            by_customer = roll < 0.6
            by_article = roll < 0.4 or 0.6 <= roll < 0.85
            exclusions.append(
                {
                    "id": n,
                    "reason": "Not for this customer",
                    "customer_id": rng.choice(self.customer_ids) if by_customer else None,
                    "group_id": None if by_customer else rng.choice(self.group_ids),
                    "article_id": rng.choice(self.listed) if by_article else None,
                    "family_id": None if by_article else rng.choice(self.leaf_families),
                }
            )
        self.insert("exclusion", exclusions)

    def price_lists(self) -> None:
        """Price-level lists (one broad permanent list per level, smaller dated ones), group lists
        (a permanent one and a dated one of higher priority) and customer lists; 500,000 rows."""
        rng, sizes = self.rng, self.sizes
        kinds = []  # (owner column, owner id, weight, valid_from, valid_to, priority, factor)
        n_level = max(len(self.level_ids), sizes.price_lists // 20)
        n_group = min(2 * len(self.group_ids), (sizes.price_lists - n_level) * 5 // 9)
        n_customer = sizes.price_lists - n_level - n_group
        for n in range(n_level):
            level = self.level_ids[n % len(self.level_ids)]
            permanent = n < len(self.level_ids)
            kinds.append(
                (
                    "price_level_id",
                    level,
                    60 if permanent else 5,
                    None if permanent else self.day(-rng.randint(10, 60)),
                    None if permanent else self.day(rng.randint(-5, 60)),
                    0 if permanent else 5,
                    0.95 - 0.05 * level,
                )
            )
        for n in range(n_group):
            group = self.group_ids[n % len(self.group_ids)]
            permanent = n < len(self.group_ids)
            kinds.append(
                (
                    "group_id",
                    group,
                    4 if permanent else 2,
                    None if permanent else self.day(-rng.randint(0, 90)),
                    None if permanent else self.day(rng.randint(-10, 90)),
                    0 if permanent else rng.choice((5, 10)),
                    rng.uniform(0.7, 0.9),
                )
            )
        for customer in rng.sample(self.customer_ids, n_customer):
            kinds.append(("customer_id", customer, 1, None, None, 0, rng.uniform(0.6, 0.85)))
        total_weight = sum(k[2] for k in kinds)
        lists, quotas = [], []
        for list_id, (column, owner, weight, valid_from, valid_to, priority, _f) in enumerate(
            kinds, 1
        ):
            lists.append(
                {
                    "id": list_id,
                    "name": f"{column.removesuffix('_id').replace('_', ' ').title()} {owner} "
                    f"list {list_id}",
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "priority": priority,
                    "price_level_id": None,
                    "group_id": None,
                    "customer_id": None,
                    column: owner,
                }
            )
            quotas.append(sizes.prices * weight // total_weight)
        quotas[0] += sizes.prices - sum(quotas)
        self.insert("price_list", lists)
        self.price_list_count = len(lists)

        def prices() -> Iterator[dict]:
            price_id = 0
            for list_id, quota in enumerate(quotas, 1):
                factor = kinds[list_id - 1][6]
                # A fifth of the articles get three tiers (from 1, 10 and 50 pieces).
                chosen = rng.sample(self.orderable, min(len(self.orderable), quota))
                left = quota
                for article_id in chosen:
                    if left <= 0:
                        break
                    price = max(1, int(self.article[article_id - 1][2] * factor))
                    tiers = ((1, 1.0), (10, 0.95), (50, 0.9)) if rng.random() < 0.2 else ((1, 1.0),)
                    for min_quantity, cut in tiers[:left]:
                        price_id += 1
                        left -= 1
                        yield {
                            "id": price_id,
                            "min_quantity": min_quantity,
                            "unit_price": cents(max(1, int(price * cut))),
                            "price_list_id": list_id,
                            "article_id": article_id,
                        }

        self.insert("price", prices())

    def promotions_and_discounts(self) -> None:
        rng, sizes = self.rng, self.sizes
        promotions, translations = [], []
        links = {"articles": set(), "families": set(), "groups": set(), "customers": set()}
        for p in range(1, sizes.promotions + 1):
            when = rng.random()
            if when < 0.7:
                starts, ends = self.day(-rng.randint(0, 30)), self.day(rng.randint(0, 30))
            elif when < 0.85:
                starts, ends = self.day(-rng.randint(60, 120)), self.day(-rng.randint(1, 50))
            else:
                starts, ends = self.day(rng.randint(1, 30)), self.day(rng.randint(31, 90))
            on_articles = rng.random() < 0.6
            fixed = on_articles and rng.random() < 0.25
            if on_articles:
                chosen = rng.sample(self.listed, 10 if fixed else rng.randint(10, 200))
                links["articles"].update((p, a) for a in chosen)
            else:
                links["families"].update(
                    (p, f) for f in rng.sample(self.leaf_families, rng.randint(1, 3))
                )
            audience = rng.random()
            if 0.6 <= audience < 0.85:
                links["groups"].update(
                    (p, g) for g in rng.sample(self.group_ids, rng.randint(1, 3))
                )
            elif audience >= 0.85:
                links["customers"].update(
                    (p, c) for c in rng.sample(self.customer_ids, rng.randint(1, 20))
                )
            promotions.append(
                {
                    "id": p,
                    "name": f"Promotion {p}",
                    "starts_on": starts,
                    "ends_on": ends,
                    "kind": "fixed_price" if fixed else "percentage",
                    "percentage": None if fixed else Decimal(rng.choice((5, 10, 15, 20, 25, 30))),
                    "fixed_price": cents(rng.randint(100, 2000)) if fixed else None,
                    "is_active": rng.random() < 0.9,
                }
            )
            if p % 3 == 0:
                translations.append(
                    {
                        "id": len(translations) + 1,
                        "promotion_id": p,
                        "language": "fr",
                        "name": f"Promotion {p} (fr)",
                    }
                )
        self.insert("promotion", promotions)
        self.insert("promotion_translation", translations)
        for name, column in (
            ("articles", "article_id"),
            ("families", "family_id"),
            ("groups", "customer_group_id"),
            ("customers", "customer_id"),
        ):
            self.insert(
                f"promotion_{name}",
                ({"promotion_id": p, column: x} for p, x in sorted(links[name])),
            )
        discounts = []
        for min_total, percentage in ((50000, 2), (100000, 3), (250000, 5)):
            discounts.append((None, None, min_total, percentage, None, None))
        for g in rng.sample(self.group_ids, max(1, len(self.group_ids) * 2 // 5)):
            discounts.append((g, None, 75000, 4, None, None))
            discounts.append((g, None, 200000, 6, self.day(-30), self.day(60)))
        for c in rng.sample(self.customer_ids, max(1, len(self.customer_ids) // 100)):
            discounts.append((None, c, 30000, rng.choice((3, 5, 7)), None, None))
        self.insert(
            "order_discount",
            (
                {
                    "id": n,
                    "name": f"Order discount {n}",
                    "min_total": cents(min_total),
                    "percentage": Decimal(percentage),
                    "valid_from": valid_from,
                    "valid_to": valid_to,
                    "group_id": group,
                    "customer_id": customer,
                }
                for n, (group, customer, min_total, percentage, valid_from, valid_to) in enumerate(
                    discounts, 1
                )
            ),
        )
        rules = [("Default", None, None, None, 1250, 30000, 5000)]
        rules += [(f"Warehouse {w}", None, None, w, 990, 25000, None) for w in self.warehouse_ids]
        rules += [
            (f"Group {g}", g, None, None, 1500, 40000, None)
            for g in rng.sample(self.group_ids, max(1, len(self.group_ids) // 5))
        ]
        rules += [
            (f"Customer {c}", None, c, None, 0, None, None)
            for c in rng.sample(self.customer_ids, max(1, len(self.customer_ids) // 200))
        ]
        self.insert(
            "shipping_rule",
            (
                {
                    "id": n,
                    "name": name,
                    "fee": cents(fee),
                    "franco_threshold": cents(franco) if franco else None,
                    "show_franco_without_fee": n % 2 == 0,
                    "minimum_order": cents(minimum) if minimum else None,
                    "group_id": group,
                    "customer_id": customer,
                    "warehouse_id": warehouse,
                }
                for n, (name, group, customer, warehouse, fee, franco, minimum) in enumerate(
                    rules, 1
                )
            ),
        )

    def stock(self) -> None:
        """The main warehouse stocks every article but drafts; the two others a third each."""
        rng = self.rng

        def levels() -> Iterator[dict]:
            level_id = 0
            for warehouse in self.warehouse_ids:
                for article_id, article in enumerate(self.article, 1):
                    if article[5] == "draft" or (warehouse > 1 and rng.random() > 0.3):
                        continue
                    level_id += 1
                    incoming = rng.random() < 0.1
                    yield {
                        "id": level_id,
                        "on_hand": 0 if rng.random() < 0.05 else rng.randint(20, 2000),
                        "reserved": rng.randint(0, 5),
                        "incoming_quantity": rng.randint(10, 500) if incoming else None,
                        "incoming_date": self.day(rng.randint(3, 40)) if incoming else None,
                        "warehouse_id": warehouse,
                        "article_id": article_id,
                    }

        self.insert("stock_level", levels())

    def selections(self) -> None:
        rng = self.rng
        count = max(5, self.sizes.articles // 5_000)
        categories = ("adult_fiction", "adult_non_fiction", "youth_fiction", "youth_non_fiction")
        self.insert(
            "selection",
            (
                {
                    "id": s,
                    "name": f"Selection {s}",
                    "description": "Chosen by our booksellers.",
                    "library_category": categories[s % 4] if s % 2 else None,
                    "valid_from": self.day(-30) if s % 3 else None,
                    "valid_to": self.day(60) if s % 3 else None,
                    "is_active": s % 10 != 0,
                }
                for s in range(1, count + 1)
            ),
        )
        articles, groups = set(), set()
        for s in range(1, count + 1):
            articles.update((s, a) for a in rng.sample(self.listed, rng.randint(50, 300)))
            if s % 2 == 0:
                groups.update(
                    (s, g) for g in rng.sample(self.group_ids, min(5, len(self.group_ids)))
                )
        self.insert(
            "selection_articles",
            ({"selection_id": s, "article_id": a} for s, a in sorted(articles)),
        )
        self.insert(
            "selection_groups",
            ({"selection_id": s, "customer_group_id": g} for s, g in sorted(groups)),
        )

    def orders(self) -> None:
        """Orders over the last two years, numbered per year in the order they were placed."""
        from app.domain.orders import line_total, money

        rng, n = self.rng, self.sizes.orders
        customers = [
            c for c in self.customer_ids if self.customer_rows[c - 1]["status"] != "pending"
        ]
        placed = sorted(
            self.now - datetime.timedelta(minutes=rng.randint(60, 730 * 24 * 60)) for _ in range(n)
        )
        last_order_at: dict[int, datetime.datetime] = {}
        orders, lines = [], []
        sequence: dict[int, int] = {}
        for order_id, placed_at in enumerate(placed, 1):
            # A few customers order much more often than the others.
            customer = customers[int(len(customers) * rng.random() ** 2)]
            last_order_at[customer] = placed_at
            library = customer in self.library_set
            goods = vat = Decimal(0)
            weight = 0
            for _ in range(min(40, int(rng.expovariate(1 / 7)) + 1)):
                article_id = rng.choice(self.orderable)
                sku, name, price, rate, _f, _s, pack, multiple, minimum = self.article[
                    article_id - 1
                ]
                quantity = max(minimum, multiple * rng.randint(1, 10))
                unit_price = cents(max(1, int(price * 0.85)))
                discount = Decimal(9) if library and rate < 10 else Decimal(0)
                total = line_total(quantity, unit_price, discount)
                goods += total
                vat += total * rate / 100
                weight += quantity
                lines.append(
                    {
                        "id": len(lines) + 1,
                        "sku": sku,
                        "description": name[:255],
                        "quantity": quantity,
                        "unit_price": unit_price,
                        "discount_percent": discount,
                        "vat_rate": rate,
                        "line_total": total,
                        "line_reference": f"REF-{order_id}" if rng.random() < 0.2 else None,
                        "budget_code": "ADULT" if library and rng.random() < 0.5 else None,
                        "library_relation_code": "MAIN" if library else None,
                        "personalisation": None,
                        "order_id": order_id,
                        "article_id": article_id,
                    }
                )
            discount_total = money(goods * Decimal("0.02")) if goods >= 1000 else Decimal(0)
            shipping_fee = Decimal(0) if goods >= 300 else Decimal("12.50")
            net = goods - discount_total + shipping_fee
            vat = money(vat)
            year = placed_at.year
            sequence[year] = sequence.get(year, 0) + 1
            age = (self.now - placed_at).days
            orders.append(
                {
                    "id": order_id,
                    "number": f"{year}-{sequence[year]:06}",
                    "status": rng.choice(ORDER_STATUSES_OLD if age > 30 else ORDER_STATUSES_RECENT),
                    "placed_at": placed_at,
                    "reference": f"PO-{order_id}" if rng.random() < 0.5 else None,
                    "cost_centre": None,
                    "requested_delivery_date": (placed_at + datetime.timedelta(days=3)).date(),
                    "shipping_address": f"Customer {customer}\n1 rue de la Paix\n69000 Lyon",
                    "billing_address": f"Customer {customer}\n1 rue de la Paix\n69000 Lyon",
                    "payment_method": "on_invoice",
                    "shipping_fee": shipping_fee,
                    "discount_total": discount_total,
                    "net_total": net,
                    "vat_total": vat,
                    "gross_total": net + vat,
                    "weight": Decimal(weight).scaleb(-1),
                    "customer_note": None,
                    "checkout_key": None,
                    "internal_note": None,
                    "customer_id": customer,
                    "contact_id": self.contact_of[customer],
                    "warehouse_id": self.customer_rows[customer - 1]["default_warehouse_id"] or 1,
                }
            )
        self.insert("sales_order", orders)
        self.insert("order_line", lines)
        customer = self.tables["customer"]
        self.conn.execute(
            customer.update()
            .where(customer.c.id == sa.bindparam("customer"))
            .values(last_order_at=sa.bindparam("at")),
            [{"customer": c, "at": at} for c, at in last_order_at.items()],
        )

    def templates(self) -> None:
        rng = self.rng
        templates, lines = [], []
        for t, customer in enumerate(
            rng.sample(self.customer_ids, max(1, len(self.customer_ids) // 10)), 1
        ):
            templates.append(
                {
                    "id": t,
                    "name": f"Weekly order {t}",
                    "customer_id": customer,
                    "contact_id": self.contact_of[customer] if t % 2 else None,
                }
            )
            for article_id in rng.sample(self.listed, rng.randint(5, 15)):
                lines.append(
                    {
                        "id": len(lines) + 1,
                        "quantity": rng.randint(1, 10),
                        "line_reference": None,
                        "budget_code": None,
                        "library_relation_code": None,
                        "template_id": t,
                        "article_id": article_id,
                    }
                )
        self.insert("order_template", templates)
        self.insert("order_template_line", lines)


# -- database life cycle ------------------------------------------------------------------------


def default_sqlite_url(sizes: Sizes, seed: int) -> str:
    """A file in the temp directory named after the data set, so a second run finds it."""
    digest = zlib.crc32(repr((dataclasses.astuple(sizes), seed)).encode())
    return f"sqlite:///{Path(tempfile.gettempdir()) / f'bench_ordering_{digest:08x}.sqlite3'}"


def parameters(sizes: Sizes, seed: int) -> dict:
    return {"sizes": dataclasses.asdict(sizes), "seed": seed}


def existing_dataset(url: str) -> dict | None:
    """What `bench_dataset` says this database holds, or None (no database, no marker)."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").exists():
        return None
    engine = sa.create_engine(url)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table(MARKER.name):
                return None
            row = conn.execute(sa.select(MARKER).where(MARKER.c.name == DATASET)).first()
            return dict(row._mapping) if row else None
    except sa.exc.OperationalError:
        return None
    finally:
        engine.dispose()


def wipe(url: str) -> None:
    """An empty database at `url`: the SQLite file removed; the PostgreSQL database created if
    missing (through the server's `postgres` database), else its public schema emptied."""
    parsed = sa.engine.make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database:
            Path(parsed.database).unlink(missing_ok=True)
        return
    admin = sa.create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        exists = conn.scalar(
            sa.text("SELECT 1 FROM pg_database WHERE datname = :name"), {"name": parsed.database}
        )
        if not exists:
            conn.execute(sa.text(f'CREATE DATABASE "{parsed.database}"'))
    admin.dispose()
    if exists:
        engine = sa.create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(sa.text("DROP SCHEMA public CASCADE"))
            conn.execute(sa.text("CREATE SCHEMA public"))
        engine.dispose()


def reset_sequences(conn: sa.Connection) -> None:
    """After inserts with explicit ids, PostgreSQL's sequences must start past them."""
    if conn.dialect.name != "postgresql":
        return
    from flask_appbuilder import Model

    for table in Model.metadata.sorted_tables:
        if "id" not in table.c or not table.c.id.primary_key:
            continue
        conn.execute(
            sa.text(
                f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                f'COALESCE(MAX(id), 0) + 1, false) FROM "{table.name}"'
            )
        )


def generate(app, sizes: Sizes, seed: int, today: datetime.date) -> tuple[dict[str, int], float]:
    """Migrate the app's (empty) database and fill it; returns the row counts and the seconds
    the rows took (migration excluded)."""
    from flask_migrate import upgrade

    from app.extensions import db
    from app.generated.roles import ROLES

    with app.app_context():
        engine = db.engine
        upgrade()
        # The roles, not their permission rows: the portal asks the contact, not FAB's
        # permissions, and `flask security sync` (40 s of ORM work) adds nothing a bench reads.
        sm = app.appbuilder.sm
        for name in (*ROLES, app.config["AUTH_ROLE_PUBLIC"]):
            if sm.find_role(name) is None:
                sm.add_role(name)
        db.session.commit()
        start = time.perf_counter()
        with engine.begin() as conn:
            counts = Generator(conn, sizes, seed, today).run()
            reset_sequences(conn)
        rows_seconds = time.perf_counter() - start
        # The planner's statistics (and PostgreSQL's visibility map, for index-only scans), as
        # autovacuum or `PRAGMA optimize` would have them on a live database.
        with engine.connect() as conn:
            conn = conn.execution_options(isolation_level="AUTOCOMMIT")
            vacuum = "VACUUM " if conn.dialect.name == "postgresql" else ""
            conn.execute(sa.text(f"{vacuum}ANALYZE"))
        MARKER.create(engine, checkfirst=True)
        with engine.begin() as conn:
            conn.execute(
                MARKER.insert(),
                {
                    "name": DATASET,
                    "parameters": json.dumps(
                        {**parameters(sizes, seed), "today": today.isoformat()}
                    ),
                    "generated_at": datetime.datetime.now(),
                    "seconds": rows_seconds,
                },
            )
        db.session.remove()
    return counts, rows_seconds


def build_app(database_url: str, instance: Path, **config):
    from app import create_app

    return create_app(
        "testing", INSTANCE_DIR=str(instance), SQLALCHEMY_DATABASE_URI=database_url, **config
    )


def ensure_dataset(
    database_url: str,
    sizes: Sizes,
    seed: int,
    today: datetime.date | None = None,
    *,
    force: bool = False,
    say=print,
) -> dict:
    """Make `database_url` hold this data set: reuse it when its marker says so, else wipe the
    database and generate. Returns the marker's parameters (with `today`)."""
    found = existing_dataset(database_url)
    wanted = parameters(sizes, seed)
    if found and not force:
        stored = json.loads(found["parameters"])
        if {k: stored.get(k) for k in wanted} == wanted:
            say(
                f"reusing the data set generated on {found['generated_at']:%Y-%m-%d %H:%M} "
                f"({found['seconds']:.0f} s) in {_shown(database_url)}"
            )
            _migrate(database_url)
            return stored
    today = today or datetime.date.today()
    wipe(database_url)
    say(f"generating {sizes} (seed {seed}) in {_shown(database_url)} ...")
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(database_url, Path(tmp))
        counts, rows_seconds = generate(app, sizes, seed, today)
        from app.extensions import db

        with app.app_context():
            db.engine.dispose()
    total = sum(counts.values())
    say(
        f"  {total:,} rows in {rows_seconds:.1f} s ({total / rows_seconds:,.0f} rows/s); "
        f"{time.perf_counter() - start:.1f} s with migration and ANALYZE"
    )
    big = sorted(counts.items(), key=lambda item: -item[1])[:8]
    say("  " + ", ".join(f"{name} {count:,}" for name, count in big))
    return {**wanted, "today": today.isoformat()}


def _migrate(database_url: str) -> None:
    """Bring a kept data set's schema to the newest migration, as an upgrade of a live shop
    would (a migration adding an index or a table keeps the rows)."""
    from flask_migrate import upgrade

    from app.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(database_url, Path(tmp))
        with app.app_context():
            upgrade()
            db.engine.dispose()


def _shown(url: str) -> str:
    return sa.engine.make_url(url).render_as_string(hide_password=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in /tmp")
    parser.add_argument("--force", action="store_true", help="generate even if present")
    add_size_arguments(parser)
    args = parser.parse_args(argv)
    sizes = sizes_from(args)
    url = args.database_url or default_sqlite_url(sizes, args.seed)
    ensure_dataset(url, sizes, args.seed, args.today, force=args.force)


if __name__ == "__main__":
    main()
