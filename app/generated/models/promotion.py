# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Promotion: A temporary price on articles or families, for everyone or for some groups or customers."""

import sqlalchemy as sa
from flask_appbuilder import Model
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import relationship
from sqlalchemy.orm.collections import attribute_keyed_dict

from app.domain.translations import translated_property
from app.generated.models._associations import (
    promotion_articles,
    promotion_customers,
    promotion_families,
    promotion_groups,
)


class PromotionTranslation(Model):
    """The promotion's translatable fields in one other language."""

    __tablename__ = "promotion_translation"
    __table_args__ = (
        sa.UniqueConstraint("promotion_id", "language", name="uq_promotion_translation_language"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    promotion_id = sa.Column(
        sa.Integer, sa.ForeignKey("promotion.id", ondelete="CASCADE"), nullable=False
    )
    language = sa.Column(sa.String(8), nullable=False)
    name = sa.Column(sa.String(150), nullable=True)


class Promotion(Model):
    """A temporary price on articles or families, for everyone or for some groups or customers."""

    __tablename__ = "promotion"
    __table_args__ = (
        sa.CheckConstraint("percentage >= 0", name="ck_promotion_percentage_min"),
        sa.CheckConstraint("percentage <= 100", name="ck_promotion_percentage_max"),
        sa.CheckConstraint("fixed_price >= 0", name="ck_promotion_fixed_price_min"),
    )

    KIND_CHOICES = (
        ("percentage", _l("Percentage off")),
        ("fixed_price", _l("Fixed price")),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    name = sa.Column(sa.String(150), nullable=False)
    starts_on = sa.Column(sa.Date(), nullable=False)
    ends_on = sa.Column(sa.Date(), nullable=False)
    kind = sa.Column(
        sa.Enum(
            "percentage",
            "fixed_price",
            name="promotion_kind",
            native_enum=False,
            create_constraint=True,
            length=11,
        ),
        nullable=False,
        default="percentage",
        server_default=sa.text("'percentage'"),
    )
    percentage = sa.Column(sa.Numeric(5, 2), nullable=True)
    fixed_price = sa.Column(sa.Numeric(14, 4), nullable=True)
    is_active = sa.Column(sa.Boolean(), nullable=True, default=True, server_default=sa.true())
    articles = relationship("Article", secondary=promotion_articles)
    families = relationship("Family", secondary=promotion_families)
    groups = relationship("CustomerGroup", secondary=promotion_groups)
    customers = relationship("Customer", secondary=promotion_customers)
    translations = relationship(
        "PromotionTranslation",
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
        return f"<Promotion {self.id}>"
