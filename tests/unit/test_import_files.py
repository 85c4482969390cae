"""Reading import files: what a file is, its encoding and separator, the xlsx reader against
openpyxl's own, decimal commas; headers in every language. No database."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from app import create_app
from app.domain.imports.columns import CellError, ParseContext, decimal_number, normalised
from app.domain.imports.files import CSV, XLSX, FileRefused, read_rows, recognise, write_table
from app.domain.imports.xlsx_reader import xlsx_rows


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    app = create_app("testing", INSTANCE_DIR=str(instance), SQLALCHEMY_DATABASE_URI="sqlite://")
    with app.app_context():
        yield app


def test_a_french_windows_csv_is_read_with_its_semicolons_and_accents(tmp_path):
    path = tmp_path / "articles.csv"
    path.write_bytes("Référence;Désignation;Prix\r\nA-1;Crème brûlée;1 234,50\r\n".encode("cp1252"))
    table = recognise(path)
    assert (table.format, table.encoding, table.separator) == (CSV, "cp1252", ";")
    assert table.decimal_comma
    assert list(read_rows(path, table)) == [
        (1, ["Référence", "Désignation", "Prix"]),
        (2, ["A-1", "Crème brûlée", "1 234,50"]),
    ]


def test_utf8_with_and_without_byte_order_mark_and_commas(tmp_path):
    for name, encoding in (("bom.csv", "utf-8-sig"), ("plain.csv", "utf-8")):
        path = tmp_path / name
        path.write_text("SKU,Name\nA-1,Ünïcödé\n", encoding=encoding)
        table = recognise(path)
        assert (table.encoding, table.separator) == ("utf-8-sig", ",")
        assert list(read_rows(path, table))[0] == (1, ["SKU", "Name"])


def test_blank_rows_are_skipped_and_numbers_stay_those_of_the_sheet(tmp_path):
    path = tmp_path / "gaps.csv"
    path.write_text("SKU,Name\n,\nA-1,Pen\n", encoding="utf-8")
    assert [number for number, _cells in read_rows(path, recognise(path))] == [1, 3]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "neither a spreadsheet"),
        (b"PK\x03\x04not really a zip", "neither a spreadsheet"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "old Excel file (.xls)"),
        (b"", "The file is empty."),
    ],
)
def test_files_that_are_no_table_are_refused_with_a_message(app, tmp_path, content, message):
    path = tmp_path / "file.xlsx"
    path.write_bytes(content)
    with pytest.raises(FileRefused, match=message.replace("(", r"\(").replace(")", r"\)")):
        recognise(path)


def test_a_file_too_large_is_refused_before_it_is_read(app, tmp_path):
    path = tmp_path / "big.csv"
    path.write_text("SKU\n" + "A\n" * 2000)
    with pytest.raises(FileRefused, match="The file is too large"):
        recognise(path, max_bytes=1024)


def test_the_xlsx_reader_reads_what_openpyxl_reads(tmp_path):
    workbook = Workbook()  # the normal writer: shared strings, styles, dates
    sheet = workbook.active
    rows = [
        ["SKU", "Price", "Date", "Flag", "Note"],
        ["A-1", 12.5, datetime.datetime(2026, 3, 31), True, "café & <co>"],
        ["A-2", 3, None, False, None],
        [None, None, None, None, None],
        ["A-4", -0.25, datetime.datetime(2026, 1, 2), None, "  spaced  "],
    ]
    for row in rows:
        sheet.append(row)
    sheet["G7"] = "far"
    path = tmp_path / "mixed.xlsx"
    workbook.save(path)
    expected = [
        (number, list(values))
        for number, values in enumerate(
            load_workbook(path, read_only=True).active.iter_rows(values_only=True), start=1
        )
    ]
    ours = {number: cells for number, cells in xlsx_rows(path)}
    for number, values in expected:
        cells = ours.get(number, [])
        assert cells + [None] * (len(values) - len(cells)) == values, number


def test_a_written_workbook_opens_in_openpyxl_with_its_types(tmp_path):
    path = tmp_path / "out.xlsx"
    rows = [
        ["A & <B>", Decimal("12.3456"), datetime.date(2026, 3, 31), True, None, 7, "x\x01y"],
    ]
    write_table(path, XLSX, ["Name", "Price", "Day", "Flag", "Empty", "Count", "Odd"], rows)
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[2]] == [
        "A & <B>", 12.3456, datetime.datetime(2026, 3, 31), True, None, 7, "xy",
    ]  # fmt: skip
    assert sheet["A1"].font.b


def test_an_export_reads_back_cell_for_cell(tmp_path):
    header = ["SKU", "Price", "Day", "Tags"]
    rows = [["A-1", Decimal("12.3456"), datetime.date(2026, 3, 31), ("new", "sale")]]
    for format in (XLSX, CSV):
        path = tmp_path / f"out.{format}"
        write_table(path, format, header, rows)
        read = list(read_rows(path, recognise(path)))
        assert read[0] == (1, header)
        assert read[1][1][0] == "A-1"
        assert Decimal(str(read[1][1][1])) == Decimal("12.3456")
        assert read[1][1][3] == "new, sale"


@pytest.mark.parametrize(
    ("text", "comma", "value"),
    [
        ("12.50", False, Decimal("12.50")),
        ("12,50", True, Decimal("12.50")),
        ("12,5", False, Decimal("12.5")),
        ("1 234,50", True, Decimal("1234.50")),
        ("1.234,50", True, Decimal("1234.50")),
        ("1,234.50", False, Decimal("1234.50")),
        ("1\u202f234,5", True, Decimal("1234.5")),
        (12.3, False, Decimal("12.3")),
    ],
)
def test_decimal_numbers_as_spreadsheets_write_them(app, text, comma, value):
    assert decimal_number()(text, ParseContext(decimal_comma=comma)) == value


def test_a_number_that_is_none_is_refused_with_the_value(app):
    with pytest.raises(CellError, match="Not a number: twelve."):
        decimal_number()("twelve", ParseContext())


def test_headers_compare_without_case_accents_or_punctuation():
    assert normalised("Prix  de BASE") == normalised("prix_de_base") == "prix de base"
    assert normalised("Référence (fr)") == "reference fr"
