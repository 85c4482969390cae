"""The outbox (app/jobs/outbox.py): entries committed with the change that wrote them, handed
over after the commit, kept pending when the hand-over fails, relayed later.

Mail goes to a real SMTP server on loopback (tests/mailbox.py). RQ mode needs TEST_REDIS_URL;
Redis being down is tested without it (a port nothing listens on).
"""

from __future__ import annotations

import datetime
import uuid

import pytest
import sqlalchemy as sa

from app.generated.models import CustomerGroup, OutboxEntry
from app.jobs import outbox
from app.jobs.queue import rq_queue
from tests.conftest import TEST_REDIS_URL
from tests.mailbox import closed_port

SEND_MAIL = "app.jobs.mail:send_mail"
REDIS_URL = TEST_REDIS_URL  # this xdist worker's Redis database (tests/conftest.py)


@pytest.fixture
def mail_to(app, smtp_server):
    """Point the app's mail at an SMTP port: the loopback server's (default) or another."""
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress)

    def point(port=None):
        state.server, state.port, state.suppress = "127.0.0.1", port or smtp_server.port, False

    point()
    with smtp_server.lock:
        smtp_server.messages.clear()
        smtp_server.envelopes.clear()
    yield point
    state.server, state.port, state.suppress = saved


@pytest.fixture
def refused_port():
    """A loopback port where nothing listens, for the whole test."""
    with closed_port() as port:
        yield port


def write_mail(session, subject: str) -> OutboxEntry:
    """A change and its mail, in one transaction (left open for the test to end)."""
    session.add(CustomerGroup(name=f"group {uuid.uuid4().hex[:8]}"))
    return outbox.write(session, SEND_MAIL, ["buyer@example.com"], subject, "Thank you.")


def entries(session) -> list[tuple[str, int, str | None]]:
    session.expire_all()
    return [
        (e.status, e.attempts, e.last_error)
        for e in session.scalars(sa.select(OutboxEntry).order_by(OutboxEntry.id))
    ]


def test_entry_is_written_in_the_transaction_and_handed_over_after_commit(
    session, mail_to, smtp_server
):
    entry = write_mail(session, "Order placed")
    assert entry.id is not None
    assert entry.arguments == {
        "args": [["buyer@example.com"], "Order placed", "Thank you."],
        "kwargs": {},
    }
    assert smtp_server.subjects() == [], "handed over before commit"
    session.commit()
    assert smtp_server.subjects() == ["Order placed"]
    assert entries(session) == [("handed_over", 1, None)]
    assert session.scalar(sa.select(OutboxEntry.handed_over_at)) is not None

    session.add(CustomerGroup(name="later"))
    session.commit()  # a later transaction hands nothing over again
    assert smtp_server.subjects() == ["Order placed"]


def test_rolled_back_transaction_takes_its_entries_with_it(session, mail_to, smtp_server):
    write_mail(session, "Never")
    session.rollback()
    session.add(CustomerGroup(name="next"))
    session.commit()
    assert entries(session) == []
    assert smtp_server.subjects() == []


def test_rolled_back_savepoint_drops_only_its_own_entries(session, mail_to, smtp_server):
    write_mail(session, "Kept")
    savepoint = session.begin_nested()
    write_mail(session, "Dropped")
    savepoint.rollback()
    with session.begin_nested():
        write_mail(session, "Released")
    assert smtp_server.subjects() == [], "a released savepoint is not a commit"
    session.commit()
    assert smtp_server.subjects() == ["Kept", "Released"]
    assert entries(session) == [("handed_over", 1, None), ("handed_over", 1, None)]


def test_arguments_that_are_not_json_are_refused_when_written(session):
    with pytest.raises(TypeError):
        outbox.write(session, SEND_MAIL, [object()], "Subject", "Text")


def test_smtp_down_keeps_the_entry_pending_and_the_change_stands(
    app, session, mail_to, smtp_server, refused_port
):
    mail_to(refused_port)  # nothing listens there
    write_mail(session, "Later")
    session.commit()
    [(status, attempts, error)] = entries(session)
    assert (status, attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in error
    assert session.scalar(sa.select(sa.func.count()).select_from(CustomerGroup)) == 1

    mail_to()  # the SMTP server is back
    relayed = outbox.relay_pending(app)
    assert (relayed.handed_over, relayed.still_pending) == (1, 0)
    assert smtp_server.subjects() == ["Later"]
    assert entries(session) == [("handed_over", 2, None)]


def test_relay_counts_another_failure_and_keeps_trying_later(
    app, session, mail_to, smtp_server, refused_port
):
    mail_to(refused_port)
    write_mail(session, "Stubborn")
    session.commit()
    relayed = outbox.relay_pending(app)
    assert (relayed.handed_over, relayed.still_pending) == (0, 1)
    assert entries(session)[0][:2] == ("pending", 2)
    assert smtp_server.subjects() == []


def test_relay_leaves_a_fresh_untried_entry_to_the_process_that_wrote_it(
    app, session, mail_to, smtp_server
):
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10)
    session.add_all(
        [
            OutboxEntry(
                job=SEND_MAIL,
                arguments={"args": [["a@example.com"], "Stranded", "Its process stopped."]},
                created_at=long_ago,
            ),
            OutboxEntry(
                job=SEND_MAIL,
                arguments={"args": [["b@example.com"], "In flight", "Being handed over."]},
            ),
        ]
    )
    session.commit()  # written directly: not handed over by this commit
    relayed = outbox.relay_pending(app)
    assert (relayed.handed_over, relayed.still_pending) == (1, 0)
    assert smtp_server.subjects() == ["Stranded"]
    assert [status for status, *_ in entries(session)] == ["handed_over", "pending"]


def test_flask_outbox_relay_hands_over_what_is_pending(
    app, runner, session, mail_to, smtp_server, refused_port
):
    mail_to(refused_port)
    write_mail(session, "Relayed by the command")
    session.commit()
    mail_to()
    result = runner.invoke(args=["outbox", "relay"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "1 handed over, 0 still pending."
    assert smtp_server.subjects() == ["Relayed by the command"]


def test_a_job_that_fails_in_process_stays_pending_with_its_error(session):
    outbox.write(session, "app.jobs.outbox:no_such_job")
    session.commit()
    [(status, attempts, error)] = entries(session)
    assert (status, attempts) == ("pending", 1)
    assert error.startswith("AttributeError")


# --- RQ mode -------------------------------------------------------------------------------------


@pytest.fixture
def with_redis(app):
    """The app handing jobs to Redis at `url`, on a queue of this test's own."""
    saved = (app.config["REDIS_URL"], app.config["RQ_QUEUE"])

    def use(url):
        app.config.update(REDIS_URL=url, RQ_QUEUE=f"portal-test-{uuid.uuid4().hex[:12]}")

    yield use
    if app.config["REDIS_URL"] == REDIS_URL and REDIS_URL:
        with app.app_context():
            rq_queue().delete(delete_jobs=True)
    app.config.update(REDIS_URL=saved[0], RQ_QUEUE=saved[1])


def test_redis_down_keeps_the_entry_pending(
    session, with_redis, mail_to, smtp_server, refused_port
):
    with_redis(f"redis://127.0.0.1:{refused_port}/0")
    write_mail(session, "Queued later")
    session.commit()
    [(status, attempts, error)] = entries(session)
    assert (status, attempts) == ("pending", 1)
    assert "ConnectionError" in error
    assert smtp_server.subjects() == [], "the outbox waits for Redis rather than mail in-process"


@pytest.mark.redis
@pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set")
def test_with_redis_the_entry_is_queued_after_commit_and_marked(app, session, with_redis):
    with_redis(REDIS_URL)
    write_mail(session, "To the worker")
    queue = rq_queue()
    assert queue.count == 0, "queued before commit"
    session.commit()
    assert queue.count == 1
    job = queue.jobs[0]
    assert job.func_name == "app.jobs.mail.send_mail"
    assert job.args[1] == "To the worker"
    assert entries(session) == [("handed_over", 1, None)]
