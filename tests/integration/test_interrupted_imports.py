"""An import whose runner stopped (its process killed or restarted mid-run) is marked failed as
interrupted by the outbox relay's next pass, rather than showing as running for ever; a run
still reporting progress, or just started, is left to its runner."""

from __future__ import annotations

import datetime
import socket

import pytest
import sqlalchemy as sa

from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.generated.models import ImportRun
from app.jobs import import_progress, imports
from app.jobs.relay import relay_pending
from tests.integration.imports_helpers import xlsx_file
from tests.integration.outbox_helpers import REDIS_URL, needs_redis, with_redis  # noqa: F401

ROWS = [["SKU", "Name", "Base price"], ["J-1", "Pen", "1.50"]]
STALL = 900


@pytest.fixture
def stalls(app):
    app.config["IMPORT_STALL_SECONDS"] = STALL
    yield
    app.config["IMPORT_STALL_SECONDS"] = 0


def _running(session, tmp_path, status: str, started_seconds_ago: float) -> int:
    """A run its runner claimed `started_seconds_ago` and left `status` (as a runner killed at
    that point would)."""
    path = xlsx_file(tmp_path / "stuck.xlsx", ROWS)
    run = imports.new_run(
        session, kind_named("articles"), str(path), path.name, user_id=None, language="en"
    )
    run.status = status
    run.started_at = datetime.datetime.now(datetime.UTC) - datetime.timedelta(
        seconds=started_seconds_ago
    )
    session.commit()
    return run.id


def _outcome(session, run_id: int) -> tuple[str, str | None]:
    session.expire_all()
    run = session.get(ImportRun, run_id)
    return run.status, run.failure


@pytest.mark.parametrize("status", ["validating", "applying"])
def test_a_run_silent_longer_than_the_stall_time_is_marked_interrupted(
    app, session, stalls, tmp_path, status
):
    run_id = _running(session, tmp_path, status, started_seconds_ago=STALL + 60)
    relayed = relay_pending(app)
    assert relayed.imports_interrupted == 1
    assert "1 interrupted import runs marked failed." in str(relayed)
    assert _outcome(session, run_id) == ("failed", imports.INTERRUPTED)
    assert relay_pending(app).imports_interrupted == 0, "marked once"


def _stays_running_with_progress(app, session, tmp_path, status: str, phase: str) -> None:
    """A run started long ago whose runner reported progress just now is not marked."""
    run_id = _running(session, tmp_path, status, started_seconds_ago=STALL * 3)
    with app.app_context():
        import_progress.report(run_id, phase, 500, 1000)
    try:
        assert relay_pending(app).imports_interrupted == 0
        assert _outcome(session, run_id) == (status, None)
    finally:
        with app.app_context():
            import_progress.forget(run_id)


def test_a_run_that_reported_progress_lately_is_left_to_its_runner(app, session, stalls, tmp_path):
    _stays_running_with_progress(app, session, tmp_path, "applying", "applying")


@needs_redis
def test_progress_reported_to_redis_by_a_worker_keeps_the_run_going(
    app,
    session,
    stalls,
    with_redis,  # noqa: F811
    tmp_path,
):
    with_redis(REDIS_URL)
    _stays_running_with_progress(app, session, tmp_path, "validating", "checking")


def test_with_its_progress_out_of_reach_a_run_is_left_for_a_later_pass(
    app,
    session,
    stalls,
    with_redis,  # noqa: F811
    tmp_path,
):
    run_id = _running(session, tmp_path, "applying", started_seconds_ago=STALL * 3)
    with socket.socket() as probe:  # a port nothing listens on: Redis down
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with_redis(f"redis://127.0.0.1:{port}/0")
    assert relay_pending(app).imports_interrupted == 0
    assert _outcome(session, run_id) == ("applying", None)


def test_a_run_just_started_is_left_to_its_runner(app, session, stalls, tmp_path):
    run_id = _running(session, tmp_path, "validating", started_seconds_ago=5)
    assert relay_pending(app).imports_interrupted == 0
    assert _outcome(session, run_id) == ("validating", None)


def test_finished_and_waiting_runs_are_never_marked(app, session, stalls, tmp_path):
    done = _running(session, tmp_path, "done", started_seconds_ago=STALL * 3)
    waiting = _running(session, tmp_path, "waiting", started_seconds_ago=STALL * 3)
    assert relay_pending(app).imports_interrupted == 0
    assert _outcome(session, done)[0] == "done"
    assert _outcome(session, waiting)[0] == "waiting"


def test_no_stall_time_marks_nothing(app, session, tmp_path):
    app.config["IMPORT_STALL_SECONDS"] = 0
    run_id = _running(session, tmp_path, "applying", started_seconds_ago=10 * STALL)
    assert relay_pending(app).imports_interrupted == 0
    assert _outcome(session, run_id)[0] == "applying"


def test_a_run_finishing_after_it_was_marked_keeps_its_outcome(app, session, stalls, tmp_path):
    """A runner that was only slow, not gone, writes its result over the mark."""
    run_id = _running(session, tmp_path, "applying", started_seconds_ago=STALL + 60)
    assert relay_pending(app).imports_interrupted == 1
    table = ImportRun.__table__
    with app.app_context(), db.engine.begin() as connection:
        connection.execute(table.update().where(table.c.id == run_id).values(status="waiting"))
    with app.app_context():
        assert imports.execute(run_id) == "done"
    assert _outcome(session, run_id) == ("done", None)


def test_the_run_page_says_it_was_interrupted_and_to_import_again(
    app, client, auth, session, stalls, tmp_path
):
    run_id = _running(session, tmp_path, "applying", started_seconds_ago=STALL + 60)
    relay_pending(app)
    auth.login("admin")
    page = client.get(f"/imports/{run_id}").get_data(as_text=True)
    assert "The import was interrupted" in page
    assert "import the file again" in page
    assert "unexpected error" not in page
    assert session.scalar(sa.select(sa.func.count()).select_from(ImportRun)) == 1
