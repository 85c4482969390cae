# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Shipping rule: Shipping fee, franco threshold and minimum order; the default, or for a group, customer or warehouse."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class ShippingRule(Model):
    """Shipping fee, franco threshold and minimum order; the default, or for a group, customer or warehouse."""

    __tablename__ = "shipping_rule"
    __table_args__ = (
        sa.CheckConstraint("fee >= 0", name="ck_shipping_rule_fee_min"),
        sa.CheckConstraint("franco_threshold >= 0", name="ck_shipping_rule_franco_threshold_min"),
        sa.CheckConstraint("minimum_order >= 0", name="ck_shipping_rule_minimum_order_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(150), nullable=False)
    fee = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    franco_threshold = sa.Column(sa.Numeric(14, 4), nullable=True)
    show_franco_without_fee = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    minimum_order = sa.Column(sa.Numeric(14, 4), nullable=True)
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="CASCADE"), nullable=True
    )
    group = relationship("CustomerGroup", foreign_keys=[group_id], lazy="joined")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="CASCADE"), nullable=True
    )
    warehouse = relationship("Warehouse", foreign_keys=[warehouse_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<ShippingRule {self.id}>"
