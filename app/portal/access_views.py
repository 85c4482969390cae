"""The portal's front door: login, self-registration, access requests, activation and reset.

None of these pages tells whether an email has an account: a wrong email and a wrong password
get the same answer in the same time, a reset request always gets the same page, and a
registration with a known email gets the usual "thank you" (the owner is mailed instead).
"""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import get_locale, ngettext
from flask_babel import gettext as _
from flask_login import login_user, logout_user
from werkzeug.security import generate_password_hash

from app import mails
from app.domain import applications
from app.domain.account_links import LinkProblem, LinkRefused, Purpose, user_for_link
from app.domain.accounts import (
    contact_of,
    find_user_by_email,
    password_matches,
    portal_access,
    record_login,
    set_password,
)
from app.domain.customers import vat_number_problems
from app.domain.passwords import MINIMUM_LENGTH
from app.domain.settings import portal_settings
from app.extensions import db
from app.locale import CHOSEN_LANGUAGE, remember_choice
from app.portal import CHOSEN_CUSTOMER, bp, safe_next, throttle
from app.portal.forms import (
    AccessRequestForm,
    ForgotPasswordForm,
    LanguageForm,
    LoginForm,
    RegistrationForm,
    SetPasswordForm,
)

LINK_MESSAGES = {
    LinkProblem.INVALID: lambda: _(
        "This link is not valid: it may have been cut or changed. Copy the whole address from "
        "the email, or ask for a new link."
    ),
    LinkProblem.EXPIRED: lambda: _(
        "This link has expired. Ask for a new one below: it is sent at once."
    ),
    LinkProblem.USED: lambda: _(
        "This link has already been used. Log in with your password, or ask for a new link if "
        "you have forgotten it."
    ),
}


def _too_many(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return ngettext(
        "Too many attempts. For your security, try again in %(num)d minute.",
        "Too many attempts. For your security, try again in %(num)d minutes.",
        minutes,
    )


@bp.route("/login", methods=["GET", "POST"])
def login():
    if g.contact is not None:
        return redirect(url_for("portal.home"))
    form = LoginForm()
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
    error = None
    if form.validate_on_submit():
        email = form.email.data
        wait = throttle.seconds_blocked("LOGIN", email)
        if wait:
            error = _too_many(wait)
        else:
            user = find_user_by_email(db.session, email)
            if not password_matches(user, form.password.data):
                throttle.count_failure("LOGIN", email)
                if user is not None:
                    record_login(user, False)
                    db.session.commit()
                error = _("The email or the password is not right.")
            else:
                access = portal_access(db.session, user)
                if not access.allowed:
                    # The password was right: this person may know why they cannot come in.
                    error = access.refusal
                else:
                    throttle.forget_account_failures("LOGIN", email)
                    record_login(user, True)
                    db.session.commit()
                    _start_session(user, access.customers[0])
                    return redirect(safe_next(form.next.data))
    return render_template("portal/login.html", form=form, error=error), 200 if not error else 401


def _start_session(user, customer) -> None:
    """A fresh session for the logged-in contact (none of the visitor's, against session
    fixation), working for `customer`. A language picked in the switcher on the way in is kept:
    it is what the person just said; otherwise their saved language applies (app/locale.py)."""
    chosen_language = session.get(CHOSEN_LANGUAGE)
    session.clear()
    login_user(user)
    session[CHOSEN_CUSTOMER] = customer.id
    if chosen_language:
        session[CHOSEN_LANGUAGE] = chosen_language


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    session.pop(CHOSEN_CUSTOMER, None)
    flash(_("You are logged out."), "info")
    return redirect(url_for("portal.login"))


def _application_form(door: str, form_class):
    """The settings, the form of an open door (404 when the settings keep it shut), and the
    applicant's details once the form is valid (else None)."""
    settings = portal_settings(db.session)
    if not (settings and getattr(settings, door)):
        abort(404)
    form = form_class()
    if request.method == "GET":
        form.language.data = str(get_locale())
    details = None
    if form.validate_on_submit() and _vat_number_ok(form):
        details = {name: form[name].data for name in applications.APPLICANT_FIELDS if name in form}
    return settings, form, details


@bp.route("/register", methods=["GET", "POST"])
def register():
    settings, form, details = _application_form("self_registration", RegistrationForm)
    if details is not None:
        try:
            application = applications.register_company(
                db.session,
                details,
                generate_password_hash(form.password.data),
                approval_required=settings.approval_required,
            )
        except applications.AlreadyRegistered:
            mails.send(
                db.session,
                "already_registered",
                form.email.data,
                form.language.data,
                reset_url=mails.portal_url("portal.forgot_password"),
            )
            db.session.commit()
            return _registered(settings.approval_required)
        contact = application.customer.contacts[0]
        if settings.approval_required:
            mails.to_contact(db.session, "application_received", contact, application.customer)
        else:
            mails.to_contact(db.session, "account_active", contact, application.customer, link=None)
        _tell_staff(application)
        db.session.commit()
        return _registered(settings.approval_required)
    return render_template("portal/register.html", form=form)


def _registered(approval_required: bool):
    if approval_required:
        message = _(
            "Thank you. Your application waits for the seller's approval: you will receive an "
            "email as soon as your account is active. Meanwhile, logging in tells you where it "
            "stands."
        )
    else:
        message = _("Thank you. Your account is ready: you can log in now.")
    return render_template("portal/message.html", title=_("Application received"), message=message)


def _vat_number_ok(form) -> bool:
    values = {"vat_number": form.vat_number.data, "country": form.country.data}
    problems = vat_number_problems(values.get).get("vat_number")
    if problems:
        form.vat_number.errors = list(form.vat_number.errors) + problems
        return False
    return True


def _tell_staff(application) -> None:
    kinds = {
        applications.SELF_REGISTRATION: _("Self-registration"),
        applications.ACCESS_REQUEST: _("Access request"),
    }
    mails.to_staff(
        db.session,
        "new_application",
        application=application,
        company=application.company_name,
        kind=kinds[application.kind],
        queue_url=mails.portal_url("ApprovalQueueView.queue"),
    )


@bp.route("/request-access", methods=["GET", "POST"])
def request_access():
    _settings, form, details = _application_form("access_request_button", AccessRequestForm)
    if details is not None:
        application = applications.request_access(db.session, details)
        mails.to_applicant(db.session, "application_received", application)
        _tell_staff(application)
        db.session.commit()
        return render_template(
            "portal/message.html",
            title=_("Request received"),
            message=_(
                "Thank you. The seller will look at your request and write to you at the "
                "address you gave."
            ),
        )
    return render_template("portal/request_access.html", form=form)


@bp.route("/activate/<token>", methods=["GET", "POST"])
def activate(token: str):
    return _set_password_page(token, Purpose.ACTIVATION)


@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset_password(token: str):
    return _set_password_page(token, Purpose.RESET)


def _set_password_page(token: str, purpose: Purpose):
    config = current_app.config
    max_age = (
        config["ACCOUNT_ACTIVATION_DAYS"] * 86400
        if purpose is Purpose.ACTIVATION
        else config["PASSWORD_RESET_HOURS"] * 3600
    )
    try:
        user = user_for_link(db.session, config["SECRET_KEY"], token, purpose, max_age)
    except LinkRefused as refused:
        form = ForgotPasswordForm()
        return (
            render_template(
                "portal/link_refused.html", message=LINK_MESSAGES[refused.problem](), form=form
            ),
            400,
        )
    contact = contact_of(db.session, user)
    if contact is None:
        abort(404)
    form = SetPasswordForm(account_email=user.email)
    if form.validate_on_submit():
        set_password(user, form.password.data)
        if contact.status == "invited":
            contact.status = "active"
        db.session.commit()
        access = portal_access(db.session, user)
        if not access.allowed:
            return render_template(
                "portal/message.html", title=_("Password saved"), message=access.refusal
            )
        _start_session(user, access.customers[0])
        flash(_("Your password is saved. Welcome!"), "success")
        return redirect(url_for("portal.home"))
    first_time = purpose is Purpose.ACTIVATION
    return render_template(
        "portal/set_password.html",
        form=form,
        contact=contact,
        first_time=first_time,
        minimum_length=MINIMUM_LENGTH,
    )


@bp.route("/forgot-password", methods=["GET", "POST"])
def forgot_password():
    form = ForgotPasswordForm()
    if form.validate_on_submit():
        email = form.email.data
        wait = throttle.seconds_blocked("RESET", email)
        if wait:
            return render_template(
                "portal/forgot_password.html", form=form, error=_too_many(wait)
            ), 429
        throttle.count_attempt("RESET", email)
        user = find_user_by_email(db.session, email)
        contact = contact_of(db.session, user)
        if contact is not None and contact.status != "disabled":
            hours = current_app.config["PASSWORD_RESET_HOURS"]
            mails.to_contact(
                db.session,
                "password_reset",
                contact,
                link=mails.account_link(user, Purpose.RESET),
                link_hours=hours,
            )
            db.session.commit()
        return render_template(
            "portal/message.html",
            title=_("Check your email"),
            message=_(
                "If an account exists for %(email)s, we have sent it a link to set a new "
                "password. The link is valid for %(hours)d hours.",
                email=email,
                hours=current_app.config["PASSWORD_RESET_HOURS"],
            ),
        )
    return render_template("portal/forgot_password.html", form=form, error=None)


@bp.route("/language", methods=["POST"])
def choose_language():
    """The language switcher: for this session, and saved on the contact for their mails."""
    form = LanguageForm()
    if not form.validate_on_submit() or form.language.data not in current_app.config["LANGUAGES"]:
        abort(400)
    remember_choice(form.language.data)
    if g.contact is not None:
        g.contact.language = form.language.data
        db.session.commit()
    return redirect(safe_next(request.form.get("next")))
