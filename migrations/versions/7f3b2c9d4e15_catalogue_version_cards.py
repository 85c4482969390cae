"""Catalogue version follows what a card shows: an article's EAN, photo, quantity rules,
availability and personalisation, the brands' names, and the catalogues with their names, so
that the cards and catalogues kept with the listing (app/domain/catalogue_cards.py) are read
again when one of them changes

The triggers are those of d41c7a9e0b52, on more columns: the article's trigger is made again,
those of brands and catalogues are new. A change of any other column (a price, a description) still leaves the
listing and its cards as they are.

Revision ID: 7f3b2c9d4e15
Revises: d41c7a9e0b52
Create Date: 2026-12-02 09:00:00

"""

from alembic import op

revision = "7f3b2c9d4e15"
down_revision = "d41c7a9e0b52"
branch_labels = None
depends_on = None

LISTED = ["id", "status", "parent_id", "family_id", "brand_id", "season_id", "name", "sku"]
LISTED += ["publication_date"]
# What app.domain.catalogue_cards.CARD_COLUMNS adds.
SHOWN = [
    "ean",
    "photo",
    "pack_size",
    "order_multiple",
    "minimum_quantity",
    "available_from",
    "personalisation_allowed",
]

NEW_TOKEN_SQLITE = "lower(hex(randomblob(12)))"


# Tables whose every change counts: small, and seldom changed.
ALSO_WATCHED = {"brand": ["id", "name"], "catalogue": None, "catalogue_translation": None}


def upgrade():
    _drop("article")
    _create("article", LISTED + SHOWN)
    for table, columns in ALSO_WATCHED.items():
        _create(table, columns)


def downgrade():
    for table in ALSO_WATCHED:
        _drop(table)
    _drop("article")
    _create("article", LISTED)


def _postgresql() -> bool:
    return op.get_bind().dialect.name == "postgresql"


def _drop(table: str) -> None:
    if _postgresql():
        op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_changed ON {table}")
        op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_truncated ON {table}")
    else:
        for event in ("insert", "update", "delete"):
            op.execute(f"DROP TRIGGER IF EXISTS {table}_catalogue_after_{event}")


def _create(table: str, columns: list[str] | None) -> None:
    """As d41c7a9e0b52 made them: on PostgreSQL, deferred and once per transaction (its
    catalogue_changed() and catalogue_truncated() functions); on SQLite, per row. `columns`:
    those whose update counts (None: any)."""
    of = f" OF {', '.join(columns)}" if columns else ""
    if _postgresql():
        op.execute(
            f"CREATE CONSTRAINT TRIGGER {table}_catalogue_changed "
            f"AFTER INSERT OR UPDATE{of} OR DELETE ON {table} "
            "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION catalogue_changed()"
        )
        op.execute(
            f"CREATE TRIGGER {table}_catalogue_truncated AFTER TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION catalogue_truncated()"
        )
        return
    change = f"UPDATE catalogue_version SET token = {NEW_TOKEN_SQLITE};"
    for event, when in (("insert", "INSERT"), ("update", f"UPDATE{of}"), ("delete", "DELETE")):
        op.execute(
            f"CREATE TRIGGER {table}_catalogue_after_{event} AFTER {when} ON {table} "
            f"BEGIN {change} END"
        )
