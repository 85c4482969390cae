# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of library budgets."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import date_text, money_text, number_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import LibraryBudget

LABELS = {
    "customer": _l("Customer"),
    "code": _l("Budget code"),
    "name": _l("Name"),
    "total": _l("Total"),
    "remaining": _l("Remaining"),
    "default_discount": _l("Default discount (%)"),
    "fixed_price_discount": _l("Fixed-price discount (%)"),
    "fixed_price_months": _l("Fixed-price period (months)"),
    "valid_from": _l("Valid from"),
    "valid_to": _l("Valid until"),
}
DESCRIPTIONS = {
    "fixed_price_discount": _l(
        "Discount while a book is within its fixed-price period (book price laws)."
    ),
    "fixed_price_months": _l(
        "Months from the publication date during which the fixed-price discount applies."
    ),
}
API_LABELS = {"id": _l("Id"), **LABELS, "customer.name": LABELS["customer"]}


class LibraryBudgetView(BackOfficeModelView):
    """Library budgets: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(LibraryBudget)
    entity = "library_budget"
    list_title = _l("Library budgets")
    show_title = _l("Library budget")
    add_title = _l("Add: %(entity)s", entity=_l("Library budget"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Library budget"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "customer",
        "code",
        "name",
        "total",
        "remaining",
        "default_discount",
        "fixed_price_discount",
    ]
    quick_search_columns = ["code", "name"]
    search_columns = ["customer", "code"]
    base_order = ("code", "asc")
    add_fieldsets = [
        (
            _l("Library budget"),
            {
                "fields": [
                    "customer",
                    "code",
                    "name",
                    "total",
                    "remaining",
                    "default_discount",
                    "fixed_price_discount",
                    "fixed_price_months",
                    "valid_from",
                    "valid_to",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    validators_columns = {
        "total": [NumberRange(min=Decimal("0"))],
        "default_discount": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "fixed_price_discount": [NumberRange(min=Decimal("0"), max=Decimal("100"))],
        "fixed_price_months": [NumberRange(min=0, max=240)],
    }
    formatters_columns = {
        "total": money_text,
        "remaining": money_text,
        "default_discount": number_text,
        "fixed_price_discount": number_text,
        "valid_from": date_text,
        "valid_to": date_text,
    }
    base_filters = [["id", RowScope, "library_budget"]]
    add_form_query_rel_fields = {"customer": [["id", RowScope, "customer"]]}
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields


class LibraryBudgetApi(BackOfficeRestApi):
    """REST API of library budgets: /api/v1/library_budget/"""

    resource_name = "library_budget"
    datamodel = SQLAInterface(LibraryBudget)
    entity = "library_budget"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "customer.id",
        "customer.name",
        "code",
        "name",
        "total",
        "remaining",
        "default_discount",
        "fixed_price_discount",
    ]
    show_columns = [
        "id",
        "customer.id",
        "customer.name",
        "code",
        "name",
        "total",
        "remaining",
        "default_discount",
        "fixed_price_discount",
        "fixed_price_months",
        "valid_from",
        "valid_to",
    ]
    add_columns = [
        "customer",
        "code",
        "name",
        "total",
        "remaining",
        "default_discount",
        "fixed_price_discount",
        "fixed_price_months",
        "valid_from",
        "valid_to",
    ]
    edit_columns = add_columns
    search_columns = ["customer", "code"]
    order_columns = [
        "id",
        "code",
        "name",
        "total",
        "remaining",
        "default_discount",
        "fixed_price_discount",
    ]
    base_order = ("code", "asc")
    validators_columns = {
        "total": validate.Range(min=Decimal("0")),
        "default_discount": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "fixed_price_discount": validate.Range(min=Decimal("0"), max=Decimal("100")),
        "fixed_price_months": validate.Range(min=0, max=240),
    }
    base_filters = [["id", RowScope, "library_budget"]]
    add_query_rel_fields = LibraryBudgetView.add_form_query_rel_fields
    edit_query_rel_fields = add_query_rel_fields
