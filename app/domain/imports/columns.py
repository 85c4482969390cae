"""The columns an import kind reads and an export writes, and how a cell's text becomes a value.

A kind declares its columns once (`Column`); the same list gives the template's headers, the
export's headers, the recognised header names of every shipped language, and each cell's parser.
A parser turns what the file holds (text from CSV, text/number/date from xlsx) into the value the
kind stores, or raises `CellError` with a translated reason; an empty cell is None before any
parser sees it (a required column refuses it first).
"""

from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from flask_babel import force_locale
from flask_babel import gettext as _


class CellError(ValueError):
    """A cell's value is refused; the message (translated) says why."""


@dataclass(frozen=True)
class ParseContext:
    """What a parser may need beyond the cell: the file's decimal separator (a French CSV writes
    1 234,50), and the language the run reports in."""

    decimal_comma: bool = False
    language: str = "en"


Parser = Callable[[Any, ParseContext], Any]


def text(max_length: int | None = None) -> Parser:
    """Text, stripped; numbers from a spreadsheet read back as their digits (an EAN, a code)."""

    def parse(value: Any, context: ParseContext) -> str:
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        result = str(value).strip()
        if max_length is not None and len(result) > max_length:
            raise CellError(
                _(
                    "At most %(max)d characters; this text has %(length)d.",
                    max=max_length,
                    length=len(result),
                )
            )
        return result

    return parse


_SPACES = re.compile(r"[\s\u00a0\u202f']")


def decimal_number(
    minimum: Decimal | None = None, maximum: Decimal | None = None, places: int | None = None
) -> Parser:
    """A decimal number, never a float: 12.5, 12,5 (when the file uses the decimal comma),
    1 234,50 or 1.234,50 from a French or German spreadsheet."""

    def parse(value: Any, context: ParseContext) -> Decimal:
        number = _decimal(value, context)
        if minimum is not None and number < minimum:
            raise CellError(_("Must be at least %(min)s.", min=minimum))
        if maximum is not None and number > maximum:
            raise CellError(_("Must be at most %(max)s.", max=maximum))
        if places is not None and number != number.quantize(Decimal(1).scaleb(-places)):
            raise CellError(_("At most %(places)d decimal places.", places=places))
        return number

    return parse


def _decimal(value: Any, context: ParseContext) -> Decimal:
    if isinstance(value, bool):
        raise CellError(_("Not a number."))
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        return Decimal(repr(value))  # 12.3 as written, not 12.300000000000000710...
    if isinstance(value, Decimal):
        return value
    raw = _SPACES.sub("", str(value))
    if "," in raw and "." in raw:
        # Whichever comes last separates the decimals: 1.234,50 and 1,234.50 both read 1234.50.
        thousands = "." if raw.rfind(",") > raw.rfind(".") else ","
        raw = raw.replace(thousands, "").replace(",", ".")
    elif "," in raw and (context.decimal_comma or raw.count(",") == 1):
        raw = raw.replace(",", ".")
    try:
        number = Decimal(raw)
    except InvalidOperation:
        raise CellError(_("Not a number: %(value)s.", value=value)) from None
    if not number.is_finite():
        raise CellError(_("Not a number: %(value)s.", value=value))
    return number


def integer(minimum: int | None = None, maximum: int | None = None) -> Parser:
    """A whole number (12, 12.0 from a spreadsheet; not 12.5)."""

    def parse(value: Any, context: ParseContext) -> int:
        number = _decimal(value, context)
        if number != number.to_integral_value():
            raise CellError(_("Must be a whole number."))
        result = int(number)
        if minimum is not None and result < minimum:
            raise CellError(_("Must be at least %(min)s.", min=minimum))
        if maximum is not None and result > maximum:
            raise CellError(_("Must be at most %(max)s.", max=maximum))
        return result

    return parse


# Yes and no in every shipped language, and what spreadsheets write.
_TRUE = {"1", "true", "yes", "y", "x", "oui", "o", "ja", "j", "si", "sí", "vrai", "waar", "wahr"}
_FALSE = {"0", "false", "no", "n", "non", "nee", "nein", "falso", "faux", "onwaar", "-"}


def boolean() -> Parser:
    """Yes or no: 1/0, true/false, yes/no, in any shipped language."""

    def parse(value: Any, context: ParseContext) -> bool:
        if isinstance(value, bool):
            return value
        word = str(value).strip().casefold()
        if isinstance(value, int | float) and value in (0, 1):
            return bool(value)
        if word in _TRUE:
            return True
        if word in _FALSE:
            return False
        raise CellError(_("Write yes or no (or 1 or 0), not %(value)s.", value=value))

    return parse


_DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y")


def date() -> Parser:
    """A date: a spreadsheet's date cell, 2026-03-31, 31/03/2026 or 31.03.2026 (day first, as
    the seller's countries write it)."""

    def parse(value: Any, context: ParseContext) -> datetime.date:
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        raw = str(value).strip()
        for pattern in _DATE_FORMATS:
            try:
                return datetime.datetime.strptime(raw, pattern).date()
            except ValueError:
                continue
        raise CellError(_("Not a date: %(value)s (write 2026-03-31 or 31/03/2026).", value=value))

    return parse


def choice(choices: Iterable[tuple[str, Any]]) -> Parser:
    """One of an enum's values, by its code or its label in any shipped language."""
    choices = tuple(choices)
    known: dict[str, str] = {}  # every name of every value, built at the first cell

    def parse(value: Any, context: ParseContext) -> str:
        if not known:
            for code, label in reversed(choices):
                known.update(dict.fromkeys(_label_names(label), code))
                known[normalised(code)] = code
        code = known.get(normalised(str(value)))
        if code is not None:
            return code
        allowed = ", ".join(code for code, _label in choices)
        raise CellError(
            _("Unknown value %(value)s: use one of %(allowed)s.", value=value, allowed=allowed)
        )

    return parse


def words(separator: str = ",") -> Parser:
    """A list of words (tags): 'new, bestseller'; empty parts dropped, order kept, no repeats."""

    def parse(value: Any, context: ParseContext) -> tuple[str, ...]:
        parts = (part.strip() for part in str(value).replace(";", separator).split(separator))
        return tuple(dict.fromkeys(part for part in parts if part))

    return parse


@dataclass(frozen=True)
class Column:
    """One column of an import kind.

    `key` is the stable name (also accepted as a header, and used in templates' code row);
    `label` the lazily translated header; `required` means the column must be in the file and
    every row must fill it; `parse` turns a non-empty cell into a value (CellError otherwise);
    `translatable` expands the column into one per shipped language besides the default
    (`name_fr`, header 'Name (fr)'); `example` fills the template's example row.
    """

    key: str
    label: Any
    parse: Parser = field(default_factory=text)
    required: bool = False
    translatable: bool = False
    example: str = ""


@dataclass(frozen=True)
class FileColumn:
    """A column as a file has it: a `Column` in one language (None: the default language's)."""

    column: Column
    language: str | None = None

    @property
    def key(self) -> str:
        return f"{self.column.key}_{self.language}" if self.language else self.column.key

    def header(self) -> str:
        """The header in the current locale: 'Name', or 'Name (fr)' for a translation."""
        label = str(self.column.label)
        return f"{label} ({self.language})" if self.language else label


def file_columns(
    columns: Iterable[Column], languages: Iterable[str], default: str
) -> list[FileColumn]:
    """Every column of a kind as files have them: each translatable column followed by its
    columns for the other languages, in the order the languages are shipped."""
    others = [language for language in languages if language != default]
    result = []
    for column in columns:
        result.append(FileColumn(column))
        if column.translatable:
            result.extend(FileColumn(column, language) for language in others)
    return result


@functools.lru_cache(maxsize=65536)
def normalised(header: str) -> str:
    """A header as it is compared: no case, no accents, punctuation and runs of spaces as one
    space ('Prix  de base', 'prix_de_base' and 'PRIX DE BASE' are the same). Also how codes and
    names are looked up; cached, as a file repeats the same brands and families."""
    decomposed = unicodedata.normalize("NFKD", str(header))
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


def _label_names(label: Any) -> set[str]:
    return {normalised(name) for name in names_in_every_language(label)}


def names_in_every_language(label: Any) -> set[str]:
    """A lazily translated label in every shipped language (needs an app context)."""
    from flask import current_app

    names = {str(label)}
    for language in current_app.config.get("LANGUAGES", {"en": {}}):
        with force_locale(language):
            names.add(str(label))
    return names


def header_names(file_column: FileColumn) -> set[str]:
    """Every header that names `file_column`: its key, and its label in every shipped language
    (with ' (fr)' for a translation), normalised."""
    names = {normalised(file_column.key)}
    for label in names_in_every_language(file_column.column.label):
        if file_column.language:
            names.add(normalised(f"{label} ({file_column.language})"))
            names.add(normalised(f"{label} {file_column.language}"))
        else:
            names.add(normalised(label))
    return names
