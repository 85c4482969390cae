# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
"""Back-office screen and REST API of customer groups."""

from decimal import Decimal

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import NumberRange

from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import CustomerGroup

LABELS = {
    "name": _l("Name"),
    "minimum_order": _l("Minimum order amount"),
    "hide_prices": _l("Hide prices"),
    "customers": _l("Customers"),
}
DESCRIPTIONS = {"minimum_order": _l("Orders below this amount, before VAT, cannot be placed.")}
API_LABELS = {"id": _l("Id"), **LABELS}


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
    list_columns = ["name", "minimum_order", "hide_prices"]
    quick_search_columns = ["name"]
    search_columns = ["name", "hide_prices"]
    base_order = ("name", "asc")
    add_fieldsets = [(_l("Customer group"), {"fields": ["name", "minimum_order", "hide_prices"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    validators_columns = {"minimum_order": [NumberRange(min=Decimal("0"))]}


class CustomerGroupApi(BackOfficeRestApi):
    """REST API of customer groups: /api/v1/customer_group/"""

    resource_name = "customer_group"
    datamodel = SQLAInterface(CustomerGroup)
    entity = "customer_group"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "name", "minimum_order", "hide_prices"]
    show_columns = ["id", "name", "minimum_order", "hide_prices"]
    add_columns = ["name", "minimum_order", "hide_prices"]
    edit_columns = add_columns
    search_columns = ["name", "hide_prices"]
    order_columns = ["id", "name", "minimum_order", "hide_prices"]
    base_order = ("name", "asc")
    validators_columns = {"minimum_order": validate.Range(min=Decimal("0"))}
