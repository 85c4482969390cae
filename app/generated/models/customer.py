# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Customer: A company that buys from the seller."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.domain.customers import CustomerRules
from app.generated.models._associations import customer_contacts


class Customer(CustomerRules, Model):
    """A company that buys from the seller."""

    __tablename__ = "customer"
    __table_args__ = (
        sa.CheckConstraint("credit_limit >= 0", name="ck_customer_credit_limit_min"),
        sa.CheckConstraint("payment_days >= 0", name="ck_customer_payment_days_min"),
        sa.CheckConstraint("payment_days <= 365", name="ck_customer_payment_days_max"),
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

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(32), nullable=False, unique=True)
    name = sa.Column(sa.String(200), nullable=False, index=True)
    vat_number = sa.Column(sa.String(32), nullable=True)
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
    credit_limit = sa.Column(sa.Numeric(14, 4), nullable=True)
    payment_days = sa.Column(sa.Integer(), nullable=True, default=30, server_default=sa.text("30"))
    customer_since = sa.Column(sa.Date(), nullable=True)
    last_order_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    logo = sa.Column(ImageColumn(), nullable=True)
    private_message = sa.Column(
        sa.Text(), nullable=True, comment="Shown at the top of this customer's portal."
    )
    group_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer_group.id", ondelete="RESTRICT"), nullable=True
    )
    group = relationship(
        "CustomerGroup", foreign_keys=[group_id], back_populates="customers", lazy="joined"
    )
    sales_rep_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True
    )
    sales_rep = relationship("User", foreign_keys=[sales_rep_id], lazy="joined")
    contacts = relationship("Contact", secondary=customer_contacts, back_populates="customers")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<Customer {self.id}>"
