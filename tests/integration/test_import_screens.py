"""The imports screen: upload, preview with the column mapping, confirm (CSRF), the result and
its error file; who may import what; templates and exports. SQLite only: the database takes no
part beyond what test_article_import.py covers on both."""

from __future__ import annotations

import io
import re

import pytest
import sqlalchemy as sa
from openpyxl import load_workbook

from app.generated.models import Article, Catalogue, ImportRun
from tests.conftest import csrf_token
from tests.integration.imports_helpers import xlsx_file


@pytest.fixture
def sqlite_only(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("screens: SQLite is enough")


def _upload(client, path, kind="articles", **extra):
    token = csrf_token(client, "/imports/")
    with open(path, "rb") as stream:
        data = {"csrf_token": token, "kind": kind, "file": (io.BytesIO(stream.read()), path.name)}
    data.update(extra)
    return client.post("/imports/", data=data, content_type="multipart/form-data")


def test_upload_preview_confirm_and_result(sqlite_only, app, client, auth, session, tmp_path):
    session.add(Catalogue(code="MAIN", name="Main"))
    session.commit()
    path = xlsx_file(
        tmp_path / "articles.xlsx",
        [["sku", "Nom", "Prix de base", "Colour"], ["A-1", "Cahier", "2,50", "blue"]],
    )
    auth.login("catalogue")
    response = _upload(client, path)
    assert response.status_code == 302
    preview_url = response.headers["Location"]
    page = client.get(preview_url).get_data(as_text=True)
    assert "Cahier" in page and "Colour" in page  # the first rows, the ignored column
    assert "Base price" in page  # 'Prix de base' read as the base price
    run_id = int(re.search(r"/imports/(\d+)/preview", preview_url).group(1))
    assert session.get(ImportRun, run_id).status == "draft"

    refused = client.post(f"/imports/{run_id}/confirm", data={})
    assert refused.status_code == 400  # no CSRF token
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0

    token = csrf_token(client, preview_url)
    done = client.post(f"/imports/{run_id}/confirm", data={"csrf_token": token})
    assert done.status_code == 302
    session.expire_all()
    run = session.get(ImportRun, run_id)
    assert (run.status, run.created_count) == ("done", 1)
    assert session.scalar(sa.select(Article.base_price).where(Article.sku == "A-1")) == 2.5
    page = client.get(f"/imports/{run_id}").get_data(as_text=True)
    assert 'id="import-created">1<' in page
    assert client.get(f"/imports/{run_id}/progress.json").json["finished"] is True


def test_refused_rows_are_listed_and_downloadable(
    sqlite_only, app, client, auth, session, tmp_path
):
    path = xlsx_file(tmp_path / "bad.xlsx", [["SKU", "Name", "Base price"], ["A-1", "Pen", "-3"]])
    auth.login("catalogue")
    preview_url = _upload(client, path).headers["Location"]
    run_id = int(re.search(r"/imports/(\d+)/", preview_url).group(1))
    client.post(f"/imports/{run_id}/confirm", data={"csrf_token": csrf_token(client, preview_url)})
    page = client.get(f"/imports/{run_id}").get_data(as_text=True)
    assert "Must be at least 0." in page
    errors = client.get(f"/imports/{run_id}/errors.xlsx")
    sheet = load_workbook(io.BytesIO(errors.data)).active
    assert list(sheet.iter_rows(values_only=True)) == [
        ("Row", "Column", "Reason"),
        (2, "Base price", "Must be at least 0."),
    ]
    assert "Must be at least 0." in client.get(f"/imports/{run_id}/errors.csv").get_data(
        as_text=True
    )


def test_a_file_that_is_no_spreadsheet_is_refused_with_a_message(
    sqlite_only, app, client, auth, session, tmp_path
):
    path = tmp_path / "photo.xlsx"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    auth.login("catalogue")
    response = _upload(client, path)
    assert response.status_code == 400
    assert "neither a spreadsheet (.xlsx) nor a CSV text file" in response.get_data(as_text=True)
    assert session.scalar(sa.select(sa.func.count()).select_from(ImportRun)) == 0


def test_a_file_too_large_is_refused_with_a_message(
    sqlite_only, app, client, auth, session, tmp_path
):
    app.config["IMPORT_MAX_BYTES"] = 1000
    try:
        path = tmp_path / "big.csv"
        path.write_text("SKU,Name\n" + "".join(f"A-{i},Pen {i}\n" for i in range(200)))
        auth.login("catalogue")
        response = _upload(client, path)
    finally:
        app.config["IMPORT_MAX_BYTES"] = 30 * 1024 * 1024
    assert response.status_code == 400
    assert "The file is too large" in response.get_data(as_text=True)


def test_a_role_without_the_right_to_change_articles_is_refused(
    sqlite_only, app, client, auth, session, tmp_path
):
    auth.login("catalogue")
    path = xlsx_file(tmp_path / "a.xlsx", [["SKU", "Name"], ["A-1", "Pen"]])
    preview_url = _upload(client, path).headers["Location"]
    auth.logout()
    auth.login("desk")  # the order desk may list articles, not change them
    assert client.get("/imports/").status_code == 403
    assert client.get(preview_url).status_code == 403
    assert client.get("/imports/template/articles.xlsx").status_code == 403
    auth.logout()
    auth.login("rep1")  # a sales representative may export articles, not import them
    assert client.get("/imports/").status_code == 200
    assert client.get(preview_url).status_code == 403
    assert client.get("/imports/export/articles.csv").status_code == 200


def test_template_headers_are_in_the_users_language(sqlite_only, app, client, auth):
    auth.login("catalogue")
    response = client.get("/imports/template/articles.xlsx")
    header = next(load_workbook(io.BytesIO(response.data)).active.iter_rows(values_only=True))
    assert header[:3] == ("SKU", "Name", "Name (fr)")


def test_a_file_over_the_request_limit_gets_the_form_again_with_a_message(
    sqlite_only, app, client, auth, session, tmp_path
):
    """Over MAX_CONTENT_LENGTH Werkzeug refuses the request before the view reads it."""
    app.config["MAX_CONTENT_LENGTH"] = 2 * 1024 * 1024
    try:
        path = tmp_path / "huge.csv"
        path.write_text("SKU,Name\n" + "".join(f"A-{i},Pen {i}\n" for i in range(200_000)))
        auth.login("catalogue")
        response = _upload(client, path)
        assert response.status_code == 303
        assert response.location.endswith("/imports/")
        page = client.get(response.location).get_data(as_text=True)
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    assert "The file is too large: at most 2 MB can be sent at once." in page
    assert session.scalar(sa.select(sa.func.count()).select_from(ImportRun)) == 0


def test_an_api_call_over_the_request_limit_gets_a_json_message(sqlite_only, app, client, auth):
    headers = auth.jwt("admin")
    app.config["MAX_CONTENT_LENGTH"] = 1024
    try:
        response = client.post(
            "/api/v1/article/", data="x" * 4096, content_type="application/json", headers=headers
        )
    finally:
        app.config["MAX_CONTENT_LENGTH"] = 32 * 1024 * 1024
    assert response.status_code == 413
    assert "at most" in response.get_json()["message"]
