# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of selections."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.formatting import date_text
from app.backoffice.inputs import choice_label, enum_input, translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.domain.periods import period_problems
from app.generated.models import Selection

LABELS = {
    "name": _l("Name"),
    "description": _l("Description"),
    "library_category": _l("Library category"),
    "valid_from": _l("Valid from"),
    "valid_to": _l("Valid until"),
    "is_active": _l("Active"),
    "groups": _l("Customer groups"),
    "articles": _l("Articles"),
}
DESCRIPTIONS = {"groups": _l("Empty means every customer.")}
API_LABELS = {"id": _l("Id"), **LABELS}


class SelectionView(BackOfficeModelView):
    """Selections: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Selection)
    entity = "selection"
    list_title = _l("Selections")
    show_title = _l("Selection")
    add_title = _l("Add: %(entity)s", entity=_l("Selection"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Selection"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["name", "library_category", "valid_from", "valid_to", "is_active"]
    quick_search_columns = ["name"]
    search_columns = ["library_category", "is_active", "groups"]
    base_order = ("valid_from", "desc")
    add_fieldsets = [
        (
            _l("Selection"),
            {
                "fields": [
                    "name",
                    "description",
                    "library_category",
                    "valid_from",
                    "valid_to",
                    "is_active",
                    "groups",
                    "articles",
                ]
            },
        ),
        (
            _l("Translations"),
            {
                "fields": [
                    "name_fr",
                    "name_nl",
                    "name_es",
                    "name_de",
                    "description_fr",
                    "description_nl",
                    "description_es",
                    "description_de",
                ]
            },
        ),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (period_problems,)
    add_form_extra_fields = {
        "library_category": enum_input(
            LABELS["library_category"],
            Selection.LIBRARY_CATEGORY_CHOICES,
            required=False,
            description=DESCRIPTIONS.get("library_category", ""),
        ),
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=150),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=150),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=150),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=150),
        "description_fr": translation_input(
            LABELS["description"], "fr", multiline=True, max_length=None
        ),
        "description_nl": translation_input(
            LABELS["description"], "nl", multiline=True, max_length=None
        ),
        "description_es": translation_input(
            LABELS["description"], "es", multiline=True, max_length=None
        ),
        "description_de": translation_input(
            LABELS["description"], "de", multiline=True, max_length=None
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    formatters_columns = {
        "library_category": choice_label(Selection.LIBRARY_CATEGORY_CHOICES),
        "valid_from": date_text,
        "valid_to": date_text,
    }


class SelectionApi(BackOfficeRestApi):
    """REST API of selections: /api/v1/selection/"""

    resource_name = "selection"
    datamodel = SQLAInterface(Selection)
    entity = "selection"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "name", "library_category", "valid_from", "valid_to", "is_active"]
    show_columns = [
        "id",
        "name",
        "description",
        "library_category",
        "valid_from",
        "valid_to",
        "is_active",
    ]
    add_columns = [
        "name",
        "description",
        "library_category",
        "valid_from",
        "valid_to",
        "is_active",
        "groups",
        "articles",
    ]
    edit_columns = add_columns
    search_columns = ["library_category", "is_active", "groups"]
    order_columns = ["id", "name", "library_category", "valid_from", "valid_to", "is_active"]
    base_order = ("valid_from", "desc")
    record_checks = SelectionView.record_checks
