"""Order units, pack sizes, multiples and minimum quantities; weight totals. No database."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from app.domain.quantities import (
    QuantityRule,
    lines_weight,
    lines_without_weight,
    quantity_problem,
    quantity_rule,
    suggested_quantity,
    units,
)
from app.generated.models import Article
from tests.shop import plain_shopper

SHOPPER = plain_shopper()


def _article(**fields) -> Article:
    values = {"sku": "A1", "name": "Notebook", "pack_size": 1, "order_multiple": 1}
    values.update(minimum_quantity=1, weight=None)
    values.update(fields)
    return Article(**values)


def test_a_unit_customer_orders_pieces_whatever_the_pack_size():
    rule = quantity_rule(SHOPPER, _article(pack_size=12))
    assert rule == QuantityRule(unit="unit", pack_size=12, multiple=1, minimum=1)
    assert units(rule, 5) == 5
    assert quantity_problem(rule, 5) is None


def test_a_pack_customer_orders_packs_of_the_article_pack_size():
    rule = quantity_rule(replace(SHOPPER, order_unit="pack"), _article(pack_size=12))
    assert rule.unit == "pack"
    assert units(rule, 3) == 36
    assert quantity_problem(rule, 1) is None


def test_missing_article_figures_count_as_one():
    rule = quantity_rule(
        SHOPPER, _article(pack_size=None, order_multiple=None, minimum_quantity=None)
    )
    assert rule == QuantityRule(unit="unit", pack_size=1, multiple=1, minimum=1)


@pytest.mark.parametrize("quantity", [0, -3])
def test_nothing_or_less_is_not_an_order(quantity):
    rule = QuantityRule(unit="unit", pack_size=1, multiple=1, minimum=1)
    assert quantity_problem(rule, quantity) == "Order at least 1 unit."


def test_below_the_minimum_quantity_says_the_minimum_in_units():
    rule = QuantityRule(unit="unit", pack_size=1, multiple=1, minimum=6)
    assert quantity_problem(rule, 5) == "Order at least 6 units."
    assert quantity_problem(rule, 6) is None
    assert suggested_quantity(rule, 5) == 6


def test_the_minimum_in_units_is_said_in_packs_to_a_pack_customer():
    # 30 units minimum, packs of 12: 3 packs (36 units) is the least that reaches it.
    rule = QuantityRule(unit="pack", pack_size=12, multiple=1, minimum=30)
    assert quantity_problem(rule, 2) == "Order at least 3 packs."
    assert quantity_problem(rule, 3) is None
    assert suggested_quantity(rule, 1) == 3


def test_a_minimum_of_one_pack_is_said_in_the_singular():
    rule = QuantityRule(unit="pack", pack_size=12, multiple=1, minimum=5)
    assert quantity_problem(rule, 0) == "Order at least 1 pack."


def test_a_quantity_off_the_multiple_says_the_multiple():
    rule = QuantityRule(unit="unit", pack_size=1, multiple=4, minimum=1)
    assert quantity_problem(rule, 6) == "Order in multiples of 4 units."
    assert quantity_problem(rule, 8) is None


def test_the_multiple_in_units_becomes_a_multiple_of_packs():
    # Packs of 4, sold by 6 units: 3 packs (12 units) is the smallest step that fits.
    rule = QuantityRule(unit="pack", pack_size=4, multiple=6, minimum=1)
    assert quantity_problem(rule, 2) == "Order in multiples of 3 packs."
    assert quantity_problem(rule, 3) is None
    assert units(rule, 3) % 6 == 0


def test_a_pack_that_holds_the_multiple_allows_any_number_of_packs():
    rule = QuantityRule(unit="pack", pack_size=12, multiple=6, minimum=1)
    assert rule.step == 1
    assert quantity_problem(rule, 1) is None


def test_the_minimum_is_said_before_the_multiple():
    rule = QuantityRule(unit="unit", pack_size=1, multiple=5, minimum=10)
    assert quantity_problem(rule, 3) == "Order at least 10 units."


@pytest.mark.parametrize(
    "quantity, suggested",
    [(0, 12), (1, 12), (12, 12), (13, 16), (16, 16), (17, 20)],
)
def test_the_suggested_quantity_is_the_next_allowed_one(quantity, suggested):
    rule = QuantityRule(unit="unit", pack_size=1, multiple=4, minimum=10)
    assert suggested_quantity(rule, quantity) == suggested
    assert quantity_problem(rule, suggested) is None


def test_a_suggested_quantity_meets_both_minimum_and_multiple_in_packs():
    rule = QuantityRule(unit="pack", pack_size=4, multiple=6, minimum=20)
    suggested = suggested_quantity(rule, 1)
    assert suggested == 6  # 5 packs reach 20 units, 6 packs are the first multiple of 3 packs
    assert quantity_problem(rule, suggested) is None
    assert quantity_problem(rule, 5) == "Order in multiples of 3 packs."


def test_weight_total_multiplies_each_weight_by_the_units():
    heavy = _article(sku="H", weight=Decimal("1.250"))
    light = _article(sku="L", weight=Decimal("0.020"))
    assert lines_weight([(heavy, 2), (light, 10)]) == Decimal("2.700")


def test_articles_without_weight_add_nothing_and_are_named():
    known = _article(sku="K", weight=Decimal("0.5"))
    unknown = _article(sku="U", weight=None)
    lines = [(known, 4), (unknown, 100)]
    assert lines_weight(lines) == Decimal("2.0")
    assert lines_without_weight(lines) == [unknown]
    assert lines_weight([]) == Decimal(0)
