# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Article: Something the seller sells."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn, ImageColumn
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property


class ArticleTranslation(Model):
    """The article's translatable fields in one other language."""

    __tablename__ = "article_translation"
    __table_args__ = (
        sa.UniqueConstraint("article_id", "language", name="uq_article_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    article_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(200), nullable=True)
    description = sa.Column(sa.Text(), nullable=True)


class Article(Model):
    """Something the seller sells."""

    __tablename__ = "article"
    __table_args__ = (
        sa.CheckConstraint("base_price >= 0", name="ck_article_base_price_min"),
        sa.CheckConstraint("vat_rate >= 0", name="ck_article_vat_rate_min"),
        sa.CheckConstraint("vat_rate <= 100", name="ck_article_vat_rate_max"),
        sa.CheckConstraint("minimum_quantity >= 1", name="ck_article_minimum_quantity_min"),
        sa.CheckConstraint("weight >= 0", name="ck_article_weight_min"),
        sa.CheckConstraint("length(ean) >= 8", name="ck_article_ean_min_length"),
    )

    STATUS_CHOICES = (
        ("draft", _l("Draft")),
        ("active", _l("Active")),
        ("hidden", _l("Hidden")),
        ("discontinued", _l("Discontinued")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    sku = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(200), nullable=False)
    description = sa.Column(sa.Text(), nullable=True)
    status = sa.Column(
        sa.Enum(
            "draft",
            "active",
            "hidden",
            "discontinued",
            name="article_status",
            native_enum=False,
            create_constraint=True,
            length=12,
        ),
        nullable=False,
        default="draft",
        server_default=sa.text("'draft'"),
    )
    base_price = sa.Column(
        sa.Numeric(14, 4), nullable=False, default=Decimal("0"), server_default=sa.text("0")
    )
    vat_rate = sa.Column(
        sa.Numeric(5, 2), nullable=True, default=Decimal("20"), server_default=sa.text("20")
    )
    minimum_quantity = sa.Column(
        sa.Integer(), nullable=True, default=1, server_default=sa.text("1")
    )
    weight = sa.Column(sa.Numeric(10, 3), nullable=True)
    ean = sa.Column(sa.String(13), nullable=True, index=True)
    publication_date = sa.Column(sa.Date(), nullable=True)
    photo = sa.Column(ImageColumn(), nullable=True)
    datasheet = sa.Column(FileColumn(), nullable=True)
    attributes = sa.Column(
        sa.JSON(none_as_null=True),
        nullable=True,
        comment='Free properties as a JSON object, for example {"colour": "red"}.',
    )
    family_id = sa.Column(
        sa.Integer, sa.ForeignKey("family.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    family = relationship(
        "Family", foreign_keys=[family_id], back_populates="articles", lazy="joined"
    )
    translations = relationship(
        "ArticleTranslation",
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
        return " ".join(str(part) for part in (self.sku, self.name) if part)

    def __repr__(self) -> str:
        return f"<Article {self.id}>"
