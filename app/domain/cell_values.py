"""Reading one spreadsheet cell as the value a field wants, or saying, in the user's language,
why it cannot be read.

A cell comes from openpyxl (a number, a date, a string) or from a CSV file (always a string,
written by whatever spreadsheet the seller uses: "12,50" in French, "12.50" in English). Each
reader returns the value, or raises `CellRefused` with the reason; the import reports it with
the row and the column.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import gettext as _

MONEY_PLACES = 4  # the money columns' scale (Numeric(14, 4))
_THOUSANDS = re.compile(r"[\s\u00a0\u202f']")


class CellRefused(ValueError):
    """A cell the import cannot read; its text is the reason, for the person importing."""


def text(value: Any) -> str:
    """The cell as text, stripped; '' for an empty cell. A number typed in a text column
    ("12345" read by openpyxl as 12345.0) keeps its digits."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def decimal_number(value: Any, places: int = MONEY_PLACES) -> Decimal:
    """A decimal number: "12,50", "12.50", "1 234,5", "1.234,50", "1,234.50" or a spreadsheet
    number. More than `places` decimals is refused rather than rounded: a price is never
    silently changed."""
    if isinstance(value, bool):
        raise CellRefused(_("Enter a number."))
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, int):
        number = Decimal(value)
    elif isinstance(value, float):
        number = Decimal(repr(value))
    else:
        number = _decimal_from_text(text(value))
    if not number.is_finite():
        raise CellRefused(_("Enter a number."))
    if -number.as_tuple().exponent > places and number != round(number, places):
        raise CellRefused(_("Use at most %(num)d decimals.", num=places))
    return number


def _decimal_from_text(raw: str) -> Decimal:
    cleaned = _THOUSANDS.sub("", raw)
    if "," in cleaned and "." in cleaned:
        # The last of the two separates the decimals; the other groups thousands.
        if cleaned.rfind(",") > cleaned.rfind("."):
            cleaned = cleaned.replace(".", "").replace(",", ".")
        else:
            cleaned = cleaned.replace(",", "")
    else:
        cleaned = cleaned.replace(",", ".")
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise CellRefused(_("%(value)s is not a number.", value=raw)) from None


def whole_number(value: Any) -> int:
    """A whole number ("12", 12, 12.0); "12.5" is refused."""
    if isinstance(value, bool):
        raise CellRefused(_("Enter a whole number."))
    if isinstance(value, int):
        return value
    try:
        number = decimal_number(value, places=28)
    except CellRefused:
        raise CellRefused(_("%(value)s is not a whole number.", value=text(value))) from None
    if number != number.to_integral_value():
        raise CellRefused(_("%(value)s is not a whole number.", value=text(value)))
    return int(number)


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def date(value: Any) -> datetime.date:
    """A date: a spreadsheet date, or text as 2026-03-31, 31/03/2026, 31.03.2026 or 31-03-2026
    (day first, as everywhere the portal's languages are spoken but in the US)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    for pattern in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(raw, pattern).date()
        except ValueError:
            continue
    raise CellRefused(_("%(value)s is not a date: write it as 2026-03-31.", value=raw))


_TRUE = {"1", "yes", "y", "true", "x", "oui", "o", "vrai", "ja", "j", "si", "sí", "waar", "wahr"}
_FALSE = {"0", "no", "n", "false", "non", "faux", "nee", "nein", "falsch", "onwaar", ""}


def yes_no(value: Any) -> bool:
    """A yes/no cell, in any of the portal's languages (or 1/0, true/false, x/empty)."""
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise CellRefused(_("%(value)s is neither yes nor no.", value=text(value)))
