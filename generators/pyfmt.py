"""Helpers that print Python literals for the generators, and the formatter they all go through.

Generated code is laid out by `ruff format`, pinned to one exact version in pyproject.toml, so the
output depends only on model.yaml: byte-for-byte the same on every machine.
"""

from __future__ import annotations

import datetime
import decimal
import subprocess

LINE_LENGTH = 100

HEADER = (
    "# Generated from model.yaml by `flask model generate`: do not edit.\n"
    "# Change model.yaml (or the hand-written class it names) and generate again.\n"
    # Labels and help texts are string literals the formatter cannot split.
    "# ruff: noqa: E501\n"
)


def lit(value) -> str:
    """A Python literal for a plain value, with double quotes as ruff prefers."""
    if isinstance(value, str):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, bool) or value is None:
        return repr(value)
    if isinstance(value, datetime.date):
        return f"datetime.date({value.year}, {value.month}, {value.day})"
    if isinstance(value, decimal.Decimal):
        return f'Decimal("{value}")'
    return repr(value)


def tr(text: str) -> str:
    """A translatable English label."""
    return f"_l({lit(text)})"


def format_python(source: str, filename: str = "generated.py") -> str:
    """Lay out generated source with the pinned ruff formatter (and sort its imports)."""
    from ruff.__main__ import find_ruff_bin

    ruff = find_ruff_bin()
    args = ["--config", f"line-length={LINE_LENGTH}", "--stdin-filename", filename, "-"]
    sorted_imports = subprocess.run(
        [ruff, "check", "--select", "I", "--fix", "--quiet", "--exit-zero", *args],
        input=source,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return subprocess.run(
        [ruff, "format", *args], input=sorted_imports, capture_output=True, text=True, check=True
    ).stdout
