# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Order: An order placed by a customer's contact."""

import datetime
from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.domain.orders import OrderRules


class SalesOrder(OrderRules, Model):
    """An order placed by a customer's contact."""

    __tablename__ = "sales_order"
    __table_args__ = (
        sa.CheckConstraint(
            "length(shipping_address) <= 1000", name="ck_sales_order_shipping_address_max_length"
        ),
        sa.CheckConstraint(
            "length(billing_address) <= 1000", name="ck_sales_order_billing_address_max_length"
        ),
        sa.CheckConstraint("shipping_fee >= 0", name="ck_sales_order_shipping_fee_min"),
        sa.CheckConstraint(
            "length(customer_note) <= 2000", name="ck_sales_order_customer_note_max_length"
        ),
        sa.CheckConstraint(
            "length(internal_note) <= 4000", name="ck_sales_order_internal_note_max_length"
        ),
    )

    STATUS_CHOICES = (
        ("placed", _l("Placed")),
        ("confirmed", _l("Confirmed")),
        ("in_preparation", _l("In preparation")),
        ("shipped", _l("Shipped")),
        ("delivered", _l("Delivered")),
        ("cancelled", _l("Cancelled")),
        ("on_hold", _l("Held for approval")),
    )
    PAYMENT_METHOD_CHOICES = (
        ("on_invoice", _l("On invoice")),
        ("after_delivery", _l("After delivery")),
        ("prepayment", _l("Prepayment")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    number = sa.Column(
        sa.String(30),
        nullable=True,
        unique=True,
        comment="Given when the order is saved, such as 2026-000124.",
    )
    status = sa.Column(
        sa.Enum(
            "placed",
            "confirmed",
            "in_preparation",
            "shipped",
            "delivered",
            "cancelled",
            "on_hold",
            name="sales_order_status",
            native_enum=False,
            create_constraint=True,
            length=14,
        ),
        nullable=False,
        default="placed",
        server_default=sa.text("'placed'"),
    )
    placed_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=True,
        index=True,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    reference = sa.Column(sa.String(60), nullable=True)
    cost_centre = sa.Column(sa.String(60), nullable=True)
    requested_delivery_date = sa.Column(sa.Date(), nullable=True)
    shipping_address = sa.Column(sa.Text(), nullable=True)
    billing_address = sa.Column(sa.Text(), nullable=True)
    payment_method = sa.Column(
        sa.Enum(
            "on_invoice",
            "after_delivery",
            "prepayment",
            name="sales_order_payment_method",
            native_enum=False,
            create_constraint=True,
            length=14,
        ),
        nullable=False,
        default="on_invoice",
        server_default=sa.text("'on_invoice'"),
    )
    shipping_fee = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    discount_total = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    net_total = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    vat_total = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    gross_total = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    weight = sa.Column(sa.Numeric(12, 3), nullable=True)
    customer_note = sa.Column(sa.Text(), nullable=True)
    checkout_key = sa.Column(
        sa.String(64),
        nullable=True,
        unique=True,
        comment="Set by the portal's checkout form, so that a form sent twice places one order.",
    )
    internal_note = sa.Column(sa.Text(), nullable=True, comment="Seen by staff only.")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="RESTRICT"), nullable=False, index=True
    )
    customer = relationship(
        "Customer", foreign_keys=[customer_id], back_populates="orders", lazy="joined"
    )
    contact_id = sa.Column(
        sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL"), nullable=True, index=True
    )
    contact = relationship(
        "Contact", foreign_keys=[contact_id], back_populates="orders", lazy="joined"
    )
    warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="SET NULL"), nullable=True
    )
    warehouse = relationship("Warehouse", foreign_keys=[warehouse_id], lazy="joined")
    lines = relationship(
        "OrderLine",
        back_populates="order",
        foreign_keys="OrderLine.order_id",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return str(self.number or "")

    def __repr__(self) -> str:
        return f"<SalesOrder {self.id}>"
