"""Contacts: may manage the company's addresses in the portal

Revision ID: b7d2c4e91a30
Revises: 6acd78fb1790
Create Date: 2026-11-23 14:10:00

"""
import sqlalchemy as sa
from alembic import op

revision = "b7d2c4e91a30"
down_revision = "6acd78fb1790"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "may_manage_addresses",
                sa.Boolean(),
                server_default=sa.false(),
                nullable=True,
                comment="Add and change the company's shipping and billing addresses in the portal.",
            )
        )


def downgrade():
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_column("may_manage_addresses")
