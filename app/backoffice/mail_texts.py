"""The mail texts screen: which mail is chosen from the list of editable mails.

model.yaml keeps `mail_text.mail` a plain string so that a new mail joins by one entry in
app.domain.mail_texts.EDITABLE_MAILS, without a model change or a migration; this screen turns it
into a select of those mails, each named in the user's language, and shows which placeholders
each mail offers. Only administrators reach it (no other role holds a permission on it).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from markupsafe import escape
from wtforms import SelectField
from wtforms.validators import DataRequired

from app.backoffice.views import BackOfficeModelView
from app.domain.mail_texts import EDITABLE_MAILS, mail_choices, placeholder_help


class _PlaceholderHelp:
    """The help text under the mail select, written when the form is shown (user's language)."""

    def __str__(self) -> str:
        return placeholder_help()

    def __html__(self) -> str:
        return str(escape(str(self)))


def _mail_label(value) -> str:
    mail = EDITABLE_MAILS.get(value)
    return escape(str(mail.label) if mail else value or "")


class MailTextAdminView(BackOfficeModelView):
    def _init_forms(self):
        mail_input = SelectField(
            _l("Mail"),
            choices=mail_choices,
            validators=[DataRequired()],
            description=_PlaceholderHelp(),
        )
        self.add_form_extra_fields = {**(self.add_form_extra_fields or {}), "mail": mail_input}
        self.edit_form_extra_fields = {**(self.edit_form_extra_fields or {}), "mail": mail_input}
        self.formatters_columns = {**(self.formatters_columns or {}), "mail": _mail_label}
        super()._init_forms()
