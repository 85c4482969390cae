"""The outbox (app/jobs/outbox.py, app/jobs/relay.py) in-process, as on the embedded default:
entries committed with the change that wrote them, run after the commit, tried again with
growing delays, failed after the limit, relayed by the command and by the app's own thread.

Mail goes to a real SMTP server on loopback (aiosmtpd) that refuses on demand. RQ mode, with a
real Redis and worker, is test_outbox_rq.py; the back office's retry, test_outbox_screen.py.
"""

from __future__ import annotations

import datetime
import time
import uuid

import pytest
import sqlalchemy as sa

from app.generated.models import CustomerGroup, OutboxEntry
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL
from app.jobs.relay import Relayed, relay_pending, start_background_relay
from tests.integration.outbox_helpers import (
    entries,
    make_due,
    seconds_until,
    statuses,
)

REFUSAL = "451 4.3.0 Mailbox temporarily unavailable"


def write_mail(session, subject: str) -> OutboxEntry:
    """A change and its mail, in one transaction (left open for the test to end)."""
    session.add(CustomerGroup(name=f"group {uuid.uuid4().hex[:8]}"))
    return outbox.write(session, SEND_MAIL, ["buyer@example.com"], subject, "Thank you.")


def test_entry_is_written_in_the_transaction_and_sent_after_commit(app, session, smtp):
    entry = write_mail(session, "Order placed")
    assert entry.arguments == {
        "args": [["buyer@example.com"], "Order placed", "Thank you."],
        "kwargs": {},
    }
    assert entry.status == "pending"
    assert smtp.subjects() == [], "sent before commit"
    session.commit()
    assert smtp.subjects() == ["Order placed"]
    [sent] = entries(app)
    assert (sent.status, sent.attempts, sent.last_error) == ("sent", 1, None)
    assert sent.sent_at is not None and sent.next_attempt_at is None

    session.add(CustomerGroup(name="later"))
    session.commit()  # a later transaction sends nothing again
    assert relay_pending(app).sent == 0
    assert smtp.subjects() == ["Order placed"]


def test_a_run_after_the_commit_does_not_wait_for_the_disk_on_postgresql(app, session, smtp):
    """The run's bookkeeping commits with synchronous_commit off on PostgreSQL (a mail sent
    twice after a server crash, at worst: at least once, as before); SQLite has no such
    setting."""
    run = []
    engine = session.get_bind()

    def note(_conn, _cursor, statement, *_args):
        run.append(statement)

    write_mail(session, "Order placed")
    sa.event.listen(engine, "before_cursor_execute", note)
    try:
        session.commit()
    finally:
        sa.event.remove(engine, "before_cursor_execute", note)
    assert smtp.subjects() == ["Order placed"]
    asked = "SET LOCAL synchronous_commit = off" in run
    assert asked == (engine.dialect.name == "postgresql")
    assert [status for status, _attempts in statuses(app)] == ["sent"]


def test_rolled_back_transaction_takes_its_entries_with_it(app, session, smtp):
    write_mail(session, "Never")
    session.rollback()
    session.add(CustomerGroup(name="next"))
    session.commit()
    assert entries(app) == []
    assert smtp.subjects() == []


def test_rolled_back_savepoint_drops_only_its_own_entries(app, session, smtp):
    write_mail(session, "Kept")
    savepoint = session.begin_nested()
    write_mail(session, "Dropped")
    savepoint.rollback()
    with session.begin_nested():
        write_mail(session, "Released")
    assert smtp.subjects() == [], "a released savepoint is not a commit"
    session.commit()
    assert smtp.subjects() == ["Kept", "Released"]
    assert statuses(app) == [("sent", 1), ("sent", 1)]


def test_arguments_that_are_not_json_are_refused_when_written(session):
    with pytest.raises(TypeError):
        outbox.write(session, SEND_MAIL, [object()], "Subject", "Text")


def test_smtp_refusing_is_retried_with_growing_delays_then_sent_once(
    app, session, smtp, outbox_settings
):
    outbox_settings(OUTBOX_RETRY_BASE_SECONDS=60, OUTBOX_RETRY_MAX_SECONDS=3600)
    smtp.refusal = REFUSAL
    write_mail(session, "Later")
    session.commit()
    [entry] = entries(app)
    assert (entry.status, entry.attempts) == ("pending", 1)
    assert "451" in entry.last_error and "Mailbox temporarily unavailable" in entry.last_error
    assert 55 <= seconds_until(entry.next_attempt_at) <= 60
    assert session.scalar(sa.select(sa.func.count()).select_from(CustomerGroup)) == 1

    assert relay_pending(app).still_pending == 0, "relayed before its delay ran out"
    delays = []
    for _ in range(3):
        make_due(app)
        relayed = relay_pending(app)
        assert (relayed.sent, relayed.still_pending) == (0, 1)
        delays.append(seconds_until(entries(app)[0].next_attempt_at))
    assert [round(d / 60) for d in delays] == [2, 4, 8]  # minutes: doubled each time
    assert statuses(app) == [("pending", 4)]

    smtp.refusal = None  # the server takes mail again
    make_due(app)
    assert relay_pending(app).sent == 1
    make_due(app)
    assert relay_pending(app).sent == 0
    assert smtp.subjects() == ["Later"]
    [entry] = entries(app)
    assert (entry.status, entry.attempts, entry.last_error) == ("sent", 5, None)


def test_delays_stop_growing_at_the_longest_delay(app, outbox_settings):
    outbox_settings(OUTBOX_RETRY_BASE_SECONDS=60, OUTBOX_RETRY_MAX_SECONDS=300)
    assert [outbox.retry_delay(app, n).total_seconds() for n in range(1, 6)] == [
        60,
        120,
        240,
        300,
        300,
    ]


def test_an_entry_failing_up_to_the_limit_is_marked_failed(app, session, smtp, outbox_settings):
    outbox_settings(OUTBOX_MAX_ATTEMPTS=3)
    smtp.refusal = "554 5.7.1 Relaying denied"
    write_mail(session, "Never accepted")
    session.commit()
    make_due(app)
    relay_pending(app)
    make_due(app)
    relayed = relay_pending(app)
    assert (relayed.failed, relayed.still_pending) == (1, 0)
    [entry] = entries(app)
    assert (entry.status, entry.attempts, entry.next_attempt_at) == ("failed", 3, None)
    assert "554" in entry.last_error

    smtp.refusal = None
    make_due(app)
    assert relay_pending(app) == Relayed(), "a failed entry waits for a person"
    assert smtp.subjects() == []


def test_a_job_that_cannot_be_found_is_kept_with_its_error(app, session):
    outbox.write(session, "app.jobs.outbox:no_such_job")
    session.commit()
    [entry] = entries(app)
    assert (entry.status, entry.attempts) == ("pending", 1)
    assert entry.last_error.startswith("AttributeError")


def test_relay_leaves_a_fresh_entry_to_the_process_that_wrote_it(app, session, smtp):
    long_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(minutes=10)
    session.add_all(
        [
            OutboxEntry(
                job=SEND_MAIL,
                arguments={"args": [["a@example.com"], "Stranded", "Its process stopped."]},
                next_attempt_at=long_ago,
            ),
            OutboxEntry(
                job=SEND_MAIL,
                arguments={"args": [["b@example.com"], "In flight", "Being handed over."]},
                next_attempt_at=long_ago + datetime.timedelta(minutes=11),
            ),
        ]
    )
    session.commit()  # written directly: not handed over by this commit
    relayed = relay_pending(app)
    assert (relayed.sent, relayed.still_pending) == (1, 0)
    assert smtp.subjects() == ["Stranded"]
    assert [status for status, _ in statuses(app)] == ["sent", "pending"]


def test_running_an_entry_twice_sends_it_once(app, session, smtp):
    entry = write_mail(session, "Once")
    entry_id = entry.id
    session.commit()
    assert outbox.run_entry(entry_id).status == "skipped"
    assert smtp.subjects() == ["Once"]


def test_flask_outbox_relay_runs_what_is_due(app, runner, session, smtp):
    smtp.refusal = REFUSAL
    write_mail(session, "Relayed by the command")
    session.commit()
    smtp.refusal = None
    make_due(app)
    result = runner.invoke(args=["outbox", "relay"])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == "0 handed over, 1 sent, 0 still pending, 0 failed."
    assert smtp.subjects() == ["Relayed by the command"]


def test_flask_outbox_relay_every_refuses_less_than_a_second(runner):
    result = runner.invoke(args=["outbox", "relay", "--every", "0"])
    assert result.exit_code == 2
    assert "--every" in result.output


def test_the_apps_own_relay_sends_what_failed_once_it_is_due(app, session, smtp, outbox_settings):
    """The embedded default relays in a thread of the app's process: no cron needed."""
    outbox_settings(OUTBOX_RETRY_BASE_SECONDS=1, OUTBOX_RELAY_EVERY=0.1)
    smtp.refusal = REFUSAL
    write_mail(session, "Sent by the app's relay")
    session.commit()
    assert statuses(app) == [("pending", 1)]
    smtp.refusal = None
    relay = start_background_relay(app)
    try:
        deadline = time.monotonic() + 10
        while statuses(app) != [("sent", 2)] and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        relay.stop()
    assert statuses(app) == [("sent", 2)]
    assert smtp.subjects() == ["Sent by the app's relay"]
    assert not relay.thread.is_alive()


def test_no_relay_thread_with_redis_or_when_switched_off(app, outbox_settings):
    outbox_settings(OUTBOX_RELAY_EVERY=0)
    assert start_background_relay(app) is None
    outbox_settings(OUTBOX_RELAY_EVERY=60)
    app.config["REDIS_URL"], saved = "redis://127.0.0.1:1/0", app.config["REDIS_URL"]
    try:
        assert start_background_relay(app) is None
    finally:
        app.config["REDIS_URL"] = saved
