# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Price list: Prices for one price level, one customer group or one customer, for a period."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class PriceList(Model):
    """Prices for one price level, one customer group or one customer, for a period."""

    __tablename__ = "price_list"

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(150), nullable=False)
    valid_from = sa.Column(sa.Date(), nullable=True)
    valid_to = sa.Column(sa.Date(), nullable=True)
    priority = sa.Column(
        sa.Integer(),
        nullable=True,
        default=0,
        server_default=sa.text("0"),
        comment="When several lists of the same kind apply, the highest priority wins.",
    )
    price_level_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_level.id", ondelete="CASCADE"), nullable=True, index=True
    )
    price_level = relationship(
        "PriceLevel", foreign_keys=[price_level_id], back_populates="price_lists", lazy="joined"
    )
    group_id = sa.Column(
        sa.Integer,
        sa.ForeignKey("customer_group.id", ondelete="CASCADE"),
        nullable=True,
        index=True,
    )
    group = relationship("CustomerGroup", foreign_keys=[group_id], lazy="joined")
    customer_id = sa.Column(
        sa.Integer, sa.ForeignKey("customer.id", ondelete="CASCADE"), nullable=True, index=True
    )
    customer = relationship("Customer", foreign_keys=[customer_id], lazy="joined")
    prices = relationship(
        "Price",
        back_populates="price_list",
        foreign_keys="Price.price_list_id",
        cascade="all, delete-orphan",
    )

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<PriceList {self.id}>"
