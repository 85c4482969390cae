# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of user preferences."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l

from app.backoffice.inputs import language_input
from app.backoffice.views import BackOfficeModelView
from app.generated.models import UserPreference

LABELS = {"user": _l("User"), "language": _l("Language")}
DESCRIPTIONS = {}
API_LABELS = {"id": _l("Id"), **LABELS, "user.username": LABELS["user"]}


class UserPreferenceView(BackOfficeModelView):
    """User preferences: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(UserPreference)
    entity = "user_preference"
    list_title = _l("User preferences")
    show_title = _l("User preferences")
    add_title = _l("Add: %(entity)s", entity=_l("User preferences"))
    edit_title = _l("Edit: %(entity)s", entity=_l("User preferences"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["user", "language"]
    quick_search_columns = []
    search_columns = ["user", "language"]
    add_fieldsets = [(_l("User preferences"), {"fields": ["user", "language"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    add_form_extra_fields = {
        "language": language_input(
            LABELS["language"], required=True, description=DESCRIPTIONS.get("language", "")
        )
    }
    edit_form_extra_fields = add_form_extra_fields
