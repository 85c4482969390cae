# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of families."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.inputs import translation_input
from app.backoffice.views import BackOfficeModelView, BackOfficeRestApi
from app.generated.models import Family

LABELS = {
    "code": _l("Code"),
    "name": _l("Name"),
    "catalogue": _l("Catalogue"),
    "parent": _l("Parent family"),
    "photo": _l("Photo"),
    "position": _l("Position"),
    "children": _l("Sub-families"),
    "articles": _l("Articles"),
}
DESCRIPTIONS = {}
API_LABELS = {
    "id": _l("Id"),
    **LABELS,
    "catalogue.name": LABELS["catalogue"],
    "parent.name": LABELS["parent"],
}


class FamilyView(BackOfficeModelView):
    """Families: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(Family)
    entity = "family"
    list_title = _l("Families")
    show_title = _l("Family")
    add_title = _l("Add: %(entity)s", entity=_l("Family"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Family"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["code", "name", "catalogue", "parent", "position"]
    quick_search_columns = ["code", "name"]
    search_columns = ["code", "name", "catalogue", "parent"]
    base_order = ("code", "asc")
    add_fieldsets = [
        (_l("Family"), {"fields": ["code", "name", "catalogue", "parent", "photo", "position"]}),
        (_l("Translations"), {"fields": ["name_fr", "name_nl", "name_es", "name_de"]}),
    ]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "name_fr": translation_input(LABELS["name"], "fr", multiline=False, max_length=120),
        "name_nl": translation_input(LABELS["name"], "nl", multiline=False, max_length=120),
        "name_es": translation_input(LABELS["name"], "es", multiline=False, max_length=120),
        "name_de": translation_input(LABELS["name"], "de", multiline=False, max_length=120),
    }
    edit_form_extra_fields = add_form_extra_fields


class FamilyApi(BackOfficeRestApi):
    """REST API of families: /api/v1/family/"""

    resource_name = "family"
    datamodel = SQLAInterface(Family)
    entity = "family"
    label_columns = API_LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "id",
        "code",
        "name",
        "catalogue.id",
        "catalogue.name",
        "parent.id",
        "parent.name",
        "position",
    ]
    show_columns = [
        "id",
        "code",
        "name",
        "catalogue.id",
        "catalogue.name",
        "parent.id",
        "parent.name",
        "photo",
        "position",
    ]
    add_columns = ["code", "name", "catalogue", "parent", "position"]
    edit_columns = add_columns
    search_columns = ["code", "name", "catalogue", "parent"]
    order_columns = ["id", "code", "name", "position"]
    base_order = ("code", "asc")
