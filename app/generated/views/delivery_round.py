# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of delivery rounds."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from marshmallow import validate
from wtforms.validators import Length, NumberRange

from app.backoffice.inputs import time_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.delivery import delivery_round_problems
from app.generated.models import DeliveryRound

LABELS = {
    "name": _l("Name"),
    "zones": _l("Zones or postcodes"),
    "warehouse": _l("Warehouse"),
    "monday": _l("Monday"),
    "tuesday": _l("Tuesday"),
    "wednesday": _l("Wednesday"),
    "thursday": _l("Thursday"),
    "friday": _l("Friday"),
    "saturday": _l("Saturday"),
    "sunday": _l("Sunday"),
    "cut_off_time": _l("Order cut-off time"),
    "lead_days": _l("Lead time (days)"),
    "customers": _l("Customers"),
    "excluded_days": _l("Excluded days"),
}
DESCRIPTIONS = {
    "zones": _l("Postcodes or postcode beginnings, separated by commas (75, 92100, 1000-1299)."),
    "cut_off_time": _l("Orders placed after this time count from the next day."),
}
API_LABELS = {"id": _l("Id"), **LABELS, "warehouse.name": LABELS["warehouse"]}


class DeliveryRoundView(BackOfficeModelView):
    """Delivery rounds: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(DeliveryRound)
    entity = "delivery_round"
    list_title = _l("Delivery rounds")
    show_title = _l("Delivery round")
    add_title = _l("Add: %(entity)s", entity=_l("Delivery round"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Delivery round"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["name", "warehouse", "cut_off_time", "lead_days"]
    quick_search_columns = ["name", "zones"]
    search_columns = ["name", "warehouse", "lead_days"]
    base_order = ("name", "asc")
    add_fieldsets = [
        (_l("Round"), {"fields": ["name", "zones", "warehouse"]}),
        (
            _l("Weekdays"),
            {
                "fields": [
                    "monday",
                    "tuesday",
                    "wednesday",
                    "thursday",
                    "friday",
                    "saturday",
                    "sunday",
                ]
            },
        ),
        (_l("Timing"), {"fields": ["cut_off_time", "lead_days"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (delivery_round_problems,)
    add_form_extra_fields = {
        "cut_off_time": time_input(
            LABELS["cut_off_time"], required=False, description=DESCRIPTIONS.get("cut_off_time", "")
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"zones": [Length(max=4000)], "lead_days": [NumberRange(min=0, max=60)]}


class DeliveryRoundApi(BackOfficeRestApi):
    """REST API of delivery rounds: /api/v1/delivery_round/"""

    resource_name = "delivery_round"
    datamodel = SQLAInterface(DeliveryRound)
    entity = "delivery_round"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "name", "warehouse.id", "warehouse.name", "cut_off_time", "lead_days"]
    show_columns = [
        "id",
        "name",
        "zones",
        "warehouse.id",
        "warehouse.name",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "cut_off_time",
        "lead_days",
    ]
    add_columns = [
        "name",
        "zones",
        "warehouse",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "cut_off_time",
        "lead_days",
    ]
    edit_columns = add_columns
    search_columns = ["name", "warehouse", "lead_days"]
    order_columns = ["id", "name", "cut_off_time", "lead_days"]
    base_order = ("name", "asc")
    validators_columns = {
        "zones": validate.Length(max=4000),
        "lead_days": validate.Range(min=0, max=60),
    }
    record_checks = DeliveryRoundView.record_checks
