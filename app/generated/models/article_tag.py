# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Article tag: A product category across families (organic, new, bestseller...)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property
from app.generated.models._associations import article_tag_articles


class ArticleTagTranslation(Model):
    """The article tag's translatable fields in one other language."""

    __tablename__ = "article_tag_translation"
    __table_args__ = (
        sa.UniqueConstraint(
            "article_tag_id", "language", name="uq_article_tag_translation_language"
        ),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    article_tag_id = sa.Column(
        sa.Integer, sa.ForeignKey("article_tag.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(80), nullable=True)


class ArticleTag(Model):
    """A product category across families (organic, new, bestseller...)."""

    __tablename__ = "article_tag"

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False, unique=True)
    name = sa.Column(sa.String(80), nullable=False)
    articles = relationship("Article", secondary=article_tag_articles, back_populates="tags")
    translations = relationship(
        "ArticleTagTranslation",
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
        return f"<ArticleTag {self.id}>"
