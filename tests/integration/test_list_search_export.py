"""List pages: the quick search box (`?q=`), the CSV export, and CSRF on the screens' forms.

The quick search matches any of an entity's `search_columns` in model.yaml, case-insensitively,
with % and _ taken literally; every word typed must match. The export is the list as filtered on
screen, every page, headed and labelled in the user's language.
"""

from __future__ import annotations

import csv
import io
import re
from decimal import Decimal
from importlib import import_module

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from flask_babel import force_locale

from app.extensions import db
from tests.conftest import PASSWORD, Auth, csrf_token, make_app
from tests.integration.records import (
    ENTITIES,
    MODEL,
    count,
    make_row,
    model_class,
    screen,
    user,
)

SEARCHABLE = [
    pytest.param(entity, column, id=f"{entity.name}-{column}")
    for entity in ENTITIES
    for column in entity.admin.search_columns
]


def _shown(client, url: str, entity) -> set[int]:
    """The primary keys a list page links to."""
    response = client.get(url)
    assert response.status_code == 200, url
    pattern = re.escape(f"{screen(entity)}/show/") + r"(\d+)"
    return {int(pk) for pk in re.findall(pattern, response.get_data(as_text=True))}


def _needle_value(field, needle: str) -> str:
    if field.type == "email":
        return f"{needle}@example.com"
    value = f"{needle}-{field.name}"
    if field.length:
        value = value[: field.length]
    if field.min_length:
        value = value.ljust(field.min_length, "0")
    return value


# ---------------------------------------------------------------- quick search


@pytest.mark.parametrize(("entity", "column"), SEARCHABLE)
def test_quick_search_finds_a_record_by_any_search_column_in_any_case(
    client, auth, session, entity, column
):
    field = entity.fields[column]
    needle = "zqMix"
    wanted = make_row(session, entity, **{column: _needle_value(field, needle)})
    other = make_row(session, entity)
    session.commit()
    auth.login("admin")
    base = f"{screen(entity)}/list/"
    assert {wanted.id, other.id} <= _shown(client, base, entity)
    for typed in (needle.upper(), needle.lower(), f"  {needle[1:4]}  "):
        shown = _shown(client, f"{base}?q={typed}", entity)
        assert wanted.id in shown, typed
        assert other.id not in shown, typed


SEARCHABLE = [e for e in ENTITIES if e.admin.search_columns]
# On PostgreSQL the per-entity checks run for these (tests/conftest.py): text, translated names.
POSTGRESQL_ENTITIES = {"customer", "contact", "article", "family"}


@pytest.mark.parametrize("entity", SEARCHABLE, ids=[e.name for e in SEARCHABLE])
def test_list_page_offers_a_search_box_naming_the_searched_columns(client, auth, entity):
    auth.login("admin")
    body = client.get(f"{screen(entity)}/list/?q=abc").get_data(as_text=True)
    labels = ", ".join(entity.fields[c].label for c in entity.admin.search_columns)
    assert f'placeholder="Search: {labels}"' in body
    assert 'name="q"' in body and 'value="abc"' in body


def test_list_page_without_search_columns_offers_no_search_box(client, auth):
    entity = next(e for e in ENTITIES if not e.admin.search_columns and not e.singleton)
    auth.login("admin")
    body = client.get(f"{screen(entity)}/list/").get_data(as_text=True)
    assert 'name="q"' not in body


@pytest.fixture
def tricky_customers(session):
    names = [
        "100% Books",
        "1000 Books",
        "Under_score Ltd",
        "UnderXscore Ltd",
        "Back\\slash SA",
        "Backslash SA",
        "Acme Books",
        "Acme Tools",
    ]
    rows = {name: make_row(session, "customer", name=name) for name in names}
    session.commit()
    return {name: row.id for name, row in rows.items()}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("100%", {"100% Books"}),
        ("%", {"100% Books"}),
        ("under_score", {"Under_score Ltd"}),
        ("_", {"Under_score Ltd"}),
        ("k\\s", {"Back\\slash SA"}),
        ("acme books", {"Acme Books"}),
        ("BOOKS acme", {"Acme Books"}),
        ("books", {"100% Books", "1000 Books", "Acme Books"}),
        ("nothing-like-this", set()),
    ],
)
def test_quick_search_takes_wildcards_literally_and_needs_every_word(
    client, auth, tricky_customers, typed, expected
):
    auth.login("admin")
    shown = _shown(
        client, f"/customerview/list/?q={typed.replace('%', '%25')}", MODEL.entities["customer"]
    )
    assert {name for name, pk in tricky_customers.items() if pk in shown} == expected


def test_quick_search_applies_to_every_page_of_the_list(client, auth, session):
    entity = MODEL.entities["customer"]
    matching = [make_row(session, entity, name=f"Match {i:02}").id for i in range(30)]
    make_row(session, entity, name="Unrelated")
    session.commit()
    auth.login("admin")
    first = client.get("/customerview/list/?q=match").get_data(as_text=True)
    assert 'href="/customerview/list/?q=match&amp;page_CustomerView=1"' in first
    pages = _shown(client, "/customerview/list/?q=match", entity) | _shown(
        client, "/customerview/list/?q=match&page_CustomerView=1", entity
    )
    assert pages == set(matching)


def test_quick_search_combines_with_the_filters(client, auth, session):
    entity = MODEL.entities["customer"]
    active = make_row(session, entity, name="Acme North", status="active")
    make_row(session, entity, name="Acme South", status="pending")
    make_row(session, entity, name="Other", status="active")
    session.commit()
    auth.login("admin")
    assert _shown(client, "/customerview/list/?q=acme&_flt_0_status=active", entity) == {active.id}


# ---------------------------------------------------------------- export


def _csv(response) -> list[list[str]]:
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    assert response.mimetype == "text/csv"
    text = response.get_data(as_text=True)
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.name for e in ENTITIES])
def test_export_is_headed_with_the_columns_labels(client, auth, session, entity):
    make_row(session, entity)
    session.commit()
    auth.login("admin")
    response = client.get(f"{screen(entity)}/export/")
    rows = _csv(response)
    view = getattr(import_module(f"app.generated.views.{entity.name}"), entity.view_name)
    assert rows[0] == [entity.fields[c].label for c in view.list_columns]
    assert len(rows) == 2
    assert response.headers["Content-Disposition"] == f'attachment; filename="{entity.name}.csv"'


def test_export_writes_enum_labels_and_related_records_by_name(client, auth, session):
    group = make_row(session, "customer_group", name="Schools & Libraries")
    make_row(
        session,
        "customer",
        code="C-1",
        name="O'Brien & Sons",
        status="suspended",
        country="IE",
        group=group,
        sales_rep=user(session, "rep1"),
        credit_limit=Decimal("1234.5"),
        tags=[
            make_row(session, "customer_tag", name="School"),
            make_row(session, "customer_tag", name="Key account"),
        ],
    )
    session.commit()
    auth.login("admin")
    header, row = _csv(client.get("/customerview/export/"))
    exported = dict(zip(header, row, strict=True))
    assert exported == {
        "Customer code": "C-1",
        "Company name": "O'Brien & Sons",
        "Customer group": "Schools & Libraries",
        "Status": "Suspended",
        "Country": "IE",
        "Sales representative": str(user(session, "rep1")),
        "Credit limit": "€1,234.50",
        "Tags": "Key account, School",
    }


def test_export_keeps_formula_like_text_as_text(client, auth, session):
    make_row(session, "customer", code="C-EVIL", name='=HYPERLINK("http://evil.example","x")')
    make_row(session, "customer", code="C-PLAIN", name="Plain - with a dash")
    session.commit()
    auth.login("admin")
    names = {row[0]: row[1] for row in _csv(client.get("/customerview/export/"))[1:]}
    assert names["C-EVIL"] == '\'=HYPERLINK("http://evil.example","x")'
    assert names["C-PLAIN"] == "Plain - with a dash"


def test_export_holds_every_page_in_the_lists_order(client, auth, session):
    codes = [f"C-{i:03}" for i in range(25)]
    for code in codes:
        make_row(session, "customer", code=code)
    session.commit()
    auth.login("admin")
    rows = _csv(client.get("/customerview/export/?_oc_CustomerView=code&_od_CustomerView=desc"))
    assert [r[0] for r in rows[1:]] == sorted(codes, reverse=True)


def test_export_honours_the_quick_search_and_the_filters(client, auth, tricky_customers):
    auth.login("admin")
    rows = _csv(client.get("/customerview/export/?q=books"))
    assert sorted(r[1] for r in rows[1:]) == ["100% Books", "1000 Books", "Acme Books"]
    rows = _csv(client.get("/customerview/export/?q=books&_flt_0_name=Acme"))
    assert [r[1] for r in rows[1:]] == ["Acme Books"]


def test_list_pages_export_link_carries_the_search(client, auth):
    auth.login("admin")
    body = client.get("/customerview/list/?q=acme").get_data(as_text=True)
    assert re.search(r'href="/customerview/export/\?q=acme"', body)


def test_export_honours_the_sales_reps_row_scope(client, auth, session):
    make_row(session, "customer", code="MINE-1", name="Acme mine", sales_rep=user(session, "rep1"))
    make_row(session, "customer", code="MINE-2", name="Other mine", sales_rep=user(session, "rep1"))
    make_row(
        session, "customer", code="THEIRS", name="Acme theirs", sales_rep=user(session, "rep2")
    )
    session.commit()
    auth.login("rep1")
    assert sorted(r[0] for r in _csv(client.get("/customerview/export/"))[1:]) == [
        "MINE-1",
        "MINE-2",
    ]
    assert [r[0] for r in _csv(client.get("/customerview/export/?q=acme"))[1:]] == ["MINE-1"]


FRENCH = {
    "Customer code": "Code client",
    "Company name": "Raison sociale",
    "Status": "Statut",
    "Pending": "En attente d'approbation",
    "Active": "Actif",
}


@pytest.fixture
def french_app(backend_app, tmp_path):
    """The app with a French catalogue of a few labels, on the same database."""
    catalog = Catalog(locale="fr")
    for source, translation in FRENCH.items():
        catalog.add(source, translation)
    folder = tmp_path / "translations" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as out:
        write_mo(out, catalog)
    url = backend_app.config["SQLALCHEMY_DATABASE_URI"]
    app = make_app(tmp_path, url, BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "translations"))
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def test_export_speaks_the_users_language(app, french_app, session):
    make_row(session, "customer", code="C-FR", name="Librairie", status="pending")
    make_row(session, "customer", code="C-FR2", name="Papeterie", status="active")
    session.commit()
    client = french_app.test_client()
    Auth(client).login("admin", PASSWORD)
    client.post("/lang/fr", data={"csrf_token": csrf_token(client, "/customerview/list/")})
    rows = _csv(client.get("/customerview/export/"))
    with french_app.test_request_context(), force_locale("fr"):
        from app.generated.views.customer import LABELS

        expected = [str(LABELS[c]) for c in MODEL.entities["customer"].admin.list_columns]
    assert expected[:2] == ["Code client", "Raison sociale"]
    assert rows[0] == expected
    by_code = {r[0]: r for r in rows[1:]}
    assert by_code["C-FR"][3] == "En attente d'approbation"
    assert by_code["C-FR2"][3] == "Actif"


# ---------------------------------------------------------------- CSRF


def test_form_post_without_csrf_token_changes_nothing(client, auth, session):
    auth.login("admin")
    data = {"code": "C-CSRF", "name": "Forged", "status": "active", "country": "FR"}
    response = client.post("/customerview/add", data=data)
    assert response.status_code == 400
    assert "CSRF" in response.get_data(as_text=True)
    assert count(session, "customer") == 0


def test_form_post_with_a_wrong_csrf_token_changes_nothing(client, auth, session):
    auth.login("admin")
    csrf_token(client, "/customerview/add")
    data = {
        "code": "C-CSRF",
        "name": "Forged",
        "status": "active",
        "country": "FR",
        "csrf_token": "not-the-token",
    }
    assert client.post("/customerview/add", data=data).status_code == 400
    assert count(session, "customer") == 0


def test_edit_and_delete_without_csrf_token_change_nothing(client, auth, session):
    row = make_row(session, "customer", code="C-KEEP", name="Kept")
    session.commit()
    pk = row.id
    auth.login("admin")
    edit = client.post(
        f"/customerview/edit/{pk}",
        data={"code": "C-CHANGED", "name": "Changed", "status": "active", "country": "FR"},
    )
    assert edit.status_code == 400
    assert client.post(f"/customerview/delete/{pk}").status_code == 400
    # A delete by GET is refused too (Flask-AppBuilder only deletes on a POST when CSRF is on).
    client.get(f"/customerview/delete/{pk}")
    session.expire_all()
    kept = session.get(model_class("customer"), pk)
    assert (kept.code, kept.name) == ("C-KEEP", "Kept")
