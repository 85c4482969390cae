"""User preferences: a member of staff's saved language, one row per user beside ab_user

Portal contacts keep their language on their contact record; staff had nowhere to keep theirs,
so the back office's language switcher could only set it for the session.

Revision ID: a6c457c4ea14
Revises: c9e9aa927017
Create Date: 2026-12-02 02:37:46

"""

import sqlalchemy as sa
from alembic import op

revision = "a6c457c4ea14"
down_revision = "c9e9aa927017"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "user_preference",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["ab_user.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("user_id"),
    )


def downgrade():
    op.drop_table("user_preference")
