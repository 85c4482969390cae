"""Form inputs for the model's types that Flask-AppBuilder cannot derive from a column."""

from __future__ import annotations

import json
from functools import lru_cache

from babel import Locale
from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import escape
from wtforms import SelectField, StringField, TextAreaField, TimeField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

# Shared with the REST API's validator (app/backoffice/api_validators.py): one rule, two users.
PHONE_PATTERN = r"^\+?[0-9 ().\-/]{6,32}$"
PHONE_MESSAGE = _l("Enter a phone number: digits, spaces and + ( ) . - / only, 6 to 32 characters.")
PHONE = Regexp(PHONE_PATTERN, message=PHONE_MESSAGE)


def _presence(required: bool):
    return [DataRequired()] if required else [Optional()]


def enum_input(label, choices, required: bool, description=""):
    """A select of an enum's values, labelled in the user's language."""
    options = ([] if required else [("", "—")]) + list(choices)
    return SelectField(
        label, choices=options, validators=_presence(required), description=description
    )


def choice_label(choices):
    """A list/show formatter printing an enum value's translated label."""
    labels = dict(choices)

    def show(value):
        return escape(str(labels.get(value, value or "")))

    return show


@lru_cache(maxsize=16)
def _countries(locale: str) -> tuple[tuple[str, str], ...]:
    names = Locale.parse(locale).territories
    return tuple(
        sorted(
            ((code, name) for code, name in names.items() if len(code) == 2 and code.isalpha()),
            key=lambda item: item[1],
        )
    )


def country_choices() -> list[tuple[str, str]]:
    """ISO 3166 countries, named and sorted in the user's language."""
    return list(_countries(str(get_locale() or "en")))


def country_input(label, required: bool, description=""):
    def choices():
        return ([] if required else [("", "—")]) + country_choices()

    return SelectField(
        label, choices=choices, validators=_presence(required), description=description
    )


def language_choices() -> list[tuple[str, str]]:
    """The portal's languages, each named in the user's language."""
    locale = Locale.parse(str(get_locale() or "en"))
    codes = current_app.config["LANGUAGES"]
    return [(code, Locale.parse(code).get_display_name(locale).capitalize()) for code in codes]


def language_input(label, required: bool, description=""):
    def choices():
        return ([] if required else [("", "—")]) + language_choices()

    return SelectField(
        label, choices=choices, validators=_presence(required), description=description
    )


def time_input(label, required: bool, description=""):
    """A time of day, hours and minutes (a cut-off time: orders placed before 14:00...)."""
    return TimeField(label, validators=_presence(required), description=description, format="%H:%M")


class JSONInput(TextAreaField):
    """A text area holding JSON; a value that does not parse gets a message saying where."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else json.dumps(self.data, ensure_ascii=False, indent=2)

    def process_formdata(self, valuelist):
        self.data = None
        if not valuelist or not valuelist[0].strip():
            return
        try:
            self.data = json.loads(valuelist[0])
        except json.JSONDecodeError as exc:
            self.data = None
            raise ValueError(
                _(
                    "Invalid JSON at line %(line)s, column %(column)s: %(problem)s",
                    line=exc.lineno,
                    column=exc.colno,
                    problem=exc.msg,
                )
            ) from None


def json_input(label, required: bool, description=""):
    return JSONInput(label, validators=_presence(required), description=description)


class _LanguageLabel:
    """'Name (French)', rendered lazily in the user's language."""

    def __init__(self, label, language: str):
        self.label, self.language = label, language

    def __str__(self):
        locale = Locale.parse(str(get_locale() or "en"))
        name = Locale.parse(self.language).get_display_name(locale)
        return _("%(label)s (%(language)s)", label=str(self.label), language=name)

    def __html__(self):
        return str(escape(str(self)))


def translation_input(label, language: str, multiline: bool, max_length: int | None):
    """One input per other language for a translatable field; blank falls back to the default."""
    validators = [Optional()] + ([Length(max=max_length)] if max_length else [])
    field = TextAreaField if multiline else StringField
    return field(_LanguageLabel(label, language), validators=validators)


__all__ = [
    "PHONE",
    "ValidationError",
    "choice_label",
    "country_input",
    "enum_input",
    "json_input",
    "language_input",
    "translation_input",
]
