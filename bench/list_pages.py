"""Back-office list pages and REST lists at a real size: 10,000 customers, 20,000 articles.

Prints requests per second, the median and 95th-percentile time, the page size and the number of
SQL statements one request runs (the N+1 that DESIGN.md warns about shows up there first).

    python -m bench.list_pages [--customers N] [--articles N] [--requests N]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import tempfile
import time
from decimal import Decimal
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

PASSWORD = "Bench-pass-123!"


def build_app(database_url: str, instance: Path):
    from app import create_app

    return create_app(
        "testing",
        INSTANCE_DIR=str(instance),
        SQLALCHEMY_DATABASE_URI=database_url,
    )


def fill(app, customers: int, articles: int) -> None:
    from flask_migrate import upgrade

    from app.extensions import db
    from app.generated.models import Article, Customer, CustomerGroup, Family
    from app.security_sync import sync_roles_and_permissions

    with app.app_context():
        upgrade()
        sync_roles_and_permissions()
        sm = app.appbuilder.sm
        sm.add_user(
            "admin", "Bench", "Admin", "admin@example.com", sm.find_role("admin"), password=PASSWORD
        )
        rep = sm.add_user(
            "rep", "Bench", "Rep", "rep@example.com", sm.find_role("sales_rep"), password=PASSWORD
        )
        groups = [CustomerGroup(name=f"Group {i}") for i in range(20)]
        families = [Family(code=f"F{i:03}", name=f"Family {i}") for i in range(200)]
        db.session.add_all(groups + families)
        db.session.flush()
        db.session.execute(
            sa.insert(Customer),
            [
                {
                    "code": f"C{i:06}",
                    "name": f"Customer {i}",
                    "status": "active",
                    "country": "FR",
                    "group_id": groups[i % 20].id,
                    "sales_rep_id": rep.id if i % 10 == 0 else None,
                }
                for i in range(customers)
            ],
        )
        db.session.execute(
            sa.insert(Article),
            [
                {
                    "sku": f"SKU{i:07}",
                    "name": f"Article {i}",
                    "status": "active",
                    "base_price": Decimal("9.90"),
                    "family_id": families[i % 200].id,
                }
                for i in range(articles)
            ],
        )
        db.session.commit()


def measure(client, url: str, requests: int, headers=None, engine=None) -> dict:
    statements = []
    if engine is not None:

        def count(*_args):
            statements.append(1)

        event.listen(engine, "before_cursor_execute", count)
    client.get(url, headers=headers)  # warm-up
    statements.clear()
    times, size = [], 0
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url, headers=headers)
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, response.status_code)
        size = len(response.data)
    if engine is not None:
        event.remove(engine, "before_cursor_execute", count)
    times.sort()
    return {
        "req/s": requests / sum(times),
        "median ms": statistics.median(times) * 1000,
        "p95 ms": times[int(len(times) * 0.95) - 1] * 1000,
        "KB": size / 1024,
        "SQL/request": len(statements) / requests,
    }


def login(client, username: str) -> None:
    page = client.get("/login/").get_data(as_text=True)
    token = re.search(r'<input[^>]*name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    client.post("/login/", data={"username": username, "password": PASSWORD, "csrf_token": token})


def run(label: str, database_url: str, args) -> None:
    from app.extensions import db

    with tempfile.TemporaryDirectory() as tmp:
        app = build_app(database_url, Path(tmp))
        start = time.perf_counter()
        fill(app, args.customers, args.articles)
        print(
            f"\n{label}: {args.customers} customers, {args.articles} articles loaded in "
            f"{time.perf_counter() - start:.1f} s"
        )
        with app.app_context():
            engine = db.engine
        client = app.test_client()
        login(client, "admin")
        token = client.post(
            "/api/v1/security/login",
            json={"username": "admin", "password": PASSWORD, "provider": "db"},
        ).json["access_token"]
        jwt = {"Authorization": f"Bearer {token}"}
        cases = [
            ("customer list page (admin)", "/customerview/list/", None),
            ("customer list, quick search", "/customerview/list/?q=Customer+99", None),
            ("article list page", "/articleview/list/", None),
            ("customer REST list, 100 rows", "/api/v1/customer/?q=(page_size:100)", jwt),
            ("article REST list, 100 rows", "/api/v1/article/?q=(page_size:100)", jwt),
        ]
        print(f"{'case':34} {'req/s':>7} {'median ms':>10} {'p95 ms':>8} {'KB':>7} {'SQL/req':>8}")
        for name, url, headers in cases:
            r = measure(client, url, args.requests, headers, engine)
            print(
                f"{name:34} {r['req/s']:7.1f} {r['median ms']:10.1f} {r['p95 ms']:8.1f} "
                f"{r['KB']:7.1f} {r['SQL/request']:8.1f}"
            )
        rep_client = app.test_client()
        login(rep_client, "rep")
        r = measure(rep_client, "/customerview/list/", args.requests, None, engine)
        print(
            f"{'customer list page (sales rep)':34} {r['req/s']:7.1f} {r['median ms']:10.1f} "
            f"{r['p95 ms']:8.1f} {r['KB']:7.1f} {r['SQL/request']:8.1f}"
        )
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--customers", type=int, default=10_000)
    parser.add_argument("--articles", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", args)
    url = os.environ.get("BENCH_DATABASE_URL")
    if url:
        run("PostgreSQL", _fresh_postgres(url), args)


def _fresh_postgres(url: str) -> str:
    base = sa.engine.make_url(url)
    admin = sa.create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text('DROP DATABASE IF EXISTS "portal_bench" WITH (FORCE)'))
        conn.execute(sa.text('CREATE DATABASE "portal_bench"'))
    admin.dispose()
    return base.set(database="portal_bench").render_as_string(hide_password=False)


if __name__ == "__main__":
    main()
