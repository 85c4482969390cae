# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Stock level: Stock levels"""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class StockLevel(Model):
    """Stock level"""

    __tablename__ = "stock_level"
    __table_args__ = (
        sa.UniqueConstraint("warehouse_id", "article_id", name="uq_stock_level_warehouse_article"),
        sa.CheckConstraint("reserved >= 0", name="ck_stock_level_reserved_min"),
        sa.CheckConstraint("incoming_quantity >= 0", name="ck_stock_level_incoming_quantity_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    on_hand = sa.Column(sa.Integer(), nullable=False, default=0, server_default=sa.text("0"))
    reserved = sa.Column(
        sa.Integer(),
        nullable=False,
        default=0,
        server_default=sa.text("0"),
        comment="Taken by orders not yet shipped.",
    )
    incoming_quantity = sa.Column(sa.Integer(), nullable=True)
    incoming_date = sa.Column(sa.Date(), nullable=True)
    warehouse_id = sa.Column(
        sa.Integer, sa.ForeignKey("warehouse.id", ondelete="CASCADE"), nullable=False
    )
    warehouse = relationship(
        "Warehouse", foreign_keys=[warehouse_id], back_populates="stock_levels", lazy="joined"
    )
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False, index=True
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")

    def __str__(self) -> str:
        return f"Stock level {self.id}"

    def __repr__(self) -> str:
        return f"<StockLevel {self.id}>"
