"""The customer record's relations: its timeline, comments and attachments, emails to it.

Mixed into the customer screen (app.backoffice.customers). Every route loads the customer
through the screen's row filter (`visible_customer`): a sales representative reaches only their
own customers, whatever the URL. Writing on the timeline or mailing the customer needs the
permission to edit the customer *and* to add history entries (admin and sales representatives
in model.yaml); reading the timeline and downloading its files needs to see history entries.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, send_file, url_for
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, MultipleFileField
from wtforms import SelectMultipleField, StringField, TextAreaField, widgets
from wtforms.validators import DataRequired, Length, Optional

from app.domain import timeline as history
from app.domain.customer_mail import (
    CustomerMailRefusal,
    prepare_customer_email,
    recipients_of,
    send_customer_email,
)
from app.domain.uploads import (
    is_upload,
    max_bytes,
    megabytes,
    store_upload,
    stored_file,
    stored_path,
    upload_problems,
)
from app.extensions import db
from app.generated.models import CustomerEvent

EVENTS_VIEW = "CustomerEventView"
MAX_SHOWN = 500


class CommentForm(FlaskForm):
    text = TextAreaField(_l("Comment"), validators=[Optional(), Length(max=20000)])
    attachment = FileField(_l("Attachment"))


class CheckboxesField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class CustomerEmailForm(FlaskForm):
    recipients = CheckboxesField(_l("Recipients"))
    subject = StringField(_l("Subject"), validators=[DataRequired(), Length(max=200)])
    message = TextAreaField(
        _l("Message"),
        validators=[DataRequired(), Length(max=20000)],
        description=_l("Bold, italic, lists and links are kept; anything else is removed."),
    )
    attachments = MultipleFileField(_l("Attachments"))


def _files(field) -> list:
    data = field.data
    files = data if isinstance(data, list) else [data]
    return [f for f in files if is_upload(f)]


class CustomerRelationsMixin:
    """Routes of the customer record's timeline; the view also defines `visible_customer`."""

    relations_permissions = {"comment": "edit", "email": "edit", "attachment": "show"}

    def may_see_history(self) -> bool:
        return self.appbuilder.sm.has_access("can_list", EVENTS_VIEW)

    def may_write_history(self) -> bool:
        sm = self.appbuilder.sm
        return sm.has_access("can_add", EVENTS_VIEW) and sm.has_access(
            "can_edit", self.class_permission_name
        )

    def relations(self, pk: int) -> dict:
        """What the record's page shows below the customer: its timeline and the comment form."""
        if not self.may_see_history():
            return {"visible": False}
        customer = self.visible_customer(pk)
        shown = request.args.get("shown", "")
        page = history.timeline(
            db.session,
            customer,
            min(int(shown), MAX_SHOWN) if shown.isdigit() else history.PAGE_SIZE,
        )
        return {
            "visible": True,
            "timeline": page,
            "kinds": dict(CustomerEvent.KIND_CHOICES),
            "may_write": self.may_write_history(),
            "comment_form": CommentForm(),
            "max_size": megabytes(max_bytes()),
            "page_size": history.PAGE_SIZE,
        }

    @expose("/comment/<int:pk>", methods=["POST"])
    @has_access
    def comment(self, pk):
        customer = self.visible_customer(pk)
        if not self.may_write_history():
            abort(403)
        form = CommentForm()
        back = redirect(url_for(f"{self.endpoint}.show", pk=pk) + "#timeline")
        if not form.validate_on_submit():
            for messages in form.errors.values():
                for message in messages:
                    flash(str(message), "danger")
            return back
        files = _files(form.attachment)
        text = (form.text.data or "").strip()
        if not text and not files:
            flash(_("Write a comment or choose a file to attach."), "danger")
            return back
        problems = upload_problems(files)
        if problems:
            for problem in problems:
                flash(problem, "danger")
            return back
        if files:
            history.add_attachment(db.session, customer, store_upload(files[0]), text, g.user)
            flash(_("%(file)s is attached.", file=files[0].filename), "success")
        else:
            history.add_comment(db.session, customer, text, g.user)
            flash(_("Comment added."), "success")
        db.session.commit()
        return back

    @expose("/attachment/<int:pk>/<int:event_id>")
    @has_access
    def attachment(self, pk, event_id):
        customer = self.visible_customer(pk)
        if not self.may_see_history():
            abort(403)
        event = db.session.get(CustomerEvent, event_id)
        if event is None or event.customer_id != customer.id or not event.attachment:
            abort(404)
        try:
            path = stored_path(event.attachment)
        except ValueError:
            abort(404)
        return send_file(
            path, download_name=stored_file(event.attachment).original_name, as_attachment=True
        )

    @expose("/email/<int:pk>", methods=["GET", "POST"])
    @has_access
    def email(self, pk):
        customer = self.visible_customer(pk)
        if not self.may_write_history():
            abort(403)
        form = CustomerEmailForm()
        choices = recipients_of(customer)
        form.recipients.choices = [(r.email, f"{r.label} <{r.email}>") for r in choices]
        if request.method == "GET" and choices:
            form.recipients.data = [choices[0].email]
        if form.validate_on_submit():
            files = _files(form.attachments)
            problems = upload_problems(files)
            try:
                prepared = prepare_customer_email(
                    customer, form.recipients.data, form.subject.data, form.message.data
                )
            except CustomerMailRefusal as refusal:
                form.message.errors = [*form.message.errors, str(refusal)]
            else:
                if problems:
                    form.attachments.errors = [*form.attachments.errors, *problems]
                else:
                    stored = [store_upload(f) for f in files]
                    sent = send_customer_email(db.session, customer, prepared, stored, g.user)
                    db.session.commit()
                    flash(
                        ngettext(
                            "Email sent to %(num)d address.",
                            "Email sent to %(num)d addresses.",
                            sent,
                        ),
                        "success",
                    )
                    return redirect(url_for(f"{self.endpoint}.show", pk=pk) + "#timeline")
        return self.render_template(
            "backoffice/customer_email.html",
            form=form,
            customer=customer,
            title=_("Email the customer"),
            max_size=megabytes(max_bytes()),
        )
