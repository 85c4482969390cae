"""Reading and writing the tables of imports and exports, xlsx or CSV, streamed.

Reading never holds the file in memory: openpyxl's read-only mode walks the sheet's XML, and CSV
is read line by line. What a file is, is told from its content, not its name: an xlsx is a ZIP
holding `xl/workbook.xml`; anything else must be text (UTF-8, with or without its byte order
mark, else Windows-1252, which Excel writes in western Europe), with commas or semicolons
between cells (a French or German Excel writes semicolons, and decimal commas).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO
from xml.parsers import expat

from flask_babel import gettext as _

XLSX, CSV = "xlsx", "csv"
FORMATS = (XLSX, CSV)
_SNIFF_BYTES = 64 * 1024


class FileRefused(ValueError):
    """The file cannot be read as a table; the message (translated) says why."""


@dataclass(frozen=True)
class TableFile:
    """What a file was found to be: its format, and for CSV its encoding and separator."""

    format: str
    encoding: str | None = None
    separator: str | None = None

    @property
    def decimal_comma(self) -> bool:
        """A semicolon-separated file comes from a spreadsheet that writes decimal commas."""
        return self.separator == ";"


def recognise(path: str | os.PathLike, max_bytes: int | None = None) -> TableFile:
    """What the file at `path` is; FileRefused when it is too large, empty, or neither an xlsx
    workbook nor CSV text."""
    size = os.path.getsize(path)
    if max_bytes is not None and size > max_bytes:
        raise FileRefused(
            _(
                "The file is too large: %(size)s MB, at most %(max)s MB.",
                size=_megabytes(size),
                max=_megabytes(max_bytes),
            )
        )
    if size == 0:
        raise FileRefused(_("The file is empty."))
    with open(path, "rb") as stream:
        head = stream.read(_SNIFF_BYTES)
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as archive:
                if "xl/workbook.xml" in archive.namelist():
                    return TableFile(XLSX)
        except zipfile.BadZipFile:
            pass
        raise FileRefused(_not_a_table())
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        raise FileRefused(
            _("This is an old Excel file (.xls): save it as .xlsx or CSV and import that.")
        )
    encoding = _text_encoding(head)
    if encoding is None:
        raise FileRefused(_not_a_table())
    sample = head.decode(encoding, errors="ignore")
    return TableFile(CSV, encoding, _separator(sample))


def _not_a_table() -> str:
    return _("This file is neither a spreadsheet (.xlsx) nor a CSV text file.")


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


def _text_encoding(head: bytes) -> str | None:
    """utf-8-sig (which also reads UTF-8 without the mark) or cp1252; None for binary content."""
    if b"\x00" in head:
        return None  # UTF-16, or a binary file
    try:
        head.decode("utf-8-sig")
        return "utf-8-sig"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:
            return "utf-8-sig"  # a character cut by the end of the sample
    try:
        text = head.decode("cp1252")
    except UnicodeDecodeError:
        return None
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\r\n\t")
    return None if controls else "cp1252"


def _separator(sample: str) -> str:
    """Comma or semicolon, from the first lines: csv.Sniffer limited to those two, else whichever
    the header line holds more of."""
    lines = sample.splitlines()[:20]
    try:
        return csv.Sniffer().sniff("\n".join(lines), delimiters=",;").delimiter
    except csv.Error:
        header = lines[0] if lines else ""
        return ";" if header.count(";") > header.count(",") else ","


def read_rows(path: str | os.PathLike, table: TableFile) -> Iterator[tuple[int, list[Any]]]:
    """(row number as the spreadsheet shows it, cells) for every row, the header row first;
    rows with no value at all are skipped (their numbers too, so numbers stay true)."""
    rows = _xlsx_rows(path) if table.format == XLSX else enumerate(_csv_rows(path, table), start=1)
    for number, cells in rows:
        # Text stripped, blank text as no value (a loop over every cell: kept inline).
        cells = [(v.strip() or None) if v.__class__ is str else v for v in cells]
        if any(value is not None for value in cells):
            yield number, cells


def _xlsx_rows(path) -> Iterator[tuple[int, list[Any]]]:
    from app.domain.imports.xlsx_reader import xlsx_rows

    try:
        yield from xlsx_rows(path)
    except (KeyError, ValueError, IndexError, zipfile.BadZipFile, expat.ExpatError) as error:
        raise FileRefused(_("The workbook cannot be read: %(error)s.", error=error)) from error


def _csv_rows(path, table: TableFile) -> Iterator[list[str]]:
    with open(path, encoding=table.encoding, newline="") as stream:
        try:
            yield from csv.reader(stream, delimiter=table.separator)
        except (UnicodeDecodeError, csv.Error) as error:
            raise FileRefused(_not_a_table()) from error


# --- writing ------------------------------------------------------------------------------------


def write_table(
    target: str | os.PathLike | BinaryIO,
    format: str,
    headers: list[str],
    rows: Iterable[Iterable[Any]],
    *,
    sheet_title: str = "Data",
) -> None:
    """Write `headers` then `rows` as xlsx (app/domain/imports/xlsx_writer.py: rows go to disk
    as they come) or CSV (UTF-8 with its byte order mark, so that Excel reads accents right; commas;
    decimals with a point, as the import reads them back)."""
    if format == XLSX:
        _write_xlsx(target, headers, rows, sheet_title)
    elif format == CSV:
        _write_csv(target, headers, rows)
    else:
        raise ValueError(f"unknown format {format!r}")


def _write_xlsx(target, headers, rows, sheet_title) -> None:
    from app.domain.imports.xlsx_writer import write_xlsx

    write_xlsx(target, headers, rows, sheet_title)


def _write_csv(target, headers, rows) -> None:
    if isinstance(target, str | os.PathLike):
        with open(target, "w", encoding="utf-8-sig", newline="") as stream:
            _csv_into(stream, headers, rows)
        return
    stream = io.TextIOWrapper(target, encoding="utf-8-sig", newline="", write_through=True)
    try:
        _csv_into(stream, headers, rows)
    finally:
        stream.detach()


def _csv_into(stream, headers, rows) -> None:
    writer = csv.writer(stream)
    writer.writerow(headers)
    writer.writerows([_csv_value(value) for value in row] for row in rows)


def _csv_value(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return ", ".join(str(part) for part in value)
    return value
