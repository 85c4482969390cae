"""Which language a page speaks: the rule, kept apart from where its inputs come from.

The web layer (app/locale.py) gathers the inputs of a request — the session's choice, the user's
saved language, their customer's, the browser's Accept-Language, the shop's default — and asks
`negotiated_language`; mails and PDFs do not negotiate: they are written in the recipient's
language (app.domain.accounts.recipient_language).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User
from sqlalchemy.orm import Session

from app.generated.models import UserPreference

# A value, or a function giving it, called only when the steps before it found nothing: a page
# whose user picked a language then asks the database nothing.
Choice = str | None | Callable[[], str | None]


def negotiated_language(
    explicit: Choice,
    saved: Choice,
    customer: Choice,
    accepted: Iterable[tuple[str, float]],
    default: str | Callable[[], str],
    available: Collection[str],
) -> str:
    """The language of a page, the first of these that the portal offers (`available`):

    1. `explicit`: what the user just picked in a language switcher, for this session. It wins
       over everything because it is the most recent thing the user said.
    2. `saved`: the user's own saved language (a contact's `language`, a member of staff's
       preference), so a person reads their language on any computer.
    3. `customer`: for a portal contact without a language of their own, their company's.
    4. `accepted`: the browser's Accept-Language as (tag, quality) pairs, best quality first; a
       regional tag matches its language (`fr-BE` -> `fr`), and quality 0 means "not this one".
    5. `default`: the shop's default language, whatever `available` says (it is the catalogue
       every other one falls back to).

    A value the portal does not offer (a language since removed, a typed URL argument) is
    skipped rather than trusted, so a stale saved choice cannot break the page. Each input but
    `accepted` and `available` may be a function, called only when it is needed.
    """
    offered = {code.lower(): code for code in available}
    for choice in (explicit, saved, customer):
        choice = choice() if callable(choice) else choice
        if choice and choice.lower() in offered:
            return offered[choice.lower()]
    found = best_accepted_language(accepted, offered)
    return found or (default() if callable(default) else default)


def best_accepted_language(
    accepted: Iterable[tuple[str, float]], offered: dict[str, str]
) -> str | None:
    """The offered language the browser prefers most, or None.

    Each tag is matched exactly, else by its primary language (`nl-BE` -> `nl`), before a less
    preferred tag is tried: a Belgian French browser that also accepts English gets French.
    (Werkzeug's own best_match tries the primary language only when no tag matches at all.)
    """
    weighted = sorted(
        ((tag, quality) for tag, quality in accepted if quality > 0 and tag != "*"),
        key=lambda pair: -pair[1],
    )
    for tag, _quality in weighted:
        tag = tag.replace("_", "-").lower()
        for candidate in (tag, tag.split("-")[0]):
            if candidate in offered:
                return offered[candidate]
    return None


def staff_language(session: Session, user: User) -> str | None:
    """The language a member of staff saved with the back office's switcher, if any."""
    return session.scalar(
        sa.select(UserPreference.language).where(UserPreference.user_id == user.id)
    )


def save_staff_language(session: Session, user: User, language: str) -> None:
    """Keep `language` as the user's own, for their next sessions (the caller commits)."""
    preference = session.scalars(
        sa.select(UserPreference).where(UserPreference.user_id == user.id)
    ).first()
    if preference is None:
        session.add(UserPreference(user=user, language=language))
    else:
        preference.language = language
