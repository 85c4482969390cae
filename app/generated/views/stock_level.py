# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of stock levels."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.formatting import date_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import StockLevel

LABELS = {
    "warehouse": _l("Warehouse"),
    "article": _l("Article"),
    "on_hand": _l("On hand"),
    "reserved": _l("Reserved"),
    "incoming_quantity": _l("Incoming quantity"),
    "incoming_date": _l("Expected on"),
}
DESCRIPTIONS = {"reserved": _l("Taken by orders not yet shipped.")}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "warehouse.name": LABELS["warehouse"],
    "article.sku": LABELS["article"],
    "article.name": LABELS["article"],
}


class StockLevelView(BackOfficeModelView):
    """Stock levels: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(StockLevel)
    entity = "stock_level"
    list_title = _l("Stock levels")
    show_title = _l("Stock level")
    add_title = _l("Add: %(entity)s", entity=_l("Stock level"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Stock level"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "warehouse",
        "article",
        "on_hand",
        "reserved",
        "incoming_quantity",
        "incoming_date",
    ]
    quick_search_columns = []
    search_columns = ["warehouse", "article", "on_hand", "incoming_date"]
    base_order = ("on_hand", "asc")
    page_size = 100
    add_fieldsets = [
        (
            _l("Stock level"),
            {
                "fields": [
                    "warehouse",
                    "article",
                    "on_hand",
                    "reserved",
                    "incoming_quantity",
                    "incoming_date",
                ]
            },
        )
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    validators_columns = {
        "reserved": [NumberRange(min=0)],
        "incoming_quantity": [NumberRange(min=0)],
    }
    formatters_columns = {"incoming_date": date_text}


class StockLevelApi(BackOfficeRestApi):
    """REST API of stock levels: /api/v1/stock_level/"""

    resource_name = "stock_level"
    datamodel = SQLAInterface(StockLevel)
    entity = "stock_level"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "warehouse.id",
        "warehouse.name",
        "article.id",
        "article.sku",
        "article.name",
        "on_hand",
        "reserved",
        "incoming_quantity",
        "incoming_date",
    ]
    show_columns = [
        "id",
        "warehouse.id",
        "warehouse.name",
        "article.id",
        "article.sku",
        "article.name",
        "on_hand",
        "reserved",
        "incoming_quantity",
        "incoming_date",
    ]
    add_columns = [
        "warehouse",
        "article",
        "on_hand",
        "reserved",
        "incoming_quantity",
        "incoming_date",
    ]
    edit_columns = add_columns
    search_columns = ["warehouse", "article", "on_hand", "incoming_date"]
    order_columns = ["id", "on_hand", "reserved", "incoming_quantity", "incoming_date"]
    base_order = ("on_hand", "asc")
    validators_columns = {
        "reserved": validate.Range(min=0),
        "incoming_quantity": validate.Range(min=0),
    }
