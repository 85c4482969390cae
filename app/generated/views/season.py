# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of seasons."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.formatting import date_text
from app.backoffice.inputs import translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.periods import period_problems
from app.generated.models import Season

LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "valid_from": _l("Starts on"),
    "valid_to": _l("Ends on"),
    "articles": _l("Articles"),
}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS}


class SeasonView(BackOfficeModelView):
    """Seasons: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Season)
    entity = "season"
    list_title = _l("Seasons")
    show_title = _l("Season")
    add_title = _l("Add: %(entity)s", entity=_l("Season"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Season"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "valid_from", "valid_to"]
    quick_search_columns = ["code", "name"]
    search_columns = ["code", "name", "valid_from", "valid_to"]
    base_order = ("valid_from", "desc")
    add_fieldsets = [
        (_l("Season"), {"fields": ["code", "name", "valid_from", "valid_to"]}),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (period_problems,)
    add_form_extra_fields = {
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=100),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=100),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=100),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=100),
    }
    edit_form_extra_fields = add_form_extra_fields
    formatters_columns = {"valid_from": date_text, "valid_to": date_text}


class SeasonApi(BackOfficeRestApi):
    """REST API of seasons: /api/v1/season/"""

    resource_name = "season"
    datamodel = SQLAInterface(Season)
    entity = "season"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "code", "name", "valid_from", "valid_to"]
    show_columns = ["id", "code", "name", "valid_from", "valid_to"]
    add_columns = ["code", "name", "valid_from", "valid_to"]
    edit_columns = add_columns
    search_columns = ["code", "name", "valid_from", "valid_to"]
    order_columns = ["id", "code", "name", "valid_from", "valid_to"]
    base_order = ("valid_from", "desc")
    record_checks = SeasonView.record_checks
