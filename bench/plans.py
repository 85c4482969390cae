"""The portal's statements under generic plans against custom ones, on PostgreSQL.

psycopg prepares a statement once it has run it five times on a connection (app/postgres.py
keeps them from one request to the next), and PostgreSQL may then run it with a generic plan,
made without the parameters' values. Such a plan can be far worse than one made for the values:
a bound article status once made the cart's visibility check walk 94,000 index entries, 8 ms
where 0.5 would do, and no single-run timing showed why. This runs the same portal pages twice
on the ordering bench's data set (bench/ordering_data.py), every statement prepared at once: with
custom plans only, then with generic plans only, for other customers of the same kind. It prints
the statements whose generic plan costs more, the worst first, and fails (exit status 1) when
one run at least MIN_RUNS times each way costs more than --margin ms and twice its custom
plan's time ("!!"). One run fewer times is only marked ("?"): a single run, on this kind of
machine, can take twice as long as the next for no reason of its own.

    python -m bench plans [--database-url URL] [--buyers N] [--margin MS]
"""

from __future__ import annotations

import argparse
import random
import re
import statistics
import sys
from collections import defaultdict

import sqlalchemy as sa

from bench import ordering as bench
from bench import ordering_data

MODES = ("force_custom_plan", "force_generic_plan")
MIN_RUNS = 3
DEFAULT_URL = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
ARTICLE_LINK = re.compile(r'href="(/portal/article/\d+)"')


def portal_visits(app, people: list[bench.Buyer], rng: random.Random) -> None:
    """What buyers do: catalogue pages (a page, a search, two sorts), some articles, the cart,
    and an order placed from a cart of 20 lines."""
    from app.extensions import db

    for buyer in people:
        client = bench.client_for(app, buyer)
        html = client.get(f"/portal/catalogue/?page={rng.randint(1, 20)}").get_data(as_text=True)
        for url in (
            f"/portal/catalogue/?q={rng.choice(bench.SEARCHES).replace(' ', '+')}",
            f"/portal/catalogue/?sort=newest&page={rng.randint(1, 5)}",
            "/portal/catalogue/?sort=sku",
            *sorted(set(ARTICLE_LINK.findall(html)))[:3],
            "/portal/orders/",
        ):
            client.get(url)
        with app.test_request_context():
            cart = bench.fill_cart(db.session, buyer, rng)
            db.session.remove()
        client.get("/portal/cart/")
        page = client.get("/portal/checkout/")
        values = bench.form_values(page.get_data(as_text=True), "checkout_key")
        if cart.lines and values is not None:
            client.post("/portal/checkout/", data={**values, "reference": "PLANS"})


def statement_times(database_url: str, mode: str, people, seed: int) -> dict[str, list[float]]:
    """Each statement's times (by text) over `portal_visits`, every statement prepared at once
    and planned as `mode` says."""
    with bench.bench_app(database_url) as (app, engine):

        @sa.event.listens_for(engine, "connect")
        def _planned(dbapi_connection, _record):
            dbapi_connection.prepare_threshold = 0
            with dbapi_connection.cursor() as cursor:
                cursor.execute(f"SET plan_cache_mode = {mode}")
            dbapi_connection.commit()

        engine.dispose()  # the connections the app opened before, set otherwise
        with bench.Statements(engine) as statements:
            portal_visits(app, people[:2], random.Random(seed))  # prepared and cached
            statements.reset()
            portal_visits(app, people[2:], random.Random(seed))
            # By their very text, not folded as the ordering bench folds them: a statement asked
            # with 20 ids and with 400 is two prepared statements, each with a plan of its own.
            found: dict[str, list[float]] = defaultdict(list)
            for statement, seconds in statements.runs:
                found[" ".join(statement.split())].append(seconds)
            return found


def compare(custom: dict[str, list[float]], generic: dict[str, list[float]], margin_ms: float):
    """(statement, custom mean ms, generic mean ms, runs, mark) for the statements run both
    ways, the greatest excess of the generic plan first; the mark is "!!" for a generic plan
    slower by over `margin_ms` and twice, "?" for one so slow in fewer than MIN_RUNS runs."""
    rows = []
    for text in custom.keys() & generic.keys():
        mine, theirs = statistics.mean(custom[text]) * 1000, statistics.mean(generic[text]) * 1000
        runs = min(len(custom[text]), len(generic[text]))
        mark = ""
        if theirs - mine > margin_ms and theirs > 2 * mine:
            mark = "!!" if runs >= MIN_RUNS else "?"
        rows.append((text, mine, theirs, len(generic[text]), mark))
    return sorted(rows, key=lambda row: row[2] - row[1], reverse=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=bench.postgres_beside(DEFAULT_URL),
        help="a PostgreSQL database holding (or to hold) the ordering bench's data set",
    )
    parser.add_argument("--buyers", type=int, default=12, help="buyers visiting, each way (+2)")
    parser.add_argument("--margin", type=float, default=1.0, help="ms a generic plan may add")
    parser.add_argument("--show", type=int, default=12, help="statements printed")
    ordering_data.add_size_arguments(parser)
    args = parser.parse_args(argv)
    if sa.engine.make_url(args.database_url).get_backend_name() != "postgresql":
        parser.error("plans are PostgreSQL's: give a postgresql+psycopg:// URL")
    sizes = ordering_data.sizes_from(args)
    ordering_data.ensure_dataset(args.database_url, sizes, args.seed, args.today)
    with bench.bench_app(args.database_url) as (app, _engine):
        from app.extensions import db

        with app.app_context():
            people = bench.buyers(db.session, 2 * (args.buyers + 2), random.Random(args.seed))
    halves = people[: len(people) // 2], people[len(people) // 2 :]
    times = {
        mode: statement_times(args.database_url, mode, half, args.seed)
        for mode, half in zip(MODES, halves, strict=True)
    }
    rows = compare(*times.values(), args.margin)
    print(f"{len(rows)} statements run both ways; mean ms, custom plan -> generic plan:")
    for text, mine, theirs, runs, mark in rows[: args.show]:
        print(f"{mark:2} {mine:7.2f} -> {theirs:7.2f}  x{runs:<4} {text[:100]}")
    worse = [row for row in rows if row[4] == "!!"]
    if worse:
        print(f"{len(worse)} statement(s) over {args.margin} ms and twice as slow planned generic")
    return 1 if worse else 0


if __name__ == "__main__":
    sys.exit(main())
