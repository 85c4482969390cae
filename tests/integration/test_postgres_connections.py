"""PostgreSQL connections keep their prepared statements past a transaction that only read, and
roll back every transaction that wrote (app/postgres.py)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.generated.models import Brand
from app.postgres import PreparedStatementsKept

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.skipif(
        not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL is not set"
    ),
]
BRANDS = sa.select(Brand.id).where(Brand.name == sa.bindparam("name"))


@pytest.fixture
def engine(app):
    """A one-connection engine of the app's kind, so every transaction is on the same one."""
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("the prepared statements kept are psycopg's")
    with app.app_context():
        url = db.engine.url
    from app.postgres import keep_prepared_statements

    engine = sa.create_engine(url, pool_size=1, max_overflow=0)
    keep_prepared_statements(engine)
    yield engine
    engine.dispose()


def prepared(conn: sa.Connection) -> int:
    return conn.exec_driver_sql("SELECT count(*) FROM pg_prepared_statements").scalar()


def test_connections_are_opened_as_ones_that_keep_prepared_statements(app, engine):
    with app.app_context():
        assert isinstance(
            db.session.connection().connection.driver_connection, PreparedStatementsKept
        )
        db.session.remove()
    with engine.connect() as conn:
        assert isinstance(conn.connection.driver_connection, PreparedStatementsKept)


def test_the_apps_connections_compile_no_statement_to_machine_code(app):
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        pytest.skip("JIT is PostgreSQL's")
    with app.app_context():
        assert db.session.execute(sa.text("SHOW jit")).scalar() == "off"
        db.session.remove()


def test_a_statement_stays_prepared_after_the_transactions_that_only_read_end(engine):
    for _ in range(7):  # psycopg prepares a statement on its sixth run
        with engine.connect() as conn:  # each ends as a request's does: a rollback on return
            conn.execute(BRANDS, {"name": "Nobody"}).all()
    with engine.connect() as conn:
        assert prepared(conn) >= 1
        conn.rollback()


def test_a_transaction_that_wrote_is_rolled_back(app, engine):
    with engine.connect() as conn:
        conn.execute(sa.insert(Brand).values(name="Written then rolled back"))
        conn.rollback()
    with engine.connect() as conn:
        assert conn.execute(BRANDS, {"name": "Written then rolled back"}).all() == []


def test_a_table_created_in_a_rolled_back_transaction_is_gone(engine):
    with engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE rolled_back_table (id integer)")
        conn.rollback()
    with engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT to_regclass('rolled_back_table')").scalar() is None


def test_a_transaction_that_only_locked_rows_releases_them(app, engine):
    with engine.begin() as conn:
        brand_id = conn.execute(sa.insert(Brand).values(name="Locked").returning(Brand.id)).scalar()
    with engine.connect() as conn:
        conn.execute(sa.select(Brand.id).where(Brand.id == brand_id).with_for_update()).all()
        conn.rollback()
        # Not held any more: another connection takes the row's lock at once.
    other = sa.create_engine(engine.url)
    try:
        with other.connect() as conn:
            conn.exec_driver_sql("SET lock_timeout = '1s'")
            locked = sa.select(Brand.id).where(Brand.id == brand_id).with_for_update(nowait=True)
            assert conn.execute(locked).scalar() == brand_id
    finally:
        other.dispose()


def test_a_failed_transaction_is_rolled_back_and_the_connection_stays_usable(engine):
    with engine.connect() as conn:
        with pytest.raises(sa.exc.DBAPIError):
            conn.exec_driver_sql("SELECT 1 / 0")
        conn.rollback()
        assert conn.exec_driver_sql("SELECT 2").scalar() == 2


def test_a_connection_whose_prepared_statement_a_migration_broke_fails_once_then_recovers(
    engine,
):
    """After a column's type changes, PostgreSQL refuses the statement prepared before; the
    failed transaction's rollback makes psycopg forget its statements, so the next one works."""
    with engine.begin() as conn:
        conn.exec_driver_sql("CREATE TABLE migrated_table (id integer, amount integer)")
        conn.exec_driver_sql("INSERT INTO migrated_table VALUES (1, 2)")
    read = sa.text("SELECT id, amount FROM migrated_table WHERE id = :id")
    try:
        with engine.connect() as conn:
            for _ in range(7):
                assert conn.execute(read, {"id": 1}).all() == [(1, 2)]
                conn.rollback()
            migration = sa.create_engine(engine.url)  # another process's connection
            with migration.begin() as other:
                other.exec_driver_sql("ALTER TABLE migrated_table ALTER COLUMN amount TYPE bigint")
            migration.dispose()
            with pytest.raises(sa.exc.DBAPIError, match="cached plan must not change"):
                conn.execute(read, {"id": 1})
            conn.rollback()
            assert conn.execute(read, {"id": 1}).all() == [(1, 2)]
            conn.rollback()
    finally:
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE migrated_table")
