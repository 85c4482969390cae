# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Family: A branch of the catalogue tree; a family may hold sub-families."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import ImageColumn
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class FamilyTranslation(Model):
    """The family's translatable fields in one other language."""

    __tablename__ = "family_translation"
    __table_args__ = (
        sa.UniqueConstraint("family_id", "language", name="uq_family_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    family_id = sa.Column(
        sa.Integer, sa.ForeignKey("family.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(120), nullable=True)


class Family(Model):
    """A branch of the catalogue tree; a family may hold sub-families."""

    __tablename__ = "family"

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False, unique=True)
    name = sa.Column(sa.String(120), nullable=False)
    photo = sa.Column(ImageColumn(), nullable=True)
    position = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    catalogue_id = sa.Column(
        sa.Integer, sa.ForeignKey("catalogue.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    catalogue = relationship(
        "Catalogue", foreign_keys=[catalogue_id], back_populates="families", lazy="joined"
    )
    parent_id = sa.Column(
        sa.Integer, sa.ForeignKey("family.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    parent = relationship(
        "Family",
        foreign_keys=[parent_id],
        back_populates="children",
        remote_side=[id],
        lazy="select",
    )
    children = relationship(
        "Family", back_populates="parent", foreign_keys="Family.parent_id", passive_deletes="all"
    )
    articles = relationship(
        "Article", back_populates="family", foreign_keys="Article.family_id", passive_deletes="all"
    )
    translations = relationship(
        "FamilyTranslation",
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
        return f"<Family {self.id}>"
