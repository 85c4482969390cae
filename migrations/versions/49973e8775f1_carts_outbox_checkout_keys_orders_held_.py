"""Carts, outbox, checkout keys, orders held for approval, template authors

Revision ID: 49973e8775f1
Revises: b7d2c4e91a30
Create Date: 2026-11-23 17:57:59.906013

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "49973e8775f1"
down_revision = "b7d2c4e91a30"
branch_labels = None
depends_on = None

STATUSES = ["placed", "confirmed", "in_preparation", "shipped", "delivered", "cancelled"]


def upgrade():
    op.create_table(
        "outbox_entry",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("job", sa.String(length=200), nullable=False),
        sa.Column("arguments", sa.JSON(none_as_null=True), nullable=True),
        sa.Column(
            "status",
            sa.Enum(
                "pending",
                "handed_over",
                "failed",
                name="outbox_entry_status",
                native_enum=False,
                create_constraint=True,
            ),
            server_default=sa.text("'pending'"),
            nullable=False,
        ),
        sa.Column("attempts", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("handed_over_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "length(last_error) <= 4000", name="ck_outbox_entry_last_error_max_length"
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outbox_entry_status"), ["status"], unique=False)

    op.create_table(
        "cart_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("line_reference", sa.String(length=60), nullable=True),
        sa.Column("budget_code", sa.String(length=40), nullable=True),
        sa.Column("library_relation_code", sa.String(length=40), nullable=True),
        sa.Column("personalisation", sa.String(length=500), nullable=True),
        sa.Column(
            "added_at",
            sa.DateTime(timezone=True),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=True,
        ),
        sa.Column("contact_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("article_id", sa.Integer(), nullable=False),
        sa.CheckConstraint("quantity >= 1", name="ck_cart_line_quantity_min"),
        sa.ForeignKeyConstraint(["article_id"], ["article.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["contact_id"], ["contact.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["customer_id"], ["customer.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("cart_line", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_cart_line_contact_id"), ["contact_id"], unique=False)

    with op.batch_alter_table("order_template", schema=None) as batch_op:
        batch_op.add_column(sa.Column("contact_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            "fk_order_template_contact_id_contact",
            "contact",
            ["contact_id"],
            ["id"],
            ondelete="SET NULL",
        )

    with op.batch_alter_table("order_template_line", schema=None) as batch_op:
        batch_op.add_column(sa.Column("budget_code", sa.String(length=40), nullable=True))
        batch_op.add_column(sa.Column("library_relation_code", sa.String(length=40), nullable=True))

    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "checkout_key",
                sa.String(length=64),
                nullable=True,
                comment=(
                    "Set by the portal's checkout form, so that a form sent twice places one order."
                ),
            )
        )
        batch_op.create_unique_constraint("uq_sales_order_checkout_key", ["checkout_key"])
        # An order over the credit limit may wait for approval: the status check gains on_hold.
        batch_op.drop_constraint("sales_order_status", type_="check")
        batch_op.create_check_constraint(
            "sales_order_status", sa.column("status").in_(STATUSES + ["on_hold"])
        )


def downgrade():
    with op.batch_alter_table("sales_order", schema=None) as batch_op:
        batch_op.drop_constraint("sales_order_status", type_="check")
        batch_op.create_check_constraint("sales_order_status", sa.column("status").in_(STATUSES))
        batch_op.drop_constraint("uq_sales_order_checkout_key", type_="unique")
        batch_op.drop_column("checkout_key")

    with op.batch_alter_table("order_template_line", schema=None) as batch_op:
        batch_op.drop_column("library_relation_code")
        batch_op.drop_column("budget_code")

    with op.batch_alter_table("order_template", schema=None) as batch_op:
        batch_op.drop_constraint("fk_order_template_contact_id_contact", type_="foreignkey")
        batch_op.drop_column("contact_id")

    with op.batch_alter_table("cart_line", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cart_line_contact_id"))

    op.drop_table("cart_line")
    with op.batch_alter_table("outbox_entry", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbox_entry_status"))

    op.drop_table("outbox_entry")
