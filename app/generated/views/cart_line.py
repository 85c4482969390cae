# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of cart lines."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import NumberRange

from app.backoffice.filters import RowScope
from app.backoffice.formatting import datetime_text
from app.backoffice.views import BackOfficeModelView
from app.generated.models import CartLine

LABELS = {
    "contact": _l("Contact"),
    "customer": _l("Customer"),
    "article": _l("Article"),
    "quantity": _l("Quantity"),
    "line_reference": _l("Line reference"),
    "budget_code": _l("Budget code"),
    "library_relation_code": _l("Library relation code"),
    "personalisation": _l("Personalisation"),
    "added_at": _l("Added on"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "contact.first_name": LABELS["contact"],
    "contact.last_name": LABELS["contact"],
    "customer.name": LABELS["customer"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class CartLineView(BackOfficeModelView):
    """Cart lines: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(CartLine)
    entity = "cart_line"
    list_title = _l("Cart lines")
    show_title = _l("Cart line")
    add_title = _l("Add: %(entity)s", entity=_l("Cart line"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Cart line"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["customer", "contact", "article", "quantity", "line_reference"]
    quick_search_columns = []
    search_columns = ["customer", "contact", "article"]
    add_fieldsets = [
        (
            _l("Cart line"),
            {
                "fields": [
                    "contact",
                    "customer",
                    "article",
                    "quantity",
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
            _l("Cart line"),
            {
                "fields": [
                    "contact",
                    "customer",
                    "article",
                    "quantity",
                    "line_reference",
                    "budget_code",
                    "library_relation_code",
                    "personalisation",
                    "added_at",
                ]
            },
        )
    ]
    validators_columns = {"quantity": [NumberRange(min=1)]}
    formatters_columns = {"added_at": datetime_text}
    add_form_query_rel_fields = {
        "contact": [["id", RowScope, "contact"]],
        "customer": [["id", RowScope, "customer"]],
    }
    edit_form_query_rel_fields = add_form_query_rel_fields
    search_form_query_rel_fields = add_form_query_rel_fields
