"""Records valid for a period: the period must not end before it starts."""

from __future__ import annotations

from app.domain.checks import Problems, ValueOf, period


def period_problems(value_of: ValueOf) -> Problems:
    """valid_to is not before valid_from (seasons, selections, budgets...)."""
    return period(value_of, "valid_from", "valid_to")
