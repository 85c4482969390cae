# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Price level: A named tier of prices (retail, wholesale, libraries...)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class PriceLevelTranslation(Model):
    """The price level's translatable fields in one other language."""

    __tablename__ = "price_level_translation"
    __table_args__ = (
        sa.UniqueConstraint(
            "price_level_id", "language", name="uq_price_level_translation_language"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    price_level_id = sa.Column(
        sa.Integer, sa.ForeignKey("price_level.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(100), nullable=True)


class PriceLevel(Model):
    """A named tier of prices (retail, wholesale, libraries...)."""

    __tablename__ = "price_level"

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False, unique=True)
    name = sa.Column(sa.String(100), nullable=False)
    position = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    groups = relationship(
        "CustomerGroup", back_populates="price_level", foreign_keys="CustomerGroup.price_level_id"
    )
    customers = relationship(
        "Customer", back_populates="price_level", foreign_keys="Customer.price_level_id"
    )
    price_lists = relationship(
        "PriceList",
        back_populates="price_level",
        foreign_keys="PriceList.price_level_id",
        cascade="all, delete-orphan",
    )
    translations = relationship(
        "PriceLevelTranslation",
        collection_class=attribute_keyed_dict("language"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    name_fr = translated_property("name", "fr")
    name_nl = translated_property("name", "nl")
    name_es = translated_property("name", "es")
    name_de = translated_property("name", "de")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<PriceLevel {self.id}>"
