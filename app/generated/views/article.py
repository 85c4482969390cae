# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of articles."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length, NumberRange

from app.backoffice.formatting import date_text, money_text, number_text
from app.backoffice.inputs import choice_label, enum_input, json_input, translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.articles import article_problems
from app.generated.models import Article

LABELS = {
    "sku": _l("SKU"),
    "name": _l("Name"),
    "description": _l("Description"),
    "status": _l("Status"),
    "family": _l("Family"),
    "brand": _l("Brand"),
    "season": _l("Season"),
    "product_type": _l("Product type"),
    "tags": _l("Tags"),
    "base_price": _l("Base price"),
    "vat_rate": _l("VAT rate (%)"),
    "unit": _l("Unit"),
    "pack_size": _l("Pack size"),
    "order_multiple": _l("Order multiple"),
    "minimum_quantity": _l("Minimum quantity"),
    "weight": _l("Weight (kg)"),
    "available_from": _l("Available from"),
    "ean": _l("EAN / ISBN"),
    "publication_date": _l("Publication date"),
    "photo": _l("Photo"),
    "photos": _l("More photos"),
    "datasheet": _l("Data sheet"),
    "parent": _l("Variant of"),
    "variant_label": _l("Variant"),
    "variants": _l("Variants"),
    "related_articles": _l("Related articles"),
    "personalisation_allowed": _l("Free personalisation allowed"),
    "published_online": _l("Published for search engines"),
    "slug": _l("Web address name"),
    "attributes": _l("Attributes"),
}
DESCRIPTIONS = {
    "base_price": _l("Price before VAT when no price list applies."),
    "pack_size": _l("Units in a pack, for customers who order by the pack."),
    "order_multiple": _l("Quantities must be a multiple of this number."),
    "available_from": _l("Before this date the article can be pre-ordered."),
    "variant_label": _l("What sets this variant apart (size, colour, binding...)."),
    "personalisation_allowed": _l(
        "The buyer may add a text (engraving, dedication...) to each line."
    ),
    "slug": _l("Lower-case words joined by hyphens, such as blue-notebook-a5."),
    "attributes": _l('Free properties as a JSON object, for example {"colour": "red"}.'),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "family.name": LABELS["family"],
    "brand.name": LABELS["brand"],
    "season.name": LABELS["season"],
    "product_type.name": LABELS["product_type"],
    "parent.sku": LABELS["parent"],
    "parent.name": LABELS["parent"],
}


class ArticleView(BackOfficeModelView):
    """Articles: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Article)
    entity = "article"
    list_title = _l("Articles")
    show_title = _l("Article")
    add_title = _l("Add: %(entity)s", entity=_l("Article"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Article"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["sku", "name", "family", "brand", "status", "base_price"]
    quick_search_columns = ["sku", "name", "ean"]
    search_columns = ["sku", "name", "status", "family", "brand", "season", "product_type", "tags"]
    base_order = ("sku", "asc")
    page_size = 50
    add_fieldsets = [
        (
            _l("Identity"),
            {"fields": ["sku", "name", "description", "status", "ean", "slug", "published_online"]},
        ),
        (_l("Classification"), {"fields": ["family", "brand", "season", "product_type", "tags"]}),
        (
            _l("Price and quantities"),
            {
                "fields": [
                    "base_price",
                    "vat_rate",
                    "unit",
                    "pack_size",
                    "order_multiple",
                    "minimum_quantity",
                    "weight",
                ]
            },
        ),
        (_l("Dates"), {"fields": ["available_from", "publication_date"]}),
        (_l("Media"), {"fields": ["photo", "datasheet"]}),
        (
            _l("Variants and related articles"),
            {
                "fields": [
                    "parent",
                    "variant_label",
                    "related_articles",
                    "personalisation_allowed",
                    "attributes",
                ]
            },
        ),
        (
            _l("Translations"),
            {
                "fields": [
                    "name_fr",
                    "name_nl",
                    "name_es",
                    "name_de",
                    "description_fr",
                    "description_nl",
                    "description_es",
                    "description_de",
                ]
            },
        ),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (article_problems,)
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            Article.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "unit": enum_input(
            LABELS["unit"],
            Article.UNIT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("unit", ""),
        ),
        "attributes": json_input(
            LABELS["attributes"], required=False, description=DESCRIPTIONS.get("attributes", "")
        ),
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=200),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=200),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=200),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=200),
        "description_fr": translation_input(
            LABELS["description"], "fr", multiline=True, max_length=None
        ),
        "description_nl": translation_input(
            LABELS["description"], "nl", multiline=True, max_length=None
        ),
        "description_es": translation_input(
            LABELS["description"], "es", multiline=True, max_length=None
        ),
        "description_de": translation_input(
            LABELS["description"], "de", multiline=True, max_length=None
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "base_price": [NumberRange(min=Decimal("0"))],
        "vat_rate": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "pack_size": [NumberRange(min=1)],
        "order_multiple": [NumberRange(min=1)],
        "minimum_quantity": [NumberRange(min=1)],
        "weight": [NumberRange(min=Decimal("0"))],
        "ean": [Length(min=8, max=13)],
    }
    formatters_columns = {
        "status": choice_label(Article.STATUS_CHOICES),
        "base_price": money_text,
        "vat_rate": number_text,
        "unit": choice_label(Article.UNIT_CHOICES),
        "weight": number_text,
        "available_from": date_text,
        "publication_date": date_text,
    }


class ArticleApi(BackOfficeRestApi):
    """REST API of articles: /api/v1/article/"""

    resource_name = "article"
    datamodel = SQLAInterface(Article)
    entity = "article"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "sku",
        "name",
        "family.id",
        "family.name",
        "brand.id",
        "brand.name",
        "status",
        "base_price",
    ]
    show_columns = [
        "id",
        "sku",
        "name",
        "description",
        "status",
        "family.id",
        "family.name",
        "brand.id",
        "brand.name",
        "season.id",
        "season.name",
        "product_type.id",
        "product_type.name",
        "base_price",
        "vat_rate",
        "unit",
        "pack_size",
        "order_multiple",
        "minimum_quantity",
        "weight",
        "available_from",
        "ean",
        "publication_date",
        "photo",
        "datasheet",
        "parent.id",
        "parent.sku",
        "parent.name",
        "variant_label",
        "personalisation_allowed",
        "published_online",
        "slug",
        "attributes",
    ]
    add_columns = [
        "sku",
        "name",
        "description",
        "status",
        "family",
        "brand",
        "season",
        "product_type",
        "tags",
        "base_price",
        "vat_rate",
        "unit",
        "pack_size",
        "order_multiple",
        "minimum_quantity",
        "weight",
        "available_from",
        "ean",
        "publication_date",
        "parent",
        "variant_label",
        "related_articles",
        "personalisation_allowed",
        "published_online",
        "slug",
        "attributes",
    ]
    edit_columns = add_columns
    search_columns = ["sku", "name", "status", "family", "brand", "season", "product_type", "tags"]
    order_columns = ["id", "sku", "name", "status", "base_price"]
    base_order = ("sku", "asc")
    validators_columns = {
        "base_price": validate.Range(min=Decimal("0")),
        "vat_rate": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "pack_size": validate.Range(min=1),
        "order_multiple": validate.Range(min=1),
        "minimum_quantity": validate.Range(min=1),
        "weight": validate.Range(min=Decimal("0")),
        "ean": validate.Length(min=8),
    }
    record_checks = ArticleView.record_checks
