# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Product type: What kind of product an article is (book, game, stationery...)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class ProductTypeTranslation(Model):
    """The product type's translatable fields in one other language."""

    __tablename__ = "product_type_translation"
    __table_args__ = (
        sa.UniqueConstraint(
            "product_type_id", "language", name="uq_product_type_translation_language"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    product_type_id = sa.Column(
        sa.Integer, sa.ForeignKey("product_type.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(80), nullable=True)


class ProductType(Model):
    """What kind of product an article is (book, game, stationery...)."""

    __tablename__ = "product_type"

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False, unique=True)
    name = sa.Column(sa.String(80), nullable=False)
    articles = relationship(
        "Article",
        back_populates="product_type",
        foreign_keys="Article.product_type_id",
        passive_deletes="all",
    )
    translations = relationship(
        "ProductTypeTranslation",
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
        return f"<ProductType {self.id}>"
