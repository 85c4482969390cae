"""The outbox: jobs (mails above all) written in the same transaction as the change causing them.

`write` adds an `OutboxEntry` row to the caller's transaction, so an order and its confirmation
mail are committed together or not at all. Once that transaction commits, the entries written in
it are handed over at once: to RQ when REDIS_URL is set, else run in this process (the embedded
default), the way app/jobs/queue.py hands over its jobs. Each entry is then marked `handed_over`
in a short transaction of its own; when the hand-over fails (Redis or the SMTP server down, the
job raising) it stays `pending` with `attempts` + 1 and `last_error`, and the change that caused
it stands. `relay_pending(app)` (the `flask outbox relay` command, run from cron or a timer)
hands over what is still pending.

An entry's `arguments` are JSON: {"args": [...], "kwargs": {...}} for the job function named
'package.module:function'. Mails are rendered before they are written (see checkout.py), so the
job is the plain `app.jobs.mail:send_mail` and a relay needs no request.

A job handed to RQ counts as handed over: retrying a job that fails in the worker is RQ's part.
Issue 6 adds growing delays between attempts and the back-office screen; `failed` is not set here.
"""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from sqlalchemy import event, inspect
from sqlalchemy.orm import Session, scoped_session

from app.generated.models import OutboxEntry
from app.jobs.queue import forget_rolled_back, resolve, rq_queue

log = logging.getLogger(__name__)
_WRITTEN = "portal_outbox_written"
_COMMITTED = "portal_outbox_committed"
ERROR_LENGTH = 4000
# An entry nobody has tried to hand over yet may be in the hands of the process that wrote it,
# between its commit and its hand-over: the relay leaves it alone for this long.
IN_FLIGHT = datetime.timedelta(seconds=60)


def write(session: Session, job: str, *args: Any, **kwargs: Any) -> OutboxEntry:
    """Add an outbox entry for `job` ('package.module:function') with JSON-able arguments to the
    session's transaction; it is handed over once that transaction commits.

    A rolled-back transaction or savepoint takes its entries with it. Raises TypeError when the
    arguments cannot be written as JSON (rather than failing later, in the relay).
    """
    if isinstance(session, scoped_session):
        session = session()  # the request's own session, whose transaction the entry joins
    arguments = {"args": list(args), "kwargs": dict(kwargs)}
    json.dumps(arguments)  # a TypeError here, at the caller, names the culprit
    entry = OutboxEntry(job=job, arguments=arguments, status="pending", attempts=0)
    session.add(entry)
    session.flush([entry])
    transaction = session.get_nested_transaction() or session.get_transaction()
    session.info.setdefault(_WRITTEN, []).append((transaction, entry.id, job, arguments))
    return entry


@dataclass(frozen=True)
class Relayed:
    """What a relay run did: entries handed over, and entries still pending after a failure."""

    handed_over: int
    still_pending: int


def relay_pending(app: Flask, *, limit: int = 500) -> Relayed:
    """Hand over the entries still pending (oldest first, at most `limit`): those whose earlier
    hand-over failed, and those written more than IN_FLIGHT ago that were never tried (their
    process stopped between commit and hand-over).

    Each entry is claimed under a row lock (FOR UPDATE SKIP LOCKED on PostgreSQL), so two relays
    running at once do not hand the same entry over twice.
    """
    from app.extensions import db

    handed_over = still_pending = 0
    with app.app_context():
        engine = db.engine
        cutoff = _now() - IN_FLIGHT
        with engine.connect() as connection:
            ids = connection.scalars(
                sa.select(OutboxEntry.id)
                .where(
                    OutboxEntry.status == "pending",
                    sa.or_(OutboxEntry.attempts > 0, OutboxEntry.created_at <= cutoff),
                )
                .order_by(OutboxEntry.id)
                .limit(limit)
            ).all()
        for entry_id in ids:
            outcome = _relay_one(app, engine, entry_id)
            if outcome is True:
                handed_over += 1
            elif outcome is False:
                still_pending += 1
    return Relayed(handed_over, still_pending)


def _relay_one(app: Flask, engine: sa.Engine, entry_id: int) -> bool | None:
    """Claim, hand over and mark one entry; None when another relay has it or it is done."""
    table = OutboxEntry.__table__
    with engine.begin() as connection:
        row = connection.execute(
            sa.select(table.c.job, table.c.arguments)
            .where(table.c.id == entry_id, table.c.status == "pending")
            .with_for_update(skip_locked=True)
        ).one_or_none()
        if row is None:
            return None
        error = _hand_over(app, row.job, row.arguments)
        connection.execute(_marked(entry_id, error))
    return error is None


def _hand_over(app: Flask, job: str, arguments: dict | None) -> str | None:
    """Give the job to RQ, or run it here without Redis; the error as text when that failed."""
    args = list((arguments or {}).get("args", []))
    kwargs = dict((arguments or {}).get("kwargs", {}))
    try:
        with app.app_context():
            if app.config.get("REDIS_URL"):
                rq_queue().enqueue(job.replace(":", "."), *args, **kwargs)
            else:
                resolve(job)(*args, **kwargs)
    except Exception as error:  # the change that wrote the entry has committed: keep it pending
        log.warning("outbox job %s not handed over", job, exc_info=True)
        return f"{type(error).__name__}: {error}"[:ERROR_LENGTH]
    return None


def _marked(entry_id: int, error: str | None) -> sa.Update:
    table = OutboxEntry.__table__
    update = table.update().where(table.c.id == entry_id, table.c.status == "pending")
    if error is None:
        return update.values(
            status="handed_over",
            handed_over_at=_now(),
            attempts=table.c.attempts + 1,
            last_error=None,
        )
    return update.values(attempts=table.c.attempts + 1, last_error=error)


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)


def _engine_of(session: Session) -> sa.Engine:
    bind = session.get_bind(mapper=inspect(OutboxEntry))
    return bind.engine if isinstance(bind, sa.Connection) else bind


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
    # marking the entries takes that one again rather than a second connection per request.
    if transaction.parent is not None or not session.info.get(_COMMITTED):
        return
    committed = session.info.pop(_COMMITTED)
    if not has_app_context():
        return  # without an app, the relay hands them over later
    app = current_app._get_current_object()
    engine = _engine_of(session)
    for _transaction, entry_id, job, arguments in committed:
        error = _hand_over(app, job, arguments)
        try:
            with engine.begin() as connection:
                connection.execute(_marked(entry_id, error))
        except Exception:  # the commit stands; the relay finds the entry still pending
            log.exception("outbox entry %s handed over but not marked", entry_id)


@event.listens_for(Session, "after_soft_rollback")
def _drop_written(session: Session, previous_transaction) -> None:
    forget_rolled_back(session, _WRITTEN, previous_transaction)
