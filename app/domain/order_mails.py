"""The mails that follow an order through the desk: confirmed, shipped.

Each goes to the contact who placed the order, in their language (else their company's, else
the shop's), as HTML with a plain-text part, rendered when the change happens and written to the
outbox in the change's transaction: a refused or rolled-back change sends nothing, and the mail
shows the order as it was when the desk moved it.
"""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.domain.accounts import recipient_language
from app.domain.mail_texts import seller_wording
from app.domain.timeline import note_email
from app.generated.models import SalesOrder
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL

SUBJECTS = {
    "confirmed": _l("Your order %(number)s is confirmed"),
    "shipped": _l("Your order %(number)s has been shipped"),
}


def write_order_mail(session: Session, order: SalesOrder, status: str) -> bool:
    """Write the mail for `order` reaching `status` ('confirmed' or 'shipped') to the buyer who
    placed it, to the outbox; False when there is nobody to write to (an order entered in the
    back office, a contact since removed or without an address)."""
    from app.mails import default_language, portal_url_if_known, shop_name

    contact = order.contact
    if contact is None or not contact.email:
        return False
    language = recipient_language(contact, order.customer, default_language(session))
    context = {
        "shop": shop_name(session),
        "order": order,
        "name": contact.first_name,
        "company": order.customer.name,
        "lines": sorted(order.lines, key=lambda line: line.id),
        "link": portal_url_if_known("portal.order", number=order.number),
    }
    with force_locale(language):
        subject = str(SUBJECTS[status]) % {"number": order.number, "shop": context["shop"]}
        subject, context = seller_wording(session, f"order_{status}", language, subject, context)
        text = render_template(f"mail/order_{status}.txt", **context)
        html = render_template(f"mail/order_{status}.html", subject=subject, **context)
    outbox.write(session, SEND_MAIL, [contact.email], subject, text, html)
    note_email(session, order.customer, [contact.email], subject, text)
    return True
