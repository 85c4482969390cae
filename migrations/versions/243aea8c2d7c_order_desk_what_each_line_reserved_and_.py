"""Order desk: what each line reserved and charged, order changes on the timeline

Cancelling an order gives back exactly the stock and budget it took, so each order line now keeps
what the checkout reserved (`reserved_quantity`) and charged to its library budget
(`budget_charge`). Lines of portal orders placed before are filled in as the checkout took them
then: the line total for a line with a budget code, the quantity for a line of an open order
whose article the order's warehouse keeps stock of. The customer timeline gains the kind
`order_changed` for what the order desk does.

Revision ID: 243aea8c2d7c
Revises: 4e65a2cc1cfa
Create Date: 2026-12-01 23:21:50.957108

"""

import sqlalchemy as sa
from alembic import op

# revision identifiers, used by Alembic.
revision = "243aea8c2d7c"
down_revision = "4e65a2cc1cfa"
branch_labels = None
depends_on = None

KINDS = [
    "comment",
    "attachment",
    "email",
    "invited",
    "applied",
    "approved",
    "refused",
    "suspended",
    "reactivated",
    "deactivated",
    "order_placed",
    "support_request",
]
# In model.yaml's order, which the check constraint's text follows.
WITH_ORDER_CHANGED = [*KINDS[:11], "order_changed", *KINDS[11:]]
OPEN = ("placed", "on_hold", "confirmed", "in_preparation")


def upgrade():
    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "reserved_quantity",
                sa.Integer(),
                nullable=True,
                comment=(
                    "Taken from the warehouse's stock when the order was placed; given back if "
                    "it is cancelled."
                ),
            )
        )
        batch_op.add_column(
            sa.Column(
                "budget_charge",
                sa.Numeric(precision=14, scale=4),
                nullable=True,
                comment=(
                    "What the line took from its library budget when the order was placed; "
                    "given back if it is cancelled."
                ),
            )
        )
        batch_op.create_check_constraint(
            "ck_order_line_reserved_quantity_min", sa.column("reserved_quantity") >= 0
        )
        batch_op.create_check_constraint(
            "ck_order_line_budget_charge_min", sa.column("budget_charge") >= 0
        )

    # Portal orders (those with a checkout key) placed before: what their checkout took.
    op.execute(
        "UPDATE order_line SET budget_charge = line_total "
        "WHERE budget_code IS NOT NULL AND line_total IS NOT NULL AND order_id IN "
        "(SELECT id FROM sales_order WHERE checkout_key IS NOT NULL)"
    )
    open_statuses = ", ".join(f"'{status}'" for status in OPEN)
    op.execute(
        "UPDATE order_line SET reserved_quantity = quantity WHERE EXISTS ("
        "SELECT 1 FROM sales_order o JOIN stock_level s ON s.warehouse_id = o.warehouse_id "
        "WHERE o.id = order_line.order_id AND s.article_id = order_line.article_id "
        f"AND o.checkout_key IS NOT NULL AND o.status IN ({open_statuses}))"
    )

    with op.batch_alter_table("customer_event", schema=None) as batch_op:
        batch_op.drop_constraint("customer_event_kind", type_="check")
        batch_op.create_check_constraint(
            "customer_event_kind", sa.column("kind").in_(WITH_ORDER_CHANGED)
        )


def downgrade():
    op.execute("DELETE FROM customer_event WHERE kind = 'order_changed'")
    with op.batch_alter_table("customer_event", schema=None) as batch_op:
        batch_op.drop_constraint("customer_event_kind", type_="check")
        batch_op.create_check_constraint("customer_event_kind", sa.column("kind").in_(KINDS))

    with op.batch_alter_table("order_line", schema=None) as batch_op:
        batch_op.drop_constraint("ck_order_line_budget_charge_min", type_="check")
        batch_op.drop_constraint("ck_order_line_reserved_quantity_min", type_="check")
        batch_op.drop_column("budget_charge")
        batch_op.drop_column("reserved_quantity")
