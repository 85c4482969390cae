# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of outbox."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.backoffice.formatting import datetime_text
from app.backoffice.inputs import choice_label, enum_input, json_input
from app.backoffice.outbox import OutboxAdminView
from app.generated.models import OutboxEntry

LABELS = {
    "job": _l("Job"),
    "arguments": _l("Arguments"),
    "status": _l("Status"),
    "attempts": _l("Attempts"),
    "last_error": _l("Last error"),
    "created_at": _l("Created on"),
    "next_attempt_at": _l("Next attempt"),
    "handed_over_at": _l("Handed over on"),
    "sent_at": _l("Sent on"),
}
DESCRIPTIONS = {
    "next_attempt_at": _l(
        "When the relay next takes the entry up, if it is still waiting or handed over."
    )
}
API_LABELS = {"id": _l("Id"), **LABELS}


class OutboxEntryView(OutboxAdminView):
    """Outbox: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(OutboxEntry)
    entity = "outbox_entry"
    list_title = _l("Outbox")
    show_title = _l("Outbox entry")
    add_title = _l("Add: %(entity)s", entity=_l("Outbox entry"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Outbox entry"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["created_at", "job", "status", "attempts", "next_attempt_at", "last_error"]
    quick_search_columns = []
    search_columns = ["job", "status", "created_at", "next_attempt_at"]
    base_order = ("created_at", "desc")
    add_fieldsets = []
    edit_fieldsets = add_fieldsets
    show_fieldsets = [
        (
            _l("Outbox entry"),
            {
                "fields": [
                    "job",
                    "arguments",
                    "status",
                    "attempts",
                    "last_error",
                    "created_at",
                    "next_attempt_at",
                    "handed_over_at",
                    "sent_at",
                ]
            },
        )
    ]
    add_form_extra_fields = {
        "arguments": json_input(
            LABELS["arguments"], required=False, description=DESCRIPTIONS.get("arguments", "")
        ),
        "status": enum_input(
            LABELS["status"],
            OutboxEntry.STATUS_CHOICES,
            required=True,
            description=DESCRIPTIONS.get("status", ""),
        ),
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"last_error": [Length(max=4000)]}
    formatters_columns = {
        "status": choice_label(OutboxEntry.STATUS_CHOICES),
        "created_at": datetime_text,
        "next_attempt_at": datetime_text,
        "handed_over_at": datetime_text,
        "sent_at": datetime_text,
    }
