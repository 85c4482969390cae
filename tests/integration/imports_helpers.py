"""Small tables for import tests, written with openpyxl or csv, and a run helper."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from app.domain.imports.kinds import kind_named
from app.extensions import db
from app.jobs import imports


def xlsx_file(path: Path, rows: list[list]) -> Path:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet()
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def csv_file(path: Path, rows: list[list], *, encoding="utf-8", separator=",") -> Path:
    with open(path, "w", encoding=encoding, newline="") as out:
        csv.writer(out, delimiter=separator).writerows(rows)
    return path


def run_file(
    path: Path, kind: str = "articles", *, language: str = "en", dry_run=False, user_id=None
):
    """Import `path` as the command does; the run's row afterwards."""
    from app.generated.models import ImportRun

    run = imports.new_run(
        db.session,
        kind_named(kind),
        str(path),
        path.name,
        user_id=user_id,
        language=language,
        dry_run=dry_run,
    )
    run.status = imports.WAITING
    db.session.commit()
    imports.execute(run.id)
    db.session.expire_all()
    return db.session.get(ImportRun, run.id)
