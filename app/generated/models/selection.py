# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Selection: A curated list of articles, such as the new books of the month for libraries."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property
from app.generated.models._associations import selection_articles, selection_groups


class SelectionTranslation(Model):
    """The selection's translatable fields in one other language."""

    __tablename__ = "selection_translation"
    __table_args__ = (
        sa.UniqueConstraint("selection_id", "language", name="uq_selection_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    selection_id = sa.Column(
        sa.Integer, sa.ForeignKey("selection.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(150), nullable=True)
    description = sa.Column(sa.Text(), nullable=True)


class Selection(Model):
    """A curated list of articles, such as the new books of the month for libraries."""

    __tablename__ = "selection"

    LIBRARY_CATEGORY_CHOICES = (
        ("adult_fiction", _l("Adult fiction")),
        ("adult_non_fiction", _l("Adult non-fiction")),
        ("youth_fiction", _l("Youth fiction")),
        ("youth_non_fiction", _l("Youth non-fiction")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(150), nullable=False)
    description = sa.Column(sa.Text(), nullable=True)
    library_category = sa.Column(
        sa.Enum(
            "adult_fiction",
            "adult_non_fiction",
            "youth_fiction",
            "youth_non_fiction",
            name="selection_library_category",
            native_enum=False,
            create_constraint=True,
            length=17,
        ),
        nullable=True,
    )
    valid_from = sa.Column(sa.Date(), nullable=True)
    valid_to = sa.Column(sa.Date(), nullable=True)
    is_active = sa.Column(sa.Boolean(), nullable=True, default=True, server_default=sa.true())
    groups = relationship("CustomerGroup", secondary=selection_groups)
    articles = relationship("Article", secondary=selection_articles)
    translations = relationship(
        "SelectionTranslation",
        collection_class=attribute_keyed_dict("language"),
        cascade="all, delete-orphan",
        lazy="selectin",
    )
    name_fr = translated_property("name", "fr")
    name_nl = translated_property("name", "nl")
    name_es = translated_property("name", "es")
    name_de = translated_property("name", "de")
    description_fr = translated_property("description", "fr")
    description_nl = translated_property("description", "nl")
    description_es = translated_property("description", "es")
    description_de = translated_property("description", "de")

    def __str__(self) -> str:
        return str(self.name or "")

    def __repr__(self) -> str:
        return f"<Selection {self.id}>"
