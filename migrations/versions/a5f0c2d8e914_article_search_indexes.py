"""Article search indexes: a part of a name (in any language) or the start of a SKU found without
reading every article

PostgreSQL: trigram indexes (pg_trgm) on the names, SKUs and translated names, which serve the
portal's `ILIKE '%text%'` as it is. SQLite: FTS5 tables with the trigram
tokenizer, kept up to date by triggers, which the portal queries with MATCH (app/domain/search.py).
Where the extension or FTS5 is missing, nothing is created and the search reads every row, as
before.

Revision ID: a5f0c2d8e914
Revises: 04f4b92f8e43
Create Date: 2026-12-01 20:45:00

"""

import logging

import sqlalchemy as sa
from alembic import op

revision = "a5f0c2d8e914"
down_revision = "04f4b92f8e43"
branch_labels = None
depends_on = None

log = logging.getLogger("alembic.runtime.migration")

TRIGRAM_INDEXES = {
    "ix_article_name_trigram": ("article", "name"),
    "ix_article_sku_trigram": ("article", "sku"),
    "ix_article_translation_name_trigram": ("article_translation", "name"),
}

# FTS5 table: (content table, its columns indexed, columns kept but not indexed)
FTS_TABLES = {
    "article_search": ("article", ["name", "sku"], []),
    "article_translation_search": ("article_translation", ["name"], ["language", "article_id"]),
}


def upgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        _trigram_indexes(bind)
    elif bind.dialect.name == "sqlite":
        _fts_tables(bind)


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        for name in TRIGRAM_INDEXES:
            op.execute(f"DROP INDEX IF EXISTS {name}")
    elif bind.dialect.name == "sqlite":
        for table, (content, _indexed, _kept) in FTS_TABLES.items():
            for event in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_after_{event}")
            op.execute(f"DROP TABLE IF EXISTS {table}")


def _trigram_indexes(bind) -> None:
    available = bind.scalar(
        sa.text("SELECT count(*) FROM pg_available_extensions WHERE name = 'pg_trgm'")
    )
    if not available:
        log.warning("pg_trgm is not available: article search will read every article")
        return
    try:
        # A database owner may create pg_trgm (a trusted extension); a lesser role may not.
        with bind.begin_nested():
            bind.exec_driver_sql("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except sa.exc.DBAPIError as error:
        log.warning("pg_trgm could not be created (%s): article search will read every article", error)
        return
    for name, (table, column) in TRIGRAM_INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} USING gin ({column} gin_trgm_ops)")


def _fts_tables(bind) -> None:
    try:
        bind.exec_driver_sql("CREATE VIRTUAL TABLE temp.fts5_probe USING fts5(x, tokenize='trigram')")
        bind.exec_driver_sql("DROP TABLE temp.fts5_probe")
    except sa.exc.OperationalError:
        log.warning("this SQLite has no FTS5 trigram tokenizer: article search will read every row")
        return
    for table, (content, indexed, kept) in FTS_TABLES.items():
        columns = [*indexed, *(f"{c} UNINDEXED" for c in kept)]
        names = [*indexed, *kept]
        new = ", ".join(f"new.{c}" for c in names)
        old = ", ".join(f"old.{c}" for c in names)
        listed = ", ".join(names)
        op.execute(
            f"CREATE VIRTUAL TABLE {table} USING fts5({', '.join(columns)}, "
            f"content='{content}', content_rowid='id', tokenize='trigram')"
        )
        # External content: the index holds no copy of the text, the triggers keep it in step.
        op.execute(
            f"CREATE TRIGGER {table}_after_insert AFTER INSERT ON {content} BEGIN "
            f"INSERT INTO {table}(rowid, {listed}) VALUES (new.id, {new}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_after_delete AFTER DELETE ON {content} BEGIN "
            f"INSERT INTO {table}({table}, rowid, {listed}) VALUES ('delete', old.id, {old}); END"
        )
        op.execute(
            f"CREATE TRIGGER {table}_after_update AFTER UPDATE OF {listed} ON {content} BEGIN "
            f"INSERT INTO {table}({table}, rowid, {listed}) VALUES ('delete', old.id, {old}); "
            f"INSERT INTO {table}(rowid, {listed}) VALUES (new.id, {new}); END"
        )
        op.execute(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
