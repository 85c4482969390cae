"""Content stored in several languages (an article's name in French, Dutch...).

The default language's text lives in the record's own column; every other language in the
record's `translations`, a dict of translation rows keyed by language code.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import inspect


def translated_property(field: str, language: str) -> property:
    """A `name_fr`-style attribute reading and writing the `fr` translation of `name`.

    The back-office forms and imports set these like any other attribute; a blank value removes
    the text for that language, so the record falls back to the default language again.
    """

    def getter(record: Any) -> str | None:
        row = record.translations.get(language)
        return getattr(row, field) if row is not None else None

    def setter(record: Any, value: str | None) -> None:
        value = (value or "").strip() or None
        row = record.translations.get(language)
        if row is None:
            if value is None:
                return
            row_class = inspect(type(record)).relationships["translations"].mapper.class_
            row = row_class(language=language)
            record.translations[language] = row
        setattr(row, field, value)
        if all(getattr(row, name) is None for name in translatable_fields(record)):
            del record.translations[language]

    return property(getter, setter, doc=f"The {language} text of {field}.")


def translatable_fields(record: Any) -> list[str]:
    """The names of a record's translatable fields."""
    row_class = inspect(type(record)).relationships["translations"].mapper.class_
    skip = {"id", "language"}
    return [
        c.key
        for c in inspect(row_class).column_attrs
        if c.key not in skip and not c.key.endswith("_id")
    ]


def translated(record: Any, field: str, language: str) -> Any:
    """The text of `field` in `language`, falling back to the default language's text.

    A record of an entity that model.yaml does not translate (a brand) has only that text."""
    row = getattr(record, "translations", {}).get(language)
    value = getattr(row, field) if row is not None else None
    return value if value not in (None, "") else getattr(record, field)


def in_sentence(label: object) -> str:
    """A label (a status, say) as it reads inside a translated sentence: its first letter in
    lower case and the rest as the translator wrote it, so German keeps its capital nouns
    ("in Bearbeitung", where lowering the whole label would write "in bearbeitung")."""
    text = str(label)
    return text[:1].lower() + text[1:]
