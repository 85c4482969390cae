# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Support request: A question sent by a customer's contact from the portal."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class SupportRequest(Model):
    """A question sent by a customer's contact from the portal."""

    __tablename__ = "support_request"
    __table_args__ = (
        sa.CheckConstraint(
            "length(message) <= 10000", name="ck_support_request_message_max_length"
        ),
    )

    STATUS_CHOICES = (
        ("open", _l("Open")),
        ("answered", _l("Answered")),
        ("closed", _l("Closed")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    subject = sa.Column(sa.String(200), nullable=False)
    message = sa.Column(sa.Text(), nullable=False)
    status = sa.Column(
        sa.Enum(
            "open",
            "answered",
            "closed",
            name="support_request_status",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="open",
        server_default=sa.text("'open'"),
    )
    created_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    contact_id = sa.Column(
        sa.Integer, sa.ForeignKey("contact.id", ondelete="SET NULL"), nullable=True
    )
    contact = relationship("Contact", foreign_keys=[contact_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.subject or "")

    def __repr__(self) -> str:
        return f"<SupportRequest {self.id}>"
