"""The outbox screen: what the application wrote to send, how it went, and a retry for what
failed.

Entries are written by the application in the transaction of the change that caused them, and
the relay runs the job they name. Adding or editing one by hand would let a screen choose which
function the relay runs, so the screen lists and shows them, and its one action, Retry, puts
failed entries back to pending (app/jobs/outbox.py `retry`), to go out as soon as that commits.
Retry needs its own permission, `can_retry`, which no role of model.yaml holds: administrators
only.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import flash, redirect, url_for
from flask_appbuilder.actions import action
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from markupsafe import Markup

from app.backoffice.views import BackOfficeModelView
from app.extensions import db
from app.generated.models import OutboxEntry
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL

# How much of the last error the list shows; the record shows all of it.
ERROR_SHOWN = 120
NO_SELECTION = _l("Select at least one entry to retry.")
# What each job the application writes to the outbox does, in the seller's words.
JOB_LABELS = {SEND_MAIL: _l("Send a mail")}


class OutboxAdminView(BackOfficeModelView):
    base_permissions = ["can_list", "can_show", "can_export", "can_retry"]
    method_permission_name = {"retry": "retry"}
    list_template = "backoffice/outbox_list.html"

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The generated screen shows the status by its label; failed ones stand out here.
        self.status_label = self.formatters_columns.get("status", str)
        self.formatters_columns = {
            **self.formatters_columns,
            "status": lambda status: _status_badge(status, self.status_label(status)),
            "job": lambda job: JOB_LABELS.get(job, job),
        }

    def _get_list_widget(self, filters, **kwargs):
        """The list shows the start of each last error; the record shows all of it."""
        widgets = super()._get_list_widget(filters, **kwargs)
        widgets["list"].template_args["formatters_columns"] = {
            **self.formatters_columns,
            "last_error": _short_error,
        }
        return widgets

    def _export_text(self, column, value) -> str:
        if column == "status":  # the label, without the list's highlighting
            return str(self.status_label(value)) if value else ""
        return super()._export_text(column, value)

    def failed_count(self) -> int:
        """How many entries failed for good, for the list's notice."""
        return db.session.scalar(
            sa.select(sa.func.count()).where(OutboxEntry.status == outbox.FAILED)
        )

    @action(
        "retry",
        _l("Retry"),
        _l("Send the selected failed entries again?"),
        "fa-redo",
    )
    def retry(self, items):
        """Failed entries back to pending and handed over at once; any other refused, with
        nothing changed. From the list (several) or from a record (one)."""
        single = not isinstance(items, list)
        entries = [entry for entry in ([items] if single else items) if entry is not None]
        if not entries:
            flash(str(NO_SELECTION), "warning")
            return redirect(url_for(f"{self.endpoint}.list"))
        try:
            outbox.retry(db.session, entries)
        except outbox.RetryRefused as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
        else:
            db.session.commit()  # and the entries are handed over at once
            flash(
                ngettext("%(num)d entry retried.", "%(num)d entries retried.", len(entries)),
                "success",
            )
        if single:
            return redirect(url_for(f"{self.endpoint}.show", pk=entries[0].id))
        return redirect(url_for(f"{self.endpoint}.list"))


def _status_badge(status: str, label) -> Markup:
    if status == outbox.FAILED:
        return Markup('<span class="label label-danger">{}</span>').format(label)
    return Markup("{}").format(label)


def _short_error(error: str | None) -> str:
    if not error:
        return ""
    return error if len(error) <= ERROR_SHOWN else error[: ERROR_SHOWN - 1] + "…"
