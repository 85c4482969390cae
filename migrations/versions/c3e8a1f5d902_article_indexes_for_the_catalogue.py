"""Articles indexed for the portal's catalogue pages: by name, by publication date, and for
counting a customer's catalogue from the index alone

Revision ID: c3e8a1f5d902
Revises: 49973e8775f1
Create Date: 2026-11-23 19:30:00

"""

from alembic import op

revision = "c3e8a1f5d902"
down_revision = "49973e8775f1"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_article_name"), ["name"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_article_publication_date"), ["publication_date"], unique=False
        )
        batch_op.create_index(
            "ix_article_status_parent_id_family_id_brand_id_season_id_id",
            ["status", "parent_id", "family_id", "brand_id", "season_id", "id"],
            unique=False,
        )


def downgrade():
    with op.batch_alter_table("article", schema=None) as batch_op:
        batch_op.drop_index("ix_article_status_parent_id_family_id_brand_id_season_id_id")
        batch_op.drop_index(batch_op.f("ix_article_publication_date"))
        batch_op.drop_index(batch_op.f("ix_article_name"))
