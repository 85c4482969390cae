"""The migrations build exactly the schema the models describe, and can be undone.

Every test gets a database of its own (a new SQLite file; a throwaway PostgreSQL database when
TEST_DATABASE_URL is set), never the session's shared one: these tests drop everything.

A change to model.yaml regenerates the models; unless a migration comes with it, the comparison
below finds the difference and CI fails. Alembic's autogenerate does not compare CHECK constraints,
and model.yaml turns min/max/min_length/max_length and enum values into CHECK constraints, so they
are compared here by name (and, on SQLite, which keeps the text as written, by their SQL too).
"""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask_appbuilder import Model
from flask_migrate import downgrade, upgrade

import app.generated.models  # noqa: F401  (every table on Model.metadata)
from app import MIGRATIONS_DIR
from app.extensions import db
from app.unmodelled import compared_in_schema, is_unmodelled
from tests.conftest import BACKENDS, app_on_new_database, make_app

# The options migrations/env.py gives Alembic: the same comparison as `flask db migrate`.
COMPARE_OPTIONS = {
    "compare_type": True,
    "compare_server_default": True,
    "render_as_batch": True,
    "include_name": compared_in_schema,
}


@pytest.fixture(params=BACKENDS)
def empty_app(request, tmp_path):
    """An app on an empty database of its own."""
    with app_on_new_database(request.param, tmp_path, "migrations") as app:
        yield app


def copy_of_models() -> sa.MetaData:
    """The models' tables in a metadata of their own, to change without touching the real one."""
    copy = sa.MetaData()
    for table in Model.metadata.sorted_tables:
        table.to_metadata(copy)
    return copy


def table_names() -> set[str]:
    """The tables of the database but Alembic's own and those no model declares."""
    names = set(sa.inspect(db.engine).get_table_names()) - {"alembic_version"}
    return {name for name in names if not is_unmodelled(name)}


def current_revision() -> str | None:
    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_revision() -> str:
    return ScriptDirectory(str(MIGRATIONS_DIR)).get_current_head()


def schema_differences(metadata: sa.MetaData) -> list:
    """What `flask db migrate` would write, plus the CHECK constraints Alembic does not compare."""
    with db.engine.connect() as conn:
        differences = list(
            compare_metadata(MigrationContext.configure(conn, opts=COMPARE_OPTIONS), metadata)
        )
        inspector = sa.inspect(conn)
        for table in metadata.sorted_tables:
            if not inspector.has_table(table.name):
                continue  # reported above as add_table
            wanted = _model_checks(table, conn.dialect)
            have = {
                c["name"]: _normalise(c["sqltext"], table.name)
                for c in inspector.get_check_constraints(table.name)
            }
            for name in sorted(set(wanted) | set(have)):
                if name not in have:
                    differences.append(("add_check_constraint", table.name, name))
                elif name not in wanted:
                    differences.append(("remove_check_constraint", table.name, name))
                elif conn.dialect.name == "sqlite" and wanted[name] != have[name]:
                    differences.append(
                        ("modify_check_constraint", table.name, name, have[name], wanted[name])
                    )
    return differences


def _model_checks(table: sa.Table, dialect) -> dict[str, str]:
    checks = {}
    for constraint in table.constraints:
        if isinstance(constraint, sa.CheckConstraint):
            sql = constraint.sqltext.compile(
                dialect=dialect, compile_kwargs={"literal_binds": True}
            )
            checks[constraint.name] = _normalise(str(sql), table.name)
    return checks


def _normalise(sql: str, table: str) -> str:
    return re.sub(r"\s+", " ", sql.replace(f"{table}.", "")).strip()


def test_upgrade_downgrade_and_upgrade_again_round_trips(empty_app):
    models = {table.name for table in Model.metadata.sorted_tables}
    with empty_app.app_context():
        assert table_names() == set()

        upgrade()
        assert table_names() == models
        assert current_revision() == head_revision()

        downgrade(revision="base")
        assert table_names() == set(), "downgrade to base left tables behind"
        assert current_revision() is None

        upgrade()
        assert table_names() == models
        assert current_revision() == head_revision()


def test_migrated_schema_matches_the_models(empty_app):
    with empty_app.app_context():
        upgrade()
        assert schema_differences(Model.metadata) == [], (
            "the models differ from the migrated schema: run `flask db migrate` and review it"
        )


def test_schema_comparison_notices_a_model_change_without_a_migration(empty_app):
    """The guard itself: a new column, a new rule and a changed enum are all reported."""
    changed = copy_of_models()
    customer = changed.tables["customer"]
    customer.append_column(sa.Column("loyalty_points", sa.Integer(), nullable=True))
    customer.append_constraint(
        sa.CheckConstraint("loyalty_points >= 0", name="ck_customer_loyalty_points_min")
    )
    with empty_app.app_context():
        upgrade()
        differences = schema_differences(changed)
    kinds = {
        (d[0], getattr(d[3], "name", None)) if d[0] == "add_column" else d[:3] for d in differences
    }
    assert ("add_column", "loyalty_points") in kinds
    assert ("add_check_constraint", "customer", "ck_customer_loyalty_points_min") in kinds


def test_enum_value_change_without_a_migration_is_noticed_on_sqlite(tmp_path):
    app = make_app(tmp_path, f"sqlite:///{tmp_path / 'enum.sqlite3'}")
    changed = copy_of_models()
    status = changed.tables["customer"].c.status
    check = next(
        c
        for c in changed.tables["customer"].constraints
        if isinstance(c, sa.CheckConstraint) and c.name == "customer_status"
    )
    check.sqltext = status.in_(["pending", "active", "suspended", "inactive", "archived"])
    try:
        with app.app_context():
            upgrade()
            differences = schema_differences(changed)
    finally:
        with app.app_context():
            db.engine.dispose()
    assert [d[:3] for d in differences] == [
        ("modify_check_constraint", "customer", "customer_status")
    ]


def test_flask_db_check_passes_on_the_migrated_database(empty_app):
    with empty_app.app_context():
        upgrade()
    result = empty_app.test_cli_runner().invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output


def test_flask_db_check_fails_when_a_table_has_no_migration(empty_app):
    with empty_app.app_context():
        upgrade()
    # A table added to the models' metadata, as a new entity in model.yaml would, then removed:
    # the metadata is shared by every test of the run.
    extra = sa.Table("loyalty_card", Model.metadata, sa.Column("id", sa.Integer, primary_key=True))
    try:
        result = empty_app.test_cli_runner().invoke(args=["db", "check"])
    finally:
        Model.metadata.remove(extra)
    assert result.exit_code == 1
