# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of customer groups."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length, NumberRange

from app.backoffice.formatting import money_text
from app.backoffice.inputs import choice_label, enum_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import CustomerGroup

LABELS = {
    "name": _l("Name"),
    "description": _l("Description"),
    "price_level": _l("Price level"),
    "catalogues": _l("Catalogues"),
    "pay_after_delivery": _l("Payment after delivery allowed"),
    "pay_on_invoice": _l("Payment on invoice allowed"),
    "payment_days": _l("Payment terms (days)"),
    "minimum_order": _l("Minimum order amount"),
    "franco_threshold": _l("Franco threshold"),
    "shipping_fee": _l("Shipping fee"),
    "order_unit": _l("Order unit"),
    "hide_prices": _l("Hide prices"),
    "vat_exempt": _l("VAT exempt"),
    "customers": _l("Customers"),
}
DESCRIPTIONS = {
    "minimum_order": _l("Orders below this amount, before VAT, cannot be placed."),
    "franco_threshold": _l("From this order amount, before VAT, shipping is free."),
}
API_LABELS = {"id": _l("Id"), **LABELS, "price_level.name": LABELS["price_level"]}


class CustomerGroupView(BackOfficeModelView):
    """Customer groups: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(CustomerGroup)
    entity = "customer_group"
    list_title = _l("Customer groups")
    show_title = _l("Customer group")
    add_title = _l("Add: %(entity)s", entity=_l("Customer group"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Customer group"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "name",
        "price_level",
        "minimum_order",
        "franco_threshold",
        "hide_prices",
        "vat_exempt",
    ]
    quick_search_columns = ["name"]
    search_columns = ["name", "price_level", "hide_prices", "vat_exempt"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (
            _l("Customer group"),
            {
                "fields": [
                    "name",
                    "description",
                    "price_level",
                    "catalogues",
                    "pay_after_delivery",
                    "pay_on_invoice",
                    "payment_days",
                    "minimum_order",
                    "franco_threshold",
                    "shipping_fee",
                    "order_unit",
                    "hide_prices",
                    "vat_exempt",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "order_unit": enum_input(
            LABELS["order_unit"],
            CustomerGroup.ORDER_UNIT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("order_unit", ""),
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "description": [Length(max=2000)],
        "payment_days": [NumberRange(min=0, max=365)],
        "minimum_order": [NumberRange(min=Decimal("0"))],
        "franco_threshold": [NumberRange(min=Decimal("0"))],
        "shipping_fee": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {
        "minimum_order": money_text,
        "franco_threshold": money_text,
        "shipping_fee": money_text,
        "order_unit": choice_label(CustomerGroup.ORDER_UNIT_CHOICES),
    }


class CustomerGroupApi(BackOfficeRestApi):
    """REST API of customer groups: /api/v1/customer_group/"""

    resource_name = "customer_group"
    datamodel = SQLAInterface(CustomerGroup)
    entity = "customer_group"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "name",
        "price_level.id",
        "price_level.name",
        "minimum_order",
        "franco_threshold",
        "hide_prices",
        "vat_exempt",
    ]
    show_columns = [
        "id",
        "name",
        "description",
        "price_level.id",
        "price_level.name",
        "pay_after_delivery",
        "pay_on_invoice",
        "payment_days",
        "minimum_order",
        "franco_threshold",
        "shipping_fee",
        "order_unit",
        "hide_prices",
        "vat_exempt",
    ]
    add_columns = [
        "name",
        "description",
        "price_level",
        "catalogues",
        "pay_after_delivery",
        "pay_on_invoice",
        "payment_days",
        "minimum_order",
        "franco_threshold",
        "shipping_fee",
        "order_unit",
        "hide_prices",
        "vat_exempt",
    ]
    edit_columns = add_columns
    search_columns = ["name", "price_level", "hide_prices", "vat_exempt"]
    order_columns = ["id", "name", "minimum_order", "franco_threshold", "hide_prices", "vat_exempt"]
    base_order = ("name", "asc")
    validators_columns = {
        "description": validate.Length(max=2000),
        "payment_days": validate.Range(min=0, max=365),
        "minimum_order": validate.Range(min=Decimal("0")),
        "franco_threshold": validate.Range(min=Decimal("0")),
        "shipping_fee": validate.Range(min=Decimal("0")),
    }
