# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Association tables of the many-to-many relations."""

import sqlalchemy as sa
from flask_appbuilder import Model

customer_group_catalogues = sa.Table(
    "customer_group_catalogues",
    Model.metadata,
    sa.Column(
        "customer_group_id",
        sa.Integer,
        sa.ForeignKey("customer_group.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "catalogue_id",
        sa.Integer,
        sa.ForeignKey("catalogue.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_tag_customers = sa.Table(
    "customer_tag_customers",
    Model.metadata,
    sa.Column(
        "customer_tag_id",
        sa.Integer,
        sa.ForeignKey("customer_tag.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_allowed_warehouses = sa.Table(
    "customer_allowed_warehouses",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "warehouse_id",
        sa.Integer,
        sa.ForeignKey("warehouse.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_visible_tags = sa.Table(
    "customer_visible_tags",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "article_tag_id",
        sa.Integer,
        sa.ForeignKey("article_tag.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_visible_seasons = sa.Table(
    "customer_visible_seasons",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "season_id",
        sa.Integer,
        sa.ForeignKey("season.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_visible_brands = sa.Table(
    "customer_visible_brands",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "brand_id",
        sa.Integer,
        sa.ForeignKey("brand.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_purchasable_product_types = sa.Table(
    "customer_purchasable_product_types",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "product_type_id",
        sa.Integer,
        sa.ForeignKey("product_type.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_purchasable_articles = sa.Table(
    "customer_purchasable_articles",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "article_id",
        sa.Integer,
        sa.ForeignKey("article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

customer_contacts = sa.Table(
    "customer_contacts",
    Model.metadata,
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "contact_id",
        sa.Integer,
        sa.ForeignKey("contact.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

article_tag_articles = sa.Table(
    "article_tag_articles",
    Model.metadata,
    sa.Column(
        "article_tag_id",
        sa.Integer,
        sa.ForeignKey("article_tag.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "article_id",
        sa.Integer,
        sa.ForeignKey("article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

article_related_articles = sa.Table(
    "article_related_articles",
    Model.metadata,
    sa.Column(
        "left_id", sa.Integer, sa.ForeignKey("article.id", ondelete="CASCADE"), primary_key=True
    ),
    sa.Column(
        "right_id",
        sa.Integer,
        sa.ForeignKey("article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

selection_groups = sa.Table(
    "selection_groups",
    Model.metadata,
    sa.Column(
        "selection_id",
        sa.Integer,
        sa.ForeignKey("selection.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "customer_group_id",
        sa.Integer,
        sa.ForeignKey("customer_group.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

selection_articles = sa.Table(
    "selection_articles",
    Model.metadata,
    sa.Column(
        "selection_id",
        sa.Integer,
        sa.ForeignKey("selection.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "article_id",
        sa.Integer,
        sa.ForeignKey("article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

promotion_articles = sa.Table(
    "promotion_articles",
    Model.metadata,
    sa.Column(
        "promotion_id",
        sa.Integer,
        sa.ForeignKey("promotion.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "article_id",
        sa.Integer,
        sa.ForeignKey("article.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

promotion_families = sa.Table(
    "promotion_families",
    Model.metadata,
    sa.Column(
        "promotion_id",
        sa.Integer,
        sa.ForeignKey("promotion.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "family_id",
        sa.Integer,
        sa.ForeignKey("family.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

promotion_groups = sa.Table(
    "promotion_groups",
    Model.metadata,
    sa.Column(
        "promotion_id",
        sa.Integer,
        sa.ForeignKey("promotion.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "customer_group_id",
        sa.Integer,
        sa.ForeignKey("customer_group.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)

promotion_customers = sa.Table(
    "promotion_customers",
    Model.metadata,
    sa.Column(
        "promotion_id",
        sa.Integer,
        sa.ForeignKey("promotion.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    sa.Column(
        "customer_id",
        sa.Integer,
        sa.ForeignKey("customer.id", ondelete="CASCADE"),
        primary_key=True,
        index=True,
    ),
)
