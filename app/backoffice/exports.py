"""Writing rows for a spreadsheet: CSV and xlsx, safe to open in Excel or LibreOffice."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

XLSX_MIMETYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A cell starting with one of these is a formula to a spreadsheet: a customer named
# "=HYPERLINK(...)" must stay text when the seller opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """CSV with a byte-order mark (spreadsheet programs read UTF-8 only with one)."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([_defused(text) for text in row])
    return out.getvalue()


def _defused(text: str) -> str:
    return "'" + text if text[:1] in FORMULA_STARTS else text


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    """One worksheet, header in bold; text is stored as text, never as a formula."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(_SHEET_TITLE_FORBIDDEN.sub(" ", title)[:31] or "Sheet")
    bold = Font(bold=True)
    sheet.append([_cell(sheet, name, bold) for name in header])
    for row in rows:
        sheet.append([_cell(sheet, value) for value in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _cell(sheet, value, font: Font | None = None):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    if font is not None:
        cell.font = font
    return cell
