"""`flask import KIND FILE` and `flask export KIND FILE`: the back office's imports and exports
from a shell, through the same code (app/jobs/imports.py), run here rather than as a job."""

from __future__ import annotations

import os
import sys

import click
from flask import current_app
from flask.cli import with_appcontext


def _kind_or_exit(name: str):
    from app.domain.imports.kinds import all_kinds, kind_named

    kind = kind_named(name)
    if kind is None:
        known = ", ".join(k.name for k in all_kinds())
        click.echo(f"Unknown kind {name!r}: one of {known}.", err=True)
        sys.exit(2)
    return kind


class _Progress:
    """Checking counts rows (their number is not known before the end); applying shows a bar."""

    def __init__(self):
        self.bar = None
        self.shown = 0

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        if phase == "checking":
            click.echo(f"\rChecking: {done} rows", nl=False, err=True)
            return
        if self.bar is None:
            click.echo("", err=True)
            self.bar = click.progressbar(length=total or 0, label="Applying", file=sys.stderr)
            self.bar.__enter__()
        self.bar.update(done - self.shown)
        self.shown = done

    def close(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
        click.echo("", err=True)


@click.command("import")
@click.argument("kind_name", metavar="KIND")
@click.argument("path", metavar="FILE", type=click.Path(exists=True, dir_okay=False))
@click.option("--language", default=None, help="Language of the error messages (en, fr...).")
@click.option("--dry-run", is_flag=True, help="Check the file, change nothing.")
@with_appcontext
def import_command(kind_name: str, path: str, language: str | None, dry_run: bool) -> None:
    """Import FILE (xlsx or CSV) as KIND (articles...): every row checked, then all applied in
    one transaction, or nothing when a row is wrong."""
    from flask_babel import force_locale
    from flask_babel import gettext as _

    from app.domain.imports.files import FileRefused
    from app.extensions import db
    from app.generated.models import ImportRun
    from app.jobs import imports

    kind = _kind_or_exit(kind_name)
    language = language or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    if language not in current_app.config.get("LANGUAGES", {}):
        click.echo(f"Unknown language {language!r}.", err=True)
        sys.exit(2)
    try:
        with force_locale(language):
            run = imports.new_run(
                db.session,
                kind,
                path,
                os.path.basename(path),
                user_id=None,
                language=language,
                dry_run=dry_run,
            )
    except FileRefused as refusal:
        click.echo(str(refusal), err=True)
        sys.exit(1)
    run.status = imports.WAITING
    db.session.commit()
    run_id = run.id
    progress = _Progress()
    try:
        status = imports.execute(run_id, on_progress=progress)
    finally:
        progress.close()
    db.session.expire_all()
    run = db.session.get(ImportRun, run_id)
    click.echo(f"Import {run_id}: {status}, {run.rows_total} rows.")
    if status == imports.DONE and not dry_run:
        click.echo(
            f"created {run.created_count}, updated {run.updated_count}, "
            f"unchanged {run.unchanged_count}"
        )
    if run.ignored_columns:
        click.echo(f"Ignored columns: {run.ignored_columns}")
    if status == imports.INVALID:
        with force_locale(language):
            for row, column, reason in (run.errors or [])[:20]:
                where = _("row %(row)s", row=row) if row else ""
                click.echo(" ".join(p for p in (where, column, reason) if p), err=True)
        click.echo(f"{run.error_count} error(s); all in {imports.error_file_path(run)}", err=True)
        sys.exit(1)
    if status == imports.FAILED:
        click.echo(run.failure or "", err=True)
        sys.exit(1)


@click.command("export")
@click.argument("kind_name", metavar="KIND")
@click.argument("path", metavar="FILE", type=click.Path(dir_okay=False, writable=True))
@click.option("--language", default=None, help="Language of the headers (en, fr...).")
@with_appcontext
def export_command(kind_name: str, path: str, language: str | None) -> None:
    """Write every KIND record to FILE (.xlsx or .csv), in the columns the import reads back."""
    from flask_babel import force_locale

    from app.domain.imports.exporting import export_kind
    from app.extensions import db

    kind = _kind_or_exit(kind_name)
    format = os.path.splitext(path)[1].lower().lstrip(".")
    if format not in ("xlsx", "csv"):
        click.echo("FILE must end in .xlsx or .csv.", err=True)
        sys.exit(2)
    language = language or current_app.config.get("BABEL_DEFAULT_LOCALE", "en")
    with force_locale(language), db.engine.connect() as connection:
        written = export_kind(connection, kind, path, format)
    click.echo(f"{written} rows written to {path}.")
