"""Delivery dates: the round's weekdays, cut-off time, lead time and excluded days."""

from __future__ import annotations

import datetime
from dataclasses import replace

import pytest

from app.domain.delivery_dates import (
    delivery_dates,
    is_delivery_date,
    local_time,
    order_day,
)
from app.domain.shopper import Shopper
from app.generated.models import Customer, DeliveryRound, ExcludedDeliveryDay
from tests.shop import plain_shopper

D = datetime.date
MONDAY = D(2026, 3, 2)
THURSDAY = D(2026, 3, 5)
FRIDAY = D(2026, 3, 6)
NEXT_MONDAY = D(2026, 3, 9)
NEXT_THURSDAY = D(2026, 3, 12)


def at(day: datetime.date, hour: int, minute: int = 0, second: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute, second))


@pytest.fixture
def customer(session):
    customer = Customer(code="C1", name="City library")
    session.add(customer)
    session.flush()
    return customer


def _shopper(customer, delivery_round=None) -> Shopper:
    return plain_shopper(
        customer_id=customer.id,
        delivery_round_id=delivery_round.id if delivery_round is not None else None,
        today=MONDAY,
    )


def _round(session, *days, lead_days=1, cut_off=None, name="North"):
    delivery_round = DeliveryRound(name=name, lead_days=lead_days, cut_off_time=cut_off)
    for day in days:
        setattr(delivery_round, day, True)
    session.add(delivery_round)
    session.flush()
    return delivery_round


def _exclude(session, day, delivery_round=None):
    session.add(ExcludedDeliveryDay(day=day, delivery_round=delivery_round, reason="Closed"))
    session.flush()


def test_without_a_round_delivery_is_monday_to_friday_from_the_next_day(session, customer):
    dates = delivery_dates(session, _shopper(customer), at(THURSDAY, 15), count=4)
    assert dates == [FRIDAY, NEXT_MONDAY, D(2026, 3, 10), D(2026, 3, 11)]


def test_without_a_round_there_is_no_cut_off_time(session, customer):
    assert delivery_dates(session, _shopper(customer), at(MONDAY, 23, 59), count=1) == [
        D(2026, 3, 3)
    ]


def test_without_a_round_days_excluded_for_every_round_are_skipped(session, customer):
    _exclude(session, FRIDAY)
    dates = delivery_dates(session, _shopper(customer), at(THURSDAY, 9), count=2)
    assert dates == [NEXT_MONDAY, D(2026, 3, 10)]


def test_deliveries_fall_on_the_round_weekdays_only(session, customer):
    north = _round(session, "monday", "thursday")
    dates = delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=4)
    assert dates == [THURSDAY, NEXT_MONDAY, NEXT_THURSDAY, D(2026, 3, 16)]


def test_a_friday_order_with_one_lead_day_on_a_monday_thursday_round_arrives_monday(
    session, customer
):
    north = _round(session, "monday", "thursday", lead_days=1)
    assert delivery_dates(session, _shopper(customer, north), at(FRIDAY, 10), count=1) == [
        NEXT_MONDAY
    ]


def test_lead_days_are_calendar_days_from_the_order_day(session, customer):
    north = _round(session, "monday", "thursday", lead_days=3)
    # Monday + 3 days = Thursday, which the round serves.
    assert delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=1) == [THURSDAY]
    north.lead_days = 4  # Friday at the earliest: next Monday
    session.flush()
    assert delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=1) == [
        NEXT_MONDAY
    ]


def test_zero_lead_days_allow_delivery_on_the_order_day(session, customer):
    north = _round(session, "monday", "thursday", lead_days=0)
    assert delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=1) == [MONDAY]


def test_an_order_exactly_at_the_cut_off_time_counts_from_today(session, customer):
    north = _round(session, "tuesday", "wednesday", lead_days=1, cut_off=datetime.time(12, 0))
    shopper = _shopper(customer, north)
    assert delivery_dates(session, shopper, at(MONDAY, 12, 0), count=1) == [D(2026, 3, 3)]


def test_an_order_past_the_cut_off_time_counts_from_tomorrow(session, customer):
    north = _round(session, "tuesday", "wednesday", lead_days=1, cut_off=datetime.time(12, 0))
    shopper = _shopper(customer, north)
    assert delivery_dates(session, shopper, at(MONDAY, 12, 0, 1), count=1) == [D(2026, 3, 4)]


def test_a_day_excluded_for_the_round_is_skipped(session, customer):
    north = _round(session, "monday", "thursday")
    _exclude(session, THURSDAY, north)
    dates = delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=2)
    assert dates == [NEXT_MONDAY, NEXT_THURSDAY]


def test_a_day_excluded_for_every_round_is_skipped(session, customer):
    north = _round(session, "monday", "thursday")
    _exclude(session, THURSDAY)
    assert delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=1) == [
        NEXT_MONDAY
    ]


def test_a_day_excluded_for_another_round_still_counts(session, customer):
    north = _round(session, "monday", "thursday")
    south = _round(session, "thursday", name="South")
    _exclude(session, THURSDAY, south)
    assert delivery_dates(session, _shopper(customer, north), at(MONDAY, 9), count=1) == [THURSDAY]


def test_a_round_with_every_day_excluded_gives_no_date(session, customer):
    weekly = _round(session, "monday")
    day = NEXT_MONDAY
    for _ in range(60):
        _exclude(session, day, weekly)
        day += datetime.timedelta(days=7)
    assert delivery_dates(session, _shopper(customer, weekly), at(MONDAY, 9)) == []


def test_a_round_without_weekdays_gives_no_date(session, customer):
    nowhere = _round(session)
    assert delivery_dates(session, _shopper(customer, nowhere), at(MONDAY, 9)) == []


def test_count_limits_the_number_of_dates(session, customer):
    daily = _round(session, "monday", "tuesday", "wednesday", "thursday", "friday", "saturday")
    assert len(delivery_dates(session, _shopper(customer, daily), at(MONDAY, 9))) == 10
    assert len(delivery_dates(session, _shopper(customer, daily), at(MONDAY, 9), count=3)) == 3


def test_a_delivery_date_is_checked_beyond_the_listed_ones(session, customer):
    north = _round(session, "monday", "thursday", cut_off=datetime.time(12, 0))
    _exclude(session, NEXT_THURSDAY, north)
    shopper = _shopper(customer, north)
    now = at(MONDAY, 9)
    assert is_delivery_date(session, shopper, THURSDAY, now)
    assert is_delivery_date(session, shopper, D(2026, 6, 1), now)  # a Monday months ahead
    assert not is_delivery_date(session, shopper, FRIDAY, now)  # not a round day
    assert not is_delivery_date(session, shopper, NEXT_THURSDAY, now)  # excluded
    assert not is_delivery_date(session, shopper, MONDAY, now)  # before the lead time
    assert not is_delivery_date(session, shopper, THURSDAY, at(THURSDAY, 8))  # in the past


def test_a_round_the_shopper_names_but_that_is_gone_falls_back_to_weekdays(session, customer):
    shopper = replace(_shopper(customer), delivery_round_id=987654)
    assert delivery_dates(session, shopper, at(THURSDAY, 9), count=1) == [FRIDAY]


def test_an_aware_time_is_read_in_local_time():
    aware = datetime.datetime(2026, 3, 2, 11, 30, tzinfo=datetime.UTC)
    local = local_time(aware)
    assert local.tzinfo is None
    assert local == aware.astimezone().replace(tzinfo=None)
    assert local_time(at(MONDAY, 11, 30)) == at(MONDAY, 11, 30)


def test_the_order_day_moves_to_tomorrow_only_after_the_cut_off():
    cut_off = datetime.time(16, 30)
    assert order_day(at(MONDAY, 16, 30), cut_off) == MONDAY
    assert order_day(at(MONDAY, 16, 31), cut_off) == D(2026, 3, 3)
    assert order_day(at(MONDAY, 23, 0), None) == MONDAY
