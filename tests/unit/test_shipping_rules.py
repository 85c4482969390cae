"""Shipping fee, franco threshold and minimum order amount: which source wins, and the sums."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from sqlalchemy import event

from app.domain.shipping import (
    ShippingTerms,
    franco_progress,
    minimum_order_missing,
    minimum_order_problem,
    shipping_fee,
    shipping_terms,
)
from app.domain.shopper import shopper_for
from app.generated.models import (
    Customer,
    CustomerGroup,
    PortalSettings,
    SalesOrder,
    ShippingRule,
    Warehouse,
)

D = Decimal


@pytest.fixture
def world(session):
    """A customer in a group, served from a warehouse, with no shipping terms yet."""
    group = CustomerGroup(name="Libraries", minimum_order=D(0))
    warehouse = Warehouse(code="W1", name="Main")
    customer = Customer(code="C1", name="City library", group=group, default_warehouse=warehouse)
    session.add_all([group, warehouse, customer])
    session.flush()
    return customer, group, warehouse


def _rule(session, name, **fields):
    rule = ShippingRule(name=name, **fields)
    session.add(rule)
    session.flush()
    return rule


def _terms(session, customer):
    session.flush()
    return shipping_terms(session, shopper_for(session, customer))


def test_nothing_set_anywhere_means_free_shipping_and_no_minimum(session, world):
    customer, _group, _warehouse = world
    assert _terms(session, customer) == ShippingTerms(
        fee=D("0.00"), franco_threshold=None, show_franco_without_fee=False, minimum_order=None
    )


def test_the_default_rule_applies_to_everyone(session, world):
    customer, _group, _warehouse = world
    _rule(session, "Default", fee=D("12.50"), franco_threshold=D(300), minimum_order=D(50))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold, terms.minimum_order) == (D("12.50"), 300, 50)


def test_the_warehouse_rule_beats_the_default_rule(session, world):
    customer, _group, warehouse = world
    _rule(session, "Default", fee=D(12), franco_threshold=D(300))
    _rule(session, "From W1", warehouse=warehouse, fee=D(9), franco_threshold=D(250))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold) == (D(9), D(250))


def test_the_warehouse_default_fee_beats_the_default_rule_fee_only(session, world):
    customer, _group, warehouse = world
    warehouse.default_shipping_fee = D("7.90")
    _rule(session, "Default", fee=D(12), franco_threshold=D(300), minimum_order=D(50))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold, terms.minimum_order) == (D("7.90"), 300, 50)


def test_a_warehouse_rule_beats_the_warehouse_default_fee(session, world):
    customer, _group, warehouse = world
    warehouse.default_shipping_fee = D("7.90")
    _rule(session, "From W1", warehouse=warehouse, fee=D(5))
    assert _terms(session, customer).fee == D(5)


def test_a_rule_for_another_warehouse_does_not_apply(session, world):
    customer, _group, _warehouse = world
    other = Warehouse(code="W2", name="Other")
    session.add(other)
    _rule(session, "From W2", warehouse=other, fee=D(99))
    assert _terms(session, customer).fee == D(0)


def test_the_group_rule_beats_the_warehouse_rule(session, world):
    customer, group, warehouse = world
    _rule(session, "From W1", warehouse=warehouse, fee=D(9), minimum_order=D(40))
    _rule(session, "Libraries", group=group, fee=D(6), minimum_order=D(80))
    terms = _terms(session, customer)
    assert (terms.fee, terms.minimum_order) == (D(6), D(80))


def test_the_group_fields_beat_the_group_rule(session, world):
    customer, group, _warehouse = world
    group.shipping_fee = D(4)
    group.franco_threshold = D(200)
    group.minimum_order = D(30)
    _rule(session, "Libraries", group=group, fee=D(6), franco_threshold=D(500), minimum_order=D(80))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold, terms.minimum_order) == (D(4), D(200), D(30))


def test_a_group_minimum_of_zero_lets_the_rules_give_the_minimum(session, world):
    customer, group, _warehouse = world
    group.minimum_order = D(0)  # the model's default: the group sets no minimum of its own
    _rule(session, "Default", fee=D(10), minimum_order=D(75))
    assert _terms(session, customer).minimum_order == D(75)


def test_the_customer_rule_beats_the_group_fields(session, world):
    customer, group, _warehouse = world
    group.shipping_fee = D(4)
    _rule(session, "For the city library", customer=customer, fee=D(3))
    assert _terms(session, customer).fee == D(3)


def test_the_customer_fields_beat_every_rule(session, world):
    customer, group, warehouse = world
    customer.shipping_fee = D(2)
    customer.franco_threshold = D(100)
    customer.minimum_order = D(0)  # an explicit "no minimum" on the customer record
    _rule(
        session,
        "Customer",
        customer=customer,
        fee=D(3),
        franco_threshold=D(150),
        minimum_order=D(9),
    )
    _rule(session, "Default", fee=D(12), franco_threshold=D(300), minimum_order=D(50))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold, terms.minimum_order) == (D(2), D(100), D(0))


def test_each_value_comes_from_the_first_source_that_sets_it(session, world):
    customer, group, _warehouse = world
    customer.shipping_fee = D(2)
    _rule(session, "Libraries", group=group, fee=D(6), franco_threshold=D(400))
    _rule(session, "Default", fee=D(12), franco_threshold=D(300), minimum_order=D(50))
    terms = _terms(session, customer)
    assert (terms.fee, terms.franco_threshold, terms.minimum_order) == (D(2), D(400), D(50))


def test_show_franco_without_fee_follows_the_rule_that_gave_the_threshold(session, world):
    customer, group, _warehouse = world
    _rule(session, "Libraries", group=group, fee=D(6), franco_threshold=D(400))
    _rule(session, "Default", fee=D(12), franco_threshold=D(300), show_franco_without_fee=True)
    assert _terms(session, customer).show_franco_without_fee is False
    group.franco_threshold = D(250)  # now the group's field gives it: it has no such flag
    assert _terms(session, customer).show_franco_without_fee is False


def test_show_franco_without_fee_is_taken_from_a_winning_rule(session, world):
    customer, _group, _warehouse = world
    _rule(session, "Default", fee=D(12), franco_threshold=D(300), show_franco_without_fee=True)
    assert _terms(session, customer).show_franco_without_fee is True


def test_a_customer_without_group_or_warehouse_gets_the_default_rule(session):
    customer = Customer(code="C9", name="Walk-in")
    session.add(customer)
    _rule(session, "Default", fee=D(12))
    assert _terms(session, customer).fee == D(12)


def _order(session, customer, fee, status="placed", days_ago=0):
    order = SalesOrder(
        customer=customer,
        status=status,
        shipping_fee=fee,
        placed_at=datetime.datetime(2026, 3, 10, 9, tzinfo=datetime.UTC)
        - datetime.timedelta(days=days_ago),
    )
    session.add(order)
    session.flush()
    return order


def test_the_previous_order_fee_is_reused_when_the_settings_say_so(session, world):
    customer, _group, _warehouse = world
    session.add(PortalSettings(shop_name="Shop", reuse_previous_shipping_fee=True))
    _rule(session, "Default", fee=D(12), franco_threshold=D(300))
    _order(session, customer, D("8.40"), days_ago=10)
    _order(session, customer, D("6.15"), days_ago=1)
    _order(session, customer, D("99.00"), status="cancelled", days_ago=0)
    terms = _terms(session, customer)
    assert terms.fee == D("6.15")
    assert terms.franco_threshold == D(300)


def test_a_free_shipping_order_is_not_reused_as_the_fee(session, world):
    customer, _group, _warehouse = world
    session.add(PortalSettings(shop_name="Shop", reuse_previous_shipping_fee=True))
    _rule(session, "Default", fee=D(12), franco_threshold=D(300))
    _order(session, customer, D("8.40"), days_ago=10)
    _order(session, customer, D(0), days_ago=1)  # it reached the franco threshold
    assert _terms(session, customer).fee == D("8.40")


def test_without_a_previous_order_the_usual_fee_applies(session, world):
    customer, _group, _warehouse = world
    session.add(PortalSettings(shop_name="Shop", reuse_previous_shipping_fee=True))
    _rule(session, "Default", fee=D(12))
    assert _terms(session, customer).fee == D(12)


def test_previous_orders_are_ignored_unless_the_settings_say_so(session, world):
    customer, _group, _warehouse = world
    session.add(PortalSettings(shop_name="Shop", reuse_previous_shipping_fee=False))
    _rule(session, "Default", fee=D(12))
    _order(session, customer, D("6.15"))
    assert _terms(session, customer).fee == D(12)


TERMS = ShippingTerms(
    fee=D("9.90"), franco_threshold=D(300), show_franco_without_fee=False, minimum_order=D(50)
)


@pytest.mark.parametrize(
    "goods_total, fee",
    [(D("299.99"), D("9.90")), (D(300), D("0.00")), (D("300.01"), D("0.00"))],
)
def test_franco_threshold_removes_shipping_fee_from_exactly_the_threshold(goods_total, fee):
    assert shipping_fee(TERMS, goods_total) == fee


def test_without_franco_threshold_the_fee_always_applies():
    terms = ShippingTerms(D(5), None, False, None)
    assert shipping_fee(terms, D(100000)) == D(5)
    assert franco_progress(terms, D(10)) is None


def test_franco_progress_says_what_is_missing_and_zero_once_reached():
    assert franco_progress(TERMS, D("120.50")) == D("179.50")
    assert franco_progress(TERMS, D(300)) == D("0.00")
    assert franco_progress(TERMS, D(500)) == D("0.00")


def test_no_franco_progress_when_shipping_is_free_anyway():
    assert franco_progress(ShippingTerms(D(0), D(300), False, None), D(10)) is None


@pytest.mark.parametrize(
    "goods_total, missing", [(D("49.99"), D("0.01")), (D(50), None), (D(0), D("50.00"))]
)
def test_minimum_order_missing_until_exactly_reached(goods_total, missing):
    assert minimum_order_missing(TERMS, goods_total) == missing


def test_minimum_order_problem_names_the_minimum_and_the_missing_amount():
    assert minimum_order_problem(TERMS, D("20.00")) == (
        "The minimum order amount is 50.00 before VAT: add 30.00 to place this order."
    )
    assert minimum_order_problem(TERMS, D(50)) is None


def test_minimum_order_problem_formats_amounts_as_the_page_does():
    problem = minimum_order_problem(TERMS, D("20.00"), format_money=lambda a: f"€{a}")
    assert "€50.00" in problem and "€30.00" in problem


def test_no_minimum_order_means_no_problem():
    terms = ShippingTerms(D(5), None, False, None)
    assert minimum_order_missing(terms, D(0)) is None
    assert minimum_order_problem(terms, D(0)) is None


def test_shipping_terms_take_two_queries_whatever_the_levels(session, world):
    customer, group, warehouse = world
    session.add(PortalSettings(shop_name="Shop", reuse_previous_shipping_fee=True))
    _rule(session, "Customer", customer=customer, fee=D(3))
    _rule(session, "Libraries", group=group, fee=D(6))
    _rule(session, "From W1", warehouse=warehouse, fee=D(9))
    _rule(session, "Default", fee=D(12))
    shopper = shopper_for(session, customer)
    session.flush()
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    engine = session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        shipping_terms(session, shopper)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    assert len(statements) == 2
