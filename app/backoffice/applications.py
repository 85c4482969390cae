"""The approval queue: pending self-registrations and access requests, approved or refused.

The queue is a screen of its own over access requests, with the access-request screen's
permissions: listing needs `list`, answering needs `edit`. Answers send their mail in the
applicant's language once the change has committed.
"""

from __future__ import annotations

import sqlalchemy as sa
from flask import abort, flash, g, redirect, request, url_for
from flask_appbuilder import BaseView
from flask_appbuilder.views import expose
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from app import mails
from app.backoffice.access import requires
from app.backoffice.views import BackOfficeModelView
from app.domain.account_links import Purpose
from app.domain.accounts import AccountRefusal
from app.domain.applications import (
    APPROVED,
    PENDING,
    REFUSED,
    approve_application,
    refuse_application,
)
from app.domain.scoping import restrict_to_visible_rows
from app.extensions import db
from app.generated.models import AccessRequest, Customer


class AccessRequestAdminView(BackOfficeModelView):
    """The generated access-request screen; answering happens in the queue."""


class ApproveForm(FlaskForm):
    customer_code = StringField(
        _l("Existing customer code"),
        validators=[Optional(), Length(max=32)],
        description=_l("Leave empty to create the customer from the application."),
    )


class RefuseForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for refusal"),
        validators=[
            DataRequired(message=_l("Say why: the applicant receives this text.")),
            Length(max=2000),
        ],
    )


class ApprovalQueueView(BaseView):
    route_base = "/approvals"
    default_view = "queue"
    entity_view = "AccessRequestView"

    @expose("/")
    @requires("list", "AccessRequestView")
    def queue(self):
        shown = request.args.get("status", PENDING)
        if shown not in (PENDING, REFUSED, APPROVED):
            shown = PENDING
        applications = db.session.scalars(
            sa.select(AccessRequest)
            .where(AccessRequest.status == shown)
            .order_by(
                AccessRequest.created_at.desc() if shown != PENDING else AccessRequest.created_at,
                AccessRequest.id,
            )
            .limit(200)
        ).all()
        may_answer = self.appbuilder.sm.has_access("can_edit", self.entity_view)
        return self.render_template(
            "backoffice/approval_queue.html",
            applications=applications,
            shown=shown,
            may_answer=may_answer,
            approve_form=ApproveForm(),
            refuse_form=RefuseForm(),
            title=_("Approval queue"),
        )

    def _application(self, pk: int) -> AccessRequest:
        return db.session.get(AccessRequest, pk) or abort(404)

    @expose("/<int:pk>/approve", methods=["POST"])
    @requires("edit", "AccessRequestView")
    def approve(self, pk):
        application = self._application(pk)
        form = ApproveForm()
        if not form.validate_on_submit():
            flash(_("The form expired; please try again."), "danger")
            return redirect(url_for(".queue"))
        customer = None
        if form.customer_code.data:
            query = sa.select(Customer).where(Customer.code == form.customer_code.data.strip())
            query = restrict_to_visible_rows(query, Customer, "customer", g.user)
            customer = db.session.scalars(query).first()
            if customer is None:
                flash(
                    _("No customer has the code %(code)s.", code=form.customer_code.data), "danger"
                )
                return redirect(url_for(".queue", status=application.status))
        try:
            approval = approve_application(db.session, application, customer, author=g.user)
        except AccountRefusal as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(url_for(".queue", status=application.status))
        link = (
            mails.account_link(approval.user, Purpose.ACTIVATION)
            if approval.needs_activation
            else None
        )
        mails.to_contact(
            db.session,
            "account_active",
            approval.contact,
            approval.customer,
            link=link,
            link_days=mails.current_app.config["ACCOUNT_ACTIVATION_DAYS"],
        )
        db.session.commit()
        flash(
            _(
                "%(company)s is approved; %(email)s has been told.",
                company=approval.customer.name,
                email=approval.contact.email,
            ),
            "success",
        )
        return redirect(url_for(".queue"))

    @expose("/<int:pk>/refuse", methods=["POST"])
    @requires("edit", "AccessRequestView")
    def refuse(self, pk):
        application = self._application(pk)
        form = RefuseForm()
        if not form.validate_on_submit():
            for message in form.reason.errors or [_("The form expired; please try again.")]:
                flash(str(message), "danger")
            return redirect(url_for(".queue", status=application.status))
        try:
            refuse_application(db.session, application, form.reason.data, author=g.user)
        except AccountRefusal as refusal:
            db.session.rollback()
            flash(str(refusal), "danger")
            return redirect(url_for(".queue", status=application.status))
        mails.to_applicant(
            db.session, "application_refused", application, reason=form.reason.data.strip()
        )
        db.session.commit()
        flash(
            _(
                "The application of %(company)s is refused; the applicant has been told.",
                company=application.company_name,
            ),
            "success",
        )
        return redirect(url_for(".queue"))
