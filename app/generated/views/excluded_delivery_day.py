# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of excluded delivery days."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.formatting import date_text
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import ExcludedDeliveryDay

LABELS = {"day": _l("Day"), "reason": _l("Reason"), "delivery_round": _l("Delivery round")}
DESCRIPTIONS = {"delivery_round": _l("Empty means every round.")}
API_LABELS = {"id": _l("Id"), **LABELS, "delivery_round.name": LABELS["delivery_round"]}


class ExcludedDeliveryDayView(BackOfficeModelView):
    """Excluded delivery days: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(ExcludedDeliveryDay)
    entity = "excluded_delivery_day"
    list_title = _l("Excluded delivery days")
    show_title = _l("Excluded delivery day")
    add_title = _l("Add: %(entity)s", entity=_l("Excluded delivery day"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Excluded delivery day"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["day", "reason", "delivery_round"]
    quick_search_columns = ["reason"]
    search_columns = ["day", "delivery_round"]
    base_order = ("day", "desc")
    add_fieldsets = [(_l("Excluded delivery day"), {"fields": ["day", "reason", "delivery_round"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    formatters_columns = {"day": date_text}


class ExcludedDeliveryDayApi(BackOfficeRestApi):
    """REST API of excluded delivery days: /api/v1/excluded_delivery_day/"""

    resource_name = "excluded_delivery_day"
    datamodel = SQLAInterface(ExcludedDeliveryDay)
    entity = "excluded_delivery_day"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "day", "reason", "delivery_round.id", "delivery_round.name"]
    show_columns = ["id", "day", "reason", "delivery_round.id", "delivery_round.name"]
    add_columns = ["day", "reason", "delivery_round"]
    edit_columns = add_columns
    search_columns = ["day", "delivery_round"]
    order_columns = ["id", "day", "reason"]
    base_order = ("day", "desc")
