"""How the portal and the back office print values, by Babel's rules for the page's locale.

Money with the shop's currency ('1 234,56 €' in French, '€ 1.234,56' in Dutch), numbers,
dates and weights: the same functions serve the generated lists (their `formatters_columns`),
the templates (filters registered in app/__init__.py), mails and documents, which set the
recipient's locale with `force_locale` first.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from babel import Locale, numbers
from babel.numbers import format_decimal
from babel.units import format_unit
from flask import current_app, g, has_app_context
from flask_babel import format_date, format_datetime, get_locale
from markupsafe import Markup, escape

from app.backoffice.money_layout import money_layout
from app.domain.settings import shop_currency
from app.extensions import db

# Articles and orders keep their weight in kilograms (model.yaml: "Weight (kg)").
WEIGHT_UNIT = "mass-kilogram"


def current_currency() -> str:
    """The shop's currency, read once per request."""
    if "shop_currency" not in g:
        g.shop_currency = shop_currency(db.session)
    return g.shop_currency


def money_text(value) -> Markup | str:
    """'1 234,56 €' in French, '€ 1.234,56' in Dutch: Babel's rules for the user's locale."""
    return money_printer()(value)


def money_printer() -> Callable[[Any], Markup | str]:
    """`money_text` with the shop's currency and the page's locale found once, for a page
    that prints many amounts (a catalogue page's offers)."""
    currency, locale = current_currency(), str(_locale())

    def printed(value) -> Markup | str:
        if value is None or value == "":
            return ""
        amount = Decimal(value)
        return _money(str(amount), amount, currency, locale)

    return printed


def number_text(value) -> str:
    """'1 234,5' in French, '1.234,5' in German; blank for no value."""
    if value is None or value == "":
        return ""
    try:
        return _number(type(value), str(value), value, get_locale())
    except TypeError:  # an unhashable value: formatted as it comes
        return format_decimal(value, locale=get_locale())


# A first printing costs some 3 µs through the locale's money layout (money_layout.py), 12 to 30
# through Babel's pattern, which prints what the layout leaves to it; a remembered one 0.2 µs. A
# confirmation mail prints the same hundred amounts and quantities four times (its text and HTML
# parts, to the buyer and to the staff), a catalogue page the same prices on many cards. The text
# depends only on the value, the currency and the locale, which are the keys. The value is keyed
# by its type and its text too, for values equal but printed apart (True and 1, -0 and 0).
@functools.lru_cache(maxsize=4096)
def _money(_text: str, amount: Decimal, currency: str, locale: str) -> Markup:
    layout = money_layout(locale, currency)
    text = layout.write(amount) if layout is not None else None
    if text is None:  # a locale, or an amount, the layout leaves to Babel
        # The locale's pattern found once: Babel's format_currency looks it up for each amount.
        found, pattern = _currency_pattern(locale)
        text = pattern.apply(amount, found, currency=currency, currency_digits=True)
    return escape(text)


@functools.lru_cache(maxsize=64)
def _currency_pattern(locale: str):
    found = Locale.parse(locale)
    return found, numbers.parse_pattern(found.currency_formats["standard"])


@functools.lru_cache(maxsize=4096)
def _number(_type: type, _text: str, value, locale) -> str:
    return format_decimal(value, locale=locale)


def weight_text(value) -> str:
    """'1 234,5 kg' in French, '1.234,5 kg' in German: the unit placed and spaced as the
    language writes it (Babel's units, from CLDR), not glued on in English fashion."""
    if value is None or value == "":
        return ""
    return format_unit(Decimal(value), WEIGHT_UNIT, length="short", locale=_locale())


def date_text(value) -> str:
    """'5 mars 2026' in French, '05.03.2026' in German (Babel's medium date)."""
    return format_date(value) if value else ""


def datetime_text(value) -> str:
    """'05/03/2026 15:04' in French: a short date and time, in the portal's time zone."""
    return format_datetime(value, "short") if value else ""


def names_text(records) -> Markup | str:
    """Related records by name, "Key account, School", not a Python list."""
    return escape(", ".join(sorted(str(record) for record in records or ())))


def _locale():
    """The page's (or the forced mail's) locale; the default one outside an application."""
    locale = get_locale()
    if locale is None:
        return current_app.config["BABEL_DEFAULT_LOCALE"] if has_app_context() else "en"
    return locale
