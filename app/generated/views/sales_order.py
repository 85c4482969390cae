# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of orders."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length, NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text, datetime_text, money_text, number_text
from app.backoffice.inputs import choice_label, enum_input
from app.backoffice.orders import OrderDeskView
from app.backoffice.views import BackOfficeRestApi
from app.generated.models import SalesOrder

LABELS = {
    "number": _l("Order number"),
    "customer": _l("Customer"),
    "contact": _l("Placed by"),
    "status": _l("Status"),
    "placed_at": _l("Placed on"),
    "reference": _l("Order reference"),
    "cost_centre": _l("Cost centre"),
    "requested_delivery_date": _l("Requested delivery date"),
    "shipping_address": _l("Shipping address"),
    "billing_address": _l("Billing address"),
    "warehouse": _l("Warehouse"),
    "payment_method": _l("Payment method"),
    "shipping_fee": _l("Shipping fee"),
    "discount_total": _l("Discounts"),
    "net_total": _l("Total before VAT"),
    "vat_total": _l("VAT"),
    "gross_total": _l("Total including VAT"),
    "weight": _l("Weight (kg)"),
    "customer_note": _l("Customer's note"),
    "checkout_key": _l("Checkout key"),
    "internal_note": _l("Internal note"),
    "lines": _l("Lines"),
}
DESCRIPTIONS = {
    "number": _l("Given when the order is saved, such as 2026-000124."),
    "checkout_key": _l(
        "Set by the portal's checkout form, so that a form sent twice places one order."
    ),
    "internal_note": _l("Seen by staff only."),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "customer.name": LABELS["customer"],
    "contact.first_name": LABELS["contact"],
    "contact.last_name": LABELS["contact"],
    "warehouse.name": LABELS["warehouse"],
}


class SalesOrderView(OrderDeskView):
    """Orders: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(SalesOrder)
    entity = "sales_order"
    list_title = _l("Orders")
    show_title = _l("Order")
    add_title = _l("Add: %(entity)s", entity=_l("Order"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Order"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["number", "placed_at", "customer", "reference", "status", "gross_total"]
    quick_search_columns = ["number", "reference", "cost_centre"]
    search_columns = [
        "number",
        "status",
        "customer",
        "placed_at",
        "requested_delivery_date",
        "payment_method",
    ]
    base_order = ("placed_at", "desc")
    add_fieldsets = [
        (_l("Order"), {"fields": ["customer", "contact", "reference", "cost_centre"]}),
        (_l("Delivery"), {"fields": ["shipping_address", "billing_address", "payment_method"]}),
        (_l("Notes"), {"fields": ["internal_note"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Order"),
            {
                "fields": [
                    "number",
                    "customer",
                    "contact",
                    "status",
                    "placed_at",
                    "reference",
                    "cost_centre",
                ]
            },
        ),
        (
            _l("Delivery"),
            {
                "fields": [
                    "requested_delivery_date",
                    "shipping_address",
                    "billing_address",
                    "warehouse",
                    "payment_method",
                ]
            },
        ),
        (
            _l("Totals"),
            {
                "fields": [
                    "shipping_fee",
                    "discount_total",
                    "net_total",
                    "vat_total",
                    "gross_total",
                    "weight",
                ]
            },
        ),
        (_l("Notes"), {"fields": ["customer_note", "internal_note"]}),
        (_l("Other"), {"fields": ["checkout_key"]}),
    ]
    add_form_extra_fields = {
        "status": enum_input(
            LABELS["status"],
            SalesOrder.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "payment_method": enum_input(
            LABELS["payment_method"],
            SalesOrder.PAYMENT_METHOD_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("payment_method", ""),
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {
        "shipping_address": [Length(max=1000)],
        "billing_address": [Length(max=1000)],
        "shipping_fee": [NumberRange(min=Decimal("0"))],
        "customer_note": [Length(max=2000)],
        "internal_note": [Length(max=4000)],
    }
    formatters_columns = {
        "status": choice_label(SalesOrder.STATUS_CHOICES),
        "placed_at": datetime_text,
        "requested_delivery_date": date_text,
        "payment_method": choice_label(SalesOrder.PAYMENT_METHOD_CHOICES),
        "shipping_fee": money_text,
        "discount_total": money_text,
        "net_total": money_text,
        "vat_total": money_text,
        "gross_total": money_text,
        "weight": number_text,
    }
    base_filters = [["id", RowScope, "sales_order"]]
    add_form_query_rel_fields = {
        "customer": [["id", RowScope, "customer"]],
        "contact": [["id", RowScope, "contact"]],
    }
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class SalesOrderApi(BackOfficeRestApi):
    """REST API of orders: /api/v1/sales_order/"""

    resource_name = "sales_order"
    datamodel = SQLAInterface(SalesOrder)
    entity = "sales_order"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "number",
        "placed_at",
        "customer.id",
        "customer.name",
        "reference",
        "status",
        "gross_total",
    ]
    show_columns = [
        "id",
        "number",
        "customer.id",
        "customer.name",
        "contact.id",
        "contact.first_name",
        "contact.last_name",
        "status",
        "placed_at",
        "reference",
        "cost_centre",
        "requested_delivery_date",
        "shipping_address",
        "billing_address",
        "warehouse.id",
        "warehouse.name",
        "payment_method",
        "shipping_fee",
        "discount_total",
        "net_total",
        "vat_total",
        "gross_total",
        "weight",
        "customer_note",
        "checkout_key",
        "internal_note",
    ]
    add_columns = [
        "customer",
        "contact",
        "reference",
        "cost_centre",
        "shipping_address",
        "billing_address",
        "payment_method",
        "internal_note",
    ]
    edit_columns = add_columns
    search_columns = [
        "number",
        "status",
        "customer",
        "placed_at",
        "requested_delivery_date",
        "payment_method",
    ]
    order_columns = ["id", "number", "placed_at", "reference", "status", "gross_total"]
    base_order = ("placed_at", "desc")
    validators_columns = {
        "shipping_address": validate.Length(max=1000),
        "billing_address": validate.Length(max=1000),
        "shipping_fee": validate.Range(min=Decimal("0")),
        "customer_note": validate.Length(max=2000),
        "internal_note": validate.Length(max=4000),
    }
    base_filters = [["id", RowScope, "sales_order"]]
    add_query_rel_fields = SalesOrderView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
