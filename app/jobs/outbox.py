"""The outbox: mails and jobs written in the same transaction as the change that causes them,
then run until they succeed, or fail often enough to need a person.

Writing. `write` adds an `OutboxEntry` (`pending`) to the caller's transaction, so an order and
its confirmation mail are committed together or not at all; a rolled-back transaction or
savepoint takes its entries with it. Entries are not flushed one by one: the transaction's
next flush writes them together. An entry's `arguments` are JSON, {"args": [...], "kwargs":
{...}}, for the job function named 'package.module:function'. Mails are rendered before they are
written (app/mails.py, app/domain/checkout.py), so the job is the plain
`app.jobs.mail:send_mail` and running it needs no request.

Handing over. Once the writing transaction commits, its entries are handed over at once: with
REDIS_URL an RQ job `app.jobs.outbox.run_entry(id)` is queued for each and the entries are marked
`handed_over` (all of a transaction's entries together: one claim, one round trip to Redis);
without (the embedded default) `run_entry` runs in this process. Redis being down
leaves the entry `pending` with its error; that is not an attempt of the job and never makes it
`failed`. app/jobs/relay.py takes up, later, what is due again.

Running. `run_entry` claims the entry and, in that one transaction, runs its job and records the
outcome. The claim is a row lock, FOR UPDATE SKIP LOCKED, on PostgreSQL: a second runner of the
same entry (a relay handing it over again while a worker has it) skips it. SQLite has no row
locks; there runs are serialised within the process (the embedded default is one process, with
its relay in a thread: run only that relay). An entry `sent` or `failed` is skipped, so an entry
handed over twice sends its mail once.
- The job succeeds: `sent`, with `sent_at`.
- It raises: `attempts` + 1, `last_error`, and it is `pending` again with `next_attempt_at` =
  now + OUTBOX_RETRY_BASE_SECONDS x 2^(attempts - 1), at most OUTBOX_RETRY_MAX_SECONDS; the
  OUTBOX_MAX_ATTEMPTS-th failure makes it `failed`, for the back office to retry (`retry`).

`next_attempt_at` is when the relay may take the entry up: a new entry's is OUTBOX_IN_FLIGHT_SECONDS
away (the writing process hands it over before that; if it stopped between its commit and the
hand-over, the relay does), a handed-over entry's OUTBOX_REQUEUE_SECONDS away (a job Redis lost
on a restart, or a worker killed in the middle, is handed over again then), a failed run's after
the delay above. `sent` and `failed` entries have none.

What remains at least once, not exactly once: the SMTP server accepts the message and the
runner dies (or loses the database) before the transaction marking the entry `sent` commits, or,
on PostgreSQL, the server crashes before that commit reaches the disk (runs and hand-overs commit
without waiting for it: `_without_waiting_for_the_disk`). The
lock goes with the connection, the entry is still `pending` or `handed_over`, and the relay runs
it again: that mail goes twice. Only the receiving side could close that window.
"""

from __future__ import annotations

import datetime
import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from flask_babel import gettext as _
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, scoped_session

from app.domain.translations import in_sentence
from app.generated.models import OutboxEntry
from app.jobs.queue import forget_rolled_back, job, resolve, rq_queue

log = logging.getLogger(__name__)

PENDING, HANDED_OVER, SENT, FAILED = "pending", "handed_over", "sent", "failed"
# What a runner may still run; `sent` and `failed` are done (until the back office retries).
RUNNABLE = (PENDING, HANDED_OVER)
RUN_ENTRY = "app.jobs.outbox.run_entry"  # as RQ names a function
ERROR_LENGTH = 4000
_WRITTEN = "portal_outbox_written"
_COMMITTED = "portal_outbox_committed"
# SQLite has no row locks: one lock per process serialises the runs there.
_SQLITE_RUNS = threading.Lock()


def write(session: Session, job: str, *args: Any, **kwargs: Any) -> OutboxEntry:
    """Add an outbox entry for `job` ('package.module:function') with JSON-able arguments to the
    session's transaction; it is handed over once that transaction commits.

    A rolled-back transaction or savepoint takes its entries with it. Raises TypeError when the
    arguments cannot be written as JSON (rather than failing later, in the relay).
    """
    session = _own_session(session)
    arguments = {"args": list(args), "kwargs": dict(kwargs)}
    json.dumps(arguments)  # a TypeError here, at the caller, names the culprit
    entry = OutboxEntry(
        job=job,
        arguments=arguments,
        status=PENDING,
        attempts=0,
        next_attempt_at=_now() + _seconds("OUTBOX_IN_FLIGHT_SECONDS"),
    )
    # Not flushed here: the transaction's next flush (its commit's at the latest) writes the
    # entries of a request together, in one statement (an order writes two mails).
    session.add(entry)
    _hand_over_after_commit(session, entry)
    return entry


class RetryRefused(Exception):
    """An entry that is not `failed` cannot be retried; the text says which and why."""


def retry(session: Session, entries: Iterable[OutboxEntry]) -> list[OutboxEntry]:
    """Put failed entries back to `pending`, with their attempts counted afresh, to be handed
    over as soon as the session's transaction commits.

    Raises RetryRefused, changing nothing, when one of them is not `failed`: a waiting entry is
    already being retried, and a sent one would send its mail twice.
    """
    session = _own_session(session)
    entries = list(entries)
    labels = dict(OutboxEntry.STATUS_CHOICES)
    for entry in entries:
        if entry.status != FAILED:
            raise RetryRefused(
                _(
                    "Entry %(id)s was not retried: only failed entries can be, and it is "
                    "%(status)s.",
                    id=entry.id,
                    status=in_sentence(labels.get(entry.status, entry.status)),
                )
            )
    for entry in entries:
        entry.status = PENDING
        entry.attempts = 0
        entry.next_attempt_at = _now() + _seconds("OUTBOX_IN_FLIGHT_SECONDS")
        session.flush([entry])
        _hand_over_after_commit(session, entry)
    return entries


# --- running ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What running an entry did: `sent`, `pending` (to be tried again), `failed`, or `skipped`
    (done already, another runner has it, or not due when only due entries were asked for)."""

    status: str
    error: str | None = None


SKIPPED = Outcome("skipped")


@job
def run_entry(entry_id: int, *, due_only: bool = False) -> Outcome:
    """Run the entry's job once and record the outcome (see the module's docstring).

    The RQ job of an entry handed over, and the in-process run. `due_only` skips an entry whose
    next attempt is not due yet (the relay's runs: another runner may have just tried it). Never
    raises for the job's error, which is recorded instead: RQ's own retries are not used.
    """
    from app.extensions import db

    app = current_app._get_current_object()
    engine = db.engine
    if engine.dialect.name == "sqlite":
        with _SQLITE_RUNS:
            return _run(app, engine, entry_id, due_only)
    return _run(app, engine, entry_id, due_only)


def _run(app: Flask, engine: sa.Engine, entry_id: int, due_only: bool) -> Outcome:
    table = OutboxEntry.__table__
    with engine.begin() as connection:
        _without_waiting_for_the_disk(connection)
        row = connection.execute(
            sa.select(table.c.job, table.c.arguments, table.c.attempts, table.c.next_attempt_at)
            .where(table.c.id == entry_id, table.c.status.in_(RUNNABLE))
            .with_for_update(skip_locked=True)
        ).one_or_none()
        if row is None:
            return SKIPPED  # sent, failed, gone, or another runner holds it
        if due_only and row.next_attempt_at and _aware(row.next_attempt_at) > _now():
            return SKIPPED
        error = _run_job(app, row.job, row.arguments)
        attempts = row.attempts + 1
        outcome = _outcome(app, attempts, error)
        connection.execute(_recorded(app, entry_id, attempts, outcome))
    return outcome


def _run_job(app: Flask, job_name: str, arguments: dict | None) -> str | None:
    """Run the job here; its error as text when it raised."""
    args = list((arguments or {}).get("args", []))
    kwargs = dict((arguments or {}).get("kwargs", {}))
    try:
        with app.app_context():
            resolve(job_name)(*args, **kwargs)
    except Exception as error:  # recorded on the entry; the change that wrote it stands
        log.warning("outbox job %s failed", job_name, exc_info=True)
        return _error_text(error)
    return None


def _outcome(app: Flask, attempts: int, error: str | None) -> Outcome:
    if error is None:
        return Outcome(SENT)
    if attempts >= app.config["OUTBOX_MAX_ATTEMPTS"]:
        return Outcome(FAILED, error)
    return Outcome(PENDING, error)


def _recorded(app: Flask, entry_id: int, attempts: int, outcome: Outcome) -> sa.Update:
    """The outcome written on the entry, whose `attempts`-th run this was (read under the claim:
    the row locked, or on SQLite the runs serialised)."""
    table = OutboxEntry.__table__
    update = table.update().where(table.c.id == entry_id)
    if outcome.status == SENT:
        return update.values(
            status=SENT, sent_at=_now(), attempts=attempts, last_error=None, next_attempt_at=None
        )
    if outcome.status == FAILED:
        return update.values(
            status=FAILED, attempts=attempts, last_error=outcome.error, next_attempt_at=None
        )
    return update.values(
        status=PENDING,
        attempts=attempts,
        last_error=outcome.error,
        next_attempt_at=_now() + retry_delay(app, attempts),
    )


def retry_delay(app: Flask, attempts: int) -> datetime.timedelta:
    """How long after its `attempts`-th failure an entry is tried again: the base delay, doubled
    with each further failure, at most the configured longest delay."""
    base = app.config["OUTBOX_RETRY_BASE_SECONDS"]
    longest = app.config["OUTBOX_RETRY_MAX_SECONDS"]
    return datetime.timedelta(seconds=min(base * 2 ** max(attempts - 1, 0), longest))


# --- handing over -------------------------------------------------------------------------------


def hand_over(app: Flask, engine: sa.Engine, entry_id: int, *, due_only: bool = False) -> str:
    """Hand one entry over: queue its RQ job with REDIS_URL, else run it here.

    Returns what became of it: 'handed_over', 'sent', 'pending' (its job failed, or Redis is
    down), 'failed' or 'skipped'.
    """
    return hand_over_all(app, engine, [entry_id], due_only=due_only)[entry_id]


def hand_over_all(
    app: Flask, engine: sa.Engine, entry_ids: list[int], *, due_only: bool = False
) -> dict[int, str]:
    """Hand entries over, as `hand_over` does each; with REDIS_URL all of them at once: one
    transaction claims them, one round trip to Redis queues their jobs. Returns what became of
    each, by id."""
    if not app.config.get("REDIS_URL"):
        with app.app_context():
            return {
                entry_id: run_entry(entry_id, due_only=due_only).status for entry_id in entry_ids
            }
    return _queue(app, engine, entry_ids, due_only)


def _queue(app: Flask, engine: sa.Engine, entry_ids: list[int], due_only: bool) -> dict[int, str]:
    """Mark the entries handed over, then queue their jobs: in that order, so that a job never
    finds its row locked by this hand-over. Redis down: back to pending, due again after the
    base delay."""
    table = OutboxEntry.__table__
    now = _now()
    claim = table.c.status.in_(RUNNABLE) if due_only else table.c.status == PENDING
    if due_only:
        claim = sa.and_(claim, table.c.next_attempt_at <= now)
    with engine.begin() as connection:
        _without_waiting_for_the_disk(connection)
        # The conditional UPDATE is the claim: a second relay finds the row changed (and waits
        # for the first one's commit on PostgreSQL, then finds it no longer due).
        claimed = connection.scalars(
            table.update()
            .where(table.c.id.in_(entry_ids), claim)
            .values(
                status=HANDED_OVER,
                handed_over_at=now,
                next_attempt_at=now + _seconds("OUTBOX_REQUEUE_SECONDS", app),
            )
            .returning(table.c.id)
        ).all()
    outcome = dict.fromkeys(entry_ids, SKIPPED.status)
    if not claimed:
        return outcome
    claimed = sorted(claimed)
    try:
        with app.app_context():
            queue = rq_queue()
            # An import's job runs for minutes: RQ's default timeout (180 s) would kill it.
            timeout = app.config["OUTBOX_JOB_TIMEOUT_SECONDS"]
            queue.enqueue_many(
                [
                    queue.prepare_data(RUN_ENTRY, (entry_id,), timeout=timeout)
                    for entry_id in claimed
                ]
            )
    except Exception as error:  # Redis down: the relay tries again; not an attempt of the job
        log.warning("outbox entries %s not handed over to RQ", claimed, exc_info=True)
        with engine.begin() as connection:
            connection.execute(
                table.update()
                .where(table.c.id.in_(claimed), table.c.status == HANDED_OVER)
                .values(
                    status=PENDING,
                    last_error=_error_text(error),
                    next_attempt_at=_now() + retry_delay(app, 1),
                )
            )
        outcome.update(dict.fromkeys(claimed, PENDING))
        return outcome
    outcome.update(dict.fromkeys(claimed, HANDED_OVER))
    return outcome


def _hand_over_after_commit(session: Session, entry: OutboxEntry) -> None:
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_WRITTEN, []).append((transaction, entry))


@event.listens_for(Session, "after_commit")
def _note_committed(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a released savepoint: nothing is committed until the outermost commit
    written = session.info.pop(_WRITTEN, [])
    if written:
        session.info.setdefault(_COMMITTED, []).extend(written)


@event.listens_for(Session, "after_transaction_end")
def _hand_over_committed(session: Session, transaction) -> None:
    # Here, unlike in after_commit, the session has given its connection back to the pool:
    # handing over takes that one again rather than a second connection per request.
    if transaction.parent is not None or not session.info.get(_COMMITTED):
        return
    committed = session.info.pop(_COMMITTED)
    if not has_app_context():
        return  # without an app, the relay hands them over later
    app = current_app._get_current_object()
    engine = _engine_of(session)
    # Written without a flush (see `write`): each entry's id is known from the commit's flush.
    identities = [inspect(entry).identity for _transaction, entry in committed]
    ids = [identity[0] for identity in identities if identity]
    # To RQ all together; run here, each on its own, so that one failing leaves the others to run.
    groups = [ids] if app.config.get("REDIS_URL") else [[entry_id] for entry_id in ids]
    for group in groups:
        try:
            hand_over_all(app, engine, group)
        except Exception:  # the commit stands; the relay finds the entries due later
            log.exception("outbox entries %s not handed over", group)


@event.listens_for(Session, "after_soft_rollback")
def _drop_written(session: Session, previous_transaction) -> None:
    forget_rolled_back(session, _WRITTEN, previous_transaction)


# --- small helpers ------------------------------------------------------------------------------


def _own_session(session: Session) -> Session:
    if isinstance(session, scoped_session):
        return session()  # the request's own session, whose transaction the entry joins
    return session


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _aware(moment: datetime.datetime) -> datetime.datetime:
    """SQLite gives timestamps back without their zone; they are written in UTC."""
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def _seconds(setting: str, app: Flask | None = None) -> datetime.timedelta:
    return datetime.timedelta(seconds=(app or current_app).config[setting])


def _error_text(error: BaseException) -> str:
    """The error with what led to it, first cause first: an SMTP refusal followed by the error
    of closing the connection it broke must still show the refusal."""
    chain: list[BaseException] = []
    while error is not None and len(chain) < 5 and error not in chain:
        chain.append(error)
        error = error.__cause__ or error.__context__
    text = "; then ".join(f"{type(e).__name__}: {e}" for e in reversed(chain))
    return text[:ERROR_LENGTH]


def _without_waiting_for_the_disk(connection: sa.Connection) -> None:
    """On PostgreSQL, this transaction's commit does not wait for its write to reach the disk
    (`synchronous_commit` off, for this transaction only): a few milliseconds less for every
    entry handed over after a commit, in the request that committed (the order's own commit
    still waits). Only the bookkeeping of a run or a hand-over is concerned; should the server
    crash in the fraction of a second before it is written, the entry is found pending or
    handed over again and run again: what remains at least once (see the module's docstring)."""
    if connection.dialect.name == "postgresql":
        connection.exec_driver_sql("SET LOCAL synchronous_commit = off")


def _engine_of(session: Session) -> sa.Engine:
    bind = session.get_bind(mapper=inspect(OutboxEntry))
    return bind.engine if isinstance(bind, sa.Connection) else bind
