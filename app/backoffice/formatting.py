"""How the back office prints values: money with the shop's currency, in the user's locale."""

from __future__ import annotations

from decimal import Decimal

from flask import g
from flask_babel import format_currency
from markupsafe import Markup, escape

from app.domain.settings import shop_currency
from app.extensions import db


def current_currency() -> str:
    """The shop's currency, read once per request."""
    if "shop_currency" not in g:
        g.shop_currency = shop_currency(db.session)
    return g.shop_currency


def money_text(value) -> Markup | str:
    """'1 234,56 €' in French, '€ 1.234,56' in Dutch: Babel's rules for the user's locale."""
    if value is None or value == "":
        return ""
    return escape(format_currency(Decimal(value), current_currency()))


def names_text(records) -> Markup | str:
    """Related records by name, "Key account, School", not a Python list."""
    return escape(", ".join(sorted(str(record) for record in records or ())))
