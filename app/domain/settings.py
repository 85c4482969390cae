"""The portal's settings: one record for the whole shop (model.yaml's `portal_settings`)."""

from __future__ import annotations

import re

import sqlalchemy as sa
from babel.numbers import list_currencies
from flask_babel import gettext as _
from sqlalchemy.orm import Session, lazyload

from app.domain.checks import Problems, ValueOf, blank
from app.generated.models import PortalSettings

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")
_SETTINGS_KEY = "portal_settings"  # in Session.info


def portal_settings(session: Session) -> PortalSettings | None:
    """The settings record, or None before the seller has saved any.

    Kept in the session once found: a portal page asks for it several times (the shopper, the
    look, the currency) and it is the same row each time. A change to it shows through the same
    object; a record deleted in this session is looked up again.
    """
    found = session.info.get(_SETTINGS_KEY)
    if found is not None:
        state = sa.inspect(found)
        # (`session` may be a scoped session, a proxy: its info is the Session's own.)
        if state.persistent and state.session.info is session.info:
            return found
    found = session.scalars(
        sa.select(PortalSettings).where(THE_SETTINGS).options(*SETTINGS_LOADS)
    ).first()
    remember_settings(session, found)
    return found


def remember_settings(session: Session, settings: PortalSettings | None) -> None:
    """Keep `settings`, read with THE_SETTINGS and SETTINGS_LOADS in a statement of the
    caller's (accounts.request_user), for `portal_settings`."""
    if settings is not None:
        session.info[_SETTINGS_KEY] = settings


# The settings record: the first saved, should there ever be more than one.
THE_SETTINGS = PortalSettings.id == (
    sa.select(sa.func.min(PortalSettings.id)).correlate(None).scalar_subquery()
)
# Its default price level and warehouse are read by id where the portal needs them.
SETTINGS_LOADS = (
    lazyload(PortalSettings.default_price_level),
    lazyload(PortalSettings.default_warehouse),
)


def default_currency() -> str:
    """The currency model.yaml gives as the settings' default."""
    return PortalSettings.__table__.c.currency.default.arg


def shop_currency(session: Session) -> str:
    """The currency prices are shown in: the settings', else model.yaml's default."""
    settings = portal_settings(session)
    return (settings.currency if settings is not None else None) or default_currency()


def settings_problems(value_of: ValueOf) -> Problems:
    """Colours are #RRGGBB (both given for the custom skin); the currency is an ISO code."""
    problems: Problems = {}
    for name in ("primary_colour", "accent_colour"):
        value = value_of(name)
        if blank(value):
            if value_of("skin") == "custom":
                problems[name] = [_("The custom skin needs both colours.")]
        elif not COLOUR.match(value):
            problems[name] = [_("Write a colour as # and six hexadecimal digits, such as #1F6FEB.")]
    currency = value_of("currency")
    if currency and currency not in list_currencies():
        problems["currency"] = [
            _("Unknown currency %(code)s: use a three-letter ISO code such as EUR.", code=currency)
        ]
    return problems
