# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of product types."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.inputs import translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import ProductType

LABELS = {"code": _l("Code"), "name": _l("Name"), "articles": _l("Articles")}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class ProductTypeView(BackOfficeModelView):
    """Product types: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(ProductType)
    entity = "product_type"
    list_title = _l("Product types")
    show_title = _l("Product type")
    add_title = _l("Add: %(entity)s", entity=_l("Product type"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Product type"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name"]
    quick_search_columns = ["code", "name"]
    search_columns = ["code", "name"]
    base_order = ("code", "asc")
    add_fieldsets = [
        (_l("Product type"), {"fields": ["code", "name"]}),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=80),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=80),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=80),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=80),
    }
    edit_form_extra_fields = add_form_extra_fields


class ProductTypeApi(BackOfficeRestApi):
    """REST API of product types: /api/v1/product_type/"""

    resource_name = "product_type"
    datamodel = SQLAInterface(ProductType)
    entity = "product_type"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "code", "name"]
    show_columns = ["id", "code", "name"]
    add_columns = ["code", "name"]
    edit_columns = add_columns
    search_columns = ["code", "name"]
    order_columns = ["id", "code", "name"]
    base_order = ("code", "asc")
