# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Delivery round: Where and on which weekdays the seller delivers, with the order cut-off time."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class DeliveryRound(Model):
    """Where and on which weekdays the seller delivers, with the order cut-off time."""

    __tablename__ = "delivery_round"
    __table_args__ = (
        sa.CheckConstraint("length(zones) <= 4000", name="ck_delivery_round_zones_max_length"),
        sa.CheckConstraint("lead_days >= 0", name="ck_delivery_round_lead_days_min"),
        sa.CheckConstraint("lead_days <= 60", name="ck_delivery_round_lead_days_max"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(100), nullable=False, unique=True)
    zones = sa.Column(
        sa.Text(),
        nullable=True,
        comment="Postcodes or postcode beginnings, separated by commas (75, 92100, 1000-1299).",
    )
    monday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    tuesday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    wednesday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    thursday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    friday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    saturday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    sunday = sa.Column(sa.Boolean(), nullable=True, default=False, server_default=sa.false())
    cut_off_time = sa.Column(
        sa.Time(), nullable=True, comment="Orders placed after this time count from the next day."
    )
    lead_days = sa.Column(sa.Integer(), nullable=True, default=1, server_default=sa.text("1"))
    warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="SET NULL"), nullable=True
    )
    warehouse = relationship("Warehouse", foreign_keys=[warehouse_id], lazy="joined")
    customers = relationship(
        "Customer", back_populates="delivery_round", foreign_keys="Customer.delivery_round_id"
    )
    excluded_days = relationship(
        "ExcludedDeliveryDay",
        back_populates="delivery_round",
        foreign_keys="ExcludedDeliveryDay.delivery_round_id",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<DeliveryRound {self.id}>"
