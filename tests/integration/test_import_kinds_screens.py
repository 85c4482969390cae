"""The price list, stock and customer kinds in the back office and the flask commands: who may
download their templates and exports, and a command round trip. SQLite only: the screens and
commands add nothing database-specific to what the kinds' own tests cover on both."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from app.generated.models import Article, Customer, StockLevel, Warehouse
from tests.conftest import csrf_token
from tests.integration.imports_helpers import csv_file


@pytest.fixture
def sqlite_only(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("screens and commands: SQLite is enough")


@pytest.mark.parametrize(
    ("username", "allowed", "refused"),
    [
        ("catalogue", ["price_lists", "stock_levels"], ["customers"]),
        ("rep1", ["customers"], ["price_lists", "stock_levels"]),
        ("desk", [], ["price_lists", "stock_levels", "customers"]),
    ],
)
def test_templates_and_exports_follow_the_roles(
    sqlite_only, client, auth, username, allowed, refused
):
    auth.login(username)
    for kind in allowed:
        assert client.get(f"/imports/template/{kind}.xlsx").status_code == 200
        assert client.get(f"/imports/export/{kind}.csv").status_code == 200
    for kind in refused:
        assert client.get(f"/imports/template/{kind}.xlsx").status_code == 403
        assert client.get(f"/imports/export/{kind}.csv").status_code == 403


def test_a_sales_rep_downloads_the_list_of_their_customers(sqlite_only, app, client, auth, session):
    sm = app.appbuilder.sm
    session.add_all(
        [
            Customer(code="C001", name="Mine", sales_rep_id=sm.find_user("rep1").id, country="FR"),
            Customer(code="C002", name="Theirs", sales_rep_id=sm.find_user("rep2").id),
        ]
    )
    session.commit()
    auth.login("rep1")
    text = client.get("/imports/export/customers.csv").get_data(as_text=True)
    assert "Mine" in text and "Theirs" not in text


def test_a_sales_rep_never_opens_another_reps_customer_file(
    sqlite_only, app, client, auth, session, tmp_path
):
    """Files and their errors hold customers: a rep sees their own runs of customers only."""
    sm = app.appbuilder.sm
    session.add(Customer(code="C002", name="Theirs", sales_rep_id=sm.find_user("rep2").id))
    session.commit()
    path = csv_file(tmp_path / "customers.csv", [["Code", "Company name"], ["C002", "Theirs Ltd"]])
    auth.login("rep2")
    token = csrf_token(client, "/imports/")
    with open(path, "rb") as stream:
        data = {"csrf_token": token, "kind": "customers", "file": (stream, path.name)}
        uploaded = client.post("/imports/", data=data, content_type="multipart/form-data")
    assert uploaded.status_code == 302
    preview = uploaded.location
    assert client.get(preview).status_code == 200
    auth.logout()

    auth.login("rep1")
    assert client.get(preview).status_code == 404
    run_id = preview.rstrip("/").split("/")[-2]
    assert client.get(f"/imports/{run_id}").status_code == 404
    auth.logout()

    auth.login("admin")
    assert client.get(preview).status_code == 200


def test_flask_import_and_export_of_stock_levels(sqlite_only, runner, session, tmp_path):
    session.add_all([Warehouse(code="W1", name="Main"), Article(sku="A-1", name="Pen")])
    session.commit()
    path = csv_file(tmp_path / "stock.csv", [["Entrepôt", "SKU", "En stock"], ["W1", "A-1", "7"]])
    result = runner.invoke(args=["import", "stock_levels", str(path), "--language", "fr"])
    assert result.exit_code == 0, result.output
    assert "created 1, updated 0, unchanged 0" in result.output
    assert session.scalar(sa.select(StockLevel.on_hand)) == 7
    exported = tmp_path / "export.csv"
    result = runner.invoke(args=["export", "stock_levels", str(exported)])
    assert result.exit_code == 0, result.output
    assert exported.read_text("utf-8-sig").splitlines() == [
        "Warehouse,SKU,On hand,Incoming quantity,Expected on",
        "W1,A-1,7,,",
    ]
