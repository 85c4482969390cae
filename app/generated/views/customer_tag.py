# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of customer tags."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.filters import RowScope
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import CustomerTag

LABELS = {"name": _l("Name"), "colour": _l("Colour"), "customers": _l("Customers")}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class CustomerTagView(BackOfficeModelView):
    """Customer tags: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(CustomerTag)
    entity = "customer_tag"
    list_title = _l("Customer tags")
    show_title = _l("Customer tag")
    add_title = _l("Add: %(entity)s", entity=_l("Customer tag"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Customer tag"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["name", "colour"]
    quick_search_columns = ["name"]
    search_columns = ["name", "colour"]
    base_order = ("name", "asc")
    add_fieldsets = [(_l("Customer tag"), {"fields": ["name", "colour", "customers"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_query_rel_fields = {"customers": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class CustomerTagApi(BackOfficeRestApi):
    """REST API of customer tags: /api/v1/customer_tag/"""

    resource_name = "customer_tag"
    datamodel = SQLAInterface(CustomerTag)
    entity = "customer_tag"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "name", "colour"]
    show_columns = ["id", "name", "colour"]
    add_columns = ["name", "colour", "customers"]
    edit_columns = add_columns
    search_columns = ["name", "colour"]
    order_columns = ["id", "name", "colour"]
    base_order = ("name", "asc")
    add_query_rel_fields = CustomerTagView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
