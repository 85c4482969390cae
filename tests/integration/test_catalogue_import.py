"""Importing a catalogue: created with its families from the file, its articles put in them;
the same file again changes nothing; its export reads back unchanged."""

from __future__ import annotations

import sqlalchemy as sa

from app.domain.imports.exporting import export_kind
from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.generated.models import Article, Catalogue, Family
from tests.integration.imports_helpers import run_file, xlsx_file

HEADER = ["Catalogue", "Catalogue name", "Family", "SKU"]


def _articles(session, *skus):
    session.add_all(Article(sku=sku, name=sku) for sku in skus)
    session.commit()


def test_a_catalogue_is_created_from_a_file(app, session, tmp_path):
    _articles(session, "A-1", "A-2", "A-3")
    rows = [
        HEADER,
        ["SCHOOL", "Schools 2026", "Books > Children", "A-1"],
        ["SCHOOL", None, "Books > Children", "A-2"],
        ["SCHOOL", None, "Maps", "A-3"],
    ]
    path = xlsx_file(tmp_path / "catalogue.xlsx", rows)
    run = run_file(path, "catalogues")
    assert (run.status, run.updated_count, run.unchanged_count) == ("done", 3, 0), run.errors
    catalogue = session.scalars(sa.select(Catalogue)).one()
    assert (catalogue.code, catalogue.name) == ("SCHOOL", "Schools 2026")
    assert sorted(f.name for f in session.scalars(sa.select(Family))) == [
        "Books",
        "Children",
        "Maps",
    ]
    article = session.scalars(sa.select(Article).where(Article.sku == "A-2")).one()
    assert (article.family.name, article.family.parent.name) == ("Children", "Books")

    assert run_file(path, "catalogues").unchanged_count == 3
    out = tmp_path / "export.csv"
    with db.engine.connect() as connection:
        assert export_kind(connection, kind_named("catalogues"), out, "csv") == 3
    back = run_file(out, "catalogues")
    assert (back.status, back.updated_count, back.unchanged_count) == ("done", 0, 3), back.errors


def test_unknown_articles_and_unnamed_new_catalogues_are_refused(app, session, tmp_path):
    _articles(session, "A-1")
    rows = [HEADER, ["NEW", None, "Books", "A-1"], ["NEW", "New one", "Books", "Z-9"]]
    run = run_file(xlsx_file(tmp_path / "bad.xlsx", rows), "catalogues")
    assert run.errors == [
        [2, "Catalogue name", "A new catalogue needs a name."],
        [3, "SKU", "Unknown article Z-9."],
    ]
    assert session.scalar(sa.select(sa.func.count()).select_from(Catalogue)) == 0
