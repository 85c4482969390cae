# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of catalogues."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.inputs import choice_label, enum_input, translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Catalogue

LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "is_public": _l("Public"),
    "display_mode": _l("Display"),
    "label_format": _l("Article label"),
    "position": _l("Position"),
    "groups": _l("Customer groups"),
    "families": _l("Families"),
}
DESCRIPTIONS = {"is_public": _l("Every customer sees a public catalogue, whatever their group.")}
API_LABELS = {"id": _l("Id"), **LABELS}


class CatalogueView(BackOfficeModelView):
    """Catalogues: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Catalogue)
    entity = "catalogue"
    list_title = _l("Catalogues")
    show_title = _l("Catalogue")
    add_title = _l("Add: %(entity)s", entity=_l("Catalogue"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Catalogue"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "is_public", "display_mode", "position"]
    quick_search_columns = ["code", "name"]
    search_columns = ["code", "name", "is_public", "groups"]
    base_order = ("position", "asc")
    add_fieldsets = [
        (
            _l("Catalogue"),
            {
                "fields": [
                    "code",
                    "name",
                    "is_public",
                    "display_mode",
                    "label_format",
                    "position",
                    "groups",
                ]
            },
        ),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "display_mode": enum_input(
            LABELS["display_mode"],
            Catalogue.DISPLAY_MODE_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("display_mode", ""),
        ),
        "label_format": enum_input(
            LABELS["label_format"],
            Catalogue.LABEL_FORMAT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("label_format", ""),
        ),
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=120),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=120),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=120),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=120),
    }
    edit_form_extra_fields = add_form_extra_fields
    formatters_columns = {
        "display_mode": choice_label(Catalogue.DISPLAY_MODE_CHOICES),
        "label_format": choice_label(Catalogue.LABEL_FORMAT_CHOICES),
    }


class CatalogueApi(BackOfficeRestApi):
    """REST API of catalogues: /api/v1/catalogue/"""

    resource_name = "catalogue"
    datamodel = SQLAInterface(Catalogue)
    entity = "catalogue"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["id", "code", "name", "is_public", "display_mode", "position"]
    show_columns = ["id", "code", "name", "is_public", "display_mode", "label_format", "position"]
    add_columns = [
        "code",
        "name",
        "is_public",
        "display_mode",
        "label_format",
        "position",
        "groups",
    ]
    edit_columns = add_columns
    search_columns = ["code", "name", "is_public", "groups"]
    order_columns = ["id", "code", "name", "is_public", "display_mode", "position"]
    base_order = ("position", "asc")
