"""Stock levels read from rows of a spreadsheet: counts on hand per warehouse and article."""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa

from app.domain.stock import reserve, ship
from app.domain.stock_import import import_stock_rows
from app.generated.models import Article, StockLevel, Warehouse


@pytest.fixture
def shelves(session):
    main = Warehouse(code="W1", name="Main")
    articles = [Article(sku=f"SKU{n}", name=f"Article {n}", status="active") for n in range(2)]
    session.add_all([main, *articles])
    session.flush()
    return main, articles


def _rows(*rows: dict) -> list[tuple[int, dict]]:
    return [(number, row) for number, row in enumerate(rows, start=2)]


def _levels(session) -> dict[str, tuple]:
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


def test_stock_levels_are_created_and_reimporting_changes_nothing(session, shelves):
    rows = _rows(
        {
            "warehouse": "W1",
            "sku": "SKU0",
            "on_hand": "12",
            "incoming_quantity": "50",
            "incoming_date": "15/03/2026",
        },
        {"warehouse": "W1", "sku": "SKU1", "on_hand": 0},
    )
    problems, counts = import_stock_rows(session, rows)
    assert problems == [] and (counts.created, counts.updated) == (2, 0)
    assert _levels(session) == {
        "SKU0": (12, 0, 50, datetime.date(2026, 3, 15)),
        "SKU1": (0, 0, None, None),
    }
    problems, counts = import_stock_rows(session, rows)
    assert (counts.created, counts.updated, counts.unchanged) == (0, 0, 2)


def test_a_stock_count_sets_on_hand_and_keeps_what_orders_reserved(session, shelves):
    main, articles = shelves
    session.add(StockLevel(warehouse=main, article=articles[0], on_hand=10, reserved=0))
    session.flush()
    assert reserve(session, main.id, {articles[0].id: 4}) == {}
    problems, counts = import_stock_rows(
        session,
        _rows({"warehouse": "W1", "sku": "SKU0", "on_hand": "7"}),
        columns=("warehouse", "sku", "on_hand"),
    )
    assert problems == [] and counts.updated == 1
    session.expire_all()
    assert _levels(session)["SKU0"][:2] == (7, 4)
    # The reserved pieces are still on the shelf: shipping them takes them out of the count.
    assert ship(session, main.id, {articles[0].id: 4}) == {}
    assert _levels(session)["SKU0"][:2] == (3, 0)


def test_a_column_the_file_lacks_keeps_its_values(session, shelves):
    main, articles = shelves
    arrives = datetime.date(2026, 4, 1)
    session.add(
        StockLevel(
            warehouse=main,
            article=articles[0],
            on_hand=1,
            incoming_quantity=5,
            incoming_date=arrives,
        )
    )
    session.flush()
    import_stock_rows(
        session,
        _rows({"warehouse": "W1", "sku": "SKU0", "on_hand": "2"}),
        columns=("warehouse", "sku", "on_hand"),
    )
    session.expire_all()
    assert _levels(session)["SKU0"] == (2, 0, 5, arrives)


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"warehouse": "W9"}, "warehouse", "No warehouse has the code W9."),
        ({"warehouse": ""}, "warehouse", "Give the warehouse's code."),
        ({"sku": "NOPE"}, "sku", "No article has the SKU NOPE."),
        ({"on_hand": ""}, "on_hand", "Give the pieces on hand."),
        ({"on_hand": "-3"}, "on_hand", "The pieces on hand cannot be negative."),
        ({"on_hand": "many"}, "on_hand", "many is not a whole number."),
        (
            {"incoming_quantity": "-1"},
            "incoming_quantity",
            "The incoming quantity cannot be negative.",
        ),
        ({"incoming_date": "soon"}, "incoming_date", "soon is not a date: write it as 2026-03-31."),
        ({"sku": "SKU0"}, "sku", "SKU0 in warehouse W1 is already on row 2."),
    ],
)
def test_a_bad_stock_row_is_reported_and_nothing_is_applied(
    session, shelves, changes, column, message
):
    good = {"warehouse": "W1", "sku": "SKU0", "on_hand": "1"}
    problems, counts = import_stock_rows(session, _rows(good, {**good, "sku": "SKU1", **changes}))
    assert counts is None
    assert [(p.row, p.column, p.message) for p in problems] == [(3, column, message)]
    assert session.scalar(sa.select(sa.func.count()).select_from(StockLevel)) == 0
