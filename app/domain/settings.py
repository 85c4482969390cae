"""The portal's settings: one record for the whole shop (model.yaml's `portal_settings`)."""

from __future__ import annotations

import re

import sqlalchemy as sa
from babel.numbers import list_currencies
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.checks import Problems, ValueOf, blank
from app.generated.models import PortalSettings

COLOUR = re.compile(r"^#[0-9A-Fa-f]{6}$")


def portal_settings(session: Session) -> PortalSettings | None:
    """The settings record, or None before the seller has saved any."""
    return session.scalars(sa.select(PortalSettings).limit(1)).first()


def default_currency() -> str:
    """The currency model.yaml gives as the settings' default."""
    return PortalSettings.__table__.c.currency.default.arg


def shop_currency(session: Session) -> str:
    """The currency prices are shown in: the settings', else model.yaml's default."""
    currency = session.scalar(sa.select(PortalSettings.currency).limit(1))
    return currency or default_currency()


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
