"""An email a member of staff writes to a customer from its record.

The message is rich text typed in the back office: it is sanitised with nh3 (a whitelist of
formatting tags; scripts, styles, event handlers and `javascript:` links are dropped) before it
is sent, and its plain-text part is made from that sanitised HTML. Each recipient gets
their own copy through the outbox, in the transaction that notes the mail on the timeline.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser

import nh3
from flask import render_template
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.timeline import add_attachment, note_email
from app.domain.uploads import StoredFile
from app.generated.models import Customer
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL

ALLOWED_TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "ul", "ol", "li",
    "a", "h2", "h3", "blockquote", "hr",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}}
_BLOCKS = {"p", "div", "h2", "h3", "blockquote", "ul", "ol", "hr", "tr"}


class CustomerMailRefusal(ValueError):
    """Why the mail cannot be sent, in the user's language."""


@dataclass(frozen=True)
class Recipient:
    """An address the customer may be written to at, and whose it is."""

    email: str
    label: str


def recipients_of(customer: Customer) -> list[Recipient]:
    """The customer's main address, then its contacts' (not those whose access is disabled)."""
    choices: list[Recipient] = []
    seen: set[str] = set()
    if customer.email:
        choices.append(Recipient(customer.email, _("Main address")))
        seen.add(customer.email.lower())
    for contact in sorted(customer.contacts, key=lambda c: (c.last_name or "", c.first_name or "")):
        if contact.email and contact.status != "disabled" and contact.email.lower() not in seen:
            choices.append(Recipient(contact.email, str(contact)))
            seen.add(contact.email.lower())
    return choices


def sanitised_html(html: str) -> str:
    """The message's HTML with only formatting kept (nh3 drops scripts, handlers, styles)."""
    return nh3.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    ).strip()


def plain_text(html: str) -> str:
    """A readable plain-text version of (sanitised) HTML: paragraphs, list items, links."""
    parser = _TextMaker()
    parser.feed(html)
    parser.close()
    lines = [line.strip() for line in "".join(parser.parts).splitlines()]
    text = "\n".join(lines)
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


@dataclass(frozen=True)
class CustomerEmail:
    """A checked email to a customer: its addresses, subject, sanitised HTML and text."""

    addresses: list[str]
    subject: str
    html: str
    text: str


def prepare_customer_email(
    customer: Customer, recipients: list[str], subject: str, html: str
) -> CustomerEmail:
    """Check and sanitise an email to the customer before anything is stored or sent.

    Raises CustomerMailRefusal for no recipient, an address that is not the customer's, or a
    message left empty once sanitised.
    """
    allowed = {r.email.lower(): r.email for r in recipients_of(customer)}
    chosen = list(dict.fromkeys(address.strip().lower() for address in recipients if address))
    if not chosen:
        raise CustomerMailRefusal(_("Choose at least one recipient."))
    strangers = [address for address in chosen if address not in allowed]
    if strangers:
        raise CustomerMailRefusal(
            _("%(email)s is not an address of this customer.", email=", ".join(strangers))
        )
    body = sanitised_html(html)
    text = plain_text(body)
    if not text:
        raise CustomerMailRefusal(_("Write a message."))
    if not subject.strip():
        raise CustomerMailRefusal(_("Write a subject."))
    return CustomerEmail([allowed[a] for a in chosen], subject.strip()[:200], body, text)


def send_customer_email(
    session: Session, customer: Customer, email: CustomerEmail, files: list[StoredFile], author
) -> int:
    """Write the email to each of its addresses to the outbox and note it, and each attached
    file, on the customer's timeline. Returns the number of messages written."""
    from app.mails import shop_name

    page = render_template(
        "mail/customer_message.html",
        subject=email.subject,
        shop=shop_name(session),
        body=email.html,
    )
    attachments = [f.stored_name for f in files]
    for address in email.addresses:
        outbox.write(
            session, SEND_MAIL, [address], email.subject, email.text, page, attachments=attachments
        )
    note_email(session, customer, email.addresses, email.subject, email.text, author=author)
    for stored in files:
        note = _("Sent with the email “%(subject)s”.", subject=email.subject)
        add_attachment(session, customer, stored, note, author)
    return len(email.addresses)


class _TextMaker(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str | None] = []

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append("\n- ")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
        if tag == "a":
            self.links.append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self.parts.append("\n\n")
        elif tag == "a" and self.links:
            href = self.links.pop()
            if href:
                self.parts.append(f" ({href})")

    def handle_data(self, data):
        self.parts.append(data)
