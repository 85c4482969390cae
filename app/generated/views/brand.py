# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of brands."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Brand

LABELS = {"name": _l("Name"), "logo": _l("Logo"), "articles": _l("Articles")}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class BrandView(BackOfficeModelView):
    """Brands: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Brand)
    entity = "brand"
    list_title = _l("Brands")
    show_title = _l("Brand")
    add_title = _l("Add: %(entity)s", entity=_l("Brand"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Brand"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["name"]
    quick_search_columns = ["name"]
    search_columns = ["name"]
    base_order = ("name", "asc")
    add_fieldsets = [(_l("Brand"), {"fields": ["name", "logo"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets


class BrandApi(BackOfficeRestApi):
    """REST API of brands: /api/v1/brand/"""

    resource_name = "brand"
    datamodel = SQLAInterface(Brand)
    entity = "brand"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "name"]
    show_columns = ["id", "name", "logo"]
    add_columns = ["name"]
    edit_columns = add_columns
    search_columns = ["name"]
    order_columns = ["id", "name"]
    base_order = ("name", "asc")
