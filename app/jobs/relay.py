"""The outbox relay: hands over again the entries whose next attempt is due.

Due are the entries `pending` (a failed run waiting out its delay, a hand-over Redis refused, a
writer that stopped between its commit and the hand-over) and the entries `handed_over` long ago
and never run (Redis restarted and lost its queue: it keeps nothing on disk here; a worker killed
in the middle of a job). app/jobs/outbox.py says how an entry is handed over and run.

Three ways to run it:
- `flask outbox relay`: one pass (cron, a timer);
- `flask outbox relay --every 60`: a pass every minute, for production beside `flask jobs worker`;
- on the embedded default (run.py: SQLite, no Redis), a thread of the app's process
  (`start_background_relay`), every OUTBOX_RELAY_EVERY seconds, so nothing needs cron.

Each pass also marks failed the import runs whose runner stopped before it finished, which
nothing else would notice (app/jobs/imports.py: `fail_interrupted_runs`).
"""

from __future__ import annotations

import datetime
import logging
import threading
from dataclasses import dataclass

import sqlalchemy as sa
from flask import Flask

from app.generated.models import OutboxEntry
from app.jobs.outbox import FAILED, HANDED_OVER, PENDING, RUNNABLE, SENT, hand_over

log = logging.getLogger(__name__)


@dataclass
class Relayed:
    """What one relay pass did with the entries that were due."""

    handed_over: int = 0  # to RQ
    sent: int = 0  # run here, successfully
    still_pending: int = 0  # run here and failed again, or Redis refused them
    failed: int = 0  # failed for the last time
    imports_interrupted: int = 0  # import runs whose runner stopped, marked failed

    def add(self, status: str) -> None:
        if status == HANDED_OVER:
            self.handed_over += 1
        elif status == SENT:
            self.sent += 1
        elif status == PENDING:
            self.still_pending += 1
        elif status == FAILED:
            self.failed += 1

    def __str__(self) -> str:
        text = (
            f"{self.handed_over} handed over, {self.sent} sent, "
            f"{self.still_pending} still pending, {self.failed} failed."
        )
        if self.imports_interrupted:
            text += f" {self.imports_interrupted} interrupted import runs marked failed."
        return text


def relay_pending(app: Flask, *, limit: int = 500) -> Relayed:
    """Hand over the entries due (oldest due first, at most `limit`), each claimed on its own so
    that two relays running at once never hand the same entry over twice; then mark failed the
    import runs whose runner stopped (app/jobs/imports.py: `fail_interrupted_runs`)."""
    from app.extensions import db
    from app.jobs.imports import fail_interrupted_runs

    relayed = Relayed()
    with app.app_context():
        engine = db.engine
        ids = due_entries(engine, limit=limit)
        for entry_id in ids:
            status = hand_over(app, engine, entry_id, due_only=True)
            relayed.add(status)
            if status == PENDING and app.config.get("REDIS_URL"):
                break  # Redis refuses: the others wait for the next pass rather than each fail
        stall = app.config.get("IMPORT_STALL_SECONDS", 0)
        if stall:
            relayed.imports_interrupted = len(fail_interrupted_runs(engine, stall))
    return relayed


def due_entries(engine: sa.Engine, *, limit: int) -> list[int]:
    """The ids of the entries whose next attempt is due, by that moment (read by its index)."""
    now = datetime.datetime.now(datetime.UTC)
    with engine.connect() as connection:
        return list(
            connection.scalars(
                sa.select(OutboxEntry.id)
                .where(OutboxEntry.next_attempt_at <= now, OutboxEntry.status.in_(RUNNABLE))
                .order_by(OutboxEntry.next_attempt_at, OutboxEntry.id)
                .limit(limit)
            )
        )


def relay_every(app: Flask, seconds: float, stop: threading.Event, *, limit: int = 500) -> None:
    """Relay every `seconds` until `stop` is set; a pass that fails (the database down) is
    logged and the next one tries again."""
    while not stop.is_set():
        try:
            relayed = relay_pending(app, limit=limit)
            if relayed.handed_over or relayed.sent or relayed.still_pending or relayed.failed:
                log.info("outbox relay: %s", relayed)
        except Exception:
            log.exception("outbox relay pass failed")
        stop.wait(seconds)


class BackgroundRelay:
    """The embedded default's relay: a daemon thread of the app's process."""

    def __init__(self, app: Flask, seconds: float):
        self.stop_event = threading.Event()
        self.thread = threading.Thread(
            target=relay_every,
            args=(app, seconds, self.stop_event),
            name="outbox-relay",
            daemon=True,
        )

    def start(self) -> BackgroundRelay:
        self.thread.start()
        return self

    def stop(self, timeout: float = 10) -> None:
        self.stop_event.set()
        self.thread.join(timeout)


def start_background_relay(app: Flask) -> BackgroundRelay | None:
    """Start the in-process relay when jobs run in-process (no REDIS_URL) and
    OUTBOX_RELAY_EVERY is above 0; with Redis, `flask outbox relay --every` runs beside the
    workers instead."""
    seconds = app.config.get("OUTBOX_RELAY_EVERY", 0)
    if app.config.get("REDIS_URL") or not seconds:
        return None
    return BackgroundRelay(app, seconds).start()
