# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of shipping rules."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import money_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.delivery import shipping_rule_problems
from app.generated.models import ShippingRule

LABELS = {
    "name": _l("Name"),
    "group": _l("Customer group"),
    "customer": _l("Customer"),
    "warehouse": _l("Warehouse"),
    "fee": _l("Shipping fee"),
    "franco_threshold": _l("Franco threshold"),
    "show_franco_without_fee": _l("Show the franco threshold without the fee"),
    "minimum_order": _l("Minimum order amount"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "group.name": LABELS["group"],
    "customer.name": LABELS["customer"],
    "warehouse.name": LABELS["warehouse"],
}


class ShippingRuleView(BackOfficeModelView):
    """Shipping rules: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(ShippingRule)
    entity = "shipping_rule"
    list_title = _l("Shipping rules")
    show_title = _l("Shipping rule")
    add_title = _l("Add: %(entity)s", entity=_l("Shipping rule"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Shipping rule"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "name",
        "group",
        "customer",
        "warehouse",
        "fee",
        "franco_threshold",
        "minimum_order",
    ]
    quick_search_columns = ["name"]
    search_columns = ["group", "customer", "warehouse"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Shipping rule"),
            {
                "fields": [
                    "name",
                    "group",
                    "customer",
                    "warehouse",
                    "fee",
                    "franco_threshold",
                    "show_franco_without_fee",
                    "minimum_order",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (shipping_rule_problems,)
    validators_columns = {
        "fee": [NumberRange(min=Decimal("0"))],
        "franco_threshold": [NumberRange(min=Decimal("0"))],
        "minimum_order": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {
        "fee": money_text,
        "franco_threshold": money_text,
        "minimum_order": money_text,
    }
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class ShippingRuleApi(BackOfficeRestApi):
    """REST API of shipping rules: /api/v1/shipping_rule/"""

    resource_name = "shipping_rule"
    datamodel = SQLAInterface(ShippingRule)
    entity = "shipping_rule"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "warehouse.id",
        "warehouse.name",
        "fee",
        "franco_threshold",
        "minimum_order",
    ]
    show_columns = [
        "id",
        "name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "warehouse.id",
        "warehouse.name",
        "fee",
        "franco_threshold",
        "show_franco_without_fee",
        "minimum_order",
    ]
    add_columns = [
        "name",
        "group",
        "customer",
        "warehouse",
        "fee",
        "franco_threshold",
        "show_franco_without_fee",
        "minimum_order",
    ]
    edit_columns = add_columns
    search_columns = ["group", "customer", "warehouse"]
    order_columns = ["id", "name", "fee", "franco_threshold", "minimum_order"]
    base_order = ("name", "asc")
    validators_columns = {
        "fee": validate.Range(min=Decimal("0")),
        "franco_threshold": validate.Range(min=Decimal("0")),
        "minimum_order": validate.Range(min=Decimal("0")),
    }
    record_checks = ShippingRuleView.record_checks
    add_query_rel_fields = ShippingRuleView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
