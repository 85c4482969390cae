# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of price lists."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.prices import price_list_problems
from app.generated.models import PriceList

LABELS = {
    "name": _l("Name"),
    "price_level": _l("Price level"),
    "group": _l("Customer group"),
    "customer": _l("Customer"),
    "valid_from": _l("Valid from"),
    "valid_to": _l("Valid until"),
    "priority": _l("Priority"),
    "prices": _l("Prices"),
}
DESCRIPTIONS = {
    "priority": _l("When several lists of the same kind apply, the highest priority wins.")
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "price_level.name": LABELS["price_level"],
    "group.name": LABELS["group"],
    "customer.name": LABELS["customer"],
}


class PriceListView(BackOfficeModelView):
    """Price lists: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(PriceList)
    entity = "price_list"
    list_title = _l("Price lists")
    show_title = _l("Price list")
    add_title = _l("Add: %(entity)s", entity=_l("Price list"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Price list"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "name",
        "price_level",
        "group",
        "customer",
        "valid_from",
        "valid_to",
        "priority",
    ]
    quick_search_columns = ["name"]
    search_columns = ["price_level", "group", "customer", "valid_from", "valid_to"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Price list"),
            {
                "fields": [
                    "name",
                    "price_level",
                    "group",
                    "customer",
                    "valid_from",
                    "valid_to",
                    "priority",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (price_list_problems,)
    formatters_columns = {"valid_from": date_text, "valid_to": date_text}
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class PriceListApi(BackOfficeRestApi):
    """REST API of price lists: /api/v1/price_list/"""

    resource_name = "price_list"
    datamodel = SQLAInterface(PriceList)
    entity = "price_list"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "name",
        "price_level.id",
        "price_level.name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "valid_from",
        "valid_to",
        "priority",
    ]
    show_columns = [
        "id",
        "name",
        "price_level.id",
        "price_level.name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "valid_from",
        "valid_to",
        "priority",
    ]
    add_columns = ["name", "price_level", "group", "customer", "valid_from", "valid_to", "priority"]
    edit_columns = add_columns
    search_columns = ["price_level", "group", "customer", "valid_from", "valid_to"]
    order_columns = ["id", "name", "valid_from", "valid_to", "priority"]
    base_order = ("name", "asc")
    record_checks = PriceListView.record_checks
    add_query_rel_fields = PriceListView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
