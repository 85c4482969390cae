"""The outbox with Redis and a real RQ worker, as in production: an order's mails arrive once,
with Redis stopped during the checkout, with Redis restarted and its queue lost, and with the
SMTP server refusing for a while.

Needs TEST_REDIS_URL (this worker's database, each test on a queue of its own); the "Redis
stopped" tests start redis-server processes of their own on free ports, and stop them. Mail goes
to a real SMTP server on loopback (aiosmtpd) that refuses on demand.
"""

from __future__ import annotations

import uuid

import pytest

from app.generated.models import CustomerGroup, SalesOrder
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL
from app.jobs.queue import redis_connection, rq_queue
from app.jobs.relay import relay_pending
from tests.integration.outbox_helpers import (
    REDIS_URL,
    RedisServer,
    entries,
    make_due,
    needs_redis,
    redis_server,
    seconds_until,
    statuses,
    work,
)
from tests.integration.test_checkout import place
from tests.integration.test_query_counts import counted_statements
from tests.unit.test_cart_rules import OrderingWorld

pytestmark = [pytest.mark.redis, needs_redis]

CONTACT, STAFF = "ada@library.example", "staff@seller.example"


@pytest.fixture
def world(session):
    return OrderingWorld(session)


def place_an_order(world) -> str:
    """An order placed through the checkout and committed, as the portal does; its number."""
    world.add(world.article("12.00", name="Atlas", sku="ATLAS"), 2)
    world.session.commit()
    order = place(world, key=f"key-{uuid.uuid4().hex}")
    world.session.commit()
    return order.number


def each_arrived_once(smtp, number: str) -> None:
    assert sorted(smtp.subjects()) == [
        f"New order {number} from Lyon library",
        f"Your order {number} at Papeterie Test",
    ]
    assert len(smtp.to(CONTACT)) == 1 and len(smtp.to(STAFF)) == 1


def test_an_orders_mails_arrive_once(app, world, smtp, with_redis):
    with_redis(REDIS_URL)
    number = place_an_order(world)
    assert statuses(app) == [("handed_over", 0), ("handed_over", 0)]
    assert smtp.subjects() == [], "RQ mode must not send in the web process"

    for _ in range(2):  # the relay and the worker, twice
        relay_pending(app)
        work(app)
    each_arrived_once(smtp, number)
    assert statuses(app) == [("sent", 1), ("sent", 1)]

    make_due(app)  # sent entries are never due again
    assert relay_pending(app).handed_over == 0
    assert work(app) == 0
    each_arrived_once(smtp, number)


def test_an_entry_handed_over_twice_is_sent_once(app, world, smtp, with_redis, outbox_settings):
    """A job slow to run (or lost) is handed over again after OUTBOX_REQUEUE_SECONDS; both jobs
    run, the second finds the entry sent."""
    with_redis(REDIS_URL)
    number = place_an_order(world)
    make_due(app)
    assert relay_pending(app).handed_over == 2
    with app.app_context():
        assert rq_queue().count == 4
    assert work(app) == 4
    each_arrived_once(smtp, number)
    assert statuses(app) == [("sent", 1), ("sent", 1)]


def test_with_redis_stopped_the_order_stands_and_its_mails_go_once_it_is_back(
    app, world, smtp, with_redis, tmp_path
):
    redis = RedisServer(tmp_path)
    redis.start()
    try:
        with_redis(redis.url)
        redis.stop()
        number = place_an_order(world)
        assert world.session.query(SalesOrder).filter_by(number=number).count() == 1
        for entry in entries(app):
            assert (entry.status, entry.attempts) == ("pending", 0)
            assert "ConnectionError" in entry.last_error
            assert seconds_until(entry.next_attempt_at) > 0
        make_due(app)
        assert relay_pending(app).still_pending == 1, "one refusal ends the pass"
        assert statuses(app) == [("pending", 0), ("pending", 0)], "Redis down is no attempt"

        redis.start()
        make_due(app)
        assert relay_pending(app).handed_over == 2
        for _ in range(2):
            work(app)
            relay_pending(app)
        each_arrived_once(smtp, number)
        assert statuses(app) == [("sent", 1), ("sent", 1)]
    finally:
        redis.stop()


def test_jobs_lost_with_a_restarted_redis_are_handed_over_again(
    app, world, smtp, with_redis, tmp_path
):
    with redis_server(tmp_path) as redis:
        with_redis(redis.url)
        number = place_an_order(world)
        assert statuses(app) == [("handed_over", 0), ("handed_over", 0)]
        redis.stop()
        redis.start()  # it kept nothing on disk: the jobs are gone
        assert work(app) == 0
        assert relay_pending(app).handed_over == 0, "handed over again only after a while"
        make_due(app)  # OUTBOX_REQUEUE_SECONDS later
        assert relay_pending(app).handed_over == 2
        assert work(app) == 2
        each_arrived_once(smtp, number)


def test_smtp_refusing_is_retried_by_the_worker_then_sent_once(
    app, session, smtp, with_redis, outbox_settings
):
    outbox_settings(OUTBOX_RETRY_BASE_SECONDS=30, OUTBOX_MAX_ATTEMPTS=5)
    with_redis(REDIS_URL)
    smtp.refusal = "421 4.3.2 Service shutting down"
    session.add(CustomerGroup(name="Schools"))
    outbox.write(session, SEND_MAIL, ["buyer@example.com"], "Refused at first", "Thank you.")
    session.commit()
    assert statuses(app) == [("handed_over", 0)]
    delays = []
    for attempts in (1, 2):
        work(app)
        [entry] = entries(app)
        assert (entry.status, entry.attempts) == ("pending", attempts)
        assert "421" in entry.last_error
        delays.append(round(seconds_until(entry.next_attempt_at)))
        assert relay_pending(app).handed_over == 0, "relayed before its delay ran out"
        make_due(app)
        assert relay_pending(app).handed_over == 1
    assert delays[0] in (29, 30) and delays[1] in (59, 60)

    smtp.refusal = None
    for _ in range(2):
        work(app)
        make_due(app)
        relay_pending(app)
    assert smtp.subjects() == ["Refused at first"]
    assert statuses(app) == [("sent", 3)]


def test_smtp_refusing_past_the_limit_fails_the_entry(
    app, session, smtp, with_redis, outbox_settings
):
    outbox_settings(OUTBOX_MAX_ATTEMPTS=2)
    with_redis(REDIS_URL)
    smtp.refusal = "550 5.1.1 No such user"
    outbox.write(session, SEND_MAIL, ["nobody@example.com"], "Undeliverable", "Hello.")
    session.commit()
    work(app)
    make_due(app)
    relay_pending(app)
    work(app)
    [entry] = entries(app)
    assert (entry.status, entry.attempts, entry.next_attempt_at) == ("failed", 2, None)
    assert "550" in entry.last_error
    make_due(app)
    assert relay_pending(app).handed_over == 0
    assert smtp.subjects() == []


def test_the_entries_of_one_commit_are_written_and_handed_over_together(
    app, session, smtp, with_redis
):
    """Written in one statement (on PostgreSQL: SQLAlchemy writes rows one by one where it
    cannot match RETURNING's rows to them, as on SQLite), claimed in one, queued in one round
    trip to Redis; then each runs on its own."""
    with_redis(REDIS_URL)
    for n in range(3):
        outbox.write(session, SEND_MAIL, [f"buyer{n}@example.com"], f"Mail {n}", "Hello.")
    with counted_statements(app) as statements:
        session.commit()
    inserts = [s for s in statements if s.startswith("INSERT INTO outbox_entry")]
    assert len(inserts) == (3 if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite") else 1)
    assert len([s for s in statements if s.startswith("UPDATE outbox_entry")]) == 1
    assert statuses(app) == [("handed_over", 0)] * 3
    with app.app_context():
        assert rq_queue().count == 3
    assert work(app) == 3
    assert sorted(smtp.subjects()) == ["Mail 0", "Mail 1", "Mail 2"]
    assert statuses(app) == [("sent", 1)] * 3


def test_handing_over_reuses_one_redis_client(app, with_redis):
    with_redis(REDIS_URL)
    with app.app_context():
        assert redis_connection() is redis_connection()
        assert rq_queue().connection is redis_connection()
