# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of prices."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.formatting import money_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Price

LABELS = {
    "price_list": _l("Price list"),
    "article": _l("Article"),
    "min_quantity": _l("From quantity"),
    "unit_price": _l("Unit price"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "price_list.name": LABELS["price_list"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class PriceView(BackOfficeModelView):
    """Prices: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Price)
    entity = "price"
    list_title = _l("Prices")
    show_title = _l("Price")
    add_title = _l("Add: %(entity)s", entity=_l("Price"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Price"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["price_list", "article", "min_quantity", "unit_price"]
    quick_search_columns = []
    search_columns = ["price_list", "article", "min_quantity"]
    base_order = ("min_quantity", "asc")
    page_size = 100
    add_fieldsets = [
        (_l("Price"), {"fields": ["price_list", "article", "min_quantity", "unit_price"]})
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    validators_columns = {
        "min_quantity": [NumberRange(min=1)],
        "unit_price": [NumberRange(min=Decimal("0"))],
    }
    formatters_columns = {"unit_price": money_text}


class PriceApi(BackOfficeRestApi):
    """REST API of prices: /api/v1/price/"""

    resource_name = "price"
    datamodel = SQLAInterface(Price)
    entity = "price"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "price_list.id",
        "price_list.name",
        "article.id",
        "article.sku",
        "article.name",
        "min_quantity",
        "unit_price",
    ]
    show_columns = [
        "id",
        "price_list.id",
        "price_list.name",
        "article.id",
        "article.sku",
        "article.name",
        "min_quantity",
        "unit_price",
    ]
    add_columns = ["price_list", "article", "min_quantity", "unit_price"]
    edit_columns = add_columns
    search_columns = ["price_list", "article", "min_quantity"]
    order_columns = ["id", "min_quantity", "unit_price"]
    base_order = ("min_quantity", "asc")
    validators_columns = {
        "min_quantity": validate.Range(min=1),
        "unit_price": validate.Range(min=Decimal("0")),
    }
