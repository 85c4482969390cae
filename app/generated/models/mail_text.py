# Generated from model.yaml by `flask model generate`: do not edit.
# Change model.yaml (or the hand-written class it names) and generate again.
# ruff: noqa: E501
"""Mail text: The seller's own subject and opening message of one of the portal's mails in one language; without one, the shipped text is sent."""

import sqlalchemy as sa
from flask_appbuilder import Model


class MailText(Model):
    """The seller's own subject and opening message of one of the portal's mails in one language; without one, the shipped text is sent."""

    __tablename__ = "mail_text"
    __table_args__ = (
        sa.UniqueConstraint("mail", "language", name="uq_mail_text_mail_language"),
        sa.CheckConstraint("length(message) <= 4000", name="ck_mail_text_message_max_length"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    mail = sa.Column(sa.String(40), nullable=False)
    language = sa.Column(sa.String(8), nullable=False)
    subject = sa.Column(sa.String(200), nullable=False)
    message = sa.Column(
        sa.Text(),
        nullable=False,
        comment="Replaces the greeting and opening paragraph; the mail's links, buttons and order details stay. Write a placeholder in braces, such as {shop}; a blank line starts a new paragraph.",
    )

    def __str__(self) -> str:
        return " ".join(str(part) for part in (self.mail, self.subject) if part)

    def __repr__(self) -> str:
        return f"<MailText {self.id}>"
