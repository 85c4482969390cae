"""Compiler-style diagnostics for model.yaml.

Every problem found in a model file becomes one `ModelError` carrying the file, the line and
column of the offending YAML node, the dotted key path, a stable code and an optional hint, so
that the whole list can be printed at once like a compiler's output.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ModelError:
    file: str
    line: int
    column: int
    path: str
    message: str
    code: str
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.line}:{self.column}: {self.path}: {self.message} [{self.code}]"
        if self.hint:
            text += f" ({self.hint})"
        return text


class ModelInvalid(Exception):
    """Raised with every error found in a model file; never for a single one."""

    def __init__(self, errors: list[ModelError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """A hint naming the closest known word, or an empty string when nothing is close."""
    close = difflib.get_close_matches(str(word), sorted(choices), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
