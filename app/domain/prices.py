"""Rules about price lists, order discounts and promotions, checked wherever they are saved."""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.domain.checks import Problems, ValueOf, at_most_one, blank, exactly_one, merged, period

PRICE_LEVEL, GROUP, CUSTOMER = _l("Price level"), _l("Customer group"), _l("Customer")


def price_list_problems(value_of: ValueOf) -> Problems:
    """A price list is for one price level, one customer group or one customer, never two."""
    return merged(
        exactly_one(value_of, ("price_level", "group", "customer"), (PRICE_LEVEL, GROUP, CUSTOMER)),
        period(value_of, "valid_from", "valid_to"),
    )


def order_discount_problems(value_of: ValueOf) -> Problems:
    """For everyone, one group or one customer; a period that does not end before it starts."""
    return merged(
        at_most_one(value_of, ("group", "customer"), (GROUP, CUSTOMER)),
        period(value_of, "valid_from", "valid_to"),
    )


def promotion_problems(value_of: ValueOf) -> Problems:
    """A promotion says what it takes off, and on which articles or families."""
    problems = period(value_of, "starts_on", "ends_on")
    kind = value_of("kind")
    if kind == "percentage" and blank(value_of("percentage")):
        problems.setdefault("percentage", []).append(_("Enter the percentage taken off."))
    if kind == "fixed_price" and blank(value_of("fixed_price")):
        problems.setdefault("fixed_price", []).append(_("Enter the promotional price."))
    if not (value_of("articles") or value_of("families")):
        problems.setdefault("articles", []).append(
            _("Choose the articles or families the promotion applies to.")
        )
    return problems
