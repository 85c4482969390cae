# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Season: A selling season or collection (spring-summer, back to school...)."""

import sqlalchemy as sa
from flask_appbuilder import Model
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class SeasonTranslation(Model):
    """The season's translatable fields in one other language."""

    __tablename__ = "season_translation"
    __table_args__ = (
        sa.UniqueConstraint("season_id", "language", name="uq_season_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    season_id = sa.Column(
        sa.Integer, sa.ForeignKey("season.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(100), nullable=True)


class Season(Model):
    """A selling season or collection (spring-summer, back to school...)."""

    __tablename__ = "season"

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(20), nullable=False, unique=True)
    name = sa.Column(sa.String(100), nullable=False)
    valid_from = sa.Column(sa.Date(), nullable=True)
    valid_to = sa.Column(sa.Date(), nullable=True)
    articles = relationship("Article", back_populates="season", foreign_keys="Article.season_id")
    translations = relationship(
        "SeasonTranslation",
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
        return f"<Season {self.id}>"
