"""The stock levels import: one row per warehouse and article, with the pieces counted.

A row gives the warehouse's code, the article's SKU and `on_hand`, the pieces physically in the
warehouse; optionally the next delivery expected (`incoming_quantity`, `incoming_date`). A column
the file does not have leaves that value as it is; an empty cell in a column it has clears it.

How this agrees with the order desk (app/domain/stock.py): `on_hand` counts the pieces on the
shelf, *including* those reserved for orders not yet shipped (`reserved`); shipping an order takes
its pieces out of both. So a stock count taken in the warehouse is exactly what `on_hand` holds,
and the import sets `on_hand` alone, never `reserved`: orders placed and not yet shipped keep their
reservations, and the pieces available to buyers become the count less those reservations (never
below 0: `stock_for`). The UPDATE names `on_hand` (and the incoming columns) only, so a checkout
reserving at the same moment (under its row lock) never has its `reserved` overwritten with an
older value. A new stock level starts with nothing reserved.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.imports.bulk import insert_rows, update_by_id
from app.domain.imports.columns import Column, date, integer, normalised, text
from app.domain.imports.kinds import Counts, ImportKind, Row, register
from app.generated.models import Article, StockLevel, Warehouse

LARGEST = 2**31 - 1
OPTIONAL = ("incoming_quantity", "incoming_date")

STOCK_COLUMNS = (
    Column("warehouse", _l("Warehouse"), text(20), required=True, example="MAIN"),
    Column("sku", _l("SKU"), text(64), required=True, example="BK-0001"),
    Column("on_hand", _l("On hand"), integer(0, LARGEST), required=True, example="12"),
    Column("incoming_quantity", _l("Incoming quantity"), integer(0, LARGEST)),
    Column("incoming_date", _l("Expected on"), date()),
)


@dataclass
class StockState:
    articles: dict[str, int]
    warehouses: dict[str, int]


class StockLevelsKind(ImportKind):
    name = "stock_levels"
    label = _l("Stock levels")
    columns = STOCK_COLUMNS
    key = ("sku", "warehouse")
    permissions = (("can_add", "StockLevelView"), ("can_edit", "StockLevelView"))
    export_permissions = (("can_export", "StockLevelView"),)
    chunk_size = 5000

    def prepare(self, connection: sa.Connection) -> StockState:
        return StockState(
            articles={
                sku: id_ for sku, id_ in connection.execute(sa.select(Article.sku, Article.id))
            },
            warehouses={
                normalised(code): id_
                for code, id_ in connection.execute(sa.select(Warehouse.code, Warehouse.id))
            },
        )

    def check_row(self, row: Row, state: StockState):
        problems = []
        warehouse_id = state.warehouses.get(normalised(row["warehouse"]))
        if warehouse_id is None:
            problems.append(
                ("warehouse", _("No warehouse has the code %(code)s.", code=row["warehouse"]))
            )
        article_id = state.articles.get(row["sku"])
        if article_id is None:
            problems.append(("sku", _("No article has the SKU %(sku)s.", sku=row["sku"])))
        row["warehouse_id"], row["article_id"] = warehouse_id, article_id
        return problems

    def apply(
        self, connection: sa.Connection, chunks: Iterator[list[Row]], state: StockState
    ) -> Counts:
        table = StockLevel.__table__
        counts = Counts()
        for chunk in chunks:
            optional = [name for name in OPTIONAL if name in chunk[0]]
            names = ["on_hand", *optional]
            by_warehouse: dict[int, list[Row]] = {}
            for row in chunk:
                by_warehouse.setdefault(row["warehouse_id"], []).append(row)
            inserts, updates = [], []
            for warehouse_id, rows in by_warehouse.items():
                stored = {
                    r.article_id: r
                    for r in connection.execute(
                        sa.select(table).where(
                            table.c.warehouse_id == warehouse_id,
                            table.c.article_id.in_([row["article_id"] for row in rows]),
                        )
                    )
                }
                for row in rows:
                    current = stored.get(row["article_id"])
                    if current is None:
                        inserts.append(
                            {
                                "warehouse_id": warehouse_id,
                                "article_id": row["article_id"],
                                "on_hand": row["on_hand"],
                                "reserved": 0,
                                "incoming_quantity": row.get("incoming_quantity"),
                                "incoming_date": row.get("incoming_date"),
                            }
                        )
                    elif any(getattr(current, name) != row[name] for name in names):
                        updates.append({"b_id": current.id, **{n: row[n] for n in names}})
                    else:
                        counts.unchanged += 1
            update_by_id(connection, table, updates)
            insert_rows(connection, table, inserts)
            counts.created += len(inserts)
            counts.updated += len(updates)
        return counts

    def export_rows(self, connection: sa.Connection) -> Iterator[Row]:
        level, article, warehouse = StockLevel.__table__, Article.__table__, Warehouse.__table__
        query = (
            sa.select(
                warehouse.c.code,
                article.c.sku,
                level.c.on_hand,
                level.c.incoming_quantity,
                level.c.incoming_date,
            )
            .join(article, article.c.id == level.c.article_id)
            .join(warehouse, warehouse.c.id == level.c.warehouse_id)
            .order_by(warehouse.c.code, article.c.sku)
        )
        for r in connection.execution_options(yield_per=5000).execute(query):
            yield {
                "warehouse": r.code,
                "sku": r.sku,
                "on_hand": r.on_hand,
                "incoming_quantity": r.incoming_quantity,
                "incoming_date": r.incoming_date,
            }


register(StockLevelsKind())
