"""Price lists read from rows of a spreadsheet: checked row by row, then applied in bulk."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain.price_import import import_price_rows
from app.generated.models import Article, Customer, CustomerGroup, Price, PriceLevel, PriceList


@pytest.fixture
def catalogue(session):
    articles = [Article(sku=f"SKU{n}", name=f"Article {n}", status="active") for n in range(3)]
    level = PriceLevel(code="WHOLESALE", name="Wholesale")
    group = CustomerGroup(name="Schools")
    customer = Customer(code="C001", name="Bookshop Lefèvre", status="active", country="FR")
    session.add_all([*articles, level, group, customer])
    session.flush()
    return articles, level, group, customer


def _rows(*rows: dict) -> list[tuple[int, dict]]:
    """Rows numbered as a spreadsheet numbers them: the header is row 1."""
    return [(number, row) for number, row in enumerate(rows, start=2)]


def _row(sku="SKU0", price="10.00", quantity="", **others) -> dict:
    return {
        "price_list": "Wholesale 2026",
        "price_level": "WHOLESALE",
        "sku": sku,
        "min_quantity": quantity,
        "unit_price": price,
        **others,
    }


def _prices(session) -> dict[tuple[str, int], Decimal]:
    rows = session.execute(
        sa.select(Article.sku, Price.min_quantity, Price.unit_price).join(Price.article)
    )
    return {(sku, tier): price for sku, tier, price in rows}


def test_a_degressive_price_list_by_quantity_is_created_with_its_tiers(session, catalogue):
    problems, counts = import_price_rows(
        session,
        _rows(
            _row(price="10,00", quantity="1"),
            _row(price="9,50", quantity="10"),
            _row(price="9", quantity="50"),
            _row(sku="SKU1", price="4.20"),
        ),
    )
    assert problems == []
    assert (counts.created, counts.updated, counts.unchanged) == (4, 0, 0)
    assert counts.details["price_lists_created"] == 1
    price_list = session.scalars(sa.select(PriceList)).one()
    assert (price_list.name, price_list.price_level.code) == ("Wholesale 2026", "WHOLESALE")
    assert _prices(session) == {
        ("SKU0", 1): Decimal("10.00"),
        ("SKU0", 10): Decimal("9.50"),
        ("SKU0", 50): Decimal("9"),
        ("SKU1", 1): Decimal("4.20"),
    }


def test_reimporting_the_same_price_list_changes_nothing(session, catalogue):
    rows = _rows(_row(quantity="1"), _row(price="9.5", quantity="10"))
    import_price_rows(session, rows)
    problems, counts = import_price_rows(session, rows)
    assert problems == []
    assert (counts.created, counts.updated, counts.unchanged, counts.removed) == (0, 0, 2, 0)
    assert counts.details == {"price_lists_created": 0, "price_lists_updated": 0}


def test_the_files_tiers_replace_an_articles_tiers_and_other_articles_keep_theirs(
    session, catalogue
):
    import_price_rows(
        session,
        _rows(_row(quantity="1"), _row(price="9", quantity="10"), _row(sku="SKU1", price="3")),
    )
    problems, counts = import_price_rows(
        session, _rows(_row(price="11", quantity="1"), _row(price="8", quantity="20"))
    )
    assert problems == []
    assert (counts.created, counts.updated, counts.removed) == (1, 1, 1)
    assert _prices(session) == {
        ("SKU0", 1): Decimal("11"),
        ("SKU0", 20): Decimal("8"),
        ("SKU1", 1): Decimal("3"),
    }


def test_price_lists_for_a_group_and_a_customer_with_period_and_priority(session, catalogue):
    problems, counts = import_price_rows(
        session,
        _rows(
            _row(
                price_list="Schools",
                price_level="",
                customer_group="schools",
                valid_from="01/01/2026",
                valid_to="2026-12-31",
                priority="2",
            ),
            _row(price_list="Lefèvre", price_level="", customer="C001", price="7"),
        ),
    )
    assert problems == []
    lists = {p.name: p for p in session.scalars(sa.select(PriceList))}
    assert lists["Schools"].group.name == "Schools"
    assert str(lists["Schools"].valid_from) == "2026-01-01" and lists["Schools"].priority == 2
    assert lists["Lefèvre"].customer.code == "C001"
    assert counts.details["price_lists_created"] == 2


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"sku": "NOPE"}, "sku", "No article has the SKU NOPE."),
        ({"sku": ""}, "sku", "Give the article's SKU."),
        ({"unit_price": "ten"}, "unit_price", "ten is not a number."),
        ({"unit_price": "-1"}, "unit_price", "A price cannot be negative."),
        ({"unit_price": "1.23456"}, "unit_price", "Use at most 4 decimals."),
        ({"unit_price": ""}, "unit_price", "Give the unit price."),
        ({"min_quantity": "0"}, "min_quantity", "The quantity a price starts from is 1 or more."),
        ({"min_quantity": "2.5"}, "min_quantity", "2.5 is not a whole number."),
        ({"price_list": ""}, "price_list", "Give the name of the price list."),
        ({"price_level": "RETAIL"}, "price_level", "No price level has the code RETAIL."),
        (
            {"price_level": "", "customer_group": "Shops"},
            "customer_group",
            "No customer group is called Shops.",
        ),
        ({"price_level": "", "customer": "C999"}, "customer", "No customer has the code C999."),
        (
            {"price_level": ""},
            "price_level",
            "Choose exactly one of: Price level, Customer group, Customer.",
        ),
        (
            {"customer": "C001"},
            "customer",
            "Choose exactly one of: Price level, Customer group, Customer.",
        ),
        (
            {"valid_from": "2026-02-01", "valid_to": "2026-01-01"},
            "valid_to",
            "The end date cannot be before the start date.",
        ),
        (
            {"valid_from": "31/02/2026"},
            "valid_from",
            "31/02/2026 is not a date: write it as 2026-03-31.",
        ),
        ({"priority": "high"}, "priority", "high is not a whole number."),
    ],
)
def test_a_bad_row_is_reported_with_its_row_column_and_reason_and_nothing_is_applied(
    session, catalogue, changes, column, message
):
    problems, counts = import_price_rows(session, _rows(_row(), _row(quantity="5", **changes)))
    assert counts is None
    assert [(p.row, p.column, p.message) for p in problems] == [(3, column, message)]
    assert session.scalar(sa.select(sa.func.count()).select_from(Price)) == 0
    assert session.scalar(sa.select(sa.func.count()).select_from(PriceList)) == 0


def test_the_same_article_and_tier_twice_in_a_list_is_refused(session, catalogue):
    problems, _counts = import_price_rows(
        session, _rows(_row(quantity="10"), _row(sku="SKU1"), _row(quantity="10", price="9"))
    )
    assert [(p.row, p.column, p.message) for p in problems] == [
        (4, "sku", "SKU0 from quantity 10 is already on row 2 of this price list.")
    ]


def test_a_lists_rows_must_agree_on_its_period_and_priority(session, catalogue):
    problems, _counts = import_price_rows(
        session, _rows(_row(priority="1"), _row(sku="SKU1", priority="2"))
    )
    assert [(p.row, p.column) for p in problems] == [(3, "priority")]
    assert "another value here than on row 2" in problems[0].message


def test_an_ambiguous_price_list_name_is_refused(session, catalogue):
    _articles, level, _group, _customer = catalogue
    session.add_all([PriceList(name="Wholesale 2026", price_level=level) for _ in range(2)])
    session.flush()
    problems, _counts = import_price_rows(session, _rows(_row()))
    assert [(p.row, p.column) for p in problems] == [(2, "price_list")]
