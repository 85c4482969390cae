# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of warehouses."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.api_validators import country_code
from app.backoffice.filters import RowScope
from app.backoffice.formatting import money_text
from app.backoffice.inputs import country_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Warehouse

LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "city": _l("City"),
    "country": _l("Country"),
    "default_shipping_fee": _l("Default shipping fee"),
    "stock_levels": _l("Stock levels"),
    "customers": _l("Customers"),
    "allowed_customers": _l("Customers allowed"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class WarehouseView(BackOfficeModelView):
    """Warehouses: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Warehouse)
    entity = "warehouse"
    list_title = _l("Warehouses")
    show_title = _l("Warehouse")
    add_title = _l("Add: %(entity)s", entity=_l("Warehouse"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Warehouse"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "city", "country", "default_shipping_fee"]
    quick_search_columns = ["code", "name", "city"]
    search_columns = ["code", "name", "city", "country", "default_shipping_fee"]
    base_order = ("code", "asc")
    add_fieldsets = [
        (
            _l("Warehouse"),
            {
                "fields": [
                    "code",
                    "name",
                    "city",
                    "country",
                    "default_shipping_fee",
                    "allowed_customers",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "country": country_input(
            LABELS["country"], required=True, description=DESCRIPTIONS.get("country", "")
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"default_shipping_fee": [NumberRange(min=Decimal("0"))]}
    formatters_columns = {"default_shipping_fee": money_text}
    add_form_query_rel_fields = {"allowed_customers": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class WarehouseApi(BackOfficeRestApi):
    """REST API of warehouses: /api/v1/warehouse/"""

    resource_name = "warehouse"
    datamodel = SQLAInterface(Warehouse)
    entity = "warehouse"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "code", "name", "city", "country", "default_shipping_fee"]
    show_columns = ["id", "code", "name", "city", "country", "default_shipping_fee"]
    add_columns = ["code", "name", "city", "country", "default_shipping_fee", "allowed_customers"]
    edit_columns = add_columns
    search_columns = ["code", "name", "city", "country", "default_shipping_fee"]
    order_columns = ["id", "code", "name", "city", "country", "default_shipping_fee"]
    base_order = ("code", "asc")
    validators_columns = {
        "country": country_code,
        "default_shipping_fee": validate.Range(min=Decimal("0")),
    }
    add_query_rel_fields = WarehouseView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
