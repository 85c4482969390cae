# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of order discounts."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text, money_text, number_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.prices import order_discount_problems
from app.generated.models import OrderDiscount

LABELS = {
    "name": _l("Name"),
    "group": _l("Customer group"),
    "customer": _l("Customer"),
    "min_total": _l("From order total"),
    "percentage": _l("Discount (%)"),
    "valid_from": _l("Valid from"),
    "valid_to": _l("Valid until"),
}
DESCRIPTIONS = {"min_total": _l("Order amount before VAT from which the discount applies.")}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "group.name": LABELS["group"],
    "customer.name": LABELS["customer"],
}


class OrderDiscountView(BackOfficeModelView):
    """Order discounts: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(OrderDiscount)
    entity = "order_discount"
    list_title = _l("Order discounts")
    show_title = _l("Order discount")
    add_title = _l("Add: %(entity)s", entity=_l("Order discount"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Order discount"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "name",
        "group",
        "customer",
        "min_total",
        "percentage",
        "valid_from",
        "valid_to",
    ]
    quick_search_columns = ["name"]
    search_columns = ["group", "customer"]
    base_order = ("min_total", "asc")
    add_fieldsets = [
        (
            _l("Order discount"),
            {
                "fields": [
                    "name",
                    "group",
                    "customer",
                    "min_total",
                    "percentage",
                    "valid_from",
                    "valid_to",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (order_discount_problems,)
    validators_columns = {
        "min_total": [NumberRange(min=Decimal("0"))],
        "percentage": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
    }
    formatters_columns = {
        "min_total": money_text,
        "percentage": number_text,
        "valid_from": date_text,
        "valid_to": date_text,
    }
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class OrderDiscountApi(BackOfficeRestApi):
    """REST API of order discounts: /api/v1/order_discount/"""

    resource_name = "order_discount"
    datamodel = SQLAInterface(OrderDiscount)
    entity = "order_discount"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "min_total",
        "percentage",
        "valid_from",
        "valid_to",
    ]
    show_columns = [
        "id",
        "name",
        "group.id",
        "group.name",
        "customer.id",
        "customer.name",
        "min_total",
        "percentage",
        "valid_from",
        "valid_to",
    ]
    add_columns = ["name", "group", "customer", "min_total", "percentage", "valid_from", "valid_to"]
    edit_columns = add_columns
    search_columns = ["group", "customer"]
    order_columns = ["id", "name", "min_total", "percentage", "valid_from", "valid_to"]
    base_order = ("min_total", "asc")
    validators_columns = {
        "min_total": validate.Range(min=Decimal("0")),
        "percentage": validate.Range(min=Decimal("0"), max=Decimal("100")),
    }
    record_checks = OrderDiscountView.record_checks
    add_query_rel_fields = OrderDiscountView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
