"""The account mails, each written in its recipient's language and sent by the mail job.

A mail is rendered when the event happens (in the recipient's locale, from app/templates/mail/:
a plain-text part and an HTML part) and written to the outbox for `app.jobs.mail:send_mail`, in
the transaction of the change that caused it: it goes out once that commits, and is tried again
until it does (app/jobs/outbox.py); a refused or rolled-back change sends nothing.
"""

from __future__ import annotations

from flask import current_app, has_request_context, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session
from werkzeug.routing import BuildError

from app.domain.account_links import Purpose, account_link_token
from app.domain.accounts import recipient_language
from app.domain.mail_texts import seller_wording
from app.domain.settings import portal_settings
from app.domain.timeline import note_email
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL

SUBJECTS = {
    "invitation": _l("Your access to the %(shop)s portal"),
    "access_added": _l("You now have access to %(company)s on the %(shop)s portal"),
    "application_received": _l("We have received your application"),
    "new_application": _l("New application: %(company)s"),
    "account_active": _l("Your %(shop)s account is active"),
    "application_refused": _l("Your application to %(shop)s"),
    "password_reset": _l("Set a new password for %(shop)s"),
    "already_registered": _l("You already have an account with %(shop)s"),
}


def shop_name(session: Session) -> str:
    settings = portal_settings(session)
    return settings.shop_name if settings else current_app.config["APP_NAME"]


def default_language(session: Session) -> str:
    settings = portal_settings(session)
    return (settings.default_language if settings else None) or current_app.config[
        "BABEL_DEFAULT_LOCALE"
    ]


def portal_url(endpoint: str, **values) -> str:
    """An absolute portal address for a mail: PORTAL_URL when set (behind a proxy, from a job),
    else the address the request came in on."""
    path = url_for(endpoint, **values)
    base = current_app.config.get("PORTAL_URL") or (
        request.host_url if has_request_context() else ""
    )
    return base.rstrip("/") + path


def portal_url_if_known(endpoint: str, **values) -> str | None:
    """`portal_url`, or None when no address can be made (a job with neither a request nor
    PORTAL_URL and a server name): the mail then goes without that link."""
    try:
        return portal_url(endpoint, **values)
    except (RuntimeError, BuildError):
        current_app.logger.debug("no address for %s %s in a mail", endpoint, values)
        return None


def account_link(user, purpose: Purpose) -> str:
    token = account_link_token(current_app.config["SECRET_KEY"], user, purpose)
    endpoint = "portal.activate" if purpose is Purpose.ACTIVATION else "portal.reset_password"
    return portal_url(endpoint, token=token)


def send(session: Session, template: str, to: str, language: str, **context) -> str:
    """Render `template` in `language` and write it to the outbox for `to`; return its subject."""
    shop = shop_name(session)
    context = {"shop": shop, "login_url": portal_url("portal.login"), **context}
    with force_locale(language):
        subject = str(SUBJECTS[template]) % {"shop": shop, "company": context.get("company", "")}
        subject, context = seller_wording(session, template, language, subject, context)
        text = render_template(f"mail/{template}.txt", **context)
        html = render_template(f"mail/{template}.html", subject=subject, **context)
    outbox.write(session, SEND_MAIL, [to], subject, text, html)
    return subject


def to_contact(session: Session, template: str, contact, customer=None, **context) -> None:
    """A mail to a contact, in their language (else their company's, else the shop's)."""
    customer = customer or (contact.customers[0] if contact.customers else None)
    language = recipient_language(contact, customer, default_language(session))
    subject = send(
        session,
        template,
        contact.email,
        language,
        name=contact.first_name,
        email=contact.email,
        company=customer.name if customer else "",
        **context,
    )
    # Without the text: account mails carry activation and reset links.
    note_email(session, customer, [contact.email], subject)


def new_access(session: Session, contact, customer=None, message: str | None = None) -> None:
    """The mail that goes with new portal access: a link to choose a password, or, for someone
    who has one already, word of their new access."""
    user = contact.user
    if user is not None and not user.password:
        to_contact(
            session,
            "invitation",
            contact,
            customer,
            link=account_link(user, Purpose.ACTIVATION),
            link_days=current_app.config["ACCOUNT_ACTIVATION_DAYS"],
            message=message,
        )
    else:
        to_contact(session, "access_added", contact, customer, message=message)


def staff_addresses(session: Session) -> list[str]:
    """Who hears of new applications: the settings' staff email, else every administrator."""
    settings = portal_settings(session)
    if settings and settings.staff_email:
        return [settings.staff_email]
    sm = current_app.appbuilder.sm
    from app.generated.roles import SUPERUSER_ROLE

    role = sm.find_role(SUPERUSER_ROLE)
    return sorted({user.email for user in role.user if user.email and user.active}) if role else []


def sales_rep_address(customer) -> str | None:
    """The address of the customer's sales representative, when they have one who is active."""
    rep = getattr(customer, "sales_rep", None)
    return rep.email if rep is not None and rep.active and rep.email else None


def to_applicant(session: Session, template: str, application, **context) -> None:
    """A mail to someone who applied, in the language they used."""
    language = application.language or default_language(session)
    subject = send(
        session,
        template,
        application.email,
        language,
        name=application.first_name,
        email=application.email,
        company=application.company_name,
        **context,
    )
    note_email(session, application.customer, [application.email], subject)


def to_staff(session: Session, template: str, **context) -> None:
    language = default_language(session)
    for address in staff_addresses(session):
        send(session, template, address, language, **context)
