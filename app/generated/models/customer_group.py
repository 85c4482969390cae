# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Customer group: Customers sharing the same default conditions."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.generated.models._associations import customer_group_catalogues


class CustomerGroup(Model):
    """Customers sharing the same default conditions."""

    __tablename__ = "customer_group"
    __table_args__ = (
        sa.CheckConstraint(
            "length(description) <= 2000", name="ck_customer_group_description_max_length"
        ),
        sa.CheckConstraint("payment_days >= 0", name="ck_customer_group_payment_days_min"),
        sa.CheckConstraint("payment_days <= 365", name="ck_customer_group_payment_days_max"),
        sa.CheckConstraint("minimum_order >= 0", name="ck_customer_group_minimum_order_min"),
        sa.CheckConstraint("franco_threshold >= 0", name="ck_customer_group_franco_threshold_min"),
        sa.CheckConstraint("shipping_fee >= 0", name="ck_customer_group_shipping_fee_min"),
    )

    ORDER_UNIT_CHOICES = (
        ("unit", _l("By the unit")),
        ("pack", _l("By the pack")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False, unique=True)
    description = sa.Column(sa.Text(), nullable=True)
    pay_after_delivery = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    pay_on_invoice = sa.Column(sa.Boolean(), nullable=True, default=True, server_default=sa.true())
    payment_days = sa.Column(sa.Integer(), nullable=True, default=30, server_default=sa.text("30"))
    minimum_order = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        default=Decimal("0"),
        server_default=sa.text("0"),
        comment="Orders below this amount, before VAT, cannot be placed.",
    )
    franco_threshold = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        comment="From this order amount, before VAT, shipping is free.",
    )
    shipping_fee = sa.Column(sa.Numeric(14, 4), nullable=True)
    order_unit = sa.Column(
        sa.Enum(
            "unit",
            "pack",
            name="customer_group_order_unit",
            native_enum=False,
            create_constraint=True,
            length=4,
        ),
        nullable=False,
        default="unit",
        server_default=sa.text("'unit'"),
    )
    hide_prices = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    vat_exempt = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    price_level_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_level.id", ondelete="SET NULL"), nullable=True
    )
    price_level = relationship(
        "PriceLevel", foreign_keys=[price_level_id], back_populates="groups", lazy="joined"
    )
    catalogues = relationship(
        "Catalogue", secondary=customer_group_catalogues, back_populates="groups"
    )
    customers = relationship(
        "Customer", back_populates="group", foreign_keys="Customer.group_id", passive_deletes="all"
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<CustomerGroup {self.id}>"
