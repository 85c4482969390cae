"""Price lists from a spreadsheet: one row per article and quantity tier.

A row names its price list (`price_list`, the list's name) and whom the list is for: one of a
price level (its code), a customer group (its name) or a customer (its code), as the back office
asks (`app.domain.prices.price_list_problems`). The list's period and priority may follow. Then
the article's SKU, the quantity the price starts from (1 when empty) and the unit price before
VAT. Several rows for one article make a degressive price: 1 → 10.00, 10 → 9.50, 50 → 9.00.

A file may hold several lists (the export of all price lists does): rows with the same name and
target belong to the same list, which must then have the same period and priority on each row.
A list that does not exist is created. For each article in the file, the file's tiers become the
list's: a tier the file no longer has is removed, so a degressive price is never left half old,
half new. Articles the file does not mention keep their prices, so a file of ten changed prices
is a valid price-list update. Importing the same file twice changes nothing.

Applying is in bulk: the existing prices of the lists in the file are read once into a dict
keyed by (article, tier), and the differences written in a few statements per 5,000 rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain import cell_values as cells
from app.domain.import_results import CHUNK, Counts, RowProblem, pairs
from app.domain.prices import price_list_problems
from app.generated.models import Article, Customer, CustomerGroup, Price, PriceLevel, PriceList

# The columns of a price-list file, in the order templates and exports write them.
COLUMNS = (
    "price_list",
    "price_level",
    "customer_group",
    "customer",
    "valid_from",
    "valid_to",
    "priority",
    "sku",
    "min_quantity",
    "unit_price",
)
REQUIRED = ("price_list", "sku", "unit_price")
LARGEST_QUANTITY = 2**31 - 1  # an INTEGER column's largest value
_TIER_BITS = 32  # an (article id, tier) pair is kept as one int: article id << 32 | tier

# The model's field names of the target, as price_list_problems knows them, and their columns.
_TARGET_FIELDS = {"price_level": "price_level", "group": "customer_group", "customer": "customer"}


@dataclass(frozen=True)
class ListKey:
    """A price list as a file names it: its name and whom it is for."""

    name: str
    price_level_id: int | None
    group_id: int | None
    customer_id: int | None


@dataclass
class _ListInFile:
    key: ListKey
    valid_from: Any
    valid_to: Any
    priority: int
    first_row: int
    # article id << 32 | tier -> (unit price, row)
    prices: dict[int, tuple[Decimal, int]] = field(default_factory=dict)


class PriceListFile:
    """A price-list file being read (`read_row` for each row), then applied (`apply`).

    The articles, price levels, groups and customers are read once when it is made, so checking
    a row costs a few dict lookups.
    """

    def __init__(self, session: Session):
        self.session = session
        self._articles: dict[str, int] = pairs(session, (sa.select(Article.sku, Article.id)))
        self._levels: dict[str, int] = pairs(session, (sa.select(PriceLevel.code, PriceLevel.id)))
        self._groups: dict[str, int] = {
            name.casefold(): id_
            for name, id_ in session.execute(sa.select(CustomerGroup.name, CustomerGroup.id))
        }
        self._customers: dict[str, int] = pairs(session, (sa.select(Customer.code, Customer.id)))
        self._stored_lists: dict[ListKey, list[int]] = {}
        for row in session.execute(
            sa.select(
                PriceList.id,
                PriceList.name,
                PriceList.price_level_id,
                PriceList.group_id,
                PriceList.customer_id,
            )
        ):
            key = ListKey(row.name, row.price_level_id, row.group_id, row.customer_id)
            self._stored_lists.setdefault(key, []).append(row.id)
        self.lists: dict[ListKey, _ListInFile] = {}
        self.rows = 0

    # ------------------------------------------------------------------ reading

    def read_row(self, row: int, values: Mapping[str, Any]) -> list[RowProblem]:
        """Check one row (`values` by column name) and remember it; its problems, if any."""
        self.rows += 1
        problems: list[RowProblem] = []

        def refuse(column: str, message: str) -> None:
            problems.append(RowProblem(row, column, message))

        def cell(column: str, reader):
            raw = values.get(column)
            if cells.text(raw) == "":
                return None
            try:
                return reader(raw)
            except cells.CellRefused as refusal:
                refuse(column, str(refusal))
                return None

        name = cells.text(values.get("price_list"))
        if not name:
            refuse("price_list", _("Give the name of the price list."))
        elif len(name) > 150:
            refuse("price_list", _("A price list's name has at most 150 characters."))
        target = self._target(values, refuse)
        valid_from = cell("valid_from", cells.date)
        valid_to = cell("valid_to", cells.date)
        priority = cell("priority", cells.whole_number)
        article_id = self._article(values.get("sku"), refuse)
        tier = cell("min_quantity", cells.whole_number)
        if tier is None and not any(p.column == "min_quantity" for p in problems):
            tier = 1
        if tier is not None and not 1 <= tier <= LARGEST_QUANTITY:
            refuse("min_quantity", _("The quantity a price starts from is 1 or more."))
            tier = None
        price = cell("unit_price", cells.decimal_number)
        if price is None and not any(p.column == "unit_price" for p in problems):
            refuse("unit_price", _("Give the unit price."))
        elif price is not None and price < 0:
            refuse("unit_price", _("A price cannot be negative."))
        elif price is not None and price >= Decimal(10) ** 10:
            refuse("unit_price", _("The price is too large."))
        if target is not None and name:
            on_record = dict(zip(("price_level", "group", "customer"), target, strict=True))
            found = price_list_problems(
                lambda field_name: (
                    on_record.get(field_name)
                    if field_name in on_record
                    else {"valid_from": valid_from, "valid_to": valid_to}.get(field_name)
                )
            )
            for field_name, messages in found.items():
                for message in messages:
                    refuse(_TARGET_FIELDS.get(field_name, field_name), message)
        if problems:
            return problems
        key = ListKey(name, *target)
        price_list = self._list(key, row, valid_from, valid_to, priority or 0, refuse)
        if price_list is None:
            return problems
        pair = article_id << _TIER_BITS | tier
        earlier = price_list.prices.get(pair)
        if earlier is not None:
            refuse(
                "sku",
                _(
                    "%(sku)s from quantity %(quantity)d is already on row %(row)d of this "
                    "price list.",
                    sku=cells.text(values.get("sku")),
                    quantity=tier,
                    row=earlier[1],
                ),
            )
            return problems
        price_list.prices[pair] = (price, row)
        return problems

    def _target(self, values: Mapping[str, Any], refuse) -> tuple | None:
        """(price level id, group id, customer id) named by the row, None when one is unknown.
        Whether exactly one is given is price_list_problems's to say."""
        level_code = cells.text(values.get("price_level"))
        group_name = cells.text(values.get("customer_group"))
        customer_code = cells.text(values.get("customer"))
        level_id = group_id = customer_id = None
        unknown = False
        if level_code:
            level_id = self._levels.get(level_code)
            if level_id is None:
                refuse("price_level", _("No price level has the code %(code)s.", code=level_code))
                unknown = True
        if group_name:
            group_id = self._groups.get(group_name.casefold())
            if group_id is None:
                refuse(
                    "customer_group", _("No customer group is called %(name)s.", name=group_name)
                )
                unknown = True
        if customer_code:
            customer_id = self._customers.get(customer_code)
            if customer_id is None:
                refuse("customer", _("No customer has the code %(code)s.", code=customer_code))
                unknown = True
        return None if unknown else (level_id, group_id, customer_id)

    def _article(self, raw: Any, refuse) -> int | None:
        sku = cells.text(raw)
        if not sku:
            refuse("sku", _("Give the article's SKU."))
            return None
        article_id = self._articles.get(sku)
        if article_id is None:
            refuse("sku", _("No article has the SKU %(sku)s.", sku=sku))
        return article_id

    def _list(self, key: ListKey, row, valid_from, valid_to, priority, refuse):
        known = self.lists.get(key)
        if known is None:
            if len(self._stored_lists.get(key, ())) > 1:
                refuse(
                    "price_list",
                    _(
                        "Several price lists called %(name)s are for the same price level, "
                        "group or customer: rename all but one in the back office first.",
                        name=key.name,
                    ),
                )
                return None
            known = self.lists[key] = _ListInFile(key, valid_from, valid_to, priority, row)
            return known
        for column, mine, theirs in (
            ("valid_from", valid_from, known.valid_from),
            ("valid_to", valid_to, known.valid_to),
            ("priority", priority, known.priority),
        ):
            if mine != theirs:
                refuse(
                    column,
                    _(
                        "The price list %(name)s has another value here than on row %(row)d: "
                        "give its dates and priority alike on all its rows.",
                        name=key.name,
                        row=known.first_row,
                    ),
                )
                return None
        return known

    # ------------------------------------------------------------------ applying

    def apply(self) -> Counts:
        """Write what the rows read say, in bulk; what was created, updated, unchanged, removed
        (counted in prices; `details` counts the price lists created and changed)."""
        counts = Counts(details={"price_lists_created": 0, "price_lists_updated": 0})
        for price_list in self.lists.values():
            list_id = self._stored_list(price_list, counts)
            counts.add(self._apply_prices(list_id, price_list.prices))
        return counts

    def _stored_list(self, wanted: _ListInFile, counts: Counts) -> int:
        ids = self._stored_lists.get(wanted.key)
        if not ids:
            record = PriceList(
                name=wanted.key.name,
                price_level_id=wanted.key.price_level_id,
                group_id=wanted.key.group_id,
                customer_id=wanted.key.customer_id,
                valid_from=wanted.valid_from,
                valid_to=wanted.valid_to,
                priority=wanted.priority,
            )
            self.session.add(record)
            self.session.flush()
            counts.details["price_lists_created"] += 1
            return record.id
        list_id = ids[0]
        table = PriceList.__table__
        stored = self.session.execute(
            sa.select(table.c.valid_from, table.c.valid_to, table.c.priority).where(
                table.c.id == list_id
            )
        ).one()
        if (stored.valid_from, stored.valid_to, stored.priority or 0) != (
            wanted.valid_from,
            wanted.valid_to,
            wanted.priority,
        ):
            self.session.execute(
                table.update()
                .where(table.c.id == list_id)
                .values(
                    valid_from=wanted.valid_from,
                    valid_to=wanted.valid_to,
                    priority=wanted.priority,
                )
            )
            counts.details["price_lists_updated"] += 1
        return list_id

    def _apply_prices(self, list_id: int, wanted: dict[int, tuple[Decimal, int]]) -> Counts:
        table = Price.__table__
        counts = Counts()
        articles = {pair >> _TIER_BITS for pair in wanted}
        stored: dict[int, tuple[int, Decimal]] = {
            row.article_id << _TIER_BITS | row.min_quantity: (row.id, row.unit_price)
            for row in self.session.execute(
                sa.select(
                    table.c.id, table.c.article_id, table.c.min_quantity, table.c.unit_price
                ).where(table.c.price_list_id == list_id)
            )
        }
        inserts, updates = [], []
        for pair, (price, _row) in wanted.items():
            found = stored.pop(pair, None)
            if found is None:
                inserts.append(
                    {
                        "price_list_id": list_id,
                        "article_id": pair >> _TIER_BITS,
                        "min_quantity": pair & (2**_TIER_BITS - 1),
                        "unit_price": price,
                    }
                )
            elif found[1] != price:
                updates.append({"price_id": found[0], "new_price": price})
            else:
                counts.unchanged += 1
        # Tiers of the file's articles that the file no longer has.
        removed = [
            price_id for pair, (price_id, _p) in stored.items() if pair >> _TIER_BITS in articles
        ]
        del stored
        for chunk in _chunks(removed):
            self.session.execute(table.delete().where(table.c.id.in_(chunk)))
        update = (
            table.update()
            .where(table.c.id == sa.bindparam("price_id"))
            .values(unit_price=sa.bindparam("new_price"))
        )
        for chunk in _chunks(updates):
            self.session.execute(update, chunk)
        for chunk in _chunks(inserts):
            self.session.execute(table.insert(), chunk)
        counts.created, counts.updated, counts.removed = len(inserts), len(updates), len(removed)
        return counts


def _chunks(items: list) -> Iterator[list]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def import_price_rows(
    session: Session, rows: Iterable[tuple[int, Mapping[str, Any]]]
) -> tuple[list[RowProblem], Counts | None]:
    """Check every row; apply them all when none has a problem (in the caller's transaction).

    Returns the problems and, when there were none, the counts. Nothing is written otherwise.
    """
    reader = PriceListFile(session)
    problems: list[RowProblem] = []
    for number, values in rows:
        problems.extend(reader.read_row(number, values))
    if problems:
        return problems, None
    return problems, reader.apply()
