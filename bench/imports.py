"""Imports and exports at the issue's size: 100,000 articles from xlsx in under 30 s, peak RSS
under 500 MB, and their export in under 30 s.

Generates an xlsx of N articles (names in three languages, a family path among 200, brand,
tags...), imports it into an empty database (all created), imports it again (all unchanged),
exports xlsx and CSV, and prints the times and this process's peak resident memory (the
generation of the file is done in a child process, so it does not count).

    python -m bench.imports [--database-url URL] [--articles N] [--profile]

Without --database-url: a SQLite file in a temporary directory; with BENCH_DATABASE_URL set, the
same on PostgreSQL too (database portal_bench_imports on that server, recreated each run).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import multiprocessing
import os
import pstats
import resource
import tempfile
import time
from pathlib import Path

import sqlalchemy as sa

TARGET_SECONDS = 30.0
TARGET_RSS_MB = 500


def generate_xlsx(path: str, count: int) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Articles")
    sheet.append(
        ["SKU", "Name", "Nom (fr)", "Naam (nl)", "Description", "Base price", "VAT rate",
         "Status", "Unit", "EAN / ISBN", "Catalogue", "Family", "Brand", "Tags"]
    )  # fmt: skip
    for i in range(count):
        family = f"Books > Shelf {i % 20} > Section {i % 10}"
        sheet.append(
            [f"BK-{i:06d}", f"Article {i}", f"Article {i} (fr)", f"Artikel {i}",
             f"A description of article {i}, long enough to look real.",
             round(1 + (i % 5000) / 100, 2), 21, "active", "piece", f"978{i:010d}",
             "MAIN", family, f"Brand {i % 50}", "NEW" if i % 3 == 0 else None]
        )  # fmt: skip
    workbook.save(path)


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def prepare(app) -> None:
    from flask_migrate import upgrade

    from app.extensions import db
    from app.generated.models import ArticleTag, Brand, Catalogue

    with app.app_context():
        upgrade()
        db.session.add(Catalogue(code="MAIN", name="Main catalogue"))
        db.session.add(ArticleTag(code="NEW", name="New"))
        db.session.add_all(Brand(name=f"Brand {i}") for i in range(50))
        db.session.commit()


def timed_import(app, path: str, profile: bool):
    from app.domain.imports.kinds import kind_named
    from app.extensions import db
    from app.generated.models import ImportRun
    from app.jobs import imports

    with app.app_context():
        started = time.perf_counter()
        cpu = time.process_time()
        run = imports.new_run(
            db.session, kind_named("articles"), path, "bench.xlsx", user_id=None, language="en"
        )
        run.status = imports.WAITING
        db.session.commit()
        profiler = cProfile.Profile() if profile else None
        if profiler:
            profiler.enable()
        status = imports.execute(run.id)
        if profiler:
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
            print(out.getvalue())
        seconds = time.perf_counter() - started
        timed_import.cpu = time.process_time() - cpu
        db.session.expire_all()
        run = db.session.get(ImportRun, run.id)
        return status, seconds, run


def timed_export(app, path: str, format: str) -> tuple[int, float]:
    from app.domain.imports.exporting import export_kind
    from app.domain.imports.kinds import kind_named
    from app.extensions import db

    with app.app_context():
        started = time.perf_counter()
        cpu = time.process_time()
        with db.engine.connect() as connection:
            written = export_kind(connection, kind_named("articles"), path, format)
        timed_export.cpu = time.process_time() - cpu
        return written, time.perf_counter() - started


def run(label: str, database_url: str, args, folder: Path, source: str) -> None:
    from app import create_app

    app = create_app(
        "testing", INSTANCE_DIR=str(folder / label), SQLALCHEMY_DATABASE_URI=database_url
    )
    prepare(app)
    print(f"\n{label}: {args.articles:,} articles (load average {os.getloadavg()[0]:.1f})")
    status, seconds, first = timed_import(app, source, args.profile)
    verdict = "OK" if seconds < TARGET_SECONDS else "TOO SLOW"
    print(
        f"  import xlsx (new):       {seconds:6.1f} s (CPU {timed_import.cpu:.1f} s)  {status},"
        f" created {first.created_count:,}"
        f"  [target < {TARGET_SECONDS:.0f} s: {verdict}]"
    )
    status, seconds, again = timed_import(app, source, False)
    print(
        f"  import xlsx (same file): {seconds:6.1f} s (CPU {timed_import.cpu:.1f} s)  {status},"
        f" unchanged {again.unchanged_count:,}, updated {again.updated_count:,}"
    )
    for format in ("xlsx", "csv"):
        target = str(folder / f"export-{label}.{format}")
        written, seconds = timed_export(app, target, format)
        verdict = "OK" if seconds < TARGET_SECONDS else "TOO SLOW"
        size = os.path.getsize(target) / 1e6
        print(
            f"  export {format}:             {seconds:6.1f} s (CPU {timed_export.cpu:.1f} s)"
            f"  {written:,} rows, {size:.1f} MB"
            f"  [target < {TARGET_SECONDS:.0f} s: {verdict}]"
        )
    status, seconds, back = timed_import(app, str(folder / f"export-{label}.xlsx"), False)
    print(
        f"  import of the export:    {seconds:6.1f} s  {status}, unchanged "
        f"{back.unchanged_count:,}, updated {back.updated_count:,}, created {back.created_count:,}"
    )
    rss = peak_rss_mb()
    verdict = "OK" if rss < TARGET_RSS_MB else "TOO MUCH"
    print(f"  peak RSS of this process: {rss:.0f} MB  [target < {TARGET_RSS_MB} MB: {verdict}]")
    with app.app_context():
        from app.extensions import db

        db.engine.dispose()


def fresh_postgres(url: str, name: str = "portal_bench_imports") -> str:
    server = sa.create_engine(url, isolation_level="AUTOCOMMIT")
    with server.connect() as connection:
        connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    server.dispose()
    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in /tmp")
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the first import")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-imports-") as tmp:
        folder = Path(tmp)
        source = str(folder / "articles.xlsx")
        started = time.perf_counter()
        child = multiprocessing.get_context("spawn").Process(
            target=generate_xlsx, args=(source, args.articles)
        )
        child.start()
        child.join()
        print(
            f"generated {source} ({os.path.getsize(source) / 1e6:.1f} MB) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        if args.database_url:
            name = sa.engine.make_url(args.database_url).get_backend_name()
            label = "SQLite" if name == "sqlite" else "PostgreSQL"
            url = args.database_url if name == "sqlite" else fresh_postgres(args.database_url)
            run(label, url, args, folder, source)
            return
        run("SQLite", f"sqlite:///{folder / 'bench.sqlite3'}", args, folder, source)
        if os.environ.get("BENCH_DATABASE_URL"):
            run(
                "PostgreSQL", fresh_postgres(os.environ["BENCH_DATABASE_URL"]), args, folder, source
            )


if __name__ == "__main__":
    main()
