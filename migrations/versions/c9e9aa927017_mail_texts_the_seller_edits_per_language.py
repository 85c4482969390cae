"""Mail texts: the seller's own subject and opening message of a mail, per mail and language

`mail` is a plain string (one of app.domain.mail_texts.EDITABLE_MAILS, checked on save), so a new
mail joins without another migration.

Revision ID: c9e9aa927017
Revises: 243aea8c2d7c
Create Date: 2026-12-01 23:20:40

"""

import sqlalchemy as sa
from alembic import op

revision = "c9e9aa927017"
down_revision = "243aea8c2d7c"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "mail_text",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("mail", sa.String(length=40), nullable=False),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("subject", sa.String(length=200), nullable=False),
        sa.Column(
            "message",
            sa.Text(),
            nullable=False,
            comment="Replaces the greeting and opening paragraph; the mail's links, buttons and "
            "order details stay. Write a placeholder in braces, such as {shop}; a blank line "
            "starts a new paragraph.",
        ),
        sa.CheckConstraint("length(message) <= 4000", name="ck_mail_text_message_max_length"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("mail", "language", name="uq_mail_text_mail_language"),
    )


def downgrade():
    op.drop_table("mail_text")
