"""A customer's timeline: what happened with them, newest first.

Staff write comments and attach files from the customer record; every mail written to the
customer's main address or to one of its contacts is noted (`note_email`); the domain functions
that invite, approve, suspend or take an order write their own (`accounts.log_event`).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, selectinload

from app.domain.uploads import StoredFile
from app.generated.models import Customer, CustomerEvent

PAGE_SIZE = 20
BODY_LENGTH = 20000  # model.yaml's max_length for an event's text


@dataclass(frozen=True)
class Timeline:
    """One page of a customer's timeline, newest first, and whether older entries remain."""

    events: list[CustomerEvent]
    more: bool
    shown: int


def timeline(session: Session, customer: Customer, shown: int = PAGE_SIZE) -> Timeline:
    """The customer's latest `shown` events, newest first (ties: the later written first)."""
    shown = max(1, shown)
    events = session.scalars(
        sa.select(CustomerEvent)
        .where(CustomerEvent.customer_id == customer.id)
        .options(selectinload(CustomerEvent.author))
        .order_by(CustomerEvent.occurred_at.desc(), CustomerEvent.id.desc())
        .limit(shown + 1)
    ).all()
    return Timeline(list(events[:shown]), len(events) > shown, shown)


def add_comment(session: Session, customer: Customer, text: str, author) -> CustomerEvent:
    """A comment by a member of staff; its first line is the subject."""
    text = text.strip()
    first_line = text.splitlines()[0] if text else ""
    return _event(session, customer, "comment", first_line, text, author=author)


def add_attachment(
    session: Session, customer: Customer, stored: StoredFile, note: str, author
) -> CustomerEvent:
    """A file (already checked and stored) attached to the customer's history."""
    return _event(
        session,
        customer,
        "attachment",
        stored.original_name,
        note.strip(),
        author=author,
        attachment=stored.stored_name,
    )


def note_email(
    session: Session,
    customer: Customer | None,
    recipients: Iterable[str],
    subject: str,
    text: str | None = None,
    author=None,
) -> CustomerEvent | None:
    """Note a mail written to the customer (its main address or its contacts) on its timeline.

    `text` is kept only when given: mails carrying a password or activation link are noted
    without it, so no one reading the history can use the link.
    """
    if customer is None:
        return None
    recipients = list(recipients)
    body = _("To: %(recipients)s", recipients=", ".join(recipients))
    if text:
        body += "\n\n" + text
    # Not flushed at once: written with the rest of the transaction (an order's events and mails
    # in one statement per table).
    return _event(session, customer, "email", subject, body, flush=False, author=author)


def _event(
    session: Session,
    customer: Customer,
    kind: str,
    subject: str,
    body: str,
    *,
    flush: bool = True,
    **values,
):
    event = CustomerEvent(
        customer=customer,
        kind=kind,
        subject=subject[:200] or "-",
        body=(body or "")[:BODY_LENGTH] or None,
        occurred_at=datetime.datetime.now(),
        **values,
    )
    session.add(event)
    if flush:
        session.flush([event])
    return event
