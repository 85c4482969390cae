"""The customer screen beyond CRUD: invite its people to the portal, suspend, reactivate, end;
its timeline, comments and emails come from app.backoffice.relations.

Each action needs the same permission as editing the customer, and reaches only the customers
the user may see (a sales representative's own): Flask-AppBuilder's action routes load records
without the screen's row filter, so every record is fetched again through it here.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, request, url_for
from flask_appbuilder.actions import action
from flask_appbuilder.fields import QuerySelectMultipleField
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Email, Length, Optional

from app import mails
from app.backoffice.relations import CustomerRelationsMixin
from app.backoffice.views import BackOfficeModelView
from app.domain.accounts import AccountRefusal
from app.domain.customer_status import (
    contacts_with_access,
    deactivate_customer,
    reactivate_customer,
    suspend_customer,
)
from app.domain.invitations import invite_contact, invite_main_emails
from app.extensions import db
from app.generated.models import ArticleTag, Brand, Season

ROLE_CHOICES = [("administrator", _l("Administrator")), ("buyer", _l("Buyer"))]


def _query(model):
    return lambda: db.session.query(model).order_by(model.name)


def _pk(record) -> int:
    return record.id


class InvitationForm(FlaskForm):
    email = EmailField(
        _l("Email"),
        validators=[
            DataRequired(),
            Email(message=_l("Enter an email address such as name@company.com.")),
            Length(max=254),
        ],
    )
    first_name = StringField(_l("First name"), validators=[Optional(), Length(max=80)])
    last_name = StringField(_l("Last name"), validators=[Optional(), Length(max=80)])
    company_role = SelectField(_l("Role in the company"), choices=ROLE_CHOICES)
    visible_tags = QuerySelectMultipleField(
        _l("Visible article tags"), query_func=_query(ArticleTag), get_pk_func=_pk, get_label="name"
    )
    visible_seasons = QuerySelectMultipleField(
        _l("Visible seasons"), query_func=_query(Season), get_pk_func=_pk, get_label="name"
    )
    visible_brands = QuerySelectMultipleField(
        _l("Visible brands"), query_func=_query(Brand), get_pk_func=_pk, get_label="name"
    )
    message = TextAreaField(
        _l("Private message"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Added to the invitation email."),
    )


class StatusForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=2000)])
    remove_access = BooleanField(_l("Also remove the access of every contact listed above"))


class CustomerAdminView(CustomerRelationsMixin, BackOfficeModelView):
    show_template = "backoffice/customer_show.html"
    # The actions change the customer: they need the permission to edit it, nothing new.
    method_permission_name = {
        "invite_selected": "edit",
        "invite": "edit",
        "status": "edit",
        **CustomerRelationsMixin.relations_permissions,
    }

    def visible_customer(self, pk):
        item = self.datamodel.get(pk, self._base_filters)
        if item is None:
            abort(404)
        return item

    @action(
        "invite_selected",
        _l("Invite to the portal"),
        _l("Invite the main email of every selected customer?"),
        "fa-envelope",
        single=False,
    )
    def invite_selected(self, items):
        visible = [self.datamodel.get(item.id, self._base_filters) for item in items]
        customers = [item for item in visible if item is not None]
        invited, skipped = invite_main_emails(db.session, customers, author=g.user)
        for invitation in invited:
            mails.new_access(db.session, invitation.contact, invitation.customer)
        db.session.commit()
        if invited:
            flash(
                ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", len(invited)),
                "success",
            )
        for customer, reason in skipped:
            flash(
                _("%(company)s not invited: %(reason)s", company=customer.name, reason=reason),
                "warning",
            )
        return redirect(url_for(f"{self.endpoint}.list"))

    @expose("/invite/<int:pk>", methods=["GET", "POST"])
    @has_access
    def invite(self, pk):
        customer = self.visible_customer(pk)
        form = InvitationForm(obj=customer if request.method == "GET" else None)
        if request.method == "GET":
            form.message.data = ""
            form.email.data = customer.email or ""
        if form.validate_on_submit():
            customer.visible_tags = form.visible_tags.data
            customer.visible_seasons = form.visible_seasons.data
            customer.visible_brands = form.visible_brands.data
            try:
                invitation = invite_contact(
                    db.session,
                    customer,
                    form.email.data,
                    form.first_name.data,
                    form.last_name.data,
                    form.company_role.data,
                    author=g.user,
                )
            except AccountRefusal as refusal:
                db.session.rollback()
                form.email.errors = [*form.email.errors, str(refusal)]
            else:
                mails.new_access(
                    db.session, invitation.contact, customer, form.message.data or None
                )
                db.session.commit()
                flash(_("Invitation sent to %(email)s.", email=invitation.contact.email), "success")
                return redirect(url_for(f"{self.endpoint}.show", pk=pk))
        return self.render_template(
            "backoffice/invite.html", form=form, customer=customer, title=_("Invite to the portal")
        )

    @expose("/status/<int:pk>", methods=["GET", "POST"])
    @has_access
    def status(self, pk):
        customer = self.visible_customer(pk)
        form = StatusForm()
        holders = contacts_with_access(customer)
        if form.validate_on_submit():
            change = request.form.get("change")
            try:
                if change == "suspend":
                    suspend_customer(db.session, customer, form.reason.data or "", author=g.user)
                    done = _("%(company)s is suspended.", company=customer.name)
                elif change == "reactivate":
                    reactivate_customer(db.session, customer, author=g.user)
                    done = _("%(company)s is active again.", company=customer.name)
                elif change == "deactivate":
                    removed = deactivate_customer(
                        db.session, customer, remove_access=form.remove_access.data, author=g.user
                    )
                    done = ngettext(
                        "%(company)s is inactive; %(num)d contact lost their access.",
                        "%(company)s is inactive; %(num)d contacts lost their access.",
                        len(removed),
                        company=customer.name,
                    )
                else:
                    abort(400)
            except AccountRefusal as refusal:
                db.session.rollback()
                flash(str(refusal), "danger")
            else:
                db.session.commit()
                flash(done, "success")
                return redirect(url_for(f"{self.endpoint}.show", pk=pk))
        return self.render_template(
            "backoffice/customer_status.html",
            form=form,
            customer=customer,
            holders=holders,
            title=_("Customer status"),
        )
