# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of order lines."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import money_text, number_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import OrderLine

LABELS = {
    "order": _l("Order"),
    "article": _l("Article"),
    "sku": _l("SKU"),
    "description": _l("Description"),
    "quantity": _l("Quantity"),
    "unit_price": _l("Unit price"),
    "discount_percent": _l("Discount (%)"),
    "vat_rate": _l("VAT rate (%)"),
    "line_total": _l("Line total before VAT"),
    "line_reference": _l("Line reference"),
    "budget_code": _l("Budget code"),
    "library_relation_code": _l("Library relation code"),
    "personalisation": _l("Personalisation"),
    "reserved_quantity": _l("Units reserved"),
    "budget_charge": _l("Charged to the budget"),
}
DESCRIPTIONS = {
    "line_total": _l("Quantity times unit price, less the discount."),
    "reserved_quantity": _l(
        "Taken from the warehouse's stock when the order was placed; given back if it is cancelled."
    ),
    "budget_charge": _l(
        "What the line took from its library budget when the order was placed; given back if it is cancelled."
    ),
}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "order.number": LABELS["order"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class OrderLineView(BackOfficeModelView):
    """Order lines: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(OrderLine)
    entity = "order_line"
    list_title = _l("Order lines")
    show_title = _l("Order line")
    add_title = _l("Add: %(entity)s", entity=_l("Order line"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Order line"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "order",
        "sku",
        "description",
        "quantity",
        "unit_price",
        "discount_percent",
        "line_total",
    ]
    quick_search_columns = ["sku", "description", "line_reference"]
    search_columns = ["order", "article", "budget_code"]
    page_size = 100
    add_fieldsets = [
        (
            _l("Order line"),
            {
                "fields": [
                    "order",
                    "article",
                    "sku",
                    "description",
                    "quantity",
                    "unit_price",
                    "discount_percent",
                    "vat_rate",
                    "line_reference",
                    "budget_code",
                    "library_relation_code",
                    "personalisation",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Order line"),
            {
                "fields": [
                    "order",
                    "article",
                    "sku",
                    "description",
                    "quantity",
                    "unit_price",
                    "discount_percent",
                    "vat_rate",
                    "line_total",
                    "line_reference",
                    "budget_code",
                    "library_relation_code",
                    "personalisation",
                    "reserved_quantity",
                    "budget_charge",
                ]
            },
        )
    ]
    validators_columns = {
        "quantity": [NumberRange(min=1)],
        "unit_price": [NumberRange(min=Decimal("0"))],
        "discount_percent": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "vat_rate": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "reserved_quantity": [NumberRange(min=0)],
        "budget_charge": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {
        "unit_price": money_text,
        "discount_percent": number_text,
        "vat_rate": number_text,
        "line_total": money_text,
        "budget_charge": money_text,
    }
    base_filters = [["id", RowScope, "order_line"]]
    add_form_query_rel_fields = {"order": [["id", RowScope, "sales_order"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class OrderLineApi(BackOfficeRestApi):
    """REST API of order lines: /api/v1/order_line/"""

    resource_name = "order_line"
    datamodel = SQLAInterface(OrderLine)
    entity = "order_line"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "order.id",
        "order.number",
        "sku",
        "description",
        "quantity",
        "unit_price",
        "discount_percent",
        "line_total",
    ]
    show_columns = [
        "id",
        "order.id",
        "order.number",
        "article.id",
        "article.sku",
        "article.name",
        "sku",
        "description",
        "quantity",
        "unit_price",
        "discount_percent",
        "vat_rate",
        "line_total",
        "line_reference",
        "budget_code",
        "library_relation_code",
        "personalisation",
        "reserved_quantity",
        "budget_charge",
    ]
    add_columns = [
        "order",
        "article",
        "sku",
        "description",
        "quantity",
        "unit_price",
        "discount_percent",
        "vat_rate",
        "line_reference",
        "budget_code",
        "library_relation_code",
        "personalisation",
    ]
    edit_columns = add_columns
    search_columns = ["order", "article", "budget_code"]
    order_columns = [
        "id",
        "sku",
        "description",
        "quantity",
        "unit_price",
        "discount_percent",
        "line_total",
    ]
    validators_columns = {
        "quantity": validate.Range(min=1),
        "unit_price": validate.Range(min=Decimal("0")),
        "discount_percent": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "vat_rate": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "reserved_quantity": validate.Range(min=0),
        "budget_charge": validate.Range(min=Decimal("0")),
    }
    base_filters = [["id", RowScope, "order_line"]]
    add_query_rel_fields = OrderLineView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
