"""Exports and templates: the kind's columns, headers in the current locale, in the order and
format the import reads back (an export imported again changes nothing)."""

from __future__ import annotations

import os
from typing import Any, BinaryIO

import sqlalchemy as sa

from app.domain.imports.files import write_table
from app.domain.imports.kinds import ImportKind
from app.domain.imports.running import headers, shipped_columns


def export_kind(
    connection: sa.Connection,
    kind: ImportKind,
    target: str | os.PathLike | BinaryIO,
    format: str,
    progress=None,
    user: Any = None,
) -> int:
    """Write every record of `kind` that `user` may see (None: every one) to `target` (xlsx or
    csv), streamed; how many rows."""
    keys = [file_column.key for file_column in shipped_columns(kind)]
    written = 0

    def rows():
        nonlocal written
        for row in kind.export_rows_for_user(connection, user):
            written += 1
            if progress is not None and written % 1000 == 0:
                progress(written)
            yield [row.get(key) for key in keys]

    write_table(target, format, headers(kind), rows(), sheet_title=str(kind.label))
    return written


def write_template(kind: ImportKind, target: str | os.PathLike | BinaryIO, format: str) -> None:
    """The kind's headers in the current locale and its example row."""
    keys = [file_column.key for file_column in shipped_columns(kind)]
    examples = [[row.get(key) for key in keys] for row in kind.template_rows()]
    write_table(target, format, headers(kind), examples, sheet_title=str(kind.label))
