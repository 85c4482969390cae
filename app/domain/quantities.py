"""How many of an article a customer may order: order unit, pack size, multiple and minimum.

A customer (or its group) orders either by the unit or by the pack. In "pack" mode the quantity a
person types counts packs of `article.pack_size`, so 3 packs of 12 are 36 units. The article's
`minimum_quantity` and `order_multiple` are always counted in units, whatever the mode; the
messages speak in what the person types (units or packs), so they can act on them directly.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from flask_babel import ngettext

from app.domain.shopper import Shopper
from app.generated.models import Article

UNIT = "unit"
PACK = "pack"


@dataclass(frozen=True)
class QuantityRule:
    """What quantities of one article one customer may type.

    `unit` is "unit" or "pack"; `pack_size` is the article's units per pack (used only in "pack"
    mode); `multiple` and `minimum` are in units, as the article record gives them.
    """

    unit: str
    pack_size: int
    multiple: int
    minimum: int

    @property
    def per_quantity(self) -> int:
        """Units in one of what the person types: the pack size in "pack" mode, else 1."""
        return self.pack_size if self.unit == PACK else 1

    @property
    def step(self) -> int:
        """The typed quantity must be a multiple of this for the units to be a multiple of
        `multiple` (in "pack" mode: packs of 4 with a multiple of 6 units go by 3 packs)."""
        return self.multiple // math.gcd(self.multiple, self.per_quantity)

    @property
    def least(self) -> int:
        """The smallest typed quantity that reaches the minimum (ignoring the multiple)."""
        return max(1, -(-self.minimum // self.per_quantity))


def quantity_rule(shopper: Shopper, article: Article) -> QuantityRule:
    """The quantity rule of `article` for `shopper`: the customer's (or group's) order unit with
    the article's pack size, order multiple and minimum quantity (each at least 1)."""
    return QuantityRule(
        unit=PACK if shopper.order_unit == PACK else UNIT,
        pack_size=max(1, article.pack_size or 1),
        multiple=max(1, article.order_multiple or 1),
        minimum=max(1, article.minimum_quantity or 1),
    )


def units(rule: QuantityRule, quantity: int) -> int:
    """The pieces a typed `quantity` orders: quantity × pack size in "pack" mode, else quantity."""
    return quantity * rule.per_quantity


def quantity_problem(rule: QuantityRule, quantity: int) -> str | None:
    """Why `quantity` (as typed) may not be ordered, as a translated sentence; None when it may.

    The minimum is checked first: "Order at least 6 units." / "Order at least 2 packs.", then the
    multiple: "Order in multiples of 4 units." / "Order in multiples of 3 packs.".
    """
    if quantity < rule.least:
        if rule.unit == PACK:
            return ngettext(
                "Order at least %(num)d pack.", "Order at least %(num)d packs.", rule.least
            )
        return ngettext("Order at least %(num)d unit.", "Order at least %(num)d units.", rule.least)
    if quantity % rule.step:
        if rule.unit == PACK:
            return ngettext(
                "Order in multiples of %(num)d pack.",
                "Order in multiples of %(num)d packs.",
                rule.step,
            )
        return ngettext(
            "Order in multiples of %(num)d unit.", "Order in multiples of %(num)d units.", rule.step
        )
    return None


def suggested_quantity(rule: QuantityRule, quantity: int) -> int:
    """The smallest allowed typed quantity at or above `quantity` (the minimum when below it)."""
    wanted = max(quantity, rule.least)
    return -(-wanted // rule.step) * rule.step


def lines_weight(lines: Iterable[tuple[Article, int]]) -> Decimal:
    """The total weight of (article, units) pairs, in the articles' weight unit.

    An article without a weight counts as weighing nothing: the total is then a lower bound
    (see `lines_without_weight` to say so on screen).
    """
    total = Decimal(0)
    for article, count in lines:
        if article.weight is not None:
            total += Decimal(article.weight) * count
    return total


def lines_without_weight(lines: Iterable[tuple[Article, int]]) -> list[Article]:
    """The articles among (article, units) pairs that have no weight, so the total is partial."""
    return [article for article, _count in lines if article.weight is None]
