# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Article: Something the seller sells."""

from decimal import Decimal

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_appbuilder.models.mixins import FileColumn, ImageColumn
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property
from app.generated.models._associations import article_related_articles, article_tag_articles


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
        sa.Index(
            "ix_article_status_parent_id_family_id_brand_id_season_id_id",
            "status",
            "parent_id",
            "family_id",
            "brand_id",
            "season_id",
            "id",
        ),
        sa.CheckConstraint("base_price >= 0", name="ck_article_base_price_min"),
        sa.CheckConstraint("vat_rate >= 0", name="ck_article_vat_rate_min"),
        sa.CheckConstraint("vat_rate <= 100", name="ck_article_vat_rate_max"),
        sa.CheckConstraint("pack_size >= 1", name="ck_article_pack_size_min"),
        sa.CheckConstraint("order_multiple >= 1", name="ck_article_order_multiple_min"),
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
    UNIT_CHOICES = (
        ("piece", _l("Piece")),
        ("box", _l("Box")),
        ("kg", _l("Kilogram")),
        ("metre", _l("Metre")),
        ("litre", _l("Litre")),
        ("set", _l("Set")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    sku = sa.Column(sa.String(64), nullable=False, unique=True)
    name = sa.Column(sa.String(200), nullable=False, index=True)
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
        sa.Numeric(14, 4),
        nullable=False,
        default=Decimal("0"),
        server_default=sa.text("0"),
        comment="Price before VAT when no price list applies.",
    )
    vat_rate = sa.Column(
        sa.Numeric(5, 2), nullable=True, default=Decimal("20"), server_default=sa.text("20")
    )
    unit = sa.Column(
        sa.Enum(
            "piece",
            "box",
            "kg",
            "metre",
            "litre",
            "set",
            name="article_unit",
            native_enum=False,
            create_constraint=True,
            length=5,
        ),
        nullable=False,
        default="piece",
        server_default=sa.text("'piece'"),
    )
    pack_size = sa.Column(
        sa.Integer(),
        nullable=True,
        default=1,
        server_default=sa.text("1"),
        comment="Units in a pack, for customers who order by the pack.",
    )
    order_multiple = sa.Column(
        sa.Integer(),
        nullable=True,
        default=1,
        server_default=sa.text("1"),
        comment="Quantities must be a multiple of this number.",
    )
    minimum_quantity = sa.Column(
        sa.Integer(), nullable=True, default=1, server_default=sa.text("1")
    )
    weight = sa.Column(sa.Numeric(10, 3), nullable=True)
    available_from = sa.Column(
        sa.Date(), nullable=True, comment="Before this date the article can be pre-ordered."
    )
    ean = sa.Column(sa.String(13), nullable=True, index=True)
    publication_date = sa.Column(sa.Date(), nullable=True, index=True)
    photo = sa.Column(ImageColumn(), nullable=True)
    datasheet = sa.Column(FileColumn(), nullable=True)
    variant_label = sa.Column(
        sa.String(60),
        nullable=True,
        comment="What sets this variant apart (size, colour, binding...).",
    )
    personalisation_allowed = sa.Column(
        sa.Boolean(),
        nullable=True,
        default=False,
        server_default=sa.false(),
        comment="The buyer may add a text (engraving, dedication...) to each line.",
    )
    published_online = sa.Column(
        sa.Boolean(), nullable=True, default=False, server_default=sa.false()
    )
    slug = sa.Column(
        sa.String(200),
        nullable=True,
        unique=True,
        comment="Lower-case words joined by hyphens, such as blue-notebook-a5.",
    )
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
    brand_id = sa.Column(
        sa.Integer, sa.ForeignKey("brand.id", ondelete="SET NULL"), nullable=True, index=True
    )
    brand = relationship("Brand", foreign_keys=[brand_id], back_populates="articles", lazy="joined")
    season_id = sa.Column(
        sa.Integer, sa.ForeignKey("season.id", ondelete="SET NULL"), nullable=True, index=True
    )
    season = relationship(
        "Season", foreign_keys=[season_id], back_populates="articles", lazy="joined"
    )
    product_type_id = sa.Column(
        sa.Integer, sa.ForeignKey("product_type.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    product_type = relationship(
        "ProductType", foreign_keys=[product_type_id], back_populates="articles", lazy="joined"
    )
    tags = relationship("ArticleTag", secondary=article_tag_articles, back_populates="articles")
    photos = relationship(
        "ArticlePhoto",
        back_populates="article",
        foreign_keys="ArticlePhoto.article_id",
        cascade="all, delete-orphan",
    )
    parent_id = sa.Column(
        sa.Integer, sa.ForeignKey("article.id", ondelete="SET NULL"), nullable=True, index=True
    )
    parent = relationship(
        "Article",
        foreign_keys=[parent_id],
        back_populates="variants",
        remote_side=[id],
        lazy="select",
    )
    variants = relationship("Article", back_populates="parent", foreign_keys="Article.parent_id")
    related_articles = relationship(
        "Article",
        secondary=article_related_articles,
        primaryjoin=lambda: Article.id == article_related_articles.c.left_id,
        secondaryjoin=lambda: Article.id == article_related_articles.c.right_id,
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
