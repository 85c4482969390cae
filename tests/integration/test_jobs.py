"""The mail job really reaches an SMTP server, from the app's process after commit (the embedded
default) or from RQ workers, `flask jobs worker` among them.

A real SMTP server (aiosmtpd) listens on loopback and keeps every message it receives. Jobs are
written to the outbox (app/jobs/outbox.py; its own tests are test_outbox*.py). RQ mode needs
TEST_REDIS_URL and runs real RQ workers against it, each test on a queue of its own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from flask_migrate import upgrade

from app.extensions import db
from app.generated.models import CustomerGroup, OutboxEntry
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL
from app.jobs.queue import rq_queue
from tests.conftest import TEST_REDIS_URL, make_app

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = TEST_REDIS_URL  # this xdist worker's Redis database (tests/conftest.py)


def needs_redis(test):
    return pytest.mark.redis(
        pytest.mark.skipif(not REDIS_URL, reason="TEST_REDIS_URL is not set")(test)
    )


@pytest.fixture(scope="module")
def database_url(tmp_path_factory) -> str:
    """One migrated SQLite database for this module's apps (the jobs need something to commit)."""
    instance = tmp_path_factory.mktemp("jobs")
    url = f"sqlite:///{instance / 'jobs.sqlite3'}"
    app = make_app(instance, url)
    with app.app_context():
        upgrade()
        db.engine.dispose()
    return url


def mail_app(instance: Path, database_url: str, port: int, **overrides):
    return make_app(
        instance,
        database_url,
        MAIL_SUPPRESS_SEND=False,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=port,
        MAIL_DEFAULT_SENDER="portal@example.com",
        **overrides,
    )


@pytest.fixture(scope="module")
def in_process_app(smtp_server, database_url, tmp_path_factory):
    app = mail_app(tmp_path_factory.mktemp("in-process"), database_url, smtp_server.port)
    assert not app.config["REDIS_URL"]
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def place_order_and_mail(subject: str, html: str | None = None) -> None:
    """A write and its mail, in one transaction (left open for the test to end)."""
    db.session.add(CustomerGroup(name=f"group {uuid.uuid4().hex[:8]}"))
    db.session.flush()
    outbox.write(
        db.session,
        SEND_MAIL,
        ["buyer@example.com"],
        subject,
        "Thank you for your order.",
        html=html,
    )


# -- In-process mode ----------------------------------------------------------------------------


def test_mail_is_sent_only_once_the_transaction_commits(in_process_app, mailbox):
    with in_process_app.app_context():
        place_order_and_mail("Order confirmed")
        assert mailbox.subjects() == [], "mail sent before commit"

        db.session.commit()
        assert mailbox.subjects() == ["Order confirmed"]

        # A later transaction does not send it again.
        db.session.add(CustomerGroup(name=f"group {uuid.uuid4().hex[:8]}"))
        db.session.commit()
        assert mailbox.subjects() == ["Order confirmed"]
    assert mailbox.envelopes == [("portal@example.com", ["buyer@example.com"])]


def test_mail_has_a_text_part_and_an_html_part_when_given(in_process_app, mailbox):
    with in_process_app.app_context():
        place_order_and_mail("Plain")
        place_order_and_mail("Rich", html="<p>Thank you for your <b>order</b>.</p>")
        db.session.commit()

    plain, rich = mailbox.messages
    assert plain.get_content_type() == "text/plain"
    assert plain.get_content().strip() == "Thank you for your order."

    assert "multipart/alternative" in {part.get_content_type() for part in rich.walk()}
    assert rich.get_body(("plain",)).get_content().strip() == "Thank you for your order."
    assert "<b>order</b>" in rich.get_body(("html",)).get_content()


# -- RQ mode ------------------------------------------------------------------------------------


@pytest.fixture
def rq_app(smtp_server, database_url, tmp_path):
    """An app handing jobs to Redis, on a queue of this test's own."""
    queue_name = f"portal-test-{uuid.uuid4().hex[:12]}"
    app = mail_app(
        tmp_path, database_url, smtp_server.port, REDIS_URL=REDIS_URL, RQ_QUEUE=queue_name
    )
    yield app
    with app.app_context():
        rq_queue().delete(delete_jobs=True)
        db.session.remove()
        db.engine.dispose()


@needs_redis
def test_rq_job_is_queued_only_after_commit(rq_app, mailbox):
    with rq_app.app_context():
        queue = rq_queue()
        place_order_and_mail("Queued after commit")
        assert queue.count == 0, "job queued before commit"
        db.session.commit()
        assert queue.count == 1
        job = queue.jobs[0]
        assert job.func_name == "app.jobs.outbox.run_entry"
        entry = db.session.get(OutboxEntry, job.args[0])
        assert entry.status == "handed_over"
        assert entry.arguments["args"][1] == "Queued after commit"

        place_order_and_mail("Never queued")
        db.session.rollback()
        assert queue.count == 1
    assert mailbox.subjects() == [], "RQ mode must not send in the web process"


@needs_redis
def test_rq_worker_delivers_the_queued_mail(rq_app, mailbox):
    from rq import SimpleWorker

    with rq_app.app_context():
        place_order_and_mail("Delivered by a worker", html="<p>Hello</p>")
        db.session.commit()
        queue = rq_queue()
        assert queue.count == 1
        # SimpleWorker runs the job in this process. RQ's default Worker forks a work horse per
        # job, and this process has threads (aiosmtpd's server among them): forking a threaded
        # process may deadlock the child on a lock another thread held. The forking Worker is
        # exercised, in a process of its own, by the `flask jobs worker` test below.
        worker = SimpleWorker([queue], connection=queue.connection)
        # The worker installs its own SIGINT and SIGTERM handlers and leaves them behind: put back
        # pytest's, or a later Ctrl-C (or xdist stopping this process) would only ask RQ to stop.
        saved = {sig: signal.getsignal(sig) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            assert worker.work(burst=True)
        finally:
            for sig, handler in saved.items():
                signal.signal(sig, handler)
        assert queue.count == 0
        assert queue.failed_job_registry.count == 0
    assert mailbox.subjects() == ["Delivered by a worker"]
    assert "<p>Hello</p>" in mailbox.messages[0].get_body(("html",)).get_content()


@needs_redis
def test_flask_jobs_worker_burst_delivers_the_queued_mail(rq_app, mailbox, tmp_path):
    """The production path: `flask jobs worker --burst` in a process of its own, configured by
    the environment as a deployment would be, with RQ's forking Worker."""
    with rq_app.app_context():
        place_order_and_mail("Delivered by flask jobs worker")
        place_order_and_mail("And its sibling")
        db.session.commit()
        queue = rq_queue()
        assert queue.count == 2

    env = {
        **os.environ,
        "FLASK_APP": "app:create_app",
        "PORTAL_CONFIG": "default",
        "INSTANCE_DIR": str(tmp_path / "worker"),
        "DATABASE_URL": rq_app.config["SQLALCHEMY_DATABASE_URI"],
        "REDIS_URL": REDIS_URL,
        "RQ_QUEUE": rq_app.config["RQ_QUEUE"],
        "MAIL_SERVER": "127.0.0.1",
        "MAIL_PORT": str(mailbox.port),
        "MAIL_SUPPRESS_SEND": "0",
        "MAIL_DEFAULT_SENDER": "worker@example.com",
    }
    result = subprocess.run(
        [sys.executable, "-m", "flask", "jobs", "worker", "--burst"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with rq_app.app_context():
        assert queue.count == 0
        assert queue.failed_job_registry.count == 0, result.stderr
    assert sorted(mailbox.subjects()) == ["And its sibling", "Delivered by flask jobs worker"]
    assert {sender for sender, _ in mailbox.envelopes} == {"worker@example.com"}


def test_flask_jobs_worker_without_redis_says_no_worker_is_needed(in_process_app):
    result = in_process_app.test_cli_runner().invoke(args=["jobs", "worker", "--burst"])
    assert result.exit_code == 1
    assert "REDIS_URL is not set" in result.output
