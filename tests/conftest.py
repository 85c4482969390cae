"""Fixtures in the Flask tutorial's manner: `app`, `client`, `runner`, and a login per role.

Each database backend gets one migrated database for the whole run: SQLite always, PostgreSQL when
TEST_DATABASE_URL is set (a fresh database is created beside the one it names, dropped at the end).
Tests leave no rows behind: the `app` fixture empties the seller's tables after each test.

`make test` runs the suite on two pytest-xdist workers, which share nothing: each has its own
PostgreSQL databases (named after it), its own Redis database (TEST_REDIS_URL's index, counting
down by worker: see TEST_REDIS_URL below), its own SMTP servers on ports of its own, its own RQ
queues and its own temporary directories (pytest's, one base per worker).
"""

from __future__ import annotations

import functools
import gc
import os
import re
import uuid
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_appbuilder import Model

from app import create_app
from app.extensions import db
from app.generated import models as _models  # noqa: F401  (every table in Model.metadata)

pytest_plugins = ["tests.mailbox", "tests.portal"]

# "gw0", "gw1", ... under pytest-xdist; "" when the suite runs in one process.
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
WORKER_NUMBER = int(WORKER.removeprefix("gw") or 0)
REDIS_DATABASES = 16  # Redis's default `databases`; CI's TEST_REDIS_URL names the last, 15


def _worker_redis_url(url: str) -> str:
    """TEST_REDIS_URL for this worker: its database index less the worker's number (15, 14...).

    Login throttling resets its counts (limits' storage reset()) at the start of a test: two
    workers on one Redis database would wipe each other's counts in the middle of a test.
    """
    if not url:
        return ""
    parsed = sa.engine.make_url(url)
    index = int(parsed.database or 0) - WORKER_NUMBER
    if not 0 <= index < REDIS_DATABASES:
        raise pytest.UsageError(
            f"TEST_REDIS_URL {url}: worker {WORKER} would need Redis database {index}; "
            "give TEST_REDIS_URL a higher database index or run fewer workers"
        )
    return parsed.set(database=str(index)).render_as_string(hide_password=False)


TEST_REDIS_URL = _worker_redis_url(os.environ.get("TEST_REDIS_URL", ""))

BACKENDS = ["sqlite"] + (["postgresql"] if os.environ.get("TEST_DATABASE_URL") else [])
PASSWORD = "Sup3r-secret-pass!"
# username -> roles; every back-office role of model.yaml has a user, and portal roles too.
USERS = {
    "admin": ["admin"],
    "rep1": ["sales_rep"],
    "rep2": ["sales_rep"],
    "catalogue": ["catalogue_manager"],
    "desk": ["order_desk"],
    "buyer": ["buyer"],
}


def _postgres_database(tag: str):
    """Create a throwaway database on TEST_DATABASE_URL's server; return its URL and a dropper.

    Its name carries the xdist worker and `tag` (which callers make unique), so no two workers,
    nor two runs side by side, ever share one."""
    base = sa.engine.make_url(os.environ["TEST_DATABASE_URL"])
    name = f"portal_test_{WORKER or 'main'}_{tag}"
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}"'))
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
        # Thrown away after the run: a commit need not wait for the write-ahead log's flush.
        conn.execute(sa.text(f'ALTER DATABASE "{name}" SET synchronous_commit TO off'))

    def drop():
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    return base.set(database=name).render_as_string(hide_password=False), drop


class _AppsBuilt:
    """Whether a test (or a fixture) built an app since the last garbage collection."""

    pending = False


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """Once a test that built apps has let go of them, collect them (and what they hold).

    An app is a web of reference cycles (its blueprints, views and AppBuilder all point back to
    it), which only Python's cycle collector frees, and its oldest generation runs seldom in a
    heap this size: each worker would keep the garbage of many apps before it did.
    """
    result = yield
    if _AppsBuilt.pending:
        _AppsBuilt.pending = False
        gc.collect()
    return result


def make_app(instance: Path, database_url: str, **overrides):
    _AppsBuilt.pending = True
    return create_app(
        "testing",
        INSTANCE_DIR=str(instance),
        SQLALCHEMY_DATABASE_URI=database_url,
        **overrides,
    )


@contextmanager
def app_speaking(language: str, sentences: dict[str, str], app, tmp_path: Path, smtp_server=None):
    """Another app on `app`'s database whose only catalogue is `language` with `sentences`
    (English source: translation), so a test reads a mail in that language whatever the
    shipped catalogues say; sending to `smtp_server` (tests/mailbox.py) when given."""
    from babel.messages.catalog import Catalog
    from babel.messages.mofile import write_mo

    catalog = Catalog(locale=language)
    for source, translation in sentences.items():
        catalog.add(source, translation)
    folder = tmp_path / "translations" / language / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with open(folder / "messages.mo", "wb") as out:
        write_mo(out, catalog)
    mail = {}
    if smtp_server is not None:
        mail = dict(MAIL_SUPPRESS_SEND=False, MAIL_SERVER="127.0.0.1", MAIL_PORT=smtp_server.port)
    other = make_app(
        tmp_path,
        app.config["SQLALCHEMY_DATABASE_URI"],
        BABEL_TRANSLATION_DIRECTORIES=str(tmp_path / "translations"),
        **mail,
    )
    try:
        yield other
    finally:
        with other.app_context():
            db.session.remove()
            db.engine.dispose()


def prepare_database(app) -> None:
    """What run.py does on a first start: migrate, sync roles, create the users of USERS."""
    from flask_migrate import upgrade

    from app.security_sync import sync_roles_and_permissions

    with app.app_context():
        upgrade()
        sync_roles_and_permissions()
        sm = app.appbuilder.sm
        for username, roles in USERS.items():
            role_objects = [sm.find_role(r) for r in roles]
            sm.add_user(
                username,
                username.title(),
                "Tester",
                f"{username}@example.com",
                role_objects,
                password=PASSWORD,
            )


@contextmanager
def app_on_new_database(backend: str, instance: Path, tag: str):
    """An app on an empty database of its own: a file under `instance`, or a PostgreSQL database
    dropped afterwards."""
    drop = None
    if backend == "sqlite":
        url = f"sqlite:///{instance / f'{tag}.sqlite3'}"
    else:
        url, drop = _postgres_database(f"{tag}_{uuid.uuid4().hex[:8]}")
    app = make_app(instance, url)
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if drop:
            drop()


@pytest.fixture(scope="session", params=BACKENDS)
def backend_app(request, tmp_path_factory):
    instance = tmp_path_factory.mktemp(f"instance-{request.param}")
    with app_on_new_database(request.param, instance, "test") as app:
        prepare_database(app)
        # This app, the modules and Babel's data live as long as the worker (or this backend's
        # turn): out of the cycle collector's way, each collection after a test that built
        # apps (pytest_runtest_teardown) walks only what the tests made since.
        gc.collect()
        gc.freeze()
        try:
            yield app
        finally:
            gc.unfreeze()


@pytest.fixture
def app(backend_app):
    yield backend_app
    _empty_seller_tables(backend_app)


def _empty_seller_tables(app) -> None:
    """Delete every row a test may have written, keeping FAB's security tables and USERS."""
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Every table's DELETE in one round trip: a test on PostgreSQL spent 11 ms here
                # sending them one at a time.
                conn.exec_driver_sql(_emptying_script(conn.dialect))
                return
            for statement in _emptying_statements():
                conn.execute(statement)


def _emptying_statements() -> list:
    """Every seller table emptied (children first), then the users not of USERS."""
    names = sa.bindparam("names", list(USERS), expanding=True)
    seller_tables = [t for t in Model.metadata.sorted_tables if not t.name.startswith("ab_")]
    return [
        *(table.delete() for table in reversed(seller_tables)),
        sa.text(
            "DELETE FROM ab_user_role WHERE user_id IN "
            "(SELECT id FROM ab_user WHERE username NOT IN :names)"
        ).bindparams(names),
        sa.text("DELETE FROM ab_user WHERE username NOT IN :names").bindparams(names),
    ]


@functools.cache
def _emptying_script(dialect) -> str:
    """`_emptying_statements` as one script, the names written in (they are the tests' own).
    Kept: the models, all imported with the app package, are the same for the whole run."""
    return ";\n".join(
        str(s.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))
        for s in _emptying_statements()
    )


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


CSRF = re.compile(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, url: str) -> str:
    """The CSRF token of the form at `url`, as a browser would send it back."""
    response = client.get(url)
    match = CSRF.search(response.get_data(as_text=True))
    assert match, f"no CSRF token in the form at {url} ({response.status_code})"
    return match.group(1)


class Auth:
    def __init__(self, client):
        self.client = client

    def login(self, username: str = "admin", password: str = PASSWORD):
        token = csrf_token(self.client, "/login/")
        return self.client.post(
            "/login/", data={"username": username, "password": password, "csrf_token": token}
        )

    def logout(self):
        return self.client.get("/logout/")

    def jwt(self, username: str = "admin", password: str = PASSWORD) -> dict[str, str]:
        """Authorization headers for the REST API, from a real /api/v1/security/login call."""
        response = self.client.post(
            "/api/v1/security/login",
            json={"username": username, "password": password, "provider": "db"},
        )
        assert response.status_code == 200, response.get_data(as_text=True)
        return {"Authorization": f"Bearer {response.json['access_token']}"}


def session_and_token_of(app, client, user_id: int) -> dict[str, str]:
    """Log `client` in as the user without the login page; return a JWT header for them."""
    from flask_jwt_extended import create_access_token

    with client.session_transaction() as session:
        session["_user_id"] = str(user_id)
        session["_fresh"] = True
    with app.app_context():
        token = create_access_token(identity=str(user_id), fresh=True)
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def auth(client):
    return Auth(client)


@pytest.fixture
def session(app):
    with app.app_context():
        yield db.session


def pytest_collection_modifyitems(config, items):
    """On PostgreSQL, a per-entity test whose module names POSTGRESQL_ENTITIES runs for those.

    The permission matrix and the list's per-entity checks repeat, for every entity, a rule the
    database takes no part in (Flask-AppBuilder's role check, the page's labels): SQLite runs
    them all, PostgreSQL the entities whose rows are scoped or searched by SQL, which is where
    the database does take part. The whole suite stays within CI's time on two cores.
    """
    kept, dropped = [], []
    for item in items:
        sample = getattr(getattr(item, "module", None), "POSTGRESQL_ENTITIES", None)
        params = getattr(getattr(item, "callspec", None), "params", {})
        entity = params.get("entity")
        if (
            sample is not None
            and params.get("backend_app") == "postgresql"
            and entity is not None
            and getattr(entity, "name", entity) not in sample
        ):
            dropped.append(item)
        else:
            kept.append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
