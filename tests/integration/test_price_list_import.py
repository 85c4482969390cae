"""Importing price lists: degressive prices by quantity, for a price level, a group or a customer;
every bad row reported, nothing applied then; the same file twice, or an export imported back,
changes nothing. On both databases: the rows are written by bulk statements in one transaction."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.domain.imports.exporting import export_kind
from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.generated.models import Article, Customer, CustomerGroup, Price, PriceLevel, PriceList
from tests.integration.imports_helpers import csv_file, run_file, xlsx_file

HEADER = ["Price list", "Price level", "Customer group", "Customer", "SKU", "From quantity",
          "Unit price"]  # fmt: skip


@pytest.fixture
def catalogue(session):
    session.add_all(
        [Article(sku=f"SKU{n}", name=f"Article {n}", status="active") for n in range(3)]
    )
    session.add_all(
        [
            PriceLevel(code="WHOLESALE", name="Wholesale"),
            CustomerGroup(name="Schools"),
            Customer(code="C001", name="Librairie Lefèvre", status="active", country="FR"),
        ]
    )
    session.commit()


def _prices(session) -> dict[tuple[str, str, int], Decimal]:
    session.expire_all()
    rows = session.execute(
        sa.select(PriceList.name, Article.sku, Price.min_quantity, Price.unit_price)
        .join(Price.article)
        .join(Price.price_list)
    )
    return {(name, sku, tier): Decimal(price) for name, sku, tier, price in rows}


def _counts(run) -> tuple:
    return run.status, run.created_count, run.updated_count, run.unchanged_count


def test_a_degressive_price_list_by_quantity_from_a_french_csv(app, session, catalogue, tmp_path):
    rows = [
        [
            "Liste de prix",
            "Niveau de prix",
            "Référence",
            "À partir de la quantité",
            "Prix unitaire",
        ],
        ["Grossistes 2026", "WHOLESALE", "SKU0", "1", "10,00"],
        ["Grossistes 2026", "WHOLESALE", "SKU0", "10", "9,50"],
        ["Grossistes 2026", "WHOLESALE", "SKU0", "50", "9"],
        ["Grossistes 2026", "WHOLESALE", "SKU1", "", "4,20"],
    ]
    header = [cell for cell in rows[0]]
    header[2] = "SKU"
    rows[0] = header
    path = csv_file(tmp_path / "prix.csv", rows, encoding="cp1252", separator=";")
    run = run_file(path, "price_lists", language="fr")
    assert _counts(run) == ("done", 4, 0, 0), run.errors
    assert _prices(session) == {
        ("Grossistes 2026", "SKU0", 1): Decimal("10.00"),
        ("Grossistes 2026", "SKU0", 10): Decimal("9.50"),
        ("Grossistes 2026", "SKU0", 50): Decimal("9"),
        ("Grossistes 2026", "SKU1", 1): Decimal("4.20"),
    }
    price_list = session.scalars(sa.select(PriceList)).one()
    assert price_list.price_level.code == "WHOLESALE"

    again = run_file(csv_file(tmp_path / "again.csv", rows, encoding="cp1252", separator=";"),
                     "price_lists")  # fmt: skip
    assert _counts(again) == ("done", 0, 0, 4)


def test_the_files_tiers_replace_an_articles_tiers_and_other_articles_keep_theirs(
    app, session, catalogue, tmp_path
):
    first = [HEADER, ["Retail", "WHOLESALE", None, None, "SKU0", 1, "10"],
             ["Retail", "WHOLESALE", None, None, "SKU0", 10, "9"],
             ["Retail", "WHOLESALE", None, None, "SKU1", 1, "3"]]  # fmt: skip
    run_file(xlsx_file(tmp_path / "first.xlsx", first), "price_lists")
    second = [HEADER, ["Retail", "WHOLESALE", None, None, "SKU0", 1, "11"],
              ["Retail", "WHOLESALE", None, None, "SKU0", 20, "8"]]  # fmt: skip
    run = run_file(xlsx_file(tmp_path / "second.xlsx", second), "price_lists")
    # 1 created (20), 1 changed (1), 1 removed (10) counted as an update of the list
    assert _counts(run) == ("done", 1, 2, 0)
    assert _prices(session) == {
        ("Retail", "SKU0", 1): Decimal("11"),
        ("Retail", "SKU0", 20): Decimal("8"),
        ("Retail", "SKU1", 1): Decimal("3"),
    }


def test_price_lists_for_a_group_and_a_customer_with_period_and_priority(
    app, session, catalogue, tmp_path
):
    rows = [
        [*HEADER, "Valid from", "Valid until", "Priority"],
        ["Schools", None, "schools", None, "SKU0", None, "8", "01/01/2026", "2026-12-31", 2],
        ["Lefèvre", None, None, "C001", "SKU0", None, "7", None, None, None],
    ]
    run = run_file(xlsx_file(tmp_path / "lists.xlsx", rows), "price_lists")
    assert _counts(run) == ("done", 2, 0, 0), run.errors
    lists = {p.name: p for p in session.scalars(sa.select(PriceList))}
    assert lists["Schools"].group.name == "Schools" and lists["Schools"].priority == 2
    assert lists["Schools"].valid_from == datetime.date(2026, 1, 1)
    assert lists["Lefèvre"].customer.code == "C001"


@pytest.mark.parametrize(
    ("cells", "header", "reason"),
    [
        ({"SKU": "NOPE"}, "SKU", "No article has the SKU NOPE."),
        ({"SKU": None}, "SKU", "A value is required."),
        ({"Unit price": "ten"}, "Unit price", "Not a number: ten."),
        ({"Unit price": "-1"}, "Unit price", "Must be at least 0."),
        ({"Unit price": "1.23456"}, "Unit price", "At most 4 decimal places."),
        ({"From quantity": "0"}, "From quantity", "Must be at least 1."),
        ({"From quantity": "2.5"}, "From quantity", "Must be a whole number."),
        ({"Price level": "RETAIL"}, "Price level", "No price level has the code RETAIL."),
        ({"Price level": None, "Customer group": "Shops"}, "Customer group",
         "No customer group is called Shops."),
        ({"Price level": None, "Customer": "C999"}, "Customer", "No customer has the code C999."),
        ({"Price level": None}, "Price level",
         "Choose exactly one of: Price level, Customer group, Customer."),
        ({"Customer": "C001"}, "Customer",
         "Choose exactly one of: Price level, Customer group, Customer."),
        ({"SKU": "SKU0"}, "SKU",
         "SKU0 from quantity 1 is already in this file for the price list Retail."),
    ],
)  # fmt: skip
def test_a_bad_price_row_is_reported_with_row_column_and_reason_and_nothing_is_applied(
    app, session, catalogue, tmp_path, cells, header, reason
):
    good = dict.fromkeys(HEADER) | {"Price list": "Retail", "Price level": "WHOLESALE",
                                     "SKU": "SKU0", "Unit price": "10"}  # fmt: skip
    bad = good | {"SKU": "SKU1"} | cells
    rows = [HEADER, [good[h] for h in HEADER], [bad[h] for h in HEADER]]
    run = run_file(csv_file(tmp_path / "bad.csv", rows), "price_lists")
    assert run.status == "invalid"
    assert run.errors == [[3, header, reason]]
    assert session.scalar(sa.select(sa.func.count()).select_from(Price)) == 0
    assert session.scalar(sa.select(sa.func.count()).select_from(PriceList)) == 0


def test_a_lists_rows_agree_on_its_period_and_an_end_before_the_start_is_refused(
    app, session, catalogue, tmp_path
):
    rows = [
        ["Price list", "Price level", "SKU", "Unit price", "Valid from", "Valid until"],
        ["Retail", "WHOLESALE", "SKU0", "1", "2026-02-01", "2026-01-01"],
        ["Other", "WHOLESALE", "SKU0", "1", "2026-01-01", None],
        ["Other", "WHOLESALE", "SKU1", "1", "2026-01-02", None],
    ]
    run = run_file(csv_file(tmp_path / "dates.csv", rows), "price_lists")
    assert run.errors == [
        [2, "Valid until", "The end date cannot be before the start date."],
        [4, "Valid from", "The price list Other has another value here than on its first row: "
                          "give its dates and priority alike on all its rows."],
    ]  # fmt: skip


@pytest.mark.parametrize("format_", ["xlsx", "csv"])
def test_exporting_all_price_lists_and_importing_the_export_changes_nothing(
    app, session, catalogue, tmp_path, format_
):
    rows = [
        [*HEADER, "Valid from", "Priority"],
        ["Schools", None, "Schools", None, "SKU0", 1, "8.5", "2026-01-01", 1],
        ["Schools", None, "Schools", None, "SKU0", 12, "7.1234", "2026-01-01", 1],
        ["Retail", "WHOLESALE", None, None, "SKU1", 1, "10", None, None],
        ["Lefèvre", None, None, "C001", "SKU2", 5, "0.5", None, None],
    ]
    run_file(xlsx_file(tmp_path / "lists.xlsx", rows), "price_lists")
    before = _prices(session)
    exported = tmp_path / f"export.{format_}"
    with db.engine.connect() as connection:
        written = export_kind(connection, kind_named("price_lists"), exported, format_)
    assert written == 4
    run = run_file(exported, "price_lists")
    assert _counts(run) == ("done", 0, 0, 4), run.errors
    assert _prices(session) == before


def test_bulk_inserted_prices_roll_back_with_the_import_transaction(app, session, catalogue):
    """COPY on PostgreSQL, executemany elsewhere: both inside the caller's transaction."""
    from app.domain.imports.bulk import insert_rows

    level_id = session.scalar(sa.select(PriceLevel.id))
    article_ids = session.scalars(sa.select(Article.id)).all()
    with db.engine.connect() as connection:
        transaction = connection.begin()
        list_id = connection.execute(
            PriceList.__table__.insert()
            .values(name="Rolled back", price_level_id=level_id)
            .returning(PriceList.__table__.c.id)
        ).scalar_one()
        rows = [
            {"price_list_id": list_id, "article_id": article_id, "min_quantity": 1,
             "unit_price": Decimal("1.5")}
            for article_id in article_ids
        ]  # fmt: skip
        insert_rows(connection, Price.__table__, rows)
        assert connection.scalar(sa.select(sa.func.count()).select_from(Price)) == 3
        transaction.rollback()
    assert session.scalar(sa.select(sa.func.count()).select_from(Price)) == 0
