"""The mail job: one message through Flask-Mail's SMTP connection."""

from __future__ import annotations

from flask_mail import Message

from app.extensions import mail
from app.jobs.queue import job


@job
def send_mail(to: list[str], subject: str, text: str, html: str | None = None) -> None:
    """Send one message, with a plain-text part and, when given, an HTML part."""
    message = Message(subject=subject, recipients=list(to), body=text, html=html)
    mail.send(message)
