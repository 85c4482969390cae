"""An import confirmed in the back office runs as a job: by a real RQ worker on Redis, with its
progress kept in Redis; and `flask import` / `flask export` run the same code in the shell."""

from __future__ import annotations

import sqlalchemy as sa

from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.generated.models import Article, ImportRun
from app.jobs import import_progress, imports
from tests.integration.imports_helpers import csv_file, xlsx_file
from tests.integration.outbox_helpers import REDIS_URL, needs_redis, with_redis, work  # noqa: F401

ROWS = [["SKU", "Name", "Base price"], ["J-1", "Pen", "1.50"], ["J-2", "Ink", "3"]]


@needs_redis
def test_a_confirmed_import_is_run_by_an_rq_worker(app, session, with_redis, tmp_path):  # noqa: F811
    with_redis(REDIS_URL)
    path = xlsx_file(tmp_path / "job.xlsx", ROWS)
    run = imports.new_run(
        session, kind_named("articles"), str(path), path.name, user_id=None, language="en"
    )
    imports.confirm(session, run)
    session.commit()  # the outbox hands the job to Redis
    run_id = run.id
    session.expire_all()
    assert session.get(ImportRun, run_id).status == "waiting"
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0

    assert work(app) == 1
    session.expire_all()
    run = session.get(ImportRun, run_id)
    assert (run.status, run.created_count, run.rows_total) == ("done", 2, 2)
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 2
    with app.app_context():
        assert import_progress.progress_of(run_id) is None  # forgotten once finished


@needs_redis
def test_progress_lives_in_redis_while_a_run_goes(app, with_redis):  # noqa: F811
    with_redis(REDIS_URL)
    with app.app_context():
        import_progress.report(987654, "applying", 250, 1000)
        progress = import_progress.progress_of(987654)
        import_progress.forget(987654)
    assert (progress["phase"], progress["done"], progress["total"]) == ("applying", 250, 1000)


def test_progress_lives_in_the_process_without_redis(app):
    with app.app_context():
        import_progress.report(987655, "checking", 40, None)
        assert import_progress.progress_of(987655)["done"] == 40
        import_progress.forget(987655)
        assert import_progress.progress_of(987655) is None


def test_the_embedded_default_runs_the_import_in_a_thread(app, session, tmp_path):
    path = xlsx_file(tmp_path / "thread.xlsx", ROWS)
    app.config["IMPORTS_IN_THREAD"] = True
    try:
        run = imports.new_run(
            session, kind_named("articles"), str(path), path.name, user_id=None, language="en"
        )
        imports.confirm(session, run)
        session.commit()  # the request returns at once; the run goes on in its thread
        run_id = run.id
        import threading

        for thread in threading.enumerate():
            if thread.name == f"import-{run_id}":
                thread.join(timeout=60)
    finally:
        app.config["IMPORTS_IN_THREAD"] = False
    session.expire_all()
    assert session.get(ImportRun, run_id).status == "done"


def test_the_import_command_applies_a_file_and_says_what_it_did(app, runner, tmp_path):
    path = csv_file(tmp_path / "cmd.csv", ROWS)
    result = runner.invoke(args=["import", "articles", str(path)])
    assert result.exit_code == 0, result.output
    assert "created 2, updated 0, unchanged 0" in result.output
    again = runner.invoke(args=["import", "articles", str(path)])
    assert "created 0, updated 0, unchanged 2" in again.output


def test_the_import_command_reports_problems_and_changes_nothing(app, runner, session, tmp_path):
    path = csv_file(tmp_path / "bad.csv", [["SKU", "Name", "Base price"], ["B-1", "Pen", "x"]])
    result = runner.invoke(args=["import", "articles", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert "row 2 Base price Not a number: x." in result.output
    assert session.scalar(sa.select(sa.func.count()).select_from(Article)) == 0


def test_the_export_command_writes_what_the_import_reads_back(app, runner, tmp_path):
    runner.invoke(args=["import", "articles", str(csv_file(tmp_path / "in.csv", ROWS))])
    out = tmp_path / "out.xlsx"
    result = runner.invoke(args=["export", "articles", str(out)])
    assert "2 rows written" in result.output
    again = runner.invoke(args=["import", "articles", str(out)])
    assert "created 0, updated 0, unchanged 2" in again.output, again.output
    with app.app_context():
        db.session.remove()
