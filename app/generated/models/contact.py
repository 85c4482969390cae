# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Contact: A person at a customer company who may use the portal."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship

from app.generated.models._associations import customer_contacts


class Contact(Model):
    """A person at a customer company who may use the portal."""

    __tablename__ = "contact"
    __table_args__ = (sa.CheckConstraint("order_limit >= 0", name="ck_contact_order_limit_min"),)

    COMPANY_ROLE_CHOICES = (
        ("administrator", _l("Administrator")),
        ("buyer", _l("Buyer")),
    )
    STATUS_CHOICES = (
        ("invited", _l("Invited")),
        ("active", _l("Active")),
        ("disabled", _l("Disabled")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    first_name = sa.Column(sa.String(80), nullable=False)
    last_name = sa.Column(sa.String(80), nullable=False)
    email = sa.Column(sa.String(254), nullable=False, unique=True)
    phone = sa.Column(sa.String(32), nullable=True)
    department = sa.Column(sa.String(100), nullable=True)
    company_role = sa.Column(
        sa.Enum(
            "administrator",
            "buyer",
            name="contact_company_role",
            native_enum=False,
            create_constraint=True,
            length=13,
        ),
        nullable=False,
        default="buyer",
        server_default=sa.text("'buyer'"),
    )
    may_order = sa.Column(sa.Boolean(), nullable=True, default=True, server_default=sa.true())
    may_see_prices = sa.Column(sa.Boolean(), nullable=True, default=True, server_default=sa.true())
    may_manage_users = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    may_manage_addresses = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="Add and change the company's shipping and billing addresses in the portal.",
    )
    sees_all_orders = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    order_limit = sa.Column(
        sa.Numeric(14, 4),
        nullable=True,
        comment="Orders above this amount, before VAT, are refused. Empty means no limit.",
    )
    status = sa.Column(
        sa.Enum(
            "invited",
            "active",
            "disabled",
            name="contact_status",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="invited",
        server_default=sa.text("'invited'"),
    )
    language = sa.Column(
        sa.String(8), nullable=True, comment="Empty means the customer's language."
    )
    user_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True, index=True
    )
    user = relationship("User", foreign_keys=[user_id], lazy="joined")
    customers = relationship(
        "Customer", secondary=customer_contacts, back_populates="contacts", lazy="selectin"
    )
    orders = relationship(
        "SalesOrder", back_populates="contact", foreign_keys="SalesOrder.contact_id"
    )

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.first_name, self.last_name) if part)

    def __repr__(self) -> str:
        return f"<Contact {self.id}>"
