# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of price levels."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.inputs import translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import PriceLevel

LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "position": _l("Position"),
    "groups": _l("Customer groups"),
    "customers": _l("Customers"),
    "price_lists": _l("Price lists"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class PriceLevelView(BackOfficeModelView):
    """Price levels: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(PriceLevel)
    entity = "price_level"
    list_title = _l("Price levels")
    show_title = _l("Price level")
    add_title = _l("Add: %(entity)s", entity=_l("Price level"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Price level"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "position"]
    quick_search_columns = ["code", "name"]
    search_columns = ["code", "name", "position"]
    base_order = ("position", "asc")
    add_fieldsets = [
        (_l("Price level"), {"fields": ["code", "name", "position"]}),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=100),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=100),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=100),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=100),
    }
    edit_form_extra_fields = add_form_extra_fields


class PriceLevelApi(BackOfficeRestApi):
    """REST API of price levels: /api/v1/price_level/"""

    resource_name = "price_level"
    datamodel = SQLAInterface(PriceLevel)
    entity = "price_level"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "code", "name", "position"]
    show_columns = ["id", "code", "name", "position"]
    add_columns = ["code", "name", "position"]
    edit_columns = add_columns
    search_columns = ["code", "name", "position"]
    order_columns = ["id", "code", "name", "position"]
    base_order = ("position", "asc")
