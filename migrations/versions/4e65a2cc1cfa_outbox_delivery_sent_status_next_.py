"""Outbox delivery: entries are run until sent (or failed for good), with growing delays

The outbox now runs each entry's job itself and keeps its outcome: the status gains `sent`,
`next_attempt_at` says when the relay takes an entry up again (indexed: the relay reads by it)
and `sent_at` when the job succeeded. Entries still waiting are due at once; entries handed over
before this revision get no next attempt, since their jobs ran outside the outbox's records.

Revision ID: 4e65a2cc1cfa
Revises: e5ee22685add
Create Date: 2026-12-01 23:21:10

"""

import sqlalchemy as sa
from alembic import op

revision = "4e65a2cc1cfa"
down_revision = "e5ee22685add"
branch_labels = None
depends_on = None

STATUSES = ["pending", "handed_over", "failed"]
# In the model's order: SQLite keeps the constraint's text as written, and the tests compare it.
STATUSES_WITH_SENT = ["pending", "handed_over", "sent", "failed"]


def upgrade():
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "next_attempt_at",
                sa.DateTime(timezone=True),
                nullable=True,
                comment=(
                    "When the relay next takes the entry up, if it is still waiting or handed over."
                ),
            )
        )
        batch_op.add_column(sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index(
            batch_op.f("ix_outbox_entry_next_attempt_at"), ["next_attempt_at"], unique=False
        )
        batch_op.drop_constraint("outbox_entry_status", type_="check")
        batch_op.create_check_constraint(
            "outbox_entry_status", sa.column("status").in_(STATUSES_WITH_SENT)
        )
    op.execute(
        "UPDATE outbox_entry SET next_attempt_at = CURRENT_TIMESTAMP WHERE status = 'pending'"
    )


def downgrade():
    # Without `sent`, a sent entry reads as handed over: its job was given to be run.
    op.execute(
        "UPDATE outbox_entry SET status = 'handed_over', handed_over_at = "
        "COALESCE(handed_over_at, sent_at) WHERE status = 'sent'"
    )
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.drop_constraint("outbox_entry_status", type_="check")
        batch_op.create_check_constraint("outbox_entry_status", sa.column("status").in_(STATUSES))
        batch_op.drop_index(batch_op.f("ix_outbox_entry_next_attempt_at"))
        batch_op.drop_column("sent_at")
        batch_op.drop_column("next_attempt_at")
