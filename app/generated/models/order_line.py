# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Order line: Order lines"""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship

from app.domain.orders import OrderLineRules


class OrderLine(OrderLineRules, Model):
    """Order line"""

    __tablename__ = "order_line"
    __table_args__ = (
        sa.CheckConstraint("quantity >= 1", name="ck_order_line_quantity_min"),
        sa.CheckConstraint("unit_price >= 0", name="ck_order_line_unit_price_min"),
        sa.CheckConstraint("discount_percent >= 0", name="ck_order_line_discount_percent_min"),
        sa.CheckConstraint("discount_percent <= 100", name="ck_order_line_discount_percent_max"),
        sa.CheckConstraint("vat_rate >= 0", name="ck_order_line_vat_rate_min"),
        sa.CheckConstraint("vat_rate <= 100", name="ck_order_line_vat_rate_max"),
        sa.CheckConstraint("reserved_quantity >= 0", name="ck_order_line_reserved_quantity_min"),
        sa.CheckConstraint("budget_charge >= 0", name="ck_order_line_budget_charge_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    sku = sa.Column(sa.String(64), nullable=False)
    description = sa.Column(sa.String(255), nullable=False)
    quantity = sa.Column(sa.Integer(), nullable=False)
    unit_price = sa.Column(sa.Numeric(14, 4), nullable=False)
    discount_percent = sa.Column(
        sa.Numeric(5, 2), nullable=True, default=Decimal("0"), server_default=sa.text("0")
    )
    vat_rate = sa.Column(sa.Numeric(5, 2), nullable=False)
    line_total = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        default=Decimal("0"),
        server_default=sa.text("0"),
        comment="Quantity times unit price, less the discount.",
    )
    line_reference = sa.Column(sa.String(60), nullable=True)
    budget_code = sa.Column(sa.String(40), nullable=True)
    library_relation_code = sa.Column(sa.String(40), nullable=True)
    personalisation = sa.Column(sa.String(500), nullable=True)
    reserved_quantity = sa.Column(
        sa.Integer(),
        nullable=True,
        comment="Taken from the warehouse's stock when the order was placed; given back if it is cancelled.",
    )
    budget_charge = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        comment="What the line took from its library budget when the order was placed; given back if it is cancelled.",
    )
    order_id = sa.Column(
        sa.Integer, sa.ForeignKey("sales_order.id", ondelete="CASCADE"), nullable=False, index=True
    )
    order = relationship(
        "SalesOrder", foreign_keys=[order_id], back_populates="lines", lazy="joined"
    )
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="SET NULL"), nullable=True, index=True
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.sku or "")

    def __repr__(self) -> str:
        return f"<OrderLine {self.id}>"
