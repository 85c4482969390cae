"""The price lists import: one row per article and quantity tier, for a price level, a customer
group or a customer.

A row names its price list (`price_list`, the list's name) and whom the list is for: one of a
price level (its code), a customer group (its name) or a customer (its code), as the back office
asks (`app.domain.prices.price_list_problems`); then the list's period and priority, if any, the
article's SKU, the quantity the price starts from (1 when empty) and the unit price before VAT.
Several rows for one article make a degressive price: from 1, 10.00; from 10, 9.50; from 50, 9.00.

A file may hold several lists (the export of all price lists does): rows with the same name and
target are one list, which must then have the same period and priority on each of its rows. A
list that does not exist is created. For each article in the file, the file's tiers become the
list's: a tier the file no longer has is removed (and counted as an update), so a degressive
price is never left half old, half new. Articles the file does not mention keep their prices, so
a file of ten changed prices is a valid update. Importing the same file twice changes nothing.

Sizes: 500,000 rows are checked against dicts read once (SKUs, levels, groups, customers, lists),
each (list, article, tier) remembered as one int in a set; applying reads a chunk's stored prices
in one SELECT and writes the differences with executemany, a few statements per 5,000 rows.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.imports.bulk import insert_rows
from app.domain.imports.columns import Column, date, decimal_number, integer, normalised, text
from app.domain.imports.kinds import Counts, ImportKind, Row, register
from app.domain.prices import price_list_problems
from app.generated.models import Article, Customer, CustomerGroup, Price, PriceLevel, PriceList

LARGEST_QUANTITY = 2**31 - 1  # an INTEGER column's largest value
_TIER_BITS = 32  # (article id, tier) is kept as one int: article id << 32 | tier
_TIER_MASK = 2**_TIER_BITS - 1

PRICE_LIST_COLUMNS = (
    Column("price_list", _l("Price list"), text(150), required=True, example="Wholesale 2026"),
    Column("price_level", _l("Price level"), text(40), example="WHOLESALE"),
    Column("customer_group", _l("Customer group"), text(100)),
    Column("customer", _l("Customer"), text(32)),
    Column("valid_from", _l("Valid from"), date(), example="2026-01-01"),
    Column("valid_to", _l("Valid until"), date()),
    Column("priority", _l("Priority"), integer(-LARGEST_QUANTITY, LARGEST_QUANTITY)),
    Column("sku", _l("SKU"), text(64), required=True, example="BK-0001"),
    Column("min_quantity", _l("From quantity"), integer(1, LARGEST_QUANTITY), example="1"),
    Column(
        "unit_price",
        _l("Unit price"),
        decimal_number(Decimal(0), Decimal("9999999999.9999"), 4),
        required=True,
        example="9.50",
    ),
)

_LIST_COLUMNS = (
    "price_list",
    "price_level",
    "customer_group",
    "customer",
    "valid_from",
    "valid_to",
    "priority",
)
# price_list_problems names the model's fields; the file's columns for them.
_COLUMN_OF_FIELD = {"price_level": "price_level", "group": "customer_group", "customer": "customer"}


@dataclass(frozen=True)
class ListKey:
    """A price list as a file names it: its name and whom it is for."""

    name: str
    price_level_id: int | None
    group_id: int | None
    customer_id: int | None


@dataclass
class PriceListState:
    """What the rows are checked against, read once, and what checking them has seen."""

    articles: dict[str, int]
    levels: dict[str, int]
    groups: dict[str, int]
    customers: dict[str, int]
    stored_lists: dict[ListKey, list[int]]
    # The lists in the file, in order of appearance: their key and (valid_from, valid_to,
    # priority) as their first row gave them; a row carries its list's index.
    lists: list[ListKey] = field(default_factory=list)
    list_index: dict[ListKey, int] = field(default_factory=dict)
    headers: list[tuple] = field(default_factory=list)
    # Per list (by index): every article id << 32 | tier of the file.
    tiers: list[set[int]] = field(default_factory=list)
    # The cells naming a list and its period, as rows give them -> (list index, problems).
    checked_lists: dict[tuple, tuple[int | None, list]] = field(default_factory=dict)


class PriceListsKind(ImportKind):
    name = "price_lists"
    label = _l("Price lists")
    columns = PRICE_LIST_COLUMNS
    # Duplicates (same list, article and tier) are found by check_row, in ints: a tuple of
    # strings per row would cost some 200 MB for 500,000 rows.
    key = ()
    permissions = (("can_add", "PriceView"), ("can_edit", "PriceView"), ("can_delete", "PriceView"))
    export_permissions = (("can_export", "PriceView"),)
    chunk_size = 5000

    def prepare(self, connection: sa.Connection) -> PriceListState:
        stored: dict[ListKey, list[int]] = {}
        price_list = PriceList.__table__
        for row in connection.execute(
            sa.select(
                price_list.c.id,
                price_list.c.name,
                price_list.c.price_level_id,
                price_list.c.group_id,
                price_list.c.customer_id,
            )
        ):
            key = ListKey(row.name, row.price_level_id, row.group_id, row.customer_id)
            stored.setdefault(key, []).append(row.id)
        return PriceListState(
            articles=_pairs(connection, sa.select(Article.sku, Article.id)),
            levels={
                normalised(code): id_
                for code, id_ in connection.execute(sa.select(PriceLevel.code, PriceLevel.id))
            },
            groups={
                normalised(name): id_
                for name, id_ in connection.execute(sa.select(CustomerGroup.name, CustomerGroup.id))
            },
            customers=_pairs(connection, sa.select(Customer.code, Customer.id)),
            stored_lists=stored,
        )

    def check_row(self, row: Row, state: PriceListState):
        # A list's cells are the same on each of its rows: they are checked once per list
        # (500,000 rows of one list cost one check of its target and period).
        cells = tuple(row.get(column) for column in _LIST_COLUMNS)
        found = state.checked_lists.get(cells)
        if found is None:
            found = state.checked_lists[cells] = _list_of(row, state)
        index, problems = found
        article_id = state.articles.get(row["sku"])
        if article_id is None:
            problems = [*problems, ("sku", _("No article has the SKU %(sku)s.", sku=row["sku"]))]
        if problems:
            return problems
        key = state.lists[index]
        tier = row.get("min_quantity") or 1
        pair = article_id << _TIER_BITS | tier
        if pair in state.tiers[index]:
            return [
                (
                    "sku",
                    _(
                        "%(sku)s from quantity %(quantity)d is already in this file for the price "
                        "list %(name)s.",
                        sku=row["sku"],
                        quantity=tier,
                        name=key.name,
                    ),
                )
            ]
        state.tiers[index].add(pair)
        # The row becomes what apply needs, and no more: the spill holds 500,000 of them.
        price = row["unit_price"]
        row.clear()
        row.update(list=index, pair=pair, price=price)
        return ()

    def template_rows(self) -> list[Row]:
        """A degressive price: one row per quantity tier."""
        first = {column.key: column.example for column in self.columns if column.example}
        return [
            first,
            first | {"min_quantity": "10", "unit_price": "9.00"},
            first | {"min_quantity": "50", "unit_price": "8.50"},
        ]

    # --- applying -------------------------------------------------------------------------------

    def apply(
        self, connection: sa.Connection, chunks: Iterator[list[Row]], state: PriceListState
    ) -> Counts:
        """Prices created, updated (a tier removed counts as an update of its list) and
        unchanged; a list whose period or priority changed counts as one update."""
        table = Price.__table__
        counts = Counts()
        list_ids, new_lists = [], set()
        for index in range(len(state.lists)):
            list_id, created = _stored_list(connection, state, index, counts)
            list_ids.append(list_id)
            if created:
                new_lists.add(index)
        update = (
            table.update()
            .where(table.c.id == sa.bindparam("b_id"))
            .values(unit_price=sa.bindparam("v_price"))
        )
        for chunk in chunks:
            by_list: dict[int, dict[int, Decimal]] = {}
            for row in chunk:
                by_list.setdefault(row["list"], {})[row["pair"]] = row["price"]
            inserts, updates, removed = [], [], []
            for index, wanted in by_list.items():
                list_id, in_file = list_ids[index], state.tiers[index]
                if index not in new_lists:
                    articles = sorted({pair >> _TIER_BITS for pair in wanted})
                    for stored in connection.execute(
                        sa.select(
                            table.c.id, table.c.article_id, table.c.min_quantity, table.c.unit_price
                        ).where(table.c.price_list_id == list_id, table.c.article_id.in_(articles))
                    ):
                        pair = stored.article_id << _TIER_BITS | stored.min_quantity
                        price = wanted.pop(pair, None)
                        if price is None:
                            # Another chunk's tier, or one the file no longer has.
                            if pair not in in_file:
                                removed.append({"b_id": stored.id})
                        elif Decimal(stored.unit_price) != price:
                            updates.append({"b_id": stored.id, "v_price": price})
                        else:
                            counts.unchanged += 1
                inserts += [
                    {
                        "price_list_id": list_id,
                        "article_id": pair >> _TIER_BITS,
                        "min_quantity": pair & _TIER_MASK,
                        "unit_price": price,
                    }
                    for pair, price in wanted.items()
                ]
            if removed:
                connection.execute(
                    table.delete().where(table.c.id == sa.bindparam("b_id")), removed
                )
            if updates:
                connection.execute(update, updates)
            insert_rows(connection, table, inserts)
            counts.created += len(inserts)
            counts.updated += len(updates) + len(removed)
        return counts

    # --- exporting ------------------------------------------------------------------------------

    def export_rows(self, connection: sa.Connection) -> Iterator[Row]:
        """Every price of every list, list by list, article by article, tier by tier: one
        query, streamed."""
        levels = _pairs(connection, sa.select(PriceLevel.id, PriceLevel.code))
        groups = _pairs(connection, sa.select(CustomerGroup.id, CustomerGroup.name))
        customers = _pairs(connection, sa.select(Customer.id, Customer.code))
        price_list = PriceList.__table__
        lists = {
            r.id: {
                "price_list": r.name,
                "price_level": levels.get(r.price_level_id),
                "customer_group": groups.get(r.group_id),
                "customer": customers.get(r.customer_id),
                "valid_from": r.valid_from,
                "valid_to": r.valid_to,
                "priority": r.priority or 0,
            }
            for r in connection.execute(sa.select(price_list))
        }
        price, article = Price.__table__, Article.__table__
        query = (
            sa.select(
                price.c.price_list_id, article.c.sku, price.c.min_quantity, price.c.unit_price
            )
            .join(article, article.c.id == price.c.article_id)
            .order_by(price.c.price_list_id, article.c.sku, price.c.min_quantity)
        )
        for r in connection.execution_options(yield_per=5000).execute(query):
            yield {
                **lists[r.price_list_id],
                "sku": r.sku,
                "min_quantity": r.min_quantity,
                "unit_price": plain_amount(r.unit_price),
            }


def plain_amount(amount: Decimal | None) -> Decimal | None:
    """An amount as a seller writes it: 9.50 rather than the column's 9.5000, 9.1234 kept."""
    if amount is None:
        return None
    amount = Decimal(amount)
    cents = amount.quantize(Decimal("0.01"))
    return cents if cents == amount else amount.normalize()


def _stored_list(
    connection: sa.Connection, state: PriceListState, index: int, counts: Counts
) -> tuple[int, bool]:
    """The list's id, created when new, its period and priority brought in line; and whether
    it was created."""
    table = PriceList.__table__
    key = state.lists[index]
    valid_from, valid_to, priority = state.headers[index]
    ids = state.stored_lists.get(key)
    if not ids:
        new_id = connection.execute(
            table.insert()
            .values(
                name=key.name,
                price_level_id=key.price_level_id,
                group_id=key.group_id,
                customer_id=key.customer_id,
                valid_from=valid_from,
                valid_to=valid_to,
                priority=priority,
            )
            .returning(table.c.id)
        ).scalar_one()
        return new_id, True
    stored = connection.execute(
        sa.select(table.c.valid_from, table.c.valid_to, table.c.priority).where(
            table.c.id == ids[0]
        )
    ).one()
    if (stored.valid_from, stored.valid_to, stored.priority or 0) != state.headers[index]:
        connection.execute(
            table.update()
            .where(table.c.id == ids[0])
            .values(valid_from=valid_from, valid_to=valid_to, priority=priority)
        )
        counts.updated += 1
    return ids[0], False


def _list_of(row: Row, state: PriceListState) -> tuple[int | None, list[tuple[str, str]]]:
    """The index of the row's list among the file's (added when new), or its problems."""
    problems: list[tuple[str, str]] = []
    target = _target(row, state, problems)
    if target is None:
        return None, problems
    on_record = dict(zip(("price_level", "group", "customer"), target, strict=True))
    for field_name, messages in price_list_problems(
        lambda name: on_record[name] if name in on_record else row.get(name)
    ).items():
        problems += [(_COLUMN_OF_FIELD.get(field_name, field_name), m) for m in messages]
    if problems:
        return None, problems
    key = ListKey(row["price_list"], *target)
    header = (row.get("valid_from"), row.get("valid_to"), row.get("priority") or 0)
    index = state.list_index.get(key)
    if index is None:
        if len(state.stored_lists.get(key, ())) > 1:
            message = _(
                "Several price lists called %(name)s are for the same price level, group or "
                "customer: rename all but one in the back office first.",
                name=key.name,
            )
            return None, [("price_list", message)]
        index = state.list_index[key] = len(state.lists)
        state.lists.append(key)
        state.headers.append(header)
        state.tiers.append(set())
        return index, []
    if header != state.headers[index]:
        column = next(
            name
            for name, mine, first in zip(
                ("valid_from", "valid_to", "priority"), header, state.headers[index], strict=True
            )
            if mine != first
        )
        message = _(
            "The price list %(name)s has another value here than on its first row: give its "
            "dates and priority alike on all its rows.",
            name=key.name,
        )
        return None, [(column, message)]
    return index, []


def _target(row: Row, state: PriceListState, problems: list) -> tuple | None:
    """(price level id, group id, customer id) the row names; None when one is unknown.
    Whether exactly one is given is price_list_problems's to say."""
    found: list[int | None] = []
    for column, known in (
        ("price_level", state.levels),
        ("customer_group", state.groups),
        ("customer", None),
    ):
        value = row.get(column)
        if value is None:
            found.append(None)
            continue
        id_ = state.customers.get(value) if known is None else known.get(normalised(value))
        if id_ is None:
            problems.append((column, _unknown(column, value)))
        found.append(id_)
    return None if problems else tuple(found)


def _unknown(column: str, value: str) -> str:
    if column == "price_level":
        return _("No price level has the code %(value)s.", value=value)
    if column == "customer_group":
        return _("No customer group is called %(value)s.", value=value)
    return _("No customer has the code %(value)s.", value=value)


def _pairs(connection: sa.Connection, statement) -> dict:
    return {key: value for key, value in connection.execute(statement)}


register(PriceListsKind())
