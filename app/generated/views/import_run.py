# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of imports."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.backoffice.formatting import datetime_text
from app.backoffice.imports import ImportRunAdminView
from app.backoffice.inputs import choice_label, enum_input, json_input, language_input
from app.generated.models import ImportRun

LABELS = {
    "kind": _l("Kind"),
    "file_name": _l("File"),
    "stored_name": _l("Stored file"),
    "format": _l("Format"),
    "language": _l("Language"),
    "user": _l("Imported by"),
    "status": _l("Status"),
    "dry_run": _l("Check only"),
    "created_at": _l("Uploaded on"),
    "started_at": _l("Started on"),
    "finished_at": _l("Finished on"),
    "rows_total": _l("Rows"),
    "rows_done": _l("Rows done"),
    "created_count": _l("Created"),
    "updated_count": _l("Updated"),
    "unchanged_count": _l("Unchanged"),
    "error_count": _l("Errors"),
    "errors": _l("First errors"),
    "ignored_columns": _l("Ignored columns"),
    "failure": _l("Failure"),
}
DESCRIPTIONS = {
    "stored_name": _l(
        "The uploaded file under the upload folder, kept to run the import and to look into it later."
    ),
    "language": _l("The language errors are reported in."),
    "errors": _l("The first errors as [row, column, reason]; the error file holds them all."),
}
API_LABELS = {"id": _l("Id"), **LABELS, "user.username": LABELS["user"]}


class ImportRunView(ImportRunAdminView):
    """Imports: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(ImportRun)
    entity = "import_run"
    list_title = _l("Imports")
    show_title = _l("Import")
    add_title = _l("Add: %(entity)s", entity=_l("Import"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Import"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = [
        "created_at",
        "kind",
        "file_name",
        "user",
        "status",
        "rows_total",
        "created_count",
        "updated_count",
        "unchanged_count",
        "error_count",
    ]
    quick_search_columns = []
    search_columns = ["kind", "status", "user", "created_at"]
    base_order = ("created_at", "desc")
    add_fieldsets = []
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Import"),
            {
                "fields": [
                    "kind",
                    "file_name",
                    "stored_name",
                    "format",
                    "language",
                    "user",
                    "status",
                    "dry_run",
                    "created_at",
                    "started_at",
                    "finished_at",
                    "rows_total",
                    "rows_done",
                    "created_count",
                    "updated_count",
                    "unchanged_count",
                    "error_count",
                    "errors",
                    "ignored_columns",
                    "failure",
                ]
            },
        )
    ]
    add_form_extra_fields = {
        "format": enum_input(
            LABELS["format"],
            ImportRun.FORMAT_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("format", ""),
        ),
        "language": language_input(
            LABELS["language"], required=False, description=DESCRIPTIONS.get("language", "")
        ),
        "status": enum_input(
            LABELS["status"],
            ImportRun.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
        "errors": json_input(
            LABELS["errors"], required=False, description=DESCRIPTIONS.get("errors", "")
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"failure": [Length(max=4000)]}
    formatters_columns = {
        "format": choice_label(ImportRun.FORMAT_CHOICES),
        "status": choice_label(ImportRun.STATUS_CHOICES),
        "created_at": datetime_text,
        "started_at": datetime_text,
        "finished_at": datetime_text,
    }
