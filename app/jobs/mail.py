"""The mail job: one message through Flask-Mail's SMTP connection."""

from __future__ import annotations

from flask_mail import Message

from app.domain.uploads import stored_file, stored_path
from app.extensions import mail
from app.jobs.queue import job

# How outbox entries name this job (app/jobs/outbox.py): every mail the application writes.
SEND_MAIL = "app.jobs.mail:send_mail"


@job
def send_mail(
    to: list[str],
    subject: str,
    text: str,
    html: str | None = None,
    attachments: list[str] | None = None,
) -> None:
    """Send one message, with a plain-text part and, when given, an HTML part.

    `attachments` are stored names of files in the upload folder (app.domain.uploads), read
    when the message is sent: the job's arguments stay small and JSON-able in the outbox.
    """
    message = Message(subject=subject, recipients=list(to), body=text, html=html)
    for stored_name in attachments or []:
        attached = stored_file(stored_name)
        with open(stored_path(stored_name), "rb") as content:
            message.attach(attached.original_name, attached.content_type, content.read())
    mail.send(message)
