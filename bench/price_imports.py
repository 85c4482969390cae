"""Price lists at the issue's size: 500,000 price rows from CSV imported, imported again, exported.

Targets (issue 8): the import under 60 s with a peak RSS under 500 MB, the export under 60 s.
The data: N / tiers articles, one price level, one CSV of N rows (one list, `tiers` quantity tiers
per article), written as a French spreadsheet would (semicolons, decimal comma, Windows-1252).
Each measurement runs in a fresh process, so its peak RSS (ru_maxrss) is the import's or the
export's own, start-up (~100 MB of imports) included. The import is the whole run as the back
office and `flask import` run it (app.jobs.imports.execute: checking every row, spilling, applying
in one transaction, the run's record).

Without --database-url: a SQLite file in the temp directory; with BENCH_DATABASE_URL set, the
same on PostgreSQL too (database portal_bench_price_imports on that server, emptied first).

    python -m bench.price_imports [--rows 500000] [--tiers 5] [--database-url URL]
"""

from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa

from bench import ordering_data

TARGET_SECONDS = 60.0
TARGET_MB = 500.0


def prepare(url: str, rows: int, tiers: int, folder: Path) -> Path:
    """An empty migrated database with the articles and the price level; the CSV to import."""
    from flask_migrate import upgrade

    from app.extensions import db
    from app.generated.models import Article, PriceLevel

    ordering_data.wipe(url)
    app = ordering_data.build_app(url, folder)
    articles = rows // tiers
    with app.app_context():
        upgrade()
        with db.engine.begin() as connection:
            connection.execute(PriceLevel.__table__.insert(), [{"code": "BENCH", "name": "Bench"}])
            table = Article.__table__
            for start in range(0, articles, 10_000):
                connection.execute(
                    table.insert(),
                    [
                        {
                            "sku": f"SKU{n:07d}",
                            "name": f"Article {n}",
                            "status": "active",
                            "base_price": Decimal(10),
                            "unit": "piece",
                        }
                        for n in range(start, min(articles, start + 10_000))
                    ],
                )
        db.engine.dispose()
    path = folder / "prices.csv"
    with open(path, "w", encoding="cp1252", newline="") as out:
        writer = csv.writer(out, delimiter=";")
        writer.writerow(
            ["Liste de prix", "Niveau de prix", "SKU", "À partir de la quantité", "Prix unitaire"]
        )
        for n in range(articles):
            for tier in range(tiers):
                price = f"{10 + n % 90},{(99 - tier * 7) % 100:02d}"
                writer.writerow(["Tarif 2026", "BENCH", f"SKU{n:07d}", 1 + tier * 10, price])
    return path


def child(action: str, url: str, path: str, folder: str) -> None:
    """One measurement, in this process: prints seconds, peak RSS and what was done."""
    from app.domain.imports.exporting import export_kind
    from app.domain.imports.kinds import kind_named
    from app.extensions import db
    from app.generated.models import ImportRun
    from app.jobs import imports

    app = ordering_data.build_app(url, Path(folder))
    kind = kind_named("price_lists")
    with app.app_context():
        start = time.perf_counter()
        if action == "import":
            run = imports.new_run(
                db.session, kind, path, Path(path).name, user_id=None, language="fr"
            )
            run.status = imports.WAITING
            db.session.commit()
            imports.execute(run.id)
            db.session.expire_all()
            run = db.session.get(ImportRun, run.id)
            done = (
                f"{run.status}: {run.rows_total} rows, created {run.created_count}, "
                f"updated {run.updated_count}, unchanged {run.unchanged_count}"
            )
            if run.status != "done":
                done += f" {run.errors[:3]} {run.failure or ''}"[:500]
        else:
            with db.engine.connect() as connection:
                written = export_kind(connection, kind, path, action.removeprefix("export-"))
            done = f"{written} rows, {os.path.getsize(path) / 1e6:.1f} MB"
        seconds = time.perf_counter() - start
        db.engine.dispose()
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{seconds:.3f} {peak_mb:.0f} {done}")


def measure(label: str, action: str, url: str, path: Path, folder: Path) -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.price_imports",
            "--child",
            action,
            url,
            str(path),
            str(folder),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        print(f"  {label:<28} failed:\n{result.stderr[-3000:]}")
        return
    seconds, peak, done = result.stdout.strip().splitlines()[-1].split(" ", 2)
    verdict = "ok" if float(seconds) < TARGET_SECONDS and float(peak) < TARGET_MB else "OVER"
    print(f"  {label:<28} {float(seconds):7.1f} s  peak RSS {peak:>4} MB  {verdict}  ({done})")


def run(label: str, url: str, rows: int, tiers: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        path = prepare(url, rows, tiers, folder)
        print(
            f"{label}: {rows:,} price rows ({rows // tiers:,} articles x {tiers} tiers), CSV "
            f"{path.stat().st_size / 1e6:.1f} MB, prepared in {time.perf_counter() - start:.0f} s"
        )
        print(f"  targets: under {TARGET_SECONDS:.0f} s and {TARGET_MB:.0f} MB each")
        measure("import (new list)", "import", url, path, folder)
        measure("import again (unchanged)", "import", url, path, folder)
        measure("export CSV", "export-csv", url, folder / "export.csv", folder)
        measure("export xlsx", "export-xlsx", url, folder / "export.xlsx", folder)
        measure("import the xlsx export", "import", url, folder / "export.xlsx", folder)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        child(*argv[1:5])
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=500_000)
    parser.add_argument("--tiers", type=int, default=5)
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in /tmp")
    args = parser.parse_args(argv)
    if args.database_url:
        name = sa.engine.make_url(args.database_url).get_backend_name()
        run(
            "SQLite" if name == "sqlite" else "PostgreSQL", args.database_url, args.rows, args.tiers
        )
        return
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench-prices.sqlite3", args.rows, args.tiers)
    if os.environ.get("BENCH_DATABASE_URL"):
        url = sa.engine.make_url(os.environ["BENCH_DATABASE_URL"])
        url = url.set(database="portal_bench_price_imports").render_as_string(hide_password=False)
        run("PostgreSQL", url, args.rows, args.tiers)


if __name__ == "__main__":
    main()
