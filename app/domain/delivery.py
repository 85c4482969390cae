"""Rules about shipping rules and delivery rounds, checked wherever they are saved."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.checks import Problems, ValueOf, at_most_one

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# "75", "92100", "1000-1299", "B-1000" ...: a postcode, a beginning of one, or a range.
ZONE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ]*(-[A-Za-z0-9 ]*[A-Za-z0-9])?$")


def shipping_rule_problems(value_of: ValueOf) -> Problems:
    """A rule is the default (no target) or for one group, one customer or one warehouse."""
    return at_most_one(
        value_of,
        ("group", "customer", "warehouse"),
        (_l("Customer group"), _l("Customer"), _l("Warehouse")),
    )


def zones(text: str | None) -> list[str]:
    """The zones of a delivery round, as written: comma- or line-separated."""
    return [part.strip() for part in re.split(r"[,;\n]", text or "") if part.strip()]


def delivery_round_problems(value_of: ValueOf) -> Problems:
    """A round delivers on at least one weekday, and its zones read as postcodes."""
    problems: Problems = {}
    if not any(value_of(day) for day in WEEKDAYS):
        problems["monday"] = [_("Choose at least one delivery weekday.")]
    bad = [zone for zone in zones(value_of("zones")) if not ZONE.match(zone)]
    if bad:
        problems["zones"] = [
            _("Not a postcode or postcode range: %(zones)s.", zones=", ".join(bad[:5]))
        ]
    return problems
