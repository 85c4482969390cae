"""What an import kind is, and the registry of kinds.

A kind (articles, price lists, customers...) says which columns it reads, which of them identify
a row, who may run it, what it checks against the database, how it writes a valid file's rows in
one transaction, and what its export writes. Everything else - reading the file, matching the
headers, parsing cells, collecting errors, duplicate keys, the run's record, progress, jobs, the
screens and the commands - is the framework's (app/domain/imports/running.py and callers).
docs: /work/brief/import-interface.md, and the articles kind (app/domain/imports/articles.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any, ClassVar

import sqlalchemy as sa

from app.domain.imports.columns import Column

# A row as a kind sees it: {file column key: parsed value}, only for the columns the file has
# ('name_fr' for a translation). A column absent from the file is absent from the dict: an update
# leaves that field alone. A column present with an empty cell holds None: the field is cleared
# (or, for a new record, takes its default).
Row = dict[str, Any]


@dataclass
class Counts:
    """What applying a file did."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged


class ImportKind:
    """Base class of an import kind; subclass it and `register` an instance.

    Class attributes:
    - `name`: stable id used in URLs, commands, the run record ('articles').
    - `label`: lazily translated name shown to people.
    - `columns`: the `Column`s, in the template's and the export's order.
    - `key`: the column keys that identify a row; two rows with the same key are refused.
    - `permissions`: (permission, view name) pairs a user needs, all of them, to import this kind;
      `export_permissions` the same for exporting it.
    - `chunk_size`: rows handed to `apply` at a time.
    """

    name: ClassVar[str]
    label: ClassVar[Any]
    columns: ClassVar[tuple[Column, ...]]
    key: ClassVar[tuple[str, ...]]
    permissions: ClassVar[tuple[tuple[str, str], ...]] = ()
    export_permissions: ClassVar[tuple[tuple[str, str], ...]] = ()
    chunk_size: ClassVar[int] = 2000

    def prepare(self, connection: sa.Connection) -> Any:
        """Read, once, what rows are checked against and applied with (references by code,
        existing records by key...); the result is passed to `check_row` and `apply`."""
        return None

    def prepare_for_user(self, connection: sa.Connection, user_id: int | None) -> Any:
        """`prepare` for the person importing (None: a command run by the seller); a kind whose
        rows some roles may change only some of (a sales representative's own customers)
        overrides it."""
        return self.prepare(connection)

    def check_row(self, row: Row, state: Any) -> Iterable[tuple[str, str]]:
        """Problems of one row whose cells all parsed: (file column key, translated reason).

        May complete `row` in place (a reference resolved to its id) for `apply`. Must not
        write to the database."""
        return ()

    def apply(self, connection: sa.Connection, chunks: Iterator[list[Row]], state: Any) -> Counts:
        """Write every row, chunk after chunk, with bulk statements on `connection`, inside the
        caller's one transaction (do not commit). Counts created, updated and unchanged rows: a
        row equal to what is stored must not be written, so re-importing a file changes
        nothing."""
        raise NotImplementedError

    def export_rows(self, connection: sa.Connection) -> Iterator[Row]:
        """Every record as a row the import reads back, keyed by file column key, streamed."""
        raise NotImplementedError

    def sees_every_row(self, user: Any) -> bool:
        """Whether `user` may see every record of this kind, so also everyone's import runs of it
        (the files and errors hold records); a kind whose rows some roles see only some of
        overrides it."""
        return True

    def export_rows_for_user(self, connection: sa.Connection, user: Any) -> Iterator[Row]:
        """`export_rows` for the person exporting (None: a command run by the seller); a kind
        whose rows some roles see only some of (a sales representative's own customers)
        overrides it."""
        return self.export_rows(connection)

    def template_rows(self) -> list[Row]:
        """The template's example row(s): each column's `example`."""
        return [{column.key: column.example for column in self.columns if column.example}]


_KINDS: dict[str, ImportKind] = {}


def register(kind: ImportKind) -> ImportKind:
    """Make `kind` known to the screens, the commands and the jobs (by its `name`)."""
    _KINDS[kind.name] = kind
    return kind


def kind_named(name: str) -> ImportKind | None:
    """The registered kind called `name`, or None."""
    _load_kinds()
    return _KINDS.get(name)


def all_kinds() -> list[ImportKind]:
    """Every registered kind, in registration order."""
    _load_kinds()
    return list(_KINDS.values())


# The modules whose import registers their kinds. A new kind adds its module here.
KIND_MODULES: list[str] = [
    "app.domain.imports.articles",
    "app.domain.imports.catalogues",
    "app.domain.imports.price_lists",
    "app.domain.imports.stock_levels",
    "app.domain.imports.customers",
]


def _load_kinds() -> None:
    import importlib

    for module in KIND_MODULES:
        importlib.import_module(module)
