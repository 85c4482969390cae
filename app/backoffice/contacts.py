"""The contact screen beyond CRUD, and the plain accounts that can be given B2B access.

- Resend an invitation to contacts who have not set their password yet.
- Remove a contact's B2B data on request, keeping their login account (a "plain" account).
- Plain accounts (logins with neither a back-office role nor a contact): link one to a customer.

Every record is fetched again through the screen's row filter: Flask-AppBuilder's action routes
load them without it.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.actions import action
from flask_appbuilder.security.sqla.models import User
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length

from app import mails
from app.backoffice.access import requires
from app.backoffice.views import BackOfficeModelView
from app.domain.accounts import AccountRefusal
from app.domain.invitations import convert_plain_account, plain_accounts_query, remove_b2b_data
from app.domain.scoping import restrict_to_visible_rows
from app.extensions import db
from app.generated.models import Customer

ROLE_CHOICES = [("administrator", _l("Administrator")), ("buyer", _l("Buyer"))]


class ContactAdminView(BackOfficeModelView):
    method_permission_name = {"resend_invitation": "edit", "remove_b2b": "delete"}

    def _visible(self, items):
        found = (self.datamodel.get(item.id, self._base_filters) for item in items)
        return [item for item in found if item is not None]

    @action(
        "resend_invitation",
        _l("Send the invitation again"),
        _l("Send a new activation link to the selected contacts who have not set a password?"),
        "fa-envelope",
        single=False,
    )
    def resend_invitation(self, items):
        sent = 0
        for contact in self._visible(items):
            user = contact.user
            if user is None or user.password or contact.status != "invited":
                continue
            mails.new_access(db.session, contact)
            sent += 1
        db.session.commit()
        flash(ngettext("%(num)d invitation sent.", "%(num)d invitations sent.", sent), "success")
        if sent < len(items):
            flash(_("Contacts who already set their password were not sent anything."), "info")
        return redirect(url_for(f"{self.endpoint}.list"))

    @action(
        "remove_b2b",
        _l("Remove B2B data, keep the login"),
        _l(
            "Remove the selected contacts' B2B data (company links, role, permissions)? Their "
            "login accounts are kept without portal access."
        ),
        "fa-user-slash",
        single=False,
    )
    def remove_b2b(self, items):
        removed = 0
        for contact in self._visible(items):
            remove_b2b_data(db.session, contact, author=g.user)
            removed += 1
        db.session.commit()
        flash(
            ngettext(
                "B2B data of %(num)d contact removed; the login account is kept.",
                "B2B data of %(num)d contacts removed; the login accounts are kept.",
                removed,
            ),
            "success",
        )
        return redirect(url_for(f"{self.endpoint}.list"))


class ConvertForm(FlaskForm):
    customer_code = StringField(_l("Customer code"), validators=[DataRequired(), Length(max=32)])
    company_role = SelectField(_l("Role in the company"), choices=ROLE_CHOICES)


class PlainAccountsView(BaseView):
    """Logins without B2B access, and the form that gives one to a customer."""

    route_base = "/plain-accounts"
    default_view = "accounts"

    @expose("/")
    @requires("add", "ContactView")
    def accounts(self):
        users = db.session.scalars(plain_accounts_query().limit(500)).all()
        return self.render_template(
            "backoffice/plain_accounts.html",
            users=users,
            form=ConvertForm(),
            title=_("Accounts without B2B access"),
        )

    @expose("/<int:pk>/convert", methods=["POST"])
    @requires("add", "ContactView")
    def convert(self, pk):
        user = db.session.get(User, pk) or abort(404)
        form = ConvertForm()
        if not form.validate_on_submit():
            flash(_("Give the code of the customer the account should work for."), "danger")
            return redirect(url_for(".accounts"))
        query = sa.select(Customer).where(Customer.code == form.customer_code.data.strip())
        customer = db.session.scalars(
            restrict_to_visible_rows(query, Customer, "customer", g.user)
        ).first()
        if customer is None:
            flash(_("No customer has the code %(code)s.", code=form.customer_code.data), "danger")
            return redirect(url_for(".accounts"))
        try:
            contact = convert_plain_account(
                db.session, user, customer, form.company_role.data, author=g.user
            )
        except AccountRefusal as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(url_for(".accounts"))
        mails.new_access(db.session, contact, customer)
        db.session.commit()
        flash(
            _("%(email)s now works for %(company)s.", email=contact.email, company=customer.name),
            "success",
        )
        return redirect(url_for(".accounts"))
