"""Library budget rules (app/domain/budgets.py), on SQLite and PostgreSQL.

The race of twenty checkouts for one budget is tests/integration/test_checkout_race.py.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from app.domain.budgets import budget_statuses, budgets_of, remaining_of, spend
from app.generated.models import Customer, LibraryBudget
from tests.unit.test_cart_rules import TODAY, OrderingWorld

D = Decimal
DAY = datetime.timedelta(days=1)


@pytest.fixture
def world(session):
    return OrderingWorld(session)


def remaining(world, code):
    world.session.expire_all()
    return world.session.query(LibraryBudget).filter_by(code=code).one().remaining


def test_budgets_of_lists_the_budgets_valid_that_day_by_code(world):
    world.budget(
        "Y2026", valid_from=datetime.date(2026, 1, 1), valid_to=datetime.date(2026, 12, 31)
    )
    world.budget("FUND")  # no dates: always
    world.budget("Y2025", valid_to=datetime.date(2025, 12, 31))
    world.budget("LATER", valid_from=TODAY + DAY)
    world.budget("ENDS", valid_to=TODAY)  # the last day counts
    other = Customer(code="C9", name="Other", status="active")
    world.session.add(LibraryBudget(customer=other, code="THEIRS", remaining=D("5")))
    world.session.flush()
    codes = [b.code for b in budgets_of(world.session, world.customer.id, TODAY)]
    assert codes == ["ENDS", "FUND", "Y2026"]


def test_budget_status_says_what_is_left_after_the_cart(world):
    world.budget("A", remaining="100.00")
    world.budget("B", remaining="20.00")
    world.budget("C", remaining="5.00")
    in_cart = {"A": D("30.00"), "B": D("20.00"), "C": D("5.01")}
    statuses = budget_statuses(budgets_of(world.session, world.customer.id, TODAY), in_cart)
    assert [(s.code, s.in_cart, s.after, s.exceeded) for s in statuses] == [
        ("A", D("30.00"), D("70.00"), False),
        ("B", D("20.00"), D("0.00"), False),  # spending all of it is allowed
        ("C", D("5.01"), D("-0.01"), True),
    ]


def test_budget_status_of_a_budget_the_cart_does_not_use(world):
    world.budget("A", remaining="12.50", name="Books 2026")
    [status] = budget_statuses(budgets_of(world.session, world.customer.id, TODAY))
    assert (status.name, status.remaining, status.in_cart, status.after, status.exceeded) == (
        "Books 2026", D("12.50"), D("0"), D("12.50"), False,
    )  # fmt: skip


def test_spend_lowers_each_budget_by_its_amount(world):
    world.budget("A", remaining="100.00")
    world.budget("B", remaining="50.00")
    assert spend(world.session, world.customer.id, {"A": D("30.25"), "B": D("50.00")}) == []
    assert remaining(world, "A") == D("69.75")
    assert remaining(world, "B") == D("0")


def test_spend_refuses_what_a_budget_does_not_have_and_leaves_it_as_it_was(world):
    world.budget("A", remaining="10.00")
    assert spend(world.session, world.customer.id, {"A": D("10.01"), "NOPE": D("1")}) == [
        "A",
        "NOPE",
    ]
    assert remaining(world, "A") == D("10.00")


def test_spend_never_touches_another_customers_budget_of_the_same_code(world):
    other = Customer(code="C9", name="Other", status="active")
    world.session.add(LibraryBudget(customer=other, code="A", remaining=D("100")))
    world.budget("A", remaining="0")
    assert spend(world.session, world.customer.id, {"A": D("1")}) == ["A"]
    world.session.expire_all()
    assert world.session.query(LibraryBudget).filter_by(customer_id=other.id).one().remaining == D(
        "100"
    )


def test_spending_down_to_the_last_cent_works_whatever_the_database_keeps(world):
    # SQLite keeps numerics as floats: 100 - 33.33 - 33.33 - 33.33 is 0.010000000000005116
    # there. The last cent must still be spendable, and no more than that.
    world.budget("A", remaining="100.00")
    for _ in range(3):
        assert spend(world.session, world.customer.id, {"A": D("33.33")}) == []
    assert spend(world.session, world.customer.id, {"A": D("0.02")}) == ["A"]
    assert spend(world.session, world.customer.id, {"A": D("0.01")}) == []
    assert remaining(world, "A") == D("0")


def test_remaining_of_reads_the_budgets_afresh(world):
    budget = world.budget("A", remaining="40.00")
    assert budget.remaining == D("40.00")
    spend(world.session, world.customer.id, {"A": D("15.00")})
    assert remaining_of(world.session, world.customer.id, ["A", "NOPE"]) == {"A": D("25.00")}
