"""Stock levels from a spreadsheet: one row per warehouse and article, with the pieces counted.

A row gives the warehouse's code, the article's SKU and `on_hand`, the pieces physically in the
warehouse; optionally the next delivery expected (`incoming_quantity`, `incoming_date`). A column
the file does not have leaves that value as it is; an empty cell in a column it has clears it.

How this agrees with the order desk (app/domain/stock.py): `on_hand` counts the pieces on the
shelf, *including* those reserved for orders not yet shipped (`reserved`); shipping an order takes
its pieces out of both. So a stock count taken in the warehouse is exactly what `on_hand` holds,
and the import sets `on_hand` alone, never `reserved`: the orders placed and not yet shipped keep
their reservations, and the pieces available to buyers become the count less those reservations
(never below 0; `stock_for`). The import's UPDATE names `on_hand` (and the incoming columns)
only, so a checkout reserving at the same moment (which locks the row) can never have its
`reserved` overwritten with an older value.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain import cell_values as cells
from app.domain.import_results import CHUNK, Counts, RowProblem, pairs
from app.generated.models import Article, StockLevel, Warehouse

COLUMNS = ("warehouse", "sku", "on_hand", "incoming_quantity", "incoming_date")
REQUIRED = ("warehouse", "sku", "on_hand")
OPTIONAL = ("incoming_quantity", "incoming_date")
LARGEST = 2**31 - 1


class StockFile:
    """A stock file being read (`read_row` for each row), then applied (`apply`).

    `columns` are the columns the file has: the optional ones it lacks are left alone.
    """

    def __init__(self, session: Session, columns: Collection[str] = COLUMNS):
        self.session = session
        self.columns = frozenset(columns)
        self._articles: dict[str, int] = pairs(session, (sa.select(Article.sku, Article.id)))
        self._warehouses: dict[str, int] = pairs(session, (sa.select(Warehouse.code, Warehouse.id)))
        # (warehouse id, article id) -> (on hand, incoming quantity, incoming date, row)
        self.levels: dict[tuple[int, int], tuple] = {}
        self.rows = 0

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

        code = cells.text(values.get("warehouse"))
        warehouse_id = self._warehouses.get(code)
        if not code:
            refuse("warehouse", _("Give the warehouse's code."))
        elif warehouse_id is None:
            refuse("warehouse", _("No warehouse has the code %(code)s.", code=code))
        sku = cells.text(values.get("sku"))
        article_id = self._articles.get(sku)
        if not sku:
            refuse("sku", _("Give the article's SKU."))
        elif article_id is None:
            refuse("sku", _("No article has the SKU %(sku)s.", sku=sku))
        on_hand = cell("on_hand", cells.whole_number)
        if on_hand is None and not problems_in(problems, "on_hand"):
            refuse("on_hand", _("Give the pieces on hand."))
        elif on_hand is not None and not 0 <= on_hand <= LARGEST:
            refuse("on_hand", _("The pieces on hand cannot be negative."))
        incoming = cell("incoming_quantity", cells.whole_number)
        if incoming is not None and not 0 <= incoming <= LARGEST:
            refuse("incoming_quantity", _("The incoming quantity cannot be negative."))
        incoming_date = cell("incoming_date", cells.date)
        if problems:
            return problems
        key = (warehouse_id, article_id)
        earlier = self.levels.get(key)
        if earlier is not None:
            refuse(
                "sku",
                _(
                    "%(sku)s in warehouse %(code)s is already on row %(row)d.",
                    sku=sku,
                    code=code,
                    row=earlier[3],
                ),
            )
            return problems
        self.levels[key] = (on_hand, incoming, incoming_date, row)
        return problems

    def apply(self) -> Counts:
        """Write the rows read, in bulk: new stock levels start with nothing reserved; existing
        ones get their `on_hand` (and the incoming columns the file has), `reserved` untouched."""
        table = StockLevel.__table__
        counts = Counts()
        warehouses = {warehouse_id for warehouse_id, _a in self.levels}
        stored: dict[tuple[int, int], tuple] = {}
        for warehouse_id in warehouses:
            for row in self.session.execute(
                sa.select(
                    table.c.id,
                    table.c.article_id,
                    table.c.on_hand,
                    table.c.incoming_quantity,
                    table.c.incoming_date,
                ).where(table.c.warehouse_id == warehouse_id)
            ):
                stored[(warehouse_id, row.article_id)] = (
                    row.id,
                    row.on_hand,
                    row.incoming_quantity,
                    row.incoming_date,
                )
        optional = [name for name in OPTIONAL if name in self.columns]
        inserts, updates = [], []
        for (warehouse_id, article_id), (on_hand, incoming, date, _row) in self.levels.items():
            wanted = {"on_hand": on_hand, "incoming_quantity": incoming, "incoming_date": date}
            found = stored.get((warehouse_id, article_id))
            if found is None:
                inserts.append(
                    {
                        "warehouse_id": warehouse_id,
                        "article_id": article_id,
                        "reserved": 0,
                        "on_hand": on_hand,
                        "incoming_quantity": incoming if "incoming_quantity" in optional else None,
                        "incoming_date": date if "incoming_date" in optional else None,
                    }
                )
                continue
            level_id, *now = found
            current = dict(zip(("on_hand", "incoming_quantity", "incoming_date"), now, strict=True))
            names = ["on_hand", *optional]
            if all(current[name] == wanted[name] for name in names):
                counts.unchanged += 1
            else:
                updates.append({"level_id": level_id, **{f"new_{n}": wanted[n] for n in names}})
        if updates:
            names = ["on_hand", *optional]
            statement = (
                table.update()
                .where(table.c.id == sa.bindparam("level_id"))
                .values({name: sa.bindparam(f"new_{name}") for name in names})
            )
            for start in range(0, len(updates), CHUNK):
                self.session.execute(statement, updates[start : start + CHUNK])
        for start in range(0, len(inserts), CHUNK):
            self.session.execute(table.insert(), inserts[start : start + CHUNK])
        counts.created, counts.updated = len(inserts), len(updates)
        return counts


def problems_in(problems: list[RowProblem], column: str) -> bool:
    return any(problem.column == column for problem in problems)


def import_stock_rows(
    session: Session,
    rows: Iterable[tuple[int, Mapping[str, Any]]],
    columns: Collection[str] = COLUMNS,
) -> tuple[list[RowProblem], Counts | None]:
    """Check every row; apply them all when none has a problem (in the caller's transaction)."""
    reader = StockFile(session, columns)
    problems: list[RowProblem] = []
    for number, values in rows:
        problems.extend(reader.read_row(number, values))
    if problems:
        return problems, None
    return problems, reader.apply()
