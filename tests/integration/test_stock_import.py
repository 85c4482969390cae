"""Importing stock levels: the pieces counted per warehouse and article set `on_hand` and leave
what orders reserved; bad rows refused; an export imported back changes nothing."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from app.domain.imports.exporting import export_kind
from app.domain.imports.kinds import kind_named
from app.domain.stock import reserve, ship
from app.extensions import db
from app.generated.models import Article, StockLevel, Warehouse
from tests.integration.imports_helpers import csv_file, run_file

HEADER = ["Warehouse", "SKU", "On hand"]


@pytest.fixture
def shelves(session):
    session.add(Warehouse(code="W1", name="Main"))
    session.add_all(
        [Article(sku=f"SKU{n}", name=f"Article {n}", status="active") for n in range(2)]
    )
    session.commit()


def _levels(session) -> dict[str, tuple]:
    session.expire_all()
    rows = session.execute(
        sa.select(
            Article.sku,
            StockLevel.on_hand,
            StockLevel.reserved,
            StockLevel.incoming_quantity,
            StockLevel.incoming_date,
        ).join(StockLevel.article)
    )
    return {sku: tuple(rest) for sku, *rest in rows}


def test_stock_levels_are_created_and_the_same_file_again_changes_nothing(
    app, session, shelves, tmp_path
):
    rows = [
        [*HEADER, "Incoming quantity", "Expected on"],
        ["W1", "SKU0", "12", "50", "15/03/2026"],
        ["w1", "SKU1", "0", None, None],
    ]
    path = csv_file(tmp_path / "stock.csv", rows)
    run = run_file(path, "stock_levels")
    assert (run.status, run.created_count, run.updated_count) == ("done", 2, 0), run.errors
    assert _levels(session) == {
        "SKU0": (12, 0, 50, datetime.date(2026, 3, 15)),
        "SKU1": (0, 0, None, None),
    }
    again = run_file(path, "stock_levels")
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 2)


def test_a_stock_count_sets_on_hand_and_keeps_what_orders_reserved(app, session, shelves, tmp_path):
    warehouse = session.scalars(sa.select(Warehouse)).one()
    article = session.scalars(sa.select(Article).where(Article.sku == "SKU0")).one()
    session.add(StockLevel(warehouse=warehouse, article=article, on_hand=10, reserved=0,
                           incoming_quantity=5))  # fmt: skip
    session.flush()
    assert reserve(session, warehouse.id, {article.id: 4}) == {}
    session.commit()
    run = run_file(csv_file(tmp_path / "count.csv", [HEADER, ["W1", "SKU0", "7"]]), "stock_levels")
    assert (run.status, run.updated_count) == ("done", 1)
    # The incoming quantity, a column the file lacks, is left as it was.
    assert _levels(session)["SKU0"] == (7, 4, 5, None)
    # The reserved pieces are still on the shelf: shipping them takes them out of the count.
    assert ship(session, warehouse.id, {article.id: 4}) == {}
    session.commit()
    assert _levels(session)["SKU0"][:2] == (3, 0)


@pytest.mark.parametrize(
    ("cells", "header", "reason"),
    [
        ({"Warehouse": "W9"}, "Warehouse", "No warehouse has the code W9."),
        ({"SKU": "NOPE"}, "SKU", "No article has the SKU NOPE."),
        ({"On hand": None}, "On hand", "A value is required."),
        ({"On hand": "-3"}, "On hand", "Must be at least 0."),
        ({"On hand": "many"}, "On hand", "Not a number: many."),
        ({"Expected on": "soon"}, "Expected on",
         "Not a date: soon (write 2026-03-31 or 31/03/2026)."),
        ({"SKU": "SKU0"}, "SKU", "Already in row 2 of this file."),
    ],
)  # fmt: skip
def test_a_bad_stock_row_is_reported_and_nothing_is_applied(
    app, session, shelves, tmp_path, cells, header, reason
):
    columns = [*HEADER, "Expected on"]
    good = {"Warehouse": "W1", "SKU": "SKU0", "On hand": "1", "Expected on": None}
    bad = good | {"SKU": "SKU1"} | cells
    rows = [columns, [good[h] for h in columns], [bad[h] for h in columns]]
    run = run_file(csv_file(tmp_path / "bad.csv", rows), "stock_levels")
    assert (run.status, run.errors) == ("invalid", [[3, header, reason]])
    assert session.scalar(sa.select(sa.func.count()).select_from(StockLevel)) == 0


def test_exported_stock_imported_back_changes_nothing(app, session, shelves, tmp_path):
    rows = [
        [*HEADER, "Incoming quantity", "Expected on"],
        ["W1", "SKU0", "12", "50", "2026-03-15"],
        ["W1", "SKU1", "3", None, None],
    ]
    run_file(csv_file(tmp_path / "stock.csv", rows), "stock_levels")
    exported = tmp_path / "export.xlsx"
    with db.engine.connect() as connection:
        assert export_kind(connection, kind_named("stock_levels"), exported, "xlsx") == 2
    run = run_file(exported, "stock_levels")
    assert (run.status, run.created_count, run.updated_count, run.unchanged_count) == (
        "done", 0, 0, 2
    )  # fmt: skip
