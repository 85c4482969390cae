"""Validators of the REST APIs: the screens' rules, for marshmallow instead of WTForms.

Flask-AppBuilder's ModelRestApi takes one marshmallow validator per column (a callable raising
`marshmallow.ValidationError`); a WTForms validator or a list there fails every call with a 500.
The generated APIs name these and marshmallow's own (`validate.Email()`, `validate.Range(...)`).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError, validate

from app.backoffice.inputs import PHONE_MESSAGE, PHONE_PATTERN


class _PhoneNumber(validate.Regexp):
    def __init__(self):
        super().__init__(PHONE_PATTERN)

    def _format_error(self, value) -> str:
        return str(PHONE_MESSAGE)


PHONE_NUMBER = _PhoneNumber()


@lru_cache(maxsize=1)
def _country_codes() -> frozenset[str]:
    names = Locale.parse("en").territories
    return frozenset(code for code in names if len(code) == 2 and code.isalpha())


def country_code(value: str) -> None:
    """An ISO 3166 two-letter code, as the screens' country select offers."""
    if value not in _country_codes():
        raise ValidationError(_("Not a known country code: %(value)s.", value=value))


def language_code(value: str) -> None:
    """One of the portal's languages, as the screens' language select offers."""
    if value not in current_app.config["LANGUAGES"]:
        raise ValidationError(
            _(
                "Not one of the portal's languages (%(languages)s): %(value)s.",
                languages=", ".join(current_app.config["LANGUAGES"]),
                value=value,
            )
        )


__all__ = ["PHONE_NUMBER", "country_code", "language_code"]
