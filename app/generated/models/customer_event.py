# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""History entry: What happened with a customer: comments, attachments, emails sent and system events."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn
from flask_appbuilder.security.sqla.models import User  # noqa: F401
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship


class CustomerEvent(Model):
    """What happened with a customer: comments, attachments, emails sent and system events."""

    __tablename__ = "customer_event"
    __table_args__ = (
        sa.CheckConstraint("length(body) <= 20000", name="ck_customer_event_body_max_length"),
    )

    KIND_CHOICES = (
        ("comment", _l("Comment")),
        ("attachment", _l("Attachment")),
        ("email", _l("Email sent")),
        ("invited", _l("Invited")),
        ("applied", _l("Applied")),
        ("approved", _l("Approved")),
        ("refused", _l("Refused")),
        ("suspended", _l("Suspended")),
        ("reactivated", _l("Reactivated")),
        ("deactivated", _l("Deactivated")),
        ("order_placed", _l("Order placed")),
        ("order_changed", _l("Order changed")),
        ("support_request", _l("Support request")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    kind = sa.Column(
        sa.Enum(
            "comment",
            "attachment",
            "email",
            "invited",
            "applied",
            "approved",
            "refused",
            "suspended",
            "reactivated",
            "deactivated",
            "order_placed",
            "order_changed",
            "support_request",
            name="customer_event_kind",
            native_enum=False,
            create_constraint=True,
            length=15,
        ),
        nullable=False,
        default="comment",
        server_default=sa.text("'comment'"),
    )
    subject = sa.Column(sa.String(200), nullable=False)
    body = sa.Column(sa.Text(), nullable=True)
    attachment = sa.Column(FileColumn(), nullable=True)
    occurred_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=False,
        index=True,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=False, index=True
    )
    customer = relationship(
        "Customer", foreign_keys=[customer_id], back_populates="events", lazy="joined"
    )
    author_id = sa.Column(
        sa.Integer, sa.ForeignKey("ab_user.id", ondelete="SET NULL"), nullable=True
    )
    author = relationship("User", foreign_keys=[author_id], lazy="joined")

    def __str__(self) -> str:
        return str(self.subject or "")

    def __repr__(self) -> str:
        return f"<CustomerEvent {self.id}>"
