# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Access request: An application for a portal account, by self-registration or from the login page."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class AccessRequest(Model):
    """An application for a portal account, by self-registration or from the login page."""

    __tablename__ = "access_request"
    __table_args__ = (
        sa.CheckConstraint("length(message) <= 2000", name="ck_access_request_message_max_length"),
        sa.CheckConstraint(
            "length(refusal_reason) <= 2000", name="ck_access_request_refusal_reason_max_length"
        ),
    )

    KIND_CHOICES = (
        ("self_registration", _l("Self-registration")),
        ("access_request", _l("Access request")),
    )
    STATUS_CHOICES = (
        ("pending", _l("Pending")),
        ("approved", _l("Approved")),
        ("refused", _l("Refused")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    kind = sa.Column(
        sa.Enum(
            "self_registration",
            "access_request",
            name="access_request_kind",
            native_enum=False,
            create_constraint=True,
            length=17,
        ),
        nullable=False,
        default="access_request",
        server_default=sa.text("'access_request'"),
    )
    status = sa.Column(
        sa.Enum(
            "pending",
            "approved",
            "refused",
            name="access_request_status",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="pending",
        server_default=sa.text("'pending'"),
    )
    company_name = sa.Column(sa.String(200), nullable=False)
    vat_number = sa.Column(sa.String(32), nullable=True)
    country = sa.Column(sa.String(2), nullable=False, default="FR", server_default=sa.text("'FR'"))
    chamber_of_commerce = sa.Column(sa.String(40), nullable=True)
    department = sa.Column(sa.String(100), nullable=True)
    first_name = sa.Column(sa.String(80), nullable=False)
    last_name = sa.Column(sa.String(80), nullable=False)
    email = sa.Column(sa.String(254), nullable=False, index=True)
    phone = sa.Column(sa.String(32), nullable=True)
    language = sa.Column(sa.String(8), nullable=True, default="en", server_default=sa.text("'en'"))
    message = sa.Column(sa.Text(), nullable=True)
    refusal_reason = sa.Column(sa.Text(), nullable=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="SET NULL"), nullable=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.company_name or "")

    def __repr__(self) -> str:
        return f"<AccessRequest {self.id}>"
