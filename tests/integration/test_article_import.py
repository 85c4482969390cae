"""Importing articles: created or updated by SKU, all or nothing, the same file twice changes
nothing; run on both databases (bulk statements, one transaction)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.generated.models import Article, ArticleTag, Catalogue, Family
from tests.integration.imports_helpers import run_file, xlsx_file

HEADER = ["SKU", "Name", "Nom (fr)", "Base price", "Status", "Catalogue", "Family", "Tags"]


@pytest.fixture
def catalogue(session):
    session.add(Catalogue(code="MAIN", name="Main catalogue"))
    session.add(ArticleTag(code="NEW", name="New"))
    session.commit()


def test_articles_are_created_then_a_second_import_changes_nothing(
    app, session, catalogue, tmp_path
):
    rows = [HEADER] + [
        [
            f"SKU-{i}",
            f"Book {i}",
            f"Livre {i}",
            "12.50",
            "active",
            "MAIN",
            "Books > Children",
            "new",
        ]
        for i in range(5)
    ]
    path = xlsx_file(tmp_path / "articles.xlsx", rows)
    run = run_file(path)
    assert (run.status, run.created_count, run.updated_count, run.unchanged_count) == (
        "done",
        5,
        0,
        0,
    )
    article = session.scalars(sa.select(Article).where(Article.sku == "SKU-1")).one()
    assert article.base_price == Decimal("12.50")
    assert article.name_fr == "Livre 1"
    assert [t.code for t in article.tags] == ["NEW"]
    assert article.family.name == "Children" and article.family.parent.name == "Books"
    assert session.scalar(sa.select(sa.func.count()).select_from(Family)) == 2

    again = run_file(path)
    assert (again.status, again.created_count, again.updated_count, again.unchanged_count) == (
        "done",
        0,
        0,
        5,
    )


def test_one_bad_row_applies_nothing(app, session, catalogue, tmp_path):
    rows = [HEADER] + [
        [f"SKU-{i}", f"Book {i}", None, "1", "active", None, None, None] for i in range(10)
    ]
    rows[7][3] = "twelve"
    run = run_file(xlsx_file(tmp_path / "bad.xlsx", rows))
    assert run.status == "invalid"
    assert run.errors == [[8, "Base price", "Not a number: twelve."]]
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
