# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Price: An article's price in a price list, from a quantity (several rows make degressive prices)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship


class Price(Model):
    """An article's price in a price list, from a quantity (several rows make degressive prices)."""

    __tablename__ = "price"
    __table_args__ = (
        sa.UniqueConstraint(
            "price_list_id",
            "article_id",
            "min_quantity",
            name="uq_price_price_list_article_min_quantity",
        ),
        sa.Index(
            "ix_price_article_id_price_list_id_min_quantity_unit_price",
            "article_id",
            "price_list_id",
            "min_quantity",
            "unit_price",
        ),
        sa.CheckConstraint("min_quantity >= 1", name="ck_price_min_quantity_min"),
        sa.CheckConstraint("unit_price >= 0", name="ck_price_unit_price_min"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    min_quantity = sa.Column(sa.Integer(), nullable=False, default=1, server_default=sa.text("1"))
    unit_price = sa.Column(sa.Numeric(14, 4), nullable=False)
    price_list_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_list.id", ondelete="CASCADE"), nullable=False, index=True
    )
    price_list = relationship(
        "PriceList", foreign_keys=[price_list_id], back_populates="prices", lazy="joined"
    )
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False
    )
    article = relationship("Article", foreign_keys=[article_id], lazy="joined")

    def __str__(self) -> str:
        return f"Price {self.id}"

    def __repr__(self) -> str:
        return f"<Price {self.id}>"
