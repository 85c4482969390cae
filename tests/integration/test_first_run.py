"""The first start of the embedded default (`python run.py`), and the commands run at deploy.

A first run is made on an empty SQLite file, once per kind (with and without the demo data);
the tests that change the database work on a copy of it.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

import run
from app import demo
from app.extensions import db
from app.generated.models import Article, Contact, Customer, CustomerGroup, Family
from app.generated.roles import ROLES, SUPERUSER_ROLE
from tests.conftest import Auth, make_app

PRINTED_PASSWORD = re.compile(r"Log in as: (\S+) / (\S+)")
DEMO_MODELS = (CustomerGroup, Family, Customer, Contact, Article)


@pytest.fixture(autouse=True)
def no_admin_settings(monkeypatch):
    """The developer's own environment must not decide what a first run does here."""
    for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_EMAIL", "DEMO_DATA"):
        monkeypatch.delenv(name, raising=False)


def _first_run(instance: Path, **environment: str) -> tuple[str, str]:
    """A first run on an empty database under `instance`: the database's path and what it printed.

    Made once per module and copied by the tests that change it: a first run (migrations, the
    security sync, the demo data) is the slowest thing the suite does."""
    path = instance / "portal.sqlite3"
    app = make_app(instance, f"sqlite:///{path}")
    printed = io.StringIO()
    with pytest.MonkeyPatch.context() as monkeypatch, contextlib.redirect_stdout(printed):
        for name in ("ADMIN_USERNAME", "ADMIN_PASSWORD", "ADMIN_EMAIL", "DEMO_DATA"):
            monkeypatch.delenv(name, raising=False)
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        run.prepare(app)
    with app.app_context():
        db.session.remove()
        db.engine.dispose()
    return str(path), printed.getvalue()


@pytest.fixture(scope="module")
def first_run_database(tmp_path_factory) -> tuple[str, str]:
    """A database as the first run leaves it without demo data, and what that run printed."""
    return _first_run(tmp_path_factory.mktemp("first-run"), DEMO_DATA="0")


@pytest.fixture(scope="module")
def demo_first_run(tmp_path_factory) -> tuple[str, str]:
    """A database as the first run leaves it with the demo data, and what that run printed."""
    return _first_run(tmp_path_factory.mktemp("demo-first-run"))


def app_on_copy(database: str, folder: Path):
    shutil.copy(database, folder / "portal.sqlite3")
    return make_app(folder, f"sqlite:///{folder / 'portal.sqlite3'}")


@pytest.fixture
def prepared_app(first_run_database, tmp_path):
    """An app on a copy of a database that has been through its first run (no demo data)."""
    app = app_on_copy(first_run_database[0], tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


@pytest.fixture
def demo_app(demo_first_run, tmp_path):
    """An app on a copy of a database that has been through its first run with the demo data."""
    app = app_on_copy(demo_first_run[0], tmp_path)
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def row_counts(app) -> dict[str, int]:
    tables = [m.__table__ for m in DEMO_MODELS] + [
        sa.table(name) for name in ("ab_user", "ab_role", "ab_user_role", "ab_permission_view")
    ]
    with app.app_context(), db.engine.connect() as conn:
        return {
            table.name: conn.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
            for table in tables
        }


def admins(app) -> list[str]:
    with app.app_context():
        role = app.appbuilder.sm.find_role(SUPERUSER_ROLE)
        return [user.username for user in app.appbuilder.sm.get_all_users() if role in user.roles]


def printed_passwords(output: str) -> list[tuple[str, str]]:
    return PRINTED_PASSWORD.findall(output)


def test_first_run_creates_the_admin_prints_the_password_once_and_loads_demo_data(
    demo_first_run, demo_app
):
    output = demo_first_run[1]

    [(username, password)] = printed_passwords(output)
    assert username == "admin"
    assert output.count(password) == 1, "the generated password is printed once only"
    assert len(password) >= 12
    assert admins(demo_app) == ["admin"]

    counts = row_counts(demo_app)
    assert counts["customer"] == len(demo.CUSTOMERS) > 0
    assert counts["article"] == len(demo.ARTICLES)
    assert counts["family"] == len(demo.FAMILIES)


def test_second_run_prints_no_password_and_duplicates_nothing(demo_app, capsys):
    before = row_counts(demo_app)

    run.prepare(demo_app)
    output = capsys.readouterr().out

    assert printed_passwords(output) == []
    assert "Administrator created" not in output
    assert row_counts(demo_app) == before


def test_admin_password_from_the_environment_is_used_and_never_printed(tmp_path):
    chosen = "Chosen-Admin-Pass-42"
    # Without the demo data: what is checked here is the administrator, and the demo is slow.
    database, output = _first_run(
        tmp_path, ADMIN_USERNAME="boss", ADMIN_PASSWORD=chosen, DEMO_DATA="0"
    )
    app = make_app(tmp_path, f"sqlite:///{database}")

    assert chosen not in output
    assert "Log in as: boss / (the ADMIN_PASSWORD you set)" in output
    assert admins(app) == ["boss"]
    with app.app_context():
        assert app.appbuilder.sm.auth_user_db("boss", chosen) is not None
        db.engine.dispose()


def test_demo_data_can_be_left_out_of_the_first_run(first_run_database, prepared_app):
    assert printed_passwords(first_run_database[1])
    assert row_counts(prepared_app)["customer"] == 0


def test_admin_can_log_in_with_the_printed_password(demo_first_run, demo_app):
    [(username, password)] = printed_passwords(demo_first_run[1])
    client = demo_app.test_client()
    auth = Auth(client)

    refused = auth.login(username, password + "x")
    assert refused.status_code in (200, 302)
    assert client.get("/customerview/list/").status_code != 200

    response = auth.login(username, password)
    assert response.status_code == 302
    listing = client.get("/customerview/list/")
    assert listing.status_code == 200
    assert demo.CUSTOMERS[0][1] in listing.get_data(as_text=True)


def test_flask_demo_load_twice_adds_nothing_the_second_time(prepared_app):
    assert row_counts(prepared_app)["customer"] == 0
    runner = prepared_app.test_cli_runner()

    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    assert f"{len(demo.CUSTOMERS)} customers" in first.output
    loaded = row_counts(prepared_app)
    assert loaded["customer"] == len(demo.CUSTOMERS)

    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert "already loaded" in second.output
    assert row_counts(prepared_app) == loaded


def test_flask_security_sync_lists_every_role_and_changes_nothing_the_second_time(prepared_app):
    runner = prepared_app.test_cli_runner()

    first = runner.invoke(args=["security", "sync"])
    assert first.exit_code == 0, first.output
    listed = dict(re.findall(r"^(\w+): (\d+) permission\(s\)$", first.output, re.MULTILINE))
    assert set(listed) == set(ROLES)
    assert int(listed[SUPERUSER_ROLE]) > 0
    for name, role in ROLES.items():
        if role["area"] == "back_office" and role["permissions"]:
            assert int(listed[name]) > 0, name
    counts = row_counts(prepared_app)

    second = runner.invoke(args=["security", "sync"])
    assert second.output == first.output
    assert row_counts(prepared_app) == counts


def test_flask_users_create_admin_does_nothing_once_an_admin_exists(prepared_app):
    result = prepared_app.test_cli_runner().invoke(
        args=["users", "create-admin", "--username", "second", "--password", "Xy-12345678ab"]
    )
    assert result.exit_code == 0
    assert "already exists" in result.output
    assert admins(prepared_app) == ["admin"]


def test_the_wsgi_module_serves_the_migrated_app_with_its_start_up_frozen(
    first_run_database, tmp_path
):
    """What gunicorn loads (README: `gunicorn 'app.wsgi:application'`), in a process of its own:
    importing it here would freeze this test process's objects for good."""
    database = tmp_path / "portal.sqlite3"
    shutil.copy(first_run_database[0], database)
    script = (
        "import gc, app.wsgi as w; "
        "print(gc.get_freeze_count() > 0, "
        "w.application.test_client().get('/portal/login').status_code)"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={
            **os.environ,
            "PORTAL_CONFIG": "default",
            "INSTANCE_DIR": str(tmp_path),
            "DATABASE_URL": f"sqlite:///{database}",
        },
        cwd=Path(__file__).resolve().parents[2],
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "200"]


def test_the_embedded_database_keeps_a_write_ahead_log_so_pages_read_while_jobs_write(
    prepared_app,
):
    with prepared_app.app_context(), db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
