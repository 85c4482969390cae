"""Checking a file against its kind, then applying it: all rows or none.

1. `map_headers`: each header is matched, without case, accents or punctuation, against every
   column's key and its label in every shipped language. Unknown headers are ignored (and shown);
   a required column missing, or two headers naming the same column, refuse the file.
2. `check_file`: every row is parsed and checked (`Column.parse`, then the kind's `check_row`),
   duplicates of the kind's key found; every problem is collected as (row number as the
   spreadsheet shows it, header, reason in the run's language). Valid rows are spilled, pickled in
   chunks, to a temporary file: memory stays bounded whatever the file's size, and the file
   is read once.
3. `apply_file`: only for a file without any problem, the kind writes the spilled rows chunk by
   chunk in the caller's single transaction.

Nothing here commits or knows about requests, jobs or screens (app/jobs/imports.py runs an
`import_run` record through these steps).
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from app.domain.imports.columns import (
    CellError,
    FileColumn,
    ParseContext,
    file_columns,
    header_names,
    normalised,
)
from app.domain.imports.files import TableFile, read_rows
from app.domain.imports.kinds import Counts, ImportKind, Row

# Progress callback: (rows done, rows total or None while unknown).
Progress = Callable[[int, int | None], None]


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the file: where (row as numbered in the spreadsheet, 0 for the file
    as a whole; the column's header as the file writes it, or '') and why (translated)."""

    row: int
    column: str
    reason: str

    def as_list(self) -> list:
        return [self.row, self.column, self.reason]


@dataclass
class Mapping:
    """Which file column each header is: (cell index, column) pairs; what is left out."""

    header_row: int
    columns: list[tuple[int, FileColumn]]
    ignored: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def shipped_columns(kind: ImportKind) -> list[FileColumn]:
    """The kind's columns as files have them, in the shipped languages."""
    config = current_app.config
    languages = list(config.get("LANGUAGES") or ["en"])
    default = config.get("BABEL_DEFAULT_LOCALE", "en")
    return file_columns(kind.columns, languages, default)


def headers(kind: ImportKind) -> list[str]:
    """The kind's headers in the current locale: the template's and the export's first row."""
    return [file_column.header() for file_column in shipped_columns(kind)]


def map_headers(kind: ImportKind, header_row: int, cells: list[Any]) -> Mapping:
    """Match the header row's cells to the kind's columns (see the module's docstring)."""
    known: dict[str, FileColumn] = {}
    for file_column in shipped_columns(kind):
        for name in header_names(file_column):
            known.setdefault(name, file_column)
    mapping = Mapping(header_row, [])
    seen: dict[str, str] = {}
    for index, cell in enumerate(cells):
        if cell is None:
            continue
        header = str(cell)
        file_column = known.get(normalised(header))
        if file_column is None:
            mapping.ignored.append(header)
            continue
        if file_column.key in seen:
            mapping.problems.append(
                Problem(
                    header_row,
                    header,
                    _(
                        "Two columns are %(column)s: %(first)s and %(second)s.",
                        column=file_column.header(),
                        first=seen[file_column.key],
                        second=header,
                    ),
                )
            )
            continue
        seen[file_column.key] = header
        mapping.columns.append((index, file_column))
    for column in kind.columns:
        if column.required and column.key not in seen:
            mapping.problems.append(
                Problem(
                    header_row,
                    str(column.label),
                    _("The column %(column)s is missing.", column=column.label),
                )
            )
    return mapping


@dataclass
class Preview:
    """The mapping and the first rows, as the file has them, shown before confirming."""

    mapping: Mapping | None
    rows: list[tuple[int, list[Any]]]
    problems: list[Problem]
    header_cells: list[Any] = field(default_factory=list)


def preview(path: str | os.PathLike, table: TableFile, kind: ImportKind, size: int = 10) -> Preview:
    """The header mapping and the first `size` rows, without checking them."""
    rows = read_rows(path, table)
    first = next(rows, None)
    if first is None:
        return Preview(None, [], [Problem(0, "", _("The file has no rows."))])
    mapping = map_headers(kind, *first)
    shown = []
    for number, cells in rows:
        shown.append((number, [cells[i] if i < len(cells) else None for i, _c in mapping.columns]))
        if len(shown) >= size:
            break
    return Preview(mapping, shown, list(mapping.problems), first[1])


@dataclass
class Checked:
    """The outcome of checking a file: its problems (all of them), its row count, its mapping,
    and the spilled valid rows (a temporary file, removed by `discard`)."""

    rows_total: int
    problems: list[Problem]
    mapping: Mapping | None
    state: Any = None
    spill_path: str | None = None
    chunks: int = 0

    @property
    def valid(self) -> bool:
        return not self.problems

    def discard(self) -> None:
        if self.spill_path and os.path.exists(self.spill_path):
            os.unlink(self.spill_path)
        self.spill_path = None


def check_file(
    connection: sa.Connection,
    path: str | os.PathLike,
    table: TableFile,
    kind: ImportKind,
    language: str = "en",
    progress: Progress | None = None,
    user_id: int | None = None,
) -> Checked:
    """Parse and check every row (see the module's docstring). Reads the database, never writes.

    Call within `force_locale(language)` for the reasons to be in that language."""
    rows = read_rows(path, table)
    first = next(rows, None)
    if first is None:
        return Checked(0, [Problem(0, "", _("The file has no rows."))], None)
    mapping = map_headers(kind, *first)
    if mapping.problems:
        return Checked(0, list(mapping.problems), mapping)
    state = kind.prepare_for_user(connection, user_id)
    context = ParseContext(decimal_comma=table.decimal_comma, language=language)
    headers_by_key = {fc.key: fc.header() for fc in shipped_columns(kind)}  # absent columns
    headers_by_key.update({fc.key: str(cell) for (i, fc), cell in _header_cells(mapping, first[1])})
    key_of = _key_reader(kind, mapping)
    plan = [
        (
            index,
            file_column.key,
            headers_by_key[file_column.key],
            file_column.column.parse,
            file_column.column.required and file_column.language is None,
        )
        for index, file_column in mapping.columns
    ]
    first_row_of_key: dict[tuple, int] = {}
    problems: list[Problem] = []
    # Closed below on every path; a `with` would span the whole loop for no clarity.
    spill = tempfile.NamedTemporaryFile(prefix="import-", suffix=".pickle", delete=False)  # noqa: SIM115
    checked = Checked(0, problems, mapping, state, spill.name)
    chunk: list[Row] = []
    try:
        for number, cells in rows:
            checked.rows_total += 1
            row, row_problems = _parsed(plan, cells, number, context)
            if not row_problems:
                row_problems = [
                    Problem(number, headers_by_key.get(key, key), reason)
                    for key, reason in kind.check_row(row, state)
                ]
            key = key_of(row)
            if key is not None:
                earlier = first_row_of_key.setdefault(key, number)
                if earlier != number:
                    row_problems.append(
                        Problem(
                            number,
                            headers_by_key.get(kind.key[0], kind.key[0]),
                            _("Already in row %(row)d of this file.", row=earlier),
                        )
                    )
            if row_problems:
                problems.extend(row_problems)
            elif not problems:
                chunk.append(row)  # once the file is refused, valid rows need no keeping
                if len(chunk) >= kind.chunk_size:
                    pickle.dump(chunk, spill, protocol=pickle.HIGHEST_PROTOCOL)
                    checked.chunks += 1
                    chunk = []
            if progress is not None and checked.rows_total % 1000 == 0:
                progress(checked.rows_total, None)
        if chunk and not problems:
            pickle.dump(chunk, spill, protocol=pickle.HIGHEST_PROTOCOL)
            checked.chunks += 1
        if checked.rows_total == 0:
            problems.append(Problem(0, "", _("The file has a header row but no data rows.")))
    except BaseException:
        spill.close()
        checked.discard()
        raise
    spill.close()
    if problems:
        checked.discard()
    if progress is not None:
        progress(checked.rows_total, checked.rows_total)
    return checked


def _header_cells(mapping: Mapping, cells: list[Any]):
    return [((index, fc), cells[index]) for index, fc in mapping.columns]


def _key_reader(kind: ImportKind, mapping: Mapping) -> Callable[[Row], tuple | None]:
    keys = kind.key

    def key_of(row: Row) -> tuple | None:
        values = tuple(_comparable(row.get(key)) for key in keys)
        return None if all(value is None for value in values) else values

    return key_of


def _comparable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def _parsed(
    plan: list[tuple[int, str, str, Any, bool]],
    cells: list[Any],
    number: int,
    context: ParseContext,
) -> tuple[Row, list[Problem]]:
    """A row's cells parsed by the plan: (cell index, key, header, parser, required)."""
    row: Row = {}
    problems = []
    width = len(cells)
    for index, key, header, parse, required in plan:
        value = cells[index] if index < width else None
        if value is None:
            if required:
                problems.append(Problem(number, header, _("A value is required.")))
            row[key] = None
            continue
        try:
            row[key] = parse(value, context)
        except CellError as error:
            problems.append(Problem(number, header, str(error)))
    return row, problems


def spilled_chunks(checked: Checked, progress: Progress | None = None) -> Iterator[list[Row]]:
    """The valid rows back from the spill, chunk by chunk; progress after each chunk the kind
    has taken up (asking for the next one means the previous one is written)."""
    done = 0
    with open(checked.spill_path, "rb") as spill:
        for _number in range(checked.chunks):
            chunk = pickle.load(spill)
            yield chunk
            done += len(chunk)
            if progress is not None:
                progress(done, checked.rows_total)


def apply_file(
    connection: sa.Connection, kind: ImportKind, checked: Checked, progress: Progress | None = None
) -> Counts:
    """Write a valid file's rows through the kind, in the caller's transaction on `connection`."""
    if not checked.valid:
        raise ValueError("a file with problems is never applied")
    counts = kind.apply(connection, spilled_chunks(checked, progress), checked.state)
    return counts
