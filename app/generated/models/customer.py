# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Customer: A company that buys from the seller."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.domain.customers import CustomerRules
from app.generated.models._associations import (
    customer_allowed_warehouses,
    customer_contacts,
    customer_purchasable_articles,
    customer_purchasable_product_types,
    customer_tag_customers,
    customer_visible_brands,
    customer_visible_seasons,
    customer_visible_tags,
)


class Customer(CustomerRules, Model):
    """A company that buys from the seller."""

    __tablename__ = "customer"
    __table_args__ = (
        sa.CheckConstraint(
            "length(refusal_reason) <= 2000", name="ck_customer_refusal_reason_max_length"
        ),
        sa.CheckConstraint("payment_days >= 0", name="ck_customer_payment_days_min"),
        sa.CheckConstraint("payment_days <= 365", name="ck_customer_payment_days_max"),
        sa.CheckConstraint("credit_limit >= 0", name="ck_customer_credit_limit_min"),
        sa.CheckConstraint("minimum_order >= 0", name="ck_customer_minimum_order_min"),
        sa.CheckConstraint("franco_threshold >= 0", name="ck_customer_franco_threshold_min"),
        sa.CheckConstraint("shipping_fee >= 0", name="ck_customer_shipping_fee_min"),
        sa.CheckConstraint(
            "length(private_message) <= 2000", name="ck_customer_private_message_max_length"
        ),
    )

    STATUS_CHOICES = (
        ("pending", _l("Pending")),
        ("active", _l("Active")),
        ("suspended", _l("Suspended")),
        ("inactive", _l("Inactive")),
    )
    PAY_AFTER_DELIVERY_CHOICES = (
        ("group", _l("As the group")),
        ("allowed", _l("Allowed")),
        ("refused", _l("Not allowed")),
    )
    PAY_ON_INVOICE_CHOICES = (
        ("group", _l("As the group")),
        ("allowed", _l("Allowed")),
        ("refused", _l("Not allowed")),
    )
    ORDER_UNIT_CHOICES = (
        ("group", _l("As the group")),
        ("unit", _l("By the unit")),
        ("pack", _l("By the pack")),
    )
    HIDE_PRICES_CHOICES = (
        ("group", _l("As the group")),
        ("shown", _l("Shown")),
        ("hidden", _l("Hidden")),
    )
    VAT_EXEMPT_CHOICES = (
        ("group", _l("As the group")),
        ("exempt", _l("Exempt")),
        ("liable", _l("Liable")),
    )
    PURCHASABLE_CHOICES = (
        ("all", _l("All visible articles")),
        ("product_types", _l("Some product types")),
        ("articles", _l("Specific articles")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(32), nullable=False, unique=True)
    name = sa.Column(sa.String(200), nullable=False, index=True)
    vat_number = sa.Column(
        sa.String(32), nullable=True, comment="Checked against the rules of the customer's country."
    )
    chamber_of_commerce = sa.Column(sa.String(40), nullable=True)
    department = sa.Column(sa.String(100), nullable=True)
    fiscal_code = sa.Column(
        sa.String(40),
        nullable=True,
        comment="National tax identifier when it differs from the VAT number (RFC, NIF, SIRET...).",
    )
    fiscal_regime = sa.Column(sa.String(100), nullable=True)
    status = sa.Column(
        sa.Enum(
            "pending",
            "active",
            "suspended",
            "inactive",
            name="customer_status",
            native_enum=False,
            create_constraint=True,
            length=9,
        ),
        nullable=False,
        default="pending",
        server_default=sa.text("'pending'"),
    )
    refusal_reason = sa.Column(
        sa.Text(), nullable=True, comment="Sent to the applicant and shown when they log in."
    )
    country = sa.Column(sa.String(2), nullable=False, default="FR", server_default=sa.text("'FR'"))
    language = sa.Column(
        sa.String(8),
        nullable=True,
        default="en",
        server_default=sa.text("'en'"),
        comment="Used for the customer's emails and documents.",
    )
    email = sa.Column(sa.String(254), nullable=True)
    phone = sa.Column(sa.String(32), nullable=True)
    website = sa.Column(sa.String(2048), nullable=True)
    pay_after_delivery = sa.Column(
        sa.Enum(
            "group",
            "allowed",
            "refused",
            name="customer_pay_after_delivery",
            native_enum=False,
            create_constraint=True,
            length=7,
        ),
        nullable=False,
        default="group",
        server_default=sa.text("'group'"),
    )
    pay_on_invoice = sa.Column(
        sa.Enum(
            "group",
            "allowed",
            "refused",
            name="customer_pay_on_invoice",
            native_enum=False,
            create_constraint=True,
            length=7,
        ),
        nullable=False,
        default="group",
        server_default=sa.text("'group'"),
    )
    payment_days = sa.Column(sa.Integer(), nullable=True, comment="Leave empty to use the group's.")
    credit_limit = sa.Column(sa.Numeric(14, 4), nullable=True)
    overdue_balance = sa.Column(
        sa.Numeric(14, 4), nullable=True, default=Decimal("0"), server_default=sa.text("0")
    )
    not_due_balance = sa.Column(
        sa.Numeric(14, 4), nullable=True, default=Decimal("0"), server_default=sa.text("0")
    )
    minimum_order = sa.Column(
        sa.Numeric(14, 4), nullable=True, comment="Leave empty to use the group's."
    )
    franco_threshold = sa.Column(
        sa.Numeric(14, 4), nullable=True, comment="Leave empty to use the group's."
    )
    shipping_fee = sa.Column(
        sa.Numeric(14, 4), nullable=True, comment="Leave empty to use the group's."
    )
    order_unit = sa.Column(
        sa.Enum(
            "group",
            "unit",
            "pack",
            name="customer_order_unit",
            native_enum=False,
            create_constraint=True,
            length=5,
        ),
        nullable=False,
        default="group",
        server_default=sa.text("'group'"),
    )
    hide_prices = sa.Column(
        sa.Enum(
            "group",
            "shown",
            "hidden",
            name="customer_hide_prices",
            native_enum=False,
            create_constraint=True,
            length=6,
        ),
        nullable=False,
        default="group",
        server_default=sa.text("'group'"),
    )
    vat_exempt = sa.Column(
        sa.Enum(
            "group",
            "exempt",
            "liable",
            name="customer_vat_exempt",
            native_enum=False,
            create_constraint=True,
            length=6,
        ),
        nullable=False,
        default="group",
        server_default=sa.text("'group'"),
    )
    purchasable = sa.Column(
        sa.Enum(
            "all",
            "product_types",
            "articles",
            name="customer_purchasable",
            native_enum=False,
            create_constraint=True,
            length=13,
        ),
        nullable=False,
        default="all",
        server_default=sa.text("'all'"),
    )
    private_message = sa.Column(
        sa.Text(), nullable=True, comment="Shown at the top of this customer's portal."
    )
    customer_since = sa.Column(sa.Date(), nullable=True)
    last_order_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    logo = sa.Column(ImageColumn(), nullable=True)
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="RESTRICT"), nullable=True
    )
    group = relationship(
        "CustomerGroup", foreign_keys=[group_id], back_populates="customers", lazy="joined"
    )
    sales_rep_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True, index=True
    )
    sales_rep = relationship("User", foreign_keys=[sales_rep_id], lazy="joined")
    price_level_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_level.id", ondelete="SET NULL"), nullable=True
    )
    price_level = relationship(
        "PriceLevel", foreign_keys=[price_level_id], back_populates="customers", lazy="joined"
    )
    default_warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="SET NULL"), nullable=True
    )
    default_warehouse = relationship(
        "Warehouse", foreign_keys=[default_warehouse_id], back_populates="customers", lazy="joined"
    )
    allowed_warehouses = relationship(
        "Warehouse", secondary=customer_allowed_warehouses, back_populates="allowed_customers"
    )
    delivery_round_id = sa.Column(
        sa.Integer, sa.ForeignKey("delivery_round.id", ondelete="SET NULL"), nullable=True
    )
    delivery_round = relationship(
        "DeliveryRound", foreign_keys=[delivery_round_id], back_populates="customers", lazy="joined"
    )
    tags = relationship(
        "CustomerTag", secondary=customer_tag_customers, back_populates="customers", lazy="selectin"
    )
    visible_tags = relationship("ArticleTag", secondary=customer_visible_tags)
    visible_seasons = relationship("Season", secondary=customer_visible_seasons)
    visible_brands = relationship("Brand", secondary=customer_visible_brands)
    purchasable_product_types = relationship(
        "ProductType", secondary=customer_purchasable_product_types
    )
    purchasable_articles = relationship("Article", secondary=customer_purchasable_articles)
    contacts = relationship("Contact", secondary=customer_contacts, back_populates="customers")
    addresses = relationship(
        "Address",
        back_populates="customer",
        foreign_keys="Address.customer_id",
        cascade="all, delete-orphan",
    )
    orders = relationship(
        "SalesOrder",
        back_populates="customer",
        foreign_keys="SalesOrder.customer_id",
        passive_deletes="all",
    )
    budgets = relationship(
        "LibraryBudget",
        back_populates="customer",
        foreign_keys="LibraryBudget.customer_id",
        cascade="all, delete-orphan",
    )
    library_relations = relationship(
        "LibraryRelation",
        back_populates="customer",
        foreign_keys="LibraryRelation.customer_id",
        cascade="all, delete-orphan",
    )
    events = relationship(
        "CustomerEvent",
        back_populates="customer",
        foreign_keys="CustomerEvent.customer_id",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<Customer {self.id}>"
