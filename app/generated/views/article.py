# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Back-office screen and REST API of articles."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length, NumberRange

from app.backoffice.inputs import choice_label, enum_input, json_input, translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Article

LABELS = {
    "sku": _l("SKU"),
    "name": _l("Name"),
    "description": _l("Description"),
    "status": _l("Status"),
    "family": _l("Family"),
    "base_price": _l("Base price"),
    "vat_rate": _l("VAT rate (%)"),
    "minimum_quantity": _l("Minimum quantity"),
    "weight": _l("Weight (kg)"),
    "ean": _l("EAN / ISBN"),
    "publication_date": _l("Publication date"),
    "photo": _l("Photo"),
    "datasheet": _l("Data sheet"),
    "attributes": _l("Attributes"),
}
DESCRIPTIONS = {
    "attributes": _l('Free properties as a JSON object, for example {"colour": "red"}.')
}
API_LABELS = {"id": _l("Id"), **LABELS, "family.name": LABELS["family"]}


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
    list_columns = ["sku", "name", "family", "status", "base_price"]
    quick_search_columns = ["sku", "name", "ean"]
    search_columns = ["sku", "name", "status", "family"]
    base_order = ("sku", "asc")
    page_size = 50
    add_fieldsets = [
        (
            _l("Article"),
            {
                "fields": [
                    "sku",
                    "name",
                    "description",
                    "status",
                    "family",
                    "base_price",
                    "vat_rate",
                    "minimum_quantity",
                    "weight",
                    "ean",
                    "publication_date",
                    "photo",
                    "datasheet",
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
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            Article.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
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
        "minimum_quantity": [NumberRange(min=1)],
        "weight": [NumberRange(min=Decimal("0"))],
        "ean": [Length(min=8, max=13)],
    }
    formatters_columns = {"status": choice_label(Article.STATUS_CHOICES)}


class ArticleApi(BackOfficeRestApi):
    """REST API of articles: /api/v1/article/"""

    resource_name = "article"
    datamodel = SQLAInterface(Article)
    entity = "article"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "sku", "name", "family.id", "family.name", "status", "base_price"]
    show_columns = [
        "id",
        "sku",
        "name",
        "description",
        "status",
        "family.id",
        "family.name",
        "base_price",
        "vat_rate",
        "minimum_quantity",
        "weight",
        "ean",
        "publication_date",
        "photo",
        "datasheet",
        "attributes",
    ]
    add_columns = [
        "sku",
        "name",
        "description",
        "status",
        "family",
        "base_price",
        "vat_rate",
        "minimum_quantity",
        "weight",
        "ean",
        "publication_date",
        "attributes",
    ]
    edit_columns = add_columns
    search_columns = ["sku", "name", "status", "family"]
    order_columns = ["id", "sku", "name", "status", "base_price"]
    base_order = ("sku", "asc")
    validators_columns = {
        "base_price": validate.Range(min=Decimal("0")),
        "vat_rate": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "minimum_quantity": validate.Range(min=1),
        "weight": validate.Range(min=Decimal("0")),
        "ean": validate.Length(min=8),
    }
