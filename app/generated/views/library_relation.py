# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of library relation codes."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.filters import RowScope
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import LibraryRelation

LABELS = {
    "customer": _l("Customer"),
    "code": _l("Relation code"),
    "name": _l("Name"),
    "is_main_library": _l("Main library"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS, "customer.name": LABELS["customer"]}


class LibraryRelationView(BackOfficeModelView):
    """Library relation codes: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(LibraryRelation)
    entity = "library_relation"
    list_title = _l("Library relation codes")
    show_title = _l("Library relation code")
    add_title = _l("Add: %(entity)s", entity=_l("Library relation code"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Library relation code"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["customer", "code", "name", "is_main_library"]
    quick_search_columns = ["code", "name"]
    search_columns = ["customer", "is_main_library"]
    base_order = ("code", "asc")
    add_fieldsets = [
        (_l("Library relation code"), {"fields": ["customer", "code", "name", "is_main_library"]})
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    base_filters = [["id", RowScope, "library_relation"]]
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class LibraryRelationApi(BackOfficeRestApi):
    """REST API of library relation codes: /api/v1/library_relation/"""

    resource_name = "library_relation"
    datamodel = SQLAInterface(LibraryRelation)
    entity = "library_relation"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "customer.id", "customer.name", "code", "name", "is_main_library"]
    show_columns = ["id", "customer.id", "customer.name", "code", "name", "is_main_library"]
    add_columns = ["customer", "code", "name", "is_main_library"]
    edit_columns = add_columns
    search_columns = ["customer", "is_main_library"]
    order_columns = ["id", "code", "name", "is_main_library"]
    base_order = ("code", "asc")
    base_filters = [["id", RowScope, "library_relation"]]
    add_query_rel_fields = LibraryRelationView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
