"""Contacts found by their login account: every portal request looks its contact up by user_id

Revision ID: 04f4b92f8e43
Revises: c3e8a1f5d902
Create Date: 2026-12-01 20:05:38

"""

from alembic import op

revision = "04f4b92f8e43"
down_revision = "c3e8a1f5d902"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contact_user_id"), ["user_id"], unique=False)


def downgrade():
    with op.batch_alter_table("contact", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contact_user_id"))
