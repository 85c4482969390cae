"""Helpers for the record checks that model.yaml names under an entity's `checks`.

A check is a plain function `check(value_of) -> {field: [message]}`: `value_of(name)` gives the
value about to be saved (a related record for a relation). The back-office form shows each
message next to its field; the REST API answers 422 with the same dictionary. Checks read no
request and write nothing, so imports (issue 8) can run them on every row too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask_babel import gettext as _

ValueOf = Callable[[str], Any]
Problems = dict[str, list[str]]


def blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _chosen(value_of: ValueOf, names: tuple[str, ...]) -> list[str]:
    return [name for name in names if not blank(value_of(name))]


def exactly_one(value_of: ValueOf, names: tuple[str, ...], labels: tuple) -> Problems:
    """One and only one of `names` is set (a price list is for a level, a group or a customer)."""
    chosen = _chosen(value_of, names)
    if len(chosen) == 1:
        return {}
    message = _("Choose exactly one of: %(fields)s.", fields=_names(labels))
    return {(chosen[1] if len(chosen) > 1 else names[0]): [message]}


def at_most_one(value_of: ValueOf, names: tuple[str, ...], labels: tuple) -> Problems:
    """No more than one of `names` is set; none means "for everyone"."""
    chosen = _chosen(value_of, names)
    if len(chosen) <= 1:
        return {}
    message = _("Choose at most one of: %(fields)s.", fields=_names(labels))
    return {chosen[1]: [message]}


def period(value_of: ValueOf, start: str, end: str) -> Problems:
    """`end` is not before `start` when both are given."""
    first, last = value_of(start), value_of(end)
    if first is not None and last is not None and last < first:
        return {end: [_("The end date cannot be before the start date.")]}
    return {}


def _names(labels: tuple) -> str:
    return ", ".join(str(label) for label in labels)


def merged(*problem_sets: Problems) -> Problems:
    out: Problems = {}
    for problems in problem_sets:
        for name, messages in problems.items():
            out.setdefault(name, []).extend(messages)
    return out
