# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Outbox entry: A mail or job written with the change that caused it, then run until it succeeds or fails for good."""

import datetime

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l


class OutboxEntry(Model):
    """A mail or job written with the change that caused it, then run until it succeeds or fails for good."""

    __tablename__ = "outbox_entry"
    __table_args__ = (
        sa.CheckConstraint(
            "length(last_error) <= 4000", name="ck_outbox_entry_last_error_max_length"
        ),
    )

    STATUS_CHOICES = (
        ("pending", _l("Waiting")),
        ("handed_over", _l("Handed over")),
        ("sent", _l("Sent")),
        ("failed", _l("Failed")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    job = sa.Column(sa.String(200), nullable=False)
    arguments = sa.Column(sa.JSON(none_as_null=True), nullable=True)
    status = sa.Column(
        sa.Enum(
            "pending",
            "handed_over",
            "sent",
            "failed",
            name="outbox_entry_status",
            native_enum=False,
            create_constraint=True,
            length=11,
        ),
        nullable=False,
        index=True,
        default="pending",
        server_default=sa.text("'pending'"),
    )
    attempts = sa.Column(sa.Integer(), nullable=False, default=0, server_default=sa.text("0"))
    last_error = sa.Column(sa.Text(), nullable=True)
    created_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=True,
        default=lambda: datetime.datetime.now(datetime.UTC),
        server_default=sa.func.now(),
    )
    next_attempt_at = sa.Column(
        sa.DateTime(timezone=True),
        nullable=True,
        index=True,
        comment="When the relay next takes the entry up, if it is still waiting or handed over.",
    )
    handed_over_at = sa.Column(sa.DateTime(timezone=True), nullable=True)
    sent_at = sa.Column(sa.DateTime(timezone=True), nullable=True)

    def __str__(self) -> str:
        return str(self.job or "")

    def __repr__(self) -> str:
        return f"<OutboxEntry {self.id}>"
