"""Catalogue version: one row whose token changes whenever a change to the articles, their names,
tags or families commits, so that every process knows when its in-memory listing of the
catalogue (app/domain/catalogue_listing.py) is out of date

Triggers change the token, whoever writes (the back office, an import's bulk statements, a script
in psql), in the transaction that writes:

- SQLite: a trigger per changed row (SQLite has no others); a writer holds the whole database
  anyway, so nothing waits on the row.
- PostgreSQL: deferred constraint triggers, run as the transaction commits and changing the token
  once per transaction. Changing it at the first write instead would hold the row's lock from
  then on: two writers each holding an article and then waiting for the token would deadlock.
  TRUNCATE, which no row trigger sees, has a statement trigger.

The token is random rather than a counter: a transaction rolled back may have shown its token to
itself, and a counter would give the same number to the next one.

Revision ID: d41c7a9e0b52
Revises: 2cac3ad0f786
Create Date: 2026-12-02 06:30:00

"""

from alembic import op

revision = "d41c7a9e0b52"
down_revision = "2cac3ad0f786"
branch_labels = None
depends_on = None

# table -> the columns whose change moves an article in the listing (None: any change).
WATCHED = {
    "article": [
        "id",
        "status",
        "parent_id",
        "family_id",
        "brand_id",
        "season_id",
        "name",
        "sku",
        "publication_date",
    ],
    "article_translation": ["article_id", "language", "name"],
    "article_tag_articles": None,
    "family": ["id", "parent_id", "catalogue_id"],
}

NEW_TOKEN_SQLITE = "lower(hex(randomblob(12)))"


def upgrade():
    op.execute(
        "CREATE TABLE catalogue_version (id INTEGER PRIMARY KEY, token VARCHAR(32) NOT NULL)"
    )
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        op.execute("INSERT INTO catalogue_version (id, token) VALUES (1, md5(random()::text))")
        _postgresql_triggers()
    else:
        op.execute(f"INSERT INTO catalogue_version (id, token) VALUES (1, {NEW_TOKEN_SQLITE})")
        _sqlite_triggers()


def downgrade():
    bind = op.get_bind()
    for table in WATCHED:
        if bind.dialect.name == "postgresql":
            op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_changed ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_truncated ON {table}")
        else:
            for event in ("insert", "update", "delete"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_after_{event}")
    if bind.dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS catalogue_changed()")
        op.execute("DROP FUNCTION IF EXISTS catalogue_truncated()")
    op.execute("DROP TABLE catalogue_version")


def _sqlite_triggers() -> None:
    change = f"UPDATE catalogue_version SET token = {NEW_TOKEN_SQLITE};"
    for table, columns in WATCHED.items():
        of = f" OF {', '.join(columns)}" if columns else ""
        for event, when in (("insert", "INSERT"), ("update", f"UPDATE{of}"), ("delete", "DELETE")):
            op.execute(
                f"CREATE TRIGGER {table}_catalogue_after_{event} AFTER {when} ON {table} "
                f"BEGIN {change} END"
            )


def _postgresql_triggers() -> None:
    # Once per transaction: the first deferred call marks the transaction (a setting local to
    # it) and changes the token; the others find the mark and return.
    op.execute(
        """
        CREATE FUNCTION catalogue_changed() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF current_setting('portal.catalogue_changed_in', true)
                    IS DISTINCT FROM txid_current()::text THEN
                PERFORM set_config('portal.catalogue_changed_in', txid_current()::text, true);
                UPDATE catalogue_version SET token = md5(random()::text || clock_timestamp());
            END IF;
            RETURN NULL;
        END $$
        """
    )
    op.execute(
        """
        CREATE FUNCTION catalogue_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            UPDATE catalogue_version SET token = md5(random()::text || clock_timestamp());
            RETURN NULL;
        END $$
        """
    )
    for table, columns in WATCHED.items():
        of = f" OF {', '.join(columns)}" if columns else ""
        op.execute(
            f"CREATE CONSTRAINT TRIGGER {table}_catalogue_changed "
            f"AFTER INSERT OR UPDATE{of} OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_catalogue_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated()"
        )
