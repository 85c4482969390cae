"""What the outbox tests share: SMTP servers that refuse or accept on demand, Redis servers of
their own to stop and start, a real RQ worker, and ways to make entries due without waiting."""

from __future__ import annotations

import datetime
import signal
import socket
import subprocess
import time
import uuid
from contextlib import contextmanager

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.generated.models import OutboxEntry
from app.jobs.queue import rq_queue
from tests.conftest import TEST_REDIS_URL
from tests.mailbox import Mailbox, serving

REDIS_URL = TEST_REDIS_URL  # this xdist worker's Redis database (tests/conftest.py)
needs_redis = pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set")


class RefusingMailbox(Mailbox):
    """A mailbox whose server answers every message with `refusal` (an SMTP reply such as
    '451 Try again later') while it is set, and takes them in once it is None."""

    def __init__(self):
        super().__init__()
        self.refusal: str | None = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if self.refusal:
            return self.refusal
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture(scope="module")
def refusing_smtp():
    with serving(RefusingMailbox()) as mailbox:
        yield mailbox


@pytest.fixture
def smtp(app, refusing_smtp):
    """The app's mail going to the refusing server, accepting and empty at the start."""
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress)
    state.server, state.port, state.suppress = "127.0.0.1", refusing_smtp.port, False
    refusing_smtp.refusal = None
    with refusing_smtp.lock:
        refusing_smtp.messages.clear()
        refusing_smtp.envelopes.clear()
    yield refusing_smtp
    state.server, state.port, state.suppress = saved


@pytest.fixture
def outbox_settings(app):
    """Change the app's OUTBOX_* settings for one test."""
    saved = {k: v for k, v in app.config.items() if k.startswith("OUTBOX_")}
    yield app.config.update
    app.config.update(saved)


@pytest.fixture
def with_redis(app):
    """The app handing jobs to Redis at a URL, on a queue of this test's own."""
    saved = (app.config["REDIS_URL"], app.config["RQ_QUEUE"])

    def use(url):
        app.config.update(REDIS_URL=url, RQ_QUEUE=f"portal-test-{uuid.uuid4().hex[:12]}")

    yield use
    if REDIS_URL and app.config["REDIS_URL"] == REDIS_URL:
        with app.app_context():
            rq_queue().delete(delete_jobs=True)
    app.config.update(REDIS_URL=saved[0], RQ_QUEUE=saved[1])


def work(app) -> int:
    """Run a real RQ worker over the app's queue until it is empty; how many jobs it ran.

    SimpleWorker runs each job in this process (RQ's forking Worker would fork a process that
    has threads, aiosmtpd's among them; test_jobs.py runs that one in a process of its own). The
    worker installs its own SIGINT and SIGTERM handlers and leaves them behind: pytest's are put
    back.
    """
    from rq import SimpleWorker

    with app.app_context():
        queue = rq_queue()
        before = queue.finished_job_registry.count
        worker = SimpleWorker([queue], connection=queue.connection)
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            worker.work(burst=True)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
        assert queue.failed_job_registry.count == 0, "an outbox job raised in the worker"
        return queue.finished_job_registry.count - before


def make_due(app) -> None:
    """Bring every unfinished entry's next attempt to now, as if its delay had passed."""
    past = datetime.datetime.now(datetime.UTC) - datetime.timedelta(seconds=1)
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(
            sa.update(OutboxEntry)
            .where(OutboxEntry.status.in_(["pending", "handed_over"]))
            .values(next_attempt_at=past)
        )


def entries(app) -> list[sa.Row]:
    """Every entry as the database has it now (its columns), oldest first."""
    with app.app_context(), db.engine.connect() as connection:
        return list(
            connection.execute(sa.select(OutboxEntry.__table__).order_by(OutboxEntry.id)).all()
        )


def statuses(app) -> list[tuple[str, int]]:
    return [(e.status, e.attempts) for e in entries(app)]


def aware(moment: datetime.datetime) -> datetime.datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)


def seconds_until(moment: datetime.datetime) -> float:
    return (aware(moment) - datetime.datetime.now(datetime.UTC)).total_seconds()


class RedisServer:
    """A redis-server of the test's own on a free loopback port, which keeps nothing on disk:
    stopped and started again, it has lost every queue, as a restarted production Redis may."""

    def __init__(self, tmp_path):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            self.port = sock.getsockname()[1]
        self.dir = tmp_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.dir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.2) as conn:
                    conn.sendall(b"PING\r\n")
                    if conn.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not start on port {self.port}")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(10)
            self.process = None


@contextmanager
def redis_server(tmp_path):
    server = RedisServer(tmp_path)
    server.start()
    try:
        yield server
    finally:
        server.stop()
