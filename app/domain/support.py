"""Support requests: a question a contact sends from the portal.

The request is kept, noted on the customer's timeline, and mailed (through the outbox, in the
same transaction) to the seller's staff and to the customer's sales representative, in the
shop's language. The contact follows the status of their own requests in the portal.
"""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.accounts import log_event
from app.generated.models import Contact, Customer, SupportRequest
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL


def open_support_request(
    session: Session, contact: Contact, customer: Customer, subject: str, message: str
) -> SupportRequest:
    """Keep the contact's question for `customer`, note it on the timeline and tell the staff."""
    from app.mails import default_language, portal_url_if_known, shop_name, staff_addresses

    request = SupportRequest(
        customer=customer,
        contact=contact,
        subject=subject.strip()[:200],
        message=message.strip(),
        status="open",
        created_at=datetime.datetime.now(),
    )
    session.add(request)
    language = default_language(session)
    with force_locale(language):
        log_event(
            session,
            customer,
            "support_request",
            _("Support request from %(name)s: %(subject)s", name=str(contact), subject=subject),
            request.message,
            author=contact.user,
        )
    session.flush()
    recipients = list(staff_addresses(session))
    rep = customer.sales_rep
    if rep is not None and rep.email and rep.active and rep.email not in recipients:
        recipients.append(rep.email)
    if recipients:
        context = {
            "shop": shop_name(session),
            "request": request,
            "company": customer.name,
            "contact": contact,
            "link": portal_url_if_known("CustomerView.show", pk=customer.id),
        }
        with force_locale(language):
            title = _("Support request from %(company)s: %(subject)s", company=customer.name,
                      subject=request.subject)  # fmt: skip
            text = render_template("mail/support_request.txt", **context)
            html = render_template("mail/support_request.html", subject=title, **context)
        for address in recipients:
            outbox.write(session, SEND_MAIL, [address], title, text, html)
    return request


def support_requests_of(session: Session, contact: Contact, customer: Customer):
    """The contact's own requests for the customer, newest first."""
    return session.scalars(
        sa.select(SupportRequest)
        .where(SupportRequest.contact_id == contact.id, SupportRequest.customer_id == customer.id)
        .order_by(SupportRequest.created_at.desc(), SupportRequest.id.desc())
    ).all()
