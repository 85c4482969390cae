"""Prices read from one index: (article, price list, from quantity, unit price) replaces the
article's own index, so pricing reads a page's prices without visiting the table

Revision ID: e5ee22685add
Revises: a5f0c2d8e914
Create Date: 2026-12-01 22:00:00

"""

from alembic import op

revision = "e5ee22685add"
down_revision = "a5f0c2d8e914"
branch_labels = None
depends_on = None

COVERING = "ix_price_article_id_price_list_id_min_quantity_unit_price"


def upgrade():
    with op.batch_alter_table("price", schema=None) as batch_op:
        batch_op.create_index(
            COVERING, ["article_id", "price_list_id", "min_quantity", "unit_price"], unique=False
        )
        batch_op.drop_index(batch_op.f("ix_price_article_id"))


def downgrade():
    with op.batch_alter_table("price", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_price_article_id"), ["article_id"], unique=False)
        batch_op.drop_index(COVERING)
