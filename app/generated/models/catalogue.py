# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Catalogue: A set of families offered together; public, or linked to customer groups."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property
from app.generated.models._associations import customer_group_catalogues


class CatalogueTranslation(Model):
    """The catalogue's translatable fields in one other language."""

    __tablename__ = "catalogue_translation"
    __table_args__ = (
        sa.UniqueConstraint("catalogue_id", "language", name="uq_catalogue_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    catalogue_id = sa.Column(
        sa.Integer, sa.ForeignKey("catalogue.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(120), nullable=True)


class Catalogue(Model):
    """A set of families offered together; public, or linked to customer groups."""

    __tablename__ = "catalogue"

    DISPLAY_MODE_CHOICES = (
        ("text", _l("Text list")),
        ("photo", _l("Photos")),
    )
    LABEL_FORMAT_CHOICES = (
        ("name", _l("Name")),
        ("sku_name", _l("SKU and name")),
        ("name_ean", _l("Name and EAN / ISBN")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    code = sa.Column(sa.String(40), nullable=False, unique=True)
    name = sa.Column(sa.String(120), nullable=False)
    is_public = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="Every customer sees a public catalogue, whatever their group.",
    )
    display_mode = sa.Column(
        sa.Enum(
            "text",
            "photo",
            name="catalogue_display_mode",
            native_enum=False,
            create_constraint=True,
            length=5,
        ),
        nullable=False,
        default="photo",
        server_default=sa.text("'photo'"),
    )
    label_format = sa.Column(
        sa.Enum(
            "name",
            "sku_name",
            "name_ean",
            name="catalogue_label_format",
            native_enum=False,
            create_constraint=True,
            length=8,
        ),
        nullable=False,
        default="name",
        server_default=sa.text("'name'"),
    )
    position = sa.Column(sa.Integer(), nullable=True, default=0, server_default=sa.text("0"))
    groups = relationship(
        "CustomerGroup", secondary=customer_group_catalogues, back_populates="catalogues"
    )
    families = relationship(
        "Family",
        back_populates="catalogue",
        foreign_keys="Family.catalogue_id",
        passive_deletes="all",
    )
    translations = relationship(
        "CatalogueTranslation",
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
        return f"<Catalogue {self.id}>"
