# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Excluded delivery day: A day without deliveries (public holiday, closing); for one round or all of them."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class ExcludedDeliveryDay(Model):
    """A day without deliveries (public holiday, closing); for one round or all of them."""

    __tablename__ = "excluded_delivery_day"
    __table_args__ = (
        sa.UniqueConstraint(
            "day", "delivery_round_id", name="uq_excluded_delivery_day_day_delivery_round"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    day = sa.Column(sa.Date(), nullable=False)
    reason = sa.Column(sa.String(150), nullable=True)
    delivery_round_id = sa.Column(
        sa.Integer, sa.ForeignKey("delivery_round.id", ondelete="CASCADE"), nullable=True
    )
    delivery_round = relationship(
        "DeliveryRound",
        foreign_keys=[delivery_round_id],
        back_populates="excluded_days",
        lazy="joined",
    )

    def __str__(self) -> str:
        return str(self.day or "")

    def __repr__(self) -> str:
        return f"<ExcludedDeliveryDay {self.id}>"
