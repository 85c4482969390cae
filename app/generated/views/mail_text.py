# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Back-office screen and REST API of mail texts."""

from flask_appbuilder.models.sqla.interface import SQLAInterface
from flask_babel import lazy_gettext as _l
from wtforms.validators import Length

from app.backoffice.inputs import language_input
from app.backoffice.mail_texts import MailTextAdminView
from app.domain.mail_texts import mail_text_problems
from app.generated.models import MailText

LABELS = {
    "mail": _l("Mail"),
    "language": _l("Language"),
    "subject": _l("Subject"),
    "message": _l("Message"),
}
DESCRIPTIONS = {
    "message": _l(
        "Replaces the greeting and opening paragraph; the mail's links, buttons and order details stay. Write a placeholder in braces, such as {shop}; a blank line starts a new paragraph."
    )
}
API_LABELS = {"id": _l("Id"), **LABELS}


class MailTextView(MailTextAdminView):
    """Mail texts: list, show, add, edit, delete and export."""

    datamodel = SQLAInterface(MailText)
    entity = "mail_text"
    list_title = _l("Mail texts")
    show_title = _l("Mail text")
    add_title = _l("Add: %(entity)s", entity=_l("Mail text"))
    edit_title = _l("Edit: %(entity)s", entity=_l("Mail text"))
    label_columns = LABELS
    description_columns = DESCRIPTIONS
    list_columns = ["mail", "language", "subject"]
    quick_search_columns = ["subject", "message"]
    search_columns = ["mail", "language"]
    base_order = ("mail", "asc")
    add_fieldsets = [(_l("Mail text"), {"fields": ["mail", "language", "subject", "message"]})]
    edit_fieldsets = add_fieldsets
    show_fieldsets = add_fieldsets
    record_checks = (mail_text_problems,)
    add_form_extra_fields = {
        "language": language_input(
            LABELS["language"], required=True, description=DESCRIPTIONS.get("language", "")
        )
    }
    edit_form_extra_fields = add_form_extra_fields
    validators_columns = {"message": [Length(max=4000)]}
