# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Order discount: A discount on the whole order from an order total, for everyone, a group or a customer."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class OrderDiscount(Model):
    """A discount on the whole order from an order total, for everyone, a group or a customer."""

    __tablename__ = "order_discount"
    __table_args__ = (
        sa.CheckConstraint("min_total >= 0", name="ck_order_discount_min_total_min"),
        sa.CheckConstraint("percentage >= 0", name="ck_order_discount_percentage_min"),
        sa.CheckConstraint("percentage <= 100", name="ck_order_discount_percentage_max"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(150), nullable=False)
    min_total = sa.Column(
        sa.Numeric(14, 4),
        nullable=False,
        comment="Order amount before VAT from which the discount applies.",
    )
    percentage = sa.Column(sa.Numeric(5, 2), nullable=False)
    valid_from = sa.Column(sa.Date(), nullable=True)
    valid_to = sa.Column(sa.Date(), nullable=True)
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="CASCADE"), nullable=True
    )
    group = relationship("CustomerGroup", foreign_keys=[group_id], lazy="joined")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<OrderDiscount {self.id}>"
