# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Address: A shipping or billing address of a customer."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class Address(Model):
    """A shipping or billing address of a customer."""

    __tablename__ = "address"

    KIND_CHOICES = (
        ("shipping", _l("Shipping")),
        ("billing", _l("Billing")),
        ("both", _l("Shipping and billing")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    kind = sa.Column(
        sa.Enum(
            "shipping",
            "billing",
            "both",
            name="address_kind",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="both",
        server_default=sa.text("'both'"),
    )
    name = sa.Column(sa.String(200), nullable=False)
    line1 = sa.Column(sa.String(200), nullable=False)
    line2 = sa.Column(sa.String(200), nullable=True)
    postcode = sa.Column(sa.String(20), nullable=False)
    city = sa.Column(sa.String(100), nullable=False)
    country = sa.Column(sa.String(2), nullable=False, default="FR", server_default=sa.text("'FR'"))
    phone = sa.Column(sa.String(32), nullable=True)
    default_shipping = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    default_billing = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship(
        "Customer", foreign_keys=[customer_id], back_populates="addresses", lazy="joined"
    )

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.name, self.city) if part)

    def __repr__(self) -> str:
        return f"<Address {self.id}>"
