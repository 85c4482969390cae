"""What reading and applying an import file gives back: the problems of its rows, and the counts
of what changed."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class RowProblem:
    """Why one cell of one row cannot be imported. `row` is the spreadsheet's row number (the
    header is row 1), `column` the field the column maps to, `message` in the user's language."""

    row: int
    column: str
    message: str


@dataclass
class Counts:
    """What an import did, in records: created, updated, unchanged and removed."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    details: dict[str, int] = field(default_factory=dict)

    def add(self, other: Counts) -> None:
        self.created += other.created
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.removed += other.removed
        for name, count in other.details.items():
            self.details[name] = self.details.get(name, 0) + count


CHUNK = 5000  # rows per bulk statement: big enough to be fast, small enough for any driver


def pairs(session, statement) -> dict:
    """{first column: second column} of a two-column select (a natural key to an id)."""
    return {key: value for key, value in session.execute(statement)}
