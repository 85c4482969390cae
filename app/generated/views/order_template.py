# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of order templates."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.filters import RowScope
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import OrderTemplate

LABELS = {
    "customer": _l("Customer"),
    "name": _l("Name"),
    "contact": _l("Saved by"),
    "lines": _l("Lines"),
}
DESCRIPTIONS = {"contact": _l("Empty for a template the seller made for the customer.")}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "customer.name": LABELS["customer"],
    "contact.first_name": LABELS["contact"],
    "contact.last_name": LABELS["contact"],
}


class OrderTemplateView(BackOfficeModelView):
    """Order templates: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(OrderTemplate)
    entity = "order_template"
    list_title = _l("Order templates")
    show_title = _l("Order template")
    add_title = _l("Add: %(entity)s", entity=_l("Order template"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Order template"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["customer", "name"]
    quick_search_columns = ["name"]
    search_columns = ["customer"]
    base_order = ("name", "asc")
    add_fieldsets = [(_l("Order template"), {"fields": ["customer", "name", "contact"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    base_filters = [["id", RowScope, "order_template"]]
    add_form_query_rel_fields = {
        "customer": [["id", RowScope, "customer"]],
        "contact": [["id", RowScope, "contact"]],
    }
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class OrderTemplateApi(BackOfficeRestApi):
    """REST API of order templates: /api/v1/order_template/"""

    resource_name = "order_template"
    datamodel = SQLAInterface(OrderTemplate)
    entity = "order_template"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "customer.id", "customer.name", "name"]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "name",
        "contact.id",
        "contact.first_name",
        "contact.last_name",
    ]
    add_columns = ["customer", "name", "contact"]
    edit_columns = add_columns
    search_columns = ["customer"]
    order_columns = ["id", "name"]
    base_order = ("name", "asc")
    base_filters = [["id", RowScope, "order_template"]]
    add_query_rel_fields = OrderTemplateView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
