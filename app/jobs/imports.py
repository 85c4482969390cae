"""Import runs: a file uploaded, confirmed, checked, then applied in one transaction.

The back office and `flask import` go through the same functions here:
- `new_run` keeps the uploaded file and records an `import_run`, `draft` (the preview step);
- `confirm` makes it `waiting` and writes its job to the outbox in the same transaction;
- the job `run_import` runs it: with REDIS_URL in an RQ worker (the outbox hands it over), on the
  embedded default in a thread of this process (see `run_import`);
- `execute` is the run itself, also called directly by the command: `validating` (every row
  parsed and checked, problems written to the error file), then `invalid`, or `applying` and,
  in the apply transaction itself, `done` with the counts; any unexpected error makes it `failed`.
"""

from __future__ import annotations

import datetime
import logging
import os
import threading
import uuid
from collections.abc import Callable

import sqlalchemy as sa
from flask import Flask, current_app
from flask_babel import force_locale
from redis.exceptions import RedisError
from sqlalchemy.orm import Session
from werkzeug.utils import secure_filename

from app.domain.imports.files import CSV, FileRefused, recognise, write_table
from app.domain.imports.kinds import ImportKind, kind_named
from app.domain.imports.running import Checked, Problem, apply_file, check_file
from app.generated.models import ImportRun
from app.jobs import import_progress, outbox
from app.jobs.queue import job

log = logging.getLogger(__name__)

RUN_IMPORT = "app.jobs.imports:run_import"
DRAFT, WAITING, VALIDATING, INVALID, APPLYING, DONE, FAILED = (
    "draft",
    "waiting",
    "validating",
    "invalid",
    "applying",
    "done",
    "failed",
)
FINISHED = (INVALID, DONE, FAILED)
RUNNING = (VALIDATING, APPLYING)
# A failed run's `failure` when its runner stopped before it finished (see
# `fail_interrupted_runs`): the screen says so in the user's language.
INTERRUPTED = "interrupted"
# How many problems the run's row keeps for the screen; the error file has them all.
ERRORS_KEPT = 200
_FOLDER = "imports"


# --- files --------------------------------------------------------------------------------------


def import_folder() -> str:
    folder = os.path.join(current_app.config["UPLOAD_FOLDER"], _FOLDER)
    os.makedirs(folder, exist_ok=True)
    return folder


def run_file_path(run: ImportRun) -> str:
    """Where the run's uploaded file is kept."""
    return os.path.join(import_folder(), run.stored_name)


def error_file_path(run: ImportRun) -> str:
    """Where the run's problems are written, as CSV (row, column, reason)."""
    return os.path.join(import_folder(), f"{run.stored_name}.errors.csv")


def keep_file(source, file_name: str) -> str:
    """Copy an uploaded stream (or a path) into the import folder; its stored name."""
    stored = f"{uuid.uuid4().hex}-{secure_filename(file_name) or 'file'}"
    target = os.path.join(import_folder(), stored)
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as stream, open(target, "wb") as out:
            while chunk := stream.read(1024 * 1024):
                out.write(chunk)
    else:
        with open(target, "wb") as out:
            while chunk := source.read(1024 * 1024):
                out.write(chunk)
    return stored


# --- the run's life -----------------------------------------------------------------------------


def new_run(
    session: Session,
    kind: ImportKind,
    source,
    file_name: str,
    *,
    user_id: int | None,
    language: str,
    dry_run: bool = False,
) -> ImportRun:
    """Keep the file and record a `draft` run for it. FileRefused (nothing recorded, the file
    removed) when it is too large or not a table."""
    stored = keep_file(source, file_name)
    path = os.path.join(import_folder(), stored)
    try:
        table = recognise(path, current_app.config.get("IMPORT_MAX_BYTES"))
    except FileRefused:
        os.unlink(path)
        raise
    run = ImportRun(
        kind=kind.name,
        file_name=file_name[:255],
        stored_name=stored,
        format=table.format,
        language=language,
        user_id=user_id,
        status=DRAFT,
        dry_run=dry_run,
        created_at=_now(),
    )
    session.add(run)
    session.flush([run])
    return run


def confirm(session: Session, run: ImportRun) -> None:
    """A draft run is to be run: `waiting`, and its job written to the outbox with it."""
    if run.status != DRAFT:
        raise ValueError(f"import run {run.id} is {run.status}, not a draft")
    run.status = WAITING
    session.flush([run])
    outbox.write(session, RUN_IMPORT, run.id)


@job
def run_import(run_id: int) -> None:
    """The outbox's job for a confirmed run.

    With REDIS_URL this runs in an RQ worker: the run happens here. On the embedded default the
    outbox runs jobs in the process that committed them, after the commit - for an import, in
    the upload request. A large file would then hold the request (and the browser) for minutes,
    so the run goes to a thread of its own and the job returns at once; the progress page polls.
    IMPORTS_IN_THREAD = False (the tests) runs it here instead. Should the process stop during
    the run, nothing is applied (the transaction dies with the process), and the run, left
    `validating` or `applying`, is marked failed as interrupted by the relay's next pass once
    it has been silent for IMPORT_STALL_SECONDS (`fail_interrupted_runs`); the file can be
    imported again.
    """
    app = current_app._get_current_object()
    if not app.config.get("REDIS_URL") and app.config.get("IMPORTS_IN_THREAD", True):
        thread = threading.Thread(
            target=_execute_in_app, args=(app, run_id), name=f"import-{run_id}", daemon=True
        )
        thread.start()
        return
    execute(run_id)


def _execute_in_app(app: Flask, run_id: int) -> None:
    with app.app_context():
        try:
            execute(run_id)
        except Exception:
            log.exception("import run %s failed", run_id)


def execute(run_id: int, on_progress: Callable[[str, int, int | None], None] | None = None) -> str:
    """Run a `waiting` run to its end; its final status. Another runner having claimed it
    already (the outbox handing the job over twice), it does nothing and says 'skipped'."""
    from app.extensions import db

    engine = db.engine
    table = ImportRun.__table__
    with engine.begin() as connection:
        claimed = connection.execute(
            table.update()
            .where(table.c.id == run_id, table.c.status == WAITING)
            .values(status=VALIDATING, started_at=_now())
        ).rowcount
        run = connection.execute(sa.select(table).where(table.c.id == run_id)).one_or_none()
    if not claimed or run is None:
        return "skipped"
    kind = kind_named(run.kind)

    def progress(phase: str):
        def report(done: int, total: int | None) -> None:
            import_progress.report(run_id, phase, done, total)
            if on_progress is not None:
                on_progress(phase, done, total)

        return report

    checked: Checked | None = None
    try:
        with force_locale(run.language or "en"):
            path = os.path.join(import_folder(), run.stored_name)
            table_file = recognise(path, current_app.config.get("IMPORT_MAX_BYTES"))
            with engine.connect() as reading:
                checked = check_file(
                    reading,
                    path,
                    table_file,
                    kind,
                    run.language or "en",
                    progress("checking"),
                    user_id=run.user_id,
                )
                reading.rollback()
            ignored = ", ".join(checked.mapping.ignored) if checked.mapping else None
            if not checked.valid:
                _write_errors(run, checked.problems)
                _finish(engine, run_id, INVALID, checked, ignored=ignored)
                return INVALID
            if run.dry_run:
                _finish(engine, run_id, DONE, checked, ignored=ignored)
                return DONE
            _set(
                engine,
                run_id,
                status=APPLYING,
                rows_total=checked.rows_total,
                ignored_columns=ignored,
            )
            with engine.begin() as connection:
                counts = apply_file(connection, kind, checked, progress("applying"))
                connection.execute(
                    table.update()
                    .where(table.c.id == run_id)
                    .values(
                        status=DONE,
                        finished_at=_now(),
                        rows_done=checked.rows_total,
                        created_count=counts.created,
                        updated_count=counts.updated,
                        unchanged_count=counts.unchanged,
                        error_count=0,
                        failure=None,  # a slow run marked interrupted meanwhile did finish
                    )
                )
            return DONE
    except FileRefused as refusal:
        problems = [Problem(0, "", str(refusal))]
        _write_errors(run, problems)
        _finish(engine, run_id, INVALID, Checked(0, problems, None))
        return INVALID
    except Exception as error:
        log.exception("import run %s failed", run_id)
        _set(engine, run_id, status=FAILED, finished_at=_now(), failure=outbox._error_text(error))
        return FAILED
    finally:
        if checked is not None:
            checked.discard()
        import_progress.forget(run_id)


def fail_interrupted_runs(engine: sa.Engine, stall_seconds: float) -> list[int]:
    """Mark failed, as interrupted, the runs left `validating` or `applying` by a runner that
    stopped (its process killed or restarted): those that reported no progress (nor started)
    for `stall_seconds`. Returns their ids.

    Their runner cannot say so itself, and nothing else would: the run would show as running
    for ever. A runner merely slow to report is only marked, and writes its outcome over the
    mark when it finishes. Progress is read where `import_progress` keeps it (Redis, else this
    process, whose relay thread runs beside the imports' threads on the embedded default).
    """
    table = ImportRun.__table__
    now = _now()
    with engine.connect() as connection:
        running = connection.execute(
            sa.select(table.c.id, table.c.status, table.c.started_at).where(
                table.c.status.in_(RUNNING)
            )
        ).all()
    stalled = []
    for run_id, status, started_at in running:
        started = outbox._aware(started_at).timestamp() if started_at else 0.0
        try:
            beat = import_progress.last_beat(run_id)
        except RedisError:  # progress out of reach: whether the runner lives is not known
            continue
        latest = max(started, beat or 0.0)
        if now.timestamp() - latest > stall_seconds:
            stalled.append((run_id, status))
    marked = []
    for run_id, status in stalled:
        with engine.begin() as connection:
            # Only if it is still where it was: a run that finished meanwhile keeps its outcome.
            changed = connection.execute(
                table.update()
                .where(table.c.id == run_id, table.c.status == status)
                .values(status=FAILED, finished_at=now, failure=INTERRUPTED)
            ).rowcount
        if changed:
            import_progress.forget(run_id)
            marked.append(run_id)
    return marked


def _finish(engine, run_id: int, status: str, checked: Checked, ignored: str | None = None) -> None:
    _set(
        engine,
        run_id,
        status=status,
        finished_at=_now(),
        rows_total=checked.rows_total,
        rows_done=checked.rows_total if status == DONE else 0,
        error_count=len(checked.problems),
        errors=[problem.as_list() for problem in checked.problems[:ERRORS_KEPT]] or None,
        ignored_columns=ignored,
        failure=None,
    )


def _set(engine, run_id: int, **values) -> None:
    table = ImportRun.__table__
    with engine.begin() as connection:
        connection.execute(table.update().where(table.c.id == run_id).values(**values))


def _write_errors(run, problems: list[Problem]) -> None:
    from flask_babel import gettext as _

    write_table(
        os.path.join(import_folder(), f"{run.stored_name}.errors.csv"),
        CSV,
        [_("Row"), _("Column"), _("Reason")],
        (problem.as_list() for problem in problems),
    )


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC)
