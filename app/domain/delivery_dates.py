"""The days an order can be delivered to a customer.

The customer's delivery round says on which weekdays it delivers, its cut-off time and its lead
time. An order placed at or before the cut-off time counts from today, after it from tomorrow
(the "order day"); the earliest delivery is `lead_days` calendar days after the order day; from
there the possible dates are the round's weekdays, less the excluded days (the round's own and
those for every round). A customer without a round is delivered Monday to Friday, one day after
the order day, with no cut-off time, less the excluded days for every round.

Times are the shop's local time: `now` is taken as local time when naive, and an aware `now` is
converted to the server's local time zone first (the cut-off time is a time of day at the shop).
The search looks at most `HORIZON_DAYS` ahead, so a round whose every day is excluded gives no
date rather than a search without end.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.delivery import WEEKDAYS
from app.domain.shopper import Shopper
from app.generated.models import DeliveryRound, ExcludedDeliveryDay

HORIZON_DAYS = 366
WORKING_WEEK = frozenset(range(5))  # Monday to Friday, as date.weekday() numbers them
DEFAULT_LEAD_DAYS = 1


@dataclass(frozen=True)
class _Calendar:
    earliest: datetime.date
    weekdays: frozenset[int]
    excluded: frozenset[datetime.date]

    def allows(self, day: datetime.date) -> bool:
        return (
            self.earliest <= day < self.earliest + datetime.timedelta(days=HORIZON_DAYS)
            and day.weekday() in self.weekdays
            and day not in self.excluded
        )


def local_time(now: datetime.datetime) -> datetime.datetime:
    """`now` as naive local time: as it is when naive, converted to the server's zone when aware."""
    if now.tzinfo is None:
        return now
    return now.astimezone().replace(tzinfo=None)


def order_day(now: datetime.datetime, cut_off: datetime.time | None) -> datetime.date:
    """The day an order placed at `now` counts from: today, or tomorrow when past `cut_off`
    (an order placed exactly at the cut-off time still counts from today)."""
    now = local_time(now)
    if cut_off is not None and now.time() > cut_off:
        return now.date() + datetime.timedelta(days=1)
    return now.date()


def _calendar(session: Session, shopper: Shopper, now: datetime.datetime) -> _Calendar:
    delivery_round = None
    if shopper.delivery_round_id is not None:
        delivery_round = session.execute(
            sa.select(
                DeliveryRound.cut_off_time, DeliveryRound.lead_days, *_weekday_columns()
            ).where(DeliveryRound.id == shopper.delivery_round_id)
        ).one_or_none()
    if delivery_round is None:
        weekdays = WORKING_WEEK
        earliest = order_day(now, None) + datetime.timedelta(days=DEFAULT_LEAD_DAYS)
        applies = ExcludedDeliveryDay.delivery_round_id.is_(None)
    else:
        weekdays = frozenset(
            number for number, name in enumerate(WEEKDAYS) if getattr(delivery_round, name)
        )
        lead_days = delivery_round.lead_days
        earliest = order_day(now, delivery_round.cut_off_time) + datetime.timedelta(
            days=DEFAULT_LEAD_DAYS if lead_days is None else lead_days
        )
        applies = sa.or_(
            ExcludedDeliveryDay.delivery_round_id.is_(None),
            ExcludedDeliveryDay.delivery_round_id == shopper.delivery_round_id,
        )
    excluded = session.scalars(
        sa.select(ExcludedDeliveryDay.day).where(
            applies,
            ExcludedDeliveryDay.day >= earliest,
            ExcludedDeliveryDay.day < earliest + datetime.timedelta(days=HORIZON_DAYS),
        )
    ).all()
    return _Calendar(earliest, weekdays, frozenset(excluded))


def _weekday_columns():
    return [getattr(DeliveryRound, name) for name in WEEKDAYS]


def delivery_dates(
    session: Session, shopper: Shopper, now: datetime.datetime, *, count: int = 10
) -> list[datetime.date]:
    """The next `count` days `shopper`'s customer can be delivered on, for an order placed at
    `now` (see the module's docstring); fewer, or none, when the next `HORIZON_DAYS` days hold
    fewer. Two queries."""
    calendar = _calendar(session, shopper, now)
    if not calendar.weekdays:
        return []
    dates: list[datetime.date] = []
    for offset in range(HORIZON_DAYS):
        day = calendar.earliest + datetime.timedelta(days=offset)
        if calendar.allows(day):
            dates.append(day)
            if len(dates) >= count:
                break
    return dates


def is_delivery_date(
    session: Session, shopper: Shopper, day: datetime.date, now: datetime.datetime
) -> bool:
    """Whether `day` is a possible delivery day for an order placed at `now`: on or after the
    earliest day, on one of the round's weekdays, not excluded, within `HORIZON_DAYS` (not only
    among the first dates `delivery_dates` lists)."""
    return _calendar(session, shopper, now).allows(day)
