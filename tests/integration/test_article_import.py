"""Importing articles: created or updated by SKU, all or nothing, the same file twice changes
nothing; run on both databases (bulk statements, one transaction)."""

from __future__ import annotations

from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.generated.models import Article, ArticleTag, Catalogue, Family
from tests.conftest import app_speaking
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


def test_every_problem_is_reported_with_its_row_column_and_reason(
    app, session, catalogue, tmp_path
):
    header = [
        "SKU", "Name", "Base price", "VAT rate", "Status", "Pack size", "EAN / ISBN",
        "Available from", "Published online", "Catalogue", "Family", "Brand", "Tags",
    ]  # fmt: skip
    good = [
        "A-0", "Pen", "1", "21", "active", "1", "12345678", "2026-03-31", "yes", "MAIN", "Pens",
        None, "new",
    ]  # fmt: skip
    cases = {
        "Name": (None, "A value is required."),
        "Base price": ("-1", "Must be at least 0."),
        "VAT rate": ("21.555", "At most 2 decimal places."),
        "Status": ("sold", "Unknown value sold: use one of draft, active, hidden, discontinued."),
        "Pack size": ("2.5", "Must be a whole number."),
        "EAN / ISBN": ("12AB5678", "An EAN or ISBN has 8 to 13 digits."),
        "Available from": (
            "31/31/2026",
            "Not a date: 31/31/2026 (write 2026-03-31 or 31/03/2026).",
        ),
        "Published online": ("maybe", "Write yes or no (or 1 or 0), not maybe."),
        "Catalogue": ("NOPE", "Unknown catalogue NOPE."),
        "Brand": ("Acme", "Unknown brand Acme."),
        "Tags": ("new, rare", "Unknown tag rare."),
    }
    rows = [header, good]
    for number, (column, (value, _reason)) in enumerate(cases.items(), start=1):
        row = list(good)
        row[0] = f"A-{number}"
        row[header.index(column)] = value
        rows.append(row)
    rows.append(list(good))  # A-0 again
    no_catalogue = list(good)
    no_catalogue[0], no_catalogue[header.index("Catalogue")] = "A-99", None
    rows.append(no_catalogue)
    run = run_file(xlsx_file(tmp_path / "bad.xlsx", rows))
    assert run.status == "invalid"
    expected = [
        [n + 2, column, reason] for n, (column, (_v, reason)) in enumerate(cases.items(), start=1)
    ]
    expected.append([len(cases) + 3, "SKU", "Already in row 2 of this file."])
    expected.append([len(cases) + 4, "Family", "A family needs the catalogue it belongs to."])
    assert run.errors == expected
    assert run.error_count == len(expected)
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_problems_are_reported_in_the_users_language(app, session, catalogue, tmp_path):
    french = {
        "SKU": "Référence",
        "Name": "Nom",
        "Base price": "Prix de base",
        "Not a number: %(value)s.": "Pas un nombre : %(value)s.",
    }
    rows = [["Référence", "Nom", "Prix de base"], ["A-1", "Stylo", "douze"]]
    path = xlsx_file(tmp_path / "fr.xlsx", rows)
    with app_speaking("fr", french, app, tmp_path) as speaking, speaking.app_context():
        run = run_file(path, language="fr")
        assert run.status == "invalid"
        assert run.errors == [[2, "Prix de base", "Pas un nombre : douze."]]


def test_a_missing_required_column_and_a_column_twice_refuse_the_file(app, session, tmp_path):
    run = run_file(
        xlsx_file(tmp_path / "h.xlsx", [["Name", "name", "Colour"], ["Pen", "Pen", "red"]])
    )
    assert run.status == "invalid"
    assert run.errors == [
        [1, "name", "Two columns are Name: Name and name."],
        [1, "SKU", "The column SKU is missing."],
    ]


def test_one_bad_row_among_ten_thousand_applies_nothing(app, session, catalogue, tmp_path):
    path = tmp_path / "big.csv"
    lines = ["SKU;Name;Base price"] + [f"S-{i};Article {i};{i % 90},50" for i in range(10_000)]
    lines[9_000] = "S-8999;Article;douze"
    path.write_text("\n".join(lines), encoding="cp1252")
    run = run_file(path)
    assert run.status == "invalid"
    assert run.errors == [[9_001, "Base price", "Not a number: douze."]]
    assert run.rows_total == 10_000
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_a_french_windows_csv_with_decimal_commas_is_imported(app, session, catalogue, tmp_path):
    french = {
        "SKU": "Référence",
        "Name": "Nom",
        "Base price": "Prix de base",
        "VAT rate": "Taux de TVA",
    }
    path = tmp_path / "articles.csv"
    content = (
        "Référence;Désignation;Nom;Nom (fr);Prix de base;Taux de TVA\r\n"
        "CR-1;Dessert;Cream;Crème brûlée;1 234,50;5,5\r\n"
    )
    path.write_bytes(content.encode("cp1252"))
    with app_speaking("fr", french, app, tmp_path) as speaking, speaking.app_context():
        run = run_file(path, language="fr")
    assert (run.status, run.created_count, run.ignored_columns) == ("done", 1, "Désignation"), (
        run.errors
    )
    session.expire_all()
    article = session.scalars(sa.select(Article).where(Article.sku == "CR-1")).one()
    assert article.base_price == Decimal("1234.50") and article.vat_rate == Decimal("5.5")
    assert article.name_fr == "Crème brûlée"


def test_exported_articles_import_back_unchanged(app, session, catalogue, tmp_path):
    rows = [HEADER] + [
        [f"R-{i}", f"Book {i}", f"Livre {i}" if i % 2 else None, f"{i}.25", "active", "MAIN",
         "Books > Children" if i % 3 else None, "new" if i % 2 else None]
        for i in range(6)
    ]  # fmt: skip
    assert run_file(xlsx_file(tmp_path / "in.xlsx", rows)).created_count == 6
    from app.domain.imports.exporting import export_kind
    from app.domain.imports.kinds import kind_named

    for format in ("xlsx", "csv"):
        out = tmp_path / f"out.{format}"
        with db.engine.connect() as connection:
            assert export_kind(connection, kind_named("articles"), out, format) == 6
        run = run_file(out)
        assert (run.status, run.created_count, run.updated_count, run.unchanged_count) == (
            "done",
            0,
            0,
            6,
        ), run.errors


def test_an_update_changes_only_what_the_file_holds(app, session, catalogue, tmp_path):
    run_file(
        xlsx_file(
            tmp_path / "a.xlsx",
            [HEADER, ["U-1", "Pen", "Stylo", "2", "active", "MAIN", "Pens", "new"]],
        )
    )
    run = run_file(
        xlsx_file(tmp_path / "b.xlsx", [["SKU", "Base price", "Tags"], ["U-1", "3", None]])
    )
    assert (run.status, run.created_count, run.updated_count) == ("done", 0, 1), run.errors
    session.expire_all()
    article = session.scalars(sa.select(Article).where(Article.sku == "U-1")).one()
    assert (article.name, article.name_fr, article.base_price) == ("Pen", "Stylo", Decimal("3"))
    assert article.family.name == "Pens" and article.tags == []


FAMILY_HEADER = ["SKU", "Name", "Catalogue", "Family", "Family (fr)", "family_nl"]


def _family_translations(session) -> dict[tuple[str, str], str]:
    from app.generated.models.family import FamilyTranslation

    return {
        (family.name, t.language): t.name
        for t, family in session.execute(
            sa.select(FamilyTranslation, Family).join(
                Family, Family.id == FamilyTranslation.family_id
            )
        )
    }


def test_family_names_are_imported_per_language_level_by_level(app, session, catalogue, tmp_path):
    rows = [
        FAMILY_HEADER,
        ["F-1", "Atlas", "MAIN", "Books > Maps", "Livres > Cartes", "Boeken > Kaarten"],
        # The same path again, with no Dutch: the Dutch names stay as the first row gave them.
        ["F-2", "Globe", "MAIN", "Books > Maps", "Livres > Cartes", None],
        # A level named as in English has no translation of its own.
        ["F-3", "Pen", "MAIN", "Pens", "Pens", None],
    ]
    path = xlsx_file(tmp_path / "families.xlsx", rows)
    assert run_file(path).created_count == 3
    assert _family_translations(session) == {
        ("Books", "fr"): "Livres",
        ("Maps", "fr"): "Cartes",
        ("Books", "nl"): "Boeken",
        ("Maps", "nl"): "Kaarten",
    }
    article = session.scalars(sa.select(Article).where(Article.sku == "F-1")).one()
    assert article.family.name_fr == "Cartes"

    again = run_file(path)
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)

    from app.domain.imports.exporting import export_kind
    from app.domain.imports.kinds import kind_named

    out = tmp_path / "out.csv"
    with db.engine.connect() as connection:
        export_kind(connection, kind_named("articles"), out, "csv")
    back = run_file(out)
    assert (back.status, back.unchanged_count) == ("done", 3), back.errors
    assert len(_family_translations(session)) == 4


def test_a_translated_family_path_with_other_levels_is_refused(app, session, catalogue, tmp_path):
    rows = [FAMILY_HEADER, ["F-9", "Atlas", "MAIN", "Books > Maps", "Cartes", None]]
    run = run_file(xlsx_file(tmp_path / "bad.xlsx", rows))
    assert run.status == "invalid"
    assert run.errors == [
        [
            2,
            "Family (fr)",
            "Give the family's path in this language with as many levels as the family: 2.",
        ]
    ]
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0
