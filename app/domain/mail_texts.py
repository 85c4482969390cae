"""The seller's own wording of the portal's mails, per mail and language (model.yaml's `mail_text`).

A mail is a template of app/templates/mail/ with a translated subject. The seller may replace, for
one mail in one language, the subject and the opening message (the greeting and first paragraph):
the links, buttons, order tables and private messages of the template stay, so a seller's text can
neither lose the set-your-password link nor an order's lines. Without such a text the shipped,
translated wording is sent.

`EDITABLE_MAILS` is the one list of the mails the seller may reword: a new mail joins by adding an
entry there, naming the placeholders its context gives (see `PLACEHOLDERS`), and by passing its
template name to `seller_wording` where it is rendered (app/mails.py does for every mail it sends).

Placeholders are names in braces, `{shop}`; a name the mail does not offer is refused when the
text is saved, so a typo cannot reach a customer as "Dear {nmae}".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.orm import Session

from app.domain.checks import Problems, ValueOf, blank
from app.generated.models import MailText

Context = Mapping[str, object]


@dataclass(frozen=True)
class Placeholder:
    """A value a seller's text may use: what it is, and how it is read from a mail's context."""

    meaning: object  # a lazy translated string
    value: Callable[[Context], object]


def _order_number(context: Context) -> object:
    order = context.get("order")
    return getattr(order, "number", None) or context.get("order_number")


PLACEHOLDERS: dict[str, Placeholder] = {
    "shop": Placeholder(_l("the shop's name"), lambda c: c.get("shop")),
    "company": Placeholder(_l("the customer company's name"), lambda c: c.get("company")),
    "name": Placeholder(_l("the recipient's first name"), lambda c: c.get("name")),
    "email": Placeholder(_l("the recipient's email address"), lambda c: c.get("email")),
    "order_number": Placeholder(_l("the order's number"), _order_number),
    "contact_name": Placeholder(
        _l("the name of the person who placed the order"), lambda c: c.get("contact_name")
    ),
}

PERSON = ("shop", "company", "name", "email")


@dataclass(frozen=True)
class EditableMail:
    """A mail the seller may reword: its name on the screen and the placeholders it offers."""

    label: object  # a lazy translated string
    placeholders: tuple[str, ...]


# The mails of app/mails.py (by template name), the order-placed mails of app/domain/checkout.py
# and the order desk's of app/domain/order_mails.py.
EDITABLE_MAILS: dict[str, EditableMail] = {
    "invitation": EditableMail(_l("Invitation to the portal"), PERSON),
    "access_added": EditableMail(_l("Access to another company"), PERSON),
    "application_received": EditableMail(_l("Application received (to the applicant)"), PERSON),
    "new_application": EditableMail(_l("New application (to the staff)"), ("shop", "company")),
    "account_active": EditableMail(_l("Account approved"), PERSON),
    "application_refused": EditableMail(_l("Application refused"), PERSON),
    "password_reset": EditableMail(_l("Password reset"), PERSON),
    "already_registered": EditableMail(_l("Registration with a known address"), ("shop",)),
    "order_placed": EditableMail(
        _l("Order placed (to the buyer)"), ("shop", "company", "name", "order_number")
    ),
    "order_placed_staff": EditableMail(
        _l("Order placed (to the staff)"), ("shop", "company", "contact_name", "order_number")
    ),
    "order_confirmed": EditableMail(
        _l("Order confirmed (to the buyer)"), ("shop", "company", "name", "order_number")
    ),
    "order_shipped": EditableMail(
        _l("Order shipped (to the buyer)"), ("shop", "company", "name", "order_number")
    ),
}

_BRACED = re.compile(r"\{([^{}]*)\}")


def _braced(names: tuple[str, ...]) -> str:
    return ", ".join("{" + name + "}" for name in names)


def mail_choices() -> list[tuple[str, object]]:
    """(mail, label) of every editable mail, for the screen's select."""
    return [(key, mail.label) for key, mail in EDITABLE_MAILS.items()]


def placeholder_help() -> str:
    """Which placeholders each mail offers, in the user's language: the screen's help text."""
    lines = [
        _(
            "%(mail)s: %(placeholders)s",
            mail=str(mail.label),
            placeholders=_braced(mail.placeholders),
        )
        for mail in EDITABLE_MAILS.values()
    ]
    meanings = [
        _("{%(name)s} is %(meaning)s", name=name, meaning=str(p.meaning))
        for name, p in PLACEHOLDERS.items()
    ]
    return " · ".join(lines) + ". " + "; ".join(meanings) + "."


def unknown_placeholders(text: str | None, allowed: tuple[str, ...]) -> list[str]:
    """The placeholders of `text` (names in braces) that are not among `allowed`, in order."""
    found = [name for name in _BRACED.findall(text or "") if name not in allowed]
    return list(dict.fromkeys(found))


def mail_text_problems(value_of: ValueOf) -> Problems:
    """A seller's text names a known mail, and only placeholders that mail offers."""
    mail = value_of("mail")
    if blank(mail):
        return {}
    editable = EDITABLE_MAILS.get(mail)
    if editable is None:
        return {"mail": [_("Unknown mail %(mail)s: choose one from the list.", mail=mail)]}
    problems: Problems = {}
    offered = _braced(editable.placeholders)
    for field in ("subject", "message"):
        for name in unknown_placeholders(value_of(field), editable.placeholders):
            problems.setdefault(field, []).append(
                _(
                    "Unknown placeholder {%(name)s}: this mail offers %(offered)s.",
                    name=name,
                    offered=offered,
                )
            )
    return problems


def fill(text: str, mail: str, context: Context) -> str:
    """`text` with each placeholder the mail offers replaced by its value in `context`.

    A brace that is not such a placeholder (a text saved before its mail lost one) stays as it
    is: the value is never looked up by an arbitrary name, nor formatted by Python.
    """
    allowed = EDITABLE_MAILS[mail].placeholders

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in allowed:
            return match.group(0)
        found = PLACEHOLDERS[name].value(context)
        return "" if found is None else str(found)

    return _BRACED.sub(value, text.replace("\r\n", "\n"))


def seller_text(session: Session, mail: str, language: str) -> MailText | None:
    """The seller's text for `mail` in `language`, or None when the shipped one is sent."""
    if mail not in EDITABLE_MAILS:
        return None
    return session.scalars(
        sa.select(MailText).where(MailText.mail == mail, MailText.language == language).limit(1)
    ).first()


def seller_texts(
    session: Session, wanted: Iterable[tuple[str, str]]
) -> dict[tuple[str, str], MailText]:
    """`seller_text` for several (mail, language) pairs in one query: {pair: text}, without the
    pairs for which the shipped text is sent."""
    pairs = {(mail, language) for mail, language in wanted if mail in EDITABLE_MAILS}
    if not pairs:
        return {}
    found: dict[tuple[str, str], MailText] = {}
    for text in session.scalars(
        sa.select(MailText).where(
            MailText.mail.in_({mail for mail, _language in pairs}),
            MailText.language.in_({language for _mail, language in pairs}),
        )
    ):
        pair = (text.mail, text.language)
        if pair in pairs:
            found.setdefault(pair, text)
    return found


def seller_wording(
    session: Session,
    mail: str,
    language: str,
    subject: str,
    context: Context,
    *,
    texts: Mapping[tuple[str, str], MailText] | None = None,
) -> tuple[str, dict]:
    """The subject and template context of `mail` to `language`: the seller's subject and
    message (as `seller_message`, placeholders filled) when the seller wrote some for that
    language, else `subject` and no `seller_message`, so the template writes its shipped text.

    The templates print `seller_message` in place of their greeting and opening paragraph, as
    text (escaped in the HTML part). `texts`, read beforehand with `seller_texts` for this
    mail and language among others, saves the query.
    """
    context = dict(context)
    own = texts.get((mail, language)) if texts is not None else seller_text(session, mail, language)
    if own is None:
        context.setdefault("seller_message", None)
        return subject, context
    # A subject is one line: a line break there would start another header.
    own_subject = " ".join(fill(own.subject or "", mail, context).split())
    context["seller_message"] = fill(own.message or "", mail, context).strip() or None
    return own_subject or subject, context
