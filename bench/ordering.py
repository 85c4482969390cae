"""Ordering at the issue's size: catalogue pages, 20-line checkouts and price resolution.

On the data set of bench/ordering_data.py (100,000 articles, 5,000 customers, 500,000 prices,
20,000 orders), prints per operation the median and 95th-percentile time and the number of SQL
statements, against the issue's targets:

- a catalogue page of 48 articles priced for a customer, p95 < 30 ms: the domain calls alone
  (visibility.catalogue_page + pricing.price_articles) and GET /portal/catalogue/ through the
  test client (server time: rendering included), for a plain page, a search and a family;
  and, without a target, the first page after a change of the catalogue, which reads the
  catalogue's listing again (app/domain/catalogue_listing.py: once per process and change);
- a 20-line checkout, p95 < 100 ms: checkout.place_order (and its commit) for carts filled with
  cart.add_to_cart, one order per customer, and POST /portal/checkout/ through the client;
- 10,000 (customer, article, quantity) triples priced, < 0.5 s: the customers' terms read
  (shopper.shoppers_of) and every triple priced in one pricing.price_for_customers call,
  for triples spread over 1, 50 and 1,000 customers.

"CPU p50" is this process's CPU time per operation: on SQLite (in-process) it is close to what the
operation takes on an idle machine (disk waits aside); on PostgreSQL it leaves out the server.
Under each case, the garbage collector's passes while it was timed, and their time: the app is
served as production serves it (app/serving.py), whose collector threshold they are the measure of.

The database is reused when it already holds the same data set (see ordering_data.py). Without
--database-url it is a SQLite file in the temp directory, removed afterwards unless --keep; with
BENCH_DATABASE_URL set, the same runs on PostgreSQL too (database portal_bench_ordering on that
server, kept for the next run).

On PostgreSQL, with --redis-url (default: $BENCH_REDIS_URL), the app hands its jobs (the order
confirmation mails) to RQ after the commit, as production does; without it, and always on
SQLite, it runs them in the process after the commit, as the embedded default does.

    python -m bench.ordering [--database-url URL] [--redis-url URL] [--small] [--keep] [--force]
        [--requests N] [--checkouts N] [--triples N] [--articles N] [--customers N] ...
"""

from __future__ import annotations

import argparse
import cProfile
import datetime
import gc
import html
import io
import os
import pstats
import random
import re
import statistics
import tempfile
import time
import traceback
import uuid
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy import event

from bench import ordering_data

# What a page says went wrong (portal/checkout.html's refusals and problems).
ALERT = re.compile(r'<div class="alert danger" role="alert">(.*?)</div>', re.S)

# A common word, two words, a rarer word, a SKU prefix (100 articles), an EAN.
SEARCHES = ("notebook", "blue pen", "atlas", "A00012", "9780000012345")
TARGETS_MS = {"catalogue": 30.0, "checkout": 100.0, "pricing": 500.0}


# -- measuring ----------------------------------------------------------------------------------


# One bound parameter as SQLite (?) or psycopg (%(name)s, with a cast on PostgreSQL) writes it.
PARAMETER = r"(?:\?|%\(\w+\)s|%s)(?:::[A-Z]+)?"
PLACEHOLDERS = re.compile(rf"\({PARAMETER}(?:, {PARAMETER})*\)")


def shape(statement: str) -> str:
    """A statement with its lists of parameters folded, so that one query asked with different
    id lists counts as one."""
    return PLACEHOLDERS.sub("(...)", re.sub(r"\s+", " ", statement))


class Statements:
    """Counts the statements run on an engine, and their time by statement shape.

    While timing, each statement's text and time are only kept (a reference and a float):
    folding the texts into shapes, tens of µs a statement, waits until `by_text` is asked
    for, outside the timed block, so that it does not count as the server's time."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.count = 0
        self.runs: list[tuple[str, float]] = []
        self._started: list[float] = []

    def __enter__(self):
        event.listen(self.engine, "before_cursor_execute", self._before)
        event.listen(self.engine, "after_cursor_execute", self._after)
        return self

    def __exit__(self, *_exc):
        event.remove(self.engine, "before_cursor_execute", self._before)
        event.remove(self.engine, "after_cursor_execute", self._after)

    def _before(self, _conn, _cursor, statement, *_args):
        self.count += 1
        self._started.append(time.perf_counter())

    def _after(self, _conn, _cursor, statement, *_args):
        if self._started:
            self.runs.append((statement, time.perf_counter() - self._started.pop()))

    @property
    def by_text(self) -> dict[str, list[float]]:
        """The statements' times by shape."""
        found: dict[str, list[float]] = defaultdict(list)
        for statement, seconds in self.runs:
            found[shape(statement)].append(seconds)
        return found

    def reset(self) -> None:
        self.count = 0
        self.runs.clear()


@dataclass
class Result:
    case: str
    target_ms: float | None
    times: list[float] = field(default_factory=list)  # seconds per operation
    cpu: list[float] = field(default_factory=list)  # this process's CPU seconds per operation
    statements: int = 0
    notes: list[str] = field(default_factory=list)
    slowest: list[tuple[float, int, str]] = field(default_factory=list)
    profile: str = ""
    profiles: list = field(default_factory=list)
    # The garbage collector's passes while timed, as (generation, seconds): what
    # app/serving.py's threshold is set by.
    collecting: list[tuple[int, float]] = field(default_factory=list)

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.times)
        return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))] * 1000

    @property
    def p50(self) -> float:
        return statistics.median(self.times) * 1000

    @property
    def cpu50(self) -> float:
        return statistics.median(self.cpu) * 1000 if self.cpu else float("nan")

    @property
    def p95(self) -> float:
        return self.percentile(0.95)

    @property
    def met(self) -> bool | None:
        if self.target_ms is None or not self.times:
            return None
        return self.p95 < self.target_ms


def measure(
    name: str,
    operation: Callable[[int], object],
    runs: int,
    statements: Statements,
    *,
    target_ms: float | None,
    warm_up: int = 3,
    between: Callable[[], None] | None = None,
    profile: bool = False,
) -> Result:
    """Time `operation(i)` for i in range(runs), after `warm_up` untimed calls (negative i);
    `between` runs untimed after each call, e.g. to drop the session as a request's end would."""
    result = Result(name, target_ms)
    for i in range(-warm_up, runs):
        with timed(result, statements, i >= 0, profile):
            operation(i)
        if between:
            between()
    finish(result)
    return result


def reference_ms() -> float:
    """This machine's speed at plain Python: the best of five runs of a fixed loop, in ms.

    The figures are CPU-bound for the most part (the route's rendering, the pricing of 10,000
    triples); dividing them by this one compares runs on different machines."""
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        total, seen = 0, {}
        for i in range(200_000):
            total += i % 7
            seen[i & 1023] = total
        best = min(best, time.perf_counter() - start)
    return best * 1000


def header(label: str) -> None:
    load = os.getloadavg()[0]
    print(
        f"\n{label}\n(load average {load:.1f} on {os.cpu_count()} CPUs at the start; "
        f"reference loop {reference_ms():.1f} ms: see reference_ms)"
    )
    print(
        f"{'case':52} {'n':>4} {'p50 ms':>7} {'p95 ms':>7} {'CPU p50':>7} {'SQL/op':>7} "
        f"{'target':>9}"
    )


def report(results: list[Result], *, verbose: bool) -> None:
    for r in results:
        if not r.times:
            print(f"{r.case:52} {'-':>4}  " + "; ".join(r.notes))
            continue
        target = f"<{r.target_ms:.0f} ms" if r.target_ms else ""
        verdict = {True: " ok", False: " MISSED", None: ""}[r.met]
        print(
            f"{r.case:52} {len(r.times):4} {r.p50:7.1f} {r.p95:7.1f} {r.cpu50:7.1f} "
            f"{r.statements / len(r.times):7.1f} {target:>9}{verdict}"
        )
        for note in r.notes:
            print(f"{'':4}{note}")
        if r.collecting:
            young, middle, full = (sum(g == n for g, _ in r.collecting) for n in range(3))
            seconds = [s for _, s in r.collecting]
            print(
                f"{'':4}garbage collector: {young} young, {middle} middle, {full} full "
                f"collections, {sum(seconds) * 1000:.0f} ms in all, the longest "
                f"{max(seconds) * 1000:.1f} ms"
            )
        if r.met is False or verbose:
            for seconds, runs, text in r.slowest:
                short = re.sub(r"\s+", " ", text)[:150]
                print(f"{'':4}{seconds * 1000 / len(r.times):7.1f} ms/op in {runs} x: {short}")
        if r.profile:
            print(r.profile)


# -- the customers the benches act for ----------------------------------------------------------


@dataclass
class Buyer:
    customer_id: int
    contact_id: int
    user_id: int


def buyers(session, count: int, rng: random.Random) -> list[Buyer]:
    """Active customers with an active contact who may order and see prices, in random order."""
    from app.generated.models import Contact, Customer, CustomerGroup
    from app.generated.models._associations import customer_contacts

    rows = session.execute(
        sa.select(Customer.id, Contact.id, Contact.user_id)
        .join(customer_contacts, customer_contacts.c.customer_id == Customer.id)
        .join(Contact, Contact.id == customer_contacts.c.contact_id)
        .outerjoin(CustomerGroup, CustomerGroup.id == Customer.group_id)
        .where(
            Customer.status == "active",
            sa.or_(
                Customer.hide_prices == "shown",
                sa.and_(
                    Customer.hide_prices == "group",
                    sa.func.coalesce(CustomerGroup.hide_prices, sa.false()).is_(False),
                ),
            ),
            Contact.status == "active",
            Contact.may_order.is_(True),
            Contact.user_id.is_not(None),
        )
        .order_by(Customer.id, Contact.id)
    ).all()
    first = {}
    for customer_id, contact_id, user_id in rows:
        first.setdefault(customer_id, Buyer(customer_id, contact_id, user_id))
    chosen = list(first.values())
    rng.shuffle(chosen)
    return chosen[:count]


def shopper_of(session, buyer: Buyer):
    from app.domain.shopper import shopper_for
    from app.generated.models import Contact, Customer

    return shopper_for(
        session, session.get(Customer, buyer.customer_id), session.get(Contact, buyer.contact_id)
    )


def client_for(app, buyer: Buyer):
    """A test client logged in as the buyer's contact (the session Flask-Login reads)."""
    client = app.test_client()
    with client.session_transaction() as session:
        session["_user_id"] = str(buyer.user_id)
        session["_fresh"] = True
    return client


class FormReader(HTMLParser):
    """The values a browser would send for the form holding `marker` (a field name): inputs'
    values, a select's selected option (else its first), textareas left empty."""

    def __init__(self, marker: str):
        super().__init__()
        self.marker = marker
        self.forms: list[dict[str, str]] = []
        self._form: dict[str, str] | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self._form = {}
        elif self._form is None:
            return
        elif tag == "input" and attrs.get("name") and attrs.get("type") not in ("submit",):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self._form[attrs["name"]] = attrs.get("value") or ""
        elif tag == "select":
            self._select = attrs.get("name")
        elif (
            tag == "option"
            and self._select
            and (self._select not in self._form or "selected" in attrs)
        ):
            self._form[self._select] = attrs.get("value") or ""

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None

    def values(self) -> dict[str, str] | None:
        return next((f for f in self.forms if self.marker in f), None)


def form_values(html: str, marker: str) -> dict[str, str] | None:
    reader = FormReader(marker)
    reader.feed(html)
    return reader.values()


# -- the benches --------------------------------------------------------------------------------


def bench_catalogue(app, engine, args, rng: random.Random) -> list[Result]:
    """A page of 48 articles priced for a customer, by the domain alone and through the route."""

    with app.test_request_context():
        results, people, families = _catalogue_domain(app, engine, args, rng)
    if "portal.catalogue" not in app.view_functions:
        return [*results, Result("GET /portal/catalogue/", None, notes=["no such route yet"])]
    clients = [client_for(app, b) for b in people]

    def route(kind: str):
        def operation(i: int):
            client = clients[i % len(clients)]
            if kind == "page":
                url = f"/portal/catalogue/?page={rng.randint(1, 20)}"
            elif kind == "search":
                url = f"/portal/catalogue/?q={SEARCHES[i % len(SEARCHES)].replace(' ', '+')}"
            else:
                family = rng.choice(families[people[i % len(people)].customer_id])
                url = f"/portal/catalogue/?family={family}"
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)

        return operation

    # No context pushed here: each request pushes its own (and gets a session of its own).
    with Statements(engine) as statements:
        for kind, label in (("page", "?page=N"), ("search", "?q=..."), ("family", "?family=")):
            results.append(
                measure(
                    f"GET /portal/catalogue/{label}",
                    route(kind),
                    args.requests,
                    statements,
                    target_ms=TARGETS_MS["catalogue"],
                    profile=args.profile,
                )
            )
    return results


def _catalogue_domain(app, engine, args, rng: random.Random):
    from app.domain import catalogue_listing, pricing, visibility
    from app.extensions import db

    session = db.session
    people = buyers(session, 20, rng)
    shoppers = [shopper_of(session, b) for b in people]
    # What to ask for: pages within the first twenty, a common word, and top families (with
    # their sub-families) the customer sees.
    families = {}
    for shopper in shoppers:
        tops = [
            family.id
            for catalogue in visibility.visible_catalogues(session, shopper)
            for family in visibility.catalogue_families(session, shopper, catalogue.id)
            if family.depth == 0
        ]
        families[shopper.customer_id] = tops or [None]
    session.remove()

    def domain(kind: str):
        def operation(i: int):
            shopper = shoppers[i % len(shoppers)]
            arguments = {"page": 1}
            if kind == "page":
                arguments["page"] = rng.randint(1, 20)
            elif kind == "search":
                arguments["search"] = SEARCHES[i % len(SEARCHES)]
            else:
                arguments["family_id"] = rng.choice(families[shopper.customer_id])
            page = visibility.catalogue_page(db.session, shopper, per_page=48, **arguments)
            pricing.price_articles(db.session, shopper, [(a.id, 1) for a in page.articles])

        return operation

    results = []
    with Statements(engine) as statements:
        for kind, label in (("page", "page N"), ("search", "?q= search"), ("family", "?family=")):
            results.append(
                measure(
                    f"catalogue {label}: catalogue_page + price_articles",
                    domain(kind),
                    args.requests,
                    statements,
                    target_ms=TARGETS_MS["catalogue"],
                    between=db.session.remove,
                    profile=args.profile,
                )
            )

        def after_a_change(i: int):
            # What the first page after a change of the catalogue costs, once per process:
            # the listing read again (app/domain/catalogue_listing.py), sorted by name.
            catalogue_listing.forget()
            visibility.catalogue_page(db.session, shoppers[i % len(shoppers)], per_page=48)

        result = measure(
            "catalogue page 1 just after a change of the catalogue",
            after_a_change,
            5,
            statements,
            target_ms=None,
            warm_up=1,
            between=db.session.remove,
            profile=args.profile,
        )
        result.notes.append("the listing read again: once per process after each change")
        results.append(result)
    return results, people, families


@dataclass
class FilledCart:
    buyer: Buyer
    lines: int
    refusals: list[str]


def fill_cart(session, buyer: Buyer, rng: random.Random, lines: int = 20) -> FilledCart:
    """`lines` cart lines of articles this customer may see and order, in stock,
    at allowed quantities; a library customer's lines partly on a budget. Commits."""
    from app.domain import visibility
    from app.domain.cart import add_to_cart, empty_cart
    from app.domain.ordering import OrderingRefusal
    from app.domain.quantities import quantity_rule, suggested_quantity, units
    from app.domain.stock import stock_for
    from app.generated.models import Article, LibraryBudget

    shopper = shopper_of(session, buyer)
    empty_cart(session, shopper)
    budgets = session.scalars(
        sa.select(LibraryBudget.code).where(LibraryBudget.customer_id == buyer.customer_id)
    ).all()
    # Articles drawn at random among those the customer sees (cheaper than catalogue pages).
    top = session.scalar(sa.select(sa.func.max(Article.id)))
    drawn = {rng.randint(1, top) for _ in range(400)}
    seen = visibility.visible_article_ids(session, shopper, drawn)
    candidates = list(session.scalars(sa.select(Article).where(Article.id.in_(seen))))
    problems = visibility.purchase_problems(session, shopper, candidates)
    candidates = [a for a in candidates if problems.get(a.id) is None]
    # In stock in the customer's warehouse (when the shop shows stock), as checkout re-checks.
    stock = stock_for(session, shopper, [a.id for a in candidates])
    rng.shuffle(candidates)
    added, refusals = 0, []
    for article in candidates:
        if added == lines:
            break
        rule = quantity_rule(shopper, article)
        quantity = suggested_quantity(rule, rng.randint(1, 4))
        if stock and stock[article.id].available < units(rule, quantity):
            continue
        try:
            add_to_cart(
                session,
                shopper,
                article.id,
                quantity,
                line_reference=f"L{added}" if added % 4 == 0 else None,
                budget_code=budgets[0] if budgets and added % 5 == 0 else None,
            )
            added += 1
        except OrderingRefusal as refusal:
            refusals.extend(refusal.messages)
    session.commit()
    return FilledCart(buyer, added, refusals)


def checkout_choices(session, shopper):
    from app.domain.checkout import CheckoutChoices, payment_methods
    from app.domain.delivery_dates import delivery_dates
    from app.generated.models import Address

    addresses = session.scalars(
        sa.select(Address).where(Address.customer_id == shopper.customer_id)
    ).all()
    shipping = next(a for a in addresses if a.kind in ("both", "shipping"))
    billing = next(a for a in addresses if a.kind in ("both", "billing"))
    return CheckoutChoices(
        shipping_address_id=shipping.id,
        billing_address_id=billing.id,
        delivery_date=delivery_dates(session, shopper, datetime.datetime.now())[0],
        reference="BENCH",
        cost_centre=None,
        payment_method=payment_methods(shopper)[0],
        note=None,
    )


def bench_checkout(app, engine, args, rng: random.Random) -> list[Result]:
    """checkout.place_order for 20-line carts of different customers; then the same through
    POST /portal/checkout/."""
    from app.domain.checkout import place_order
    from app.domain.ordering import OrderingRefusal
    from app.extensions import db
    from app.generated.models import Contact

    with app.app_context():
        people = buyers(db.session, 3 * (args.checkouts + 6) + 10, rng)
    domain_people, route_people = people[: len(people) // 2], people[len(people) // 2 :]
    refused: Counter[str] = Counter()
    fill_refusals: Counter[str] = Counter()
    add_times: list[float] = []
    short_carts = 0

    def filled(pool: list[Buyer]) -> Buyer:
        """The next buyer of `pool` whose cart could be filled with 20 lines."""
        nonlocal short_carts
        while pool:
            buyer = pool.pop()
            start = time.perf_counter()
            cart = fill_cart(db.session, buyer, rng)
            add_times.append((time.perf_counter() - start) / max(cart.lines, 1))
            fill_refusals.update(cart.refusals)
            db.session.remove()
            if cart.lines == 20:
                return buyer
            short_carts += 1
        raise RuntimeError("not enough customers with 20 orderable articles")

    results = []
    result = Result("checkout: place_order, 20 lines (+ commit)", TARGETS_MS["checkout"])
    with Statements(engine) as statements, app.test_request_context():
        for i in range(-3, args.checkouts):  # three orders to warm up
            buyer = filled(domain_people)  # the cart is filled outside the timing
            shopper = shopper_of(db.session, buyer)
            contact = db.session.get(Contact, buyer.contact_id)
            choices = checkout_choices(db.session, shopper)
            with timed(result, statements, i >= 0, args.profile):
                try:
                    place_order(db.session, shopper, contact, choices, uuid.uuid4().hex)
                    db.session.commit()
                except OrderingRefusal as refusal:
                    db.session.rollback()
                    refused.update(refusal.messages)
            db.session.remove()
    finish(result)
    if refused:
        result.notes.append(
            f"{sum(refused.values())} refused: "
            + "; ".join(f"{n} x {m}" for m, n in refused.most_common(3))
        )
    results.append(result)
    add = Result("filling a cart (400 drawn, checked, 20 added), per line", None, times=add_times)
    add.notes.append(f"{short_carts} customers had fewer than 20 orderable articles")
    if fill_refusals:
        add.notes.append(
            "refused: " + "; ".join(f"{n} x {m}" for m, n in fill_refusals.most_common(3))
        )
    results.append(add)

    if "portal.checkout" not in app.view_functions:
        results.append(Result("POST /portal/checkout/", None, notes=["no such route yet"]))
        return results
    result = Result("POST /portal/checkout/ (20 lines, to the redirect)", TARGETS_MS["checkout"])
    statuses: Counter[int] = Counter()
    alerts: Counter[str] = Counter()  # what the page said when it did not place the order
    with Statements(engine) as statements:
        for i in range(-3, args.checkouts):
            with app.test_request_context():
                buyer = filled(route_people)
            client = client_for(app, buyer)
            page = client.get("/portal/checkout/")
            values = form_values(page.get_data(as_text=True), "checkout_key")
            if page.status_code != 200 or values is None:
                result.notes.append(f"GET /portal/checkout/ answered {page.status_code}")
                break
            values["reference"] = "BENCH"
            with timed(result, statements, i >= 0, args.profile):
                response = client.post("/portal/checkout/", data=values)
            if i >= 0:
                statuses[response.status_code] += 1
                if response.status_code != 302:
                    alerts.update(ALERT.findall(response.get_data(as_text=True)) or ["-"])
    finish(result)
    if set(statuses) != {302}:
        result.notes.append(
            "answers: " + ", ".join(f"{n} x {code}" for code, n in sorted(statuses.items()))
        )
    if alerts:
        # The data set is kept from run to run, with the orders each run placed: their stock
        # reservations and budget charges may refuse a later run's order.
        result.notes.append(
            "refused: " + "; ".join(f"{n} x {html.unescape(m)}" for m, n in alerts.most_common(3))
        )
    results.append(result)
    return results


class _Collections:
    """Counts the garbage collector's passes into a Result while a timed block runs."""

    def __init__(self, result: Result):
        self.result = result
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.perf_counter()
        else:
            self.result.collecting.append((info["generation"], time.perf_counter() - self._started))


@contextmanager
def timed(result: Result, statements: Statements, record: bool, profile: bool):
    """Time the block into `result` (when `record`), with its statements, the garbage
    collector's passes (and its profile)."""
    statements.reset()
    profiler = cProfile.Profile() if profile and record else None
    if profiler:
        profiler.enable()
    collections = _Collections(result) if record else None
    if collections:
        gc.callbacks.append(collections)
    start, cpu = time.perf_counter(), time.process_time()
    try:
        yield
    finally:
        if collections:
            gc.callbacks.remove(collections)
    elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    if profiler:
        profiler.disable()
        result.profiles.append(profiler)
    if record:
        result.times.append(elapsed)
        result.cpu.append(cpu)
        result.statements += statements.count
        for text, times in statements.by_text.items():
            result.slowest.append((sum(times), len(times), text))


def finish(result: Result) -> None:
    """Merge what `timed` gathered per run: the slowest statements, the profiles."""
    result.slowest = _merge_slowest(result.slowest)
    if result.profiles:
        out = io.StringIO()
        stats = pstats.Stats(result.profiles[0], stream=out)
        for profiler in result.profiles[1:]:
            stats.add(profiler)
        stats.sort_stats("cumulative").print_stats(25)
        result.profile = out.getvalue()


def _merge_slowest(entries: list[tuple[float, int, str]], n: int = 3):
    totals: dict[str, list] = {}
    for seconds, runs, text in entries:
        total = totals.setdefault(text, [0.0, 0])
        total[0] += seconds
        total[1] += runs
    return sorted(((s, r, t) for t, (s, r) in totals.items()), reverse=True)[:n]


def bench_pricing(app, engine, args, rng: random.Random) -> list[Result]:
    """10,000 (customer, article, quantity) triples priced by one price_for_customers call, the
    customers' terms read and their shoppers built (shopper.shoppers_of) inside the timing."""
    with app.test_request_context():
        return _bench_pricing(engine, args, rng)


def _bench_pricing(engine, args, rng: random.Random) -> list[Result]:
    from app.domain.pricing import price_for_customers
    from app.domain.shopper import shoppers_of
    from app.extensions import db
    from app.generated.models import Article

    article_count = db.session.scalar(sa.select(sa.func.max(Article.id)))
    quantities = (1, 1, 1, 2, 3, 5, 10, 12, 24, 50, 100)
    results = []
    for spread in args.triple_customers:
        customer_ids = [b.customer_id for b in buyers(db.session, spread, rng)]
        triples = [
            (rng.choice(customer_ids), rng.randint(1, article_count), rng.choice(quantities))
            for _ in range(args.triples)
        ]
        by_customer: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for customer_id, article_id, quantity in triples:
            by_customer[customer_id].append((article_id, quantity))
        db.session.remove()
        priced = []

        def operation(_i: int, by_customer=by_customer, priced=priced) -> None:
            session = db.session
            shoppers = shoppers_of(session, by_customer)
            quotes = price_for_customers(
                session, {shopper: by_customer[c] for c, shopper in shoppers.items()}
            )
            priced.append(len(quotes))

        with Statements(engine) as statements:
            result = measure(
                f"{args.triples:,} triples over {len(by_customer)} customers",
                operation,
                args.pricing_runs,
                statements,
                target_ms=TARGETS_MS["pricing"],
                warm_up=1,
                between=db.session.remove,
                profile=args.profile,
            )
        distinct = len({(c, a, q) for c, a, q in triples})
        result.notes.append(f"{priced[-1]:,} quotes for {distinct:,} distinct triples")
        results.append(result)
    return results


# -- running ------------------------------------------------------------------------------------


@contextmanager
def bench_app(database_url: str, redis_url: str | None = None):
    """The app on `database_url`; with `redis_url`, handing its jobs over to RQ as production
    does (to a queue of the bench's own, deleted afterwards with its jobs: no worker runs
    them), else running them in the process after the commit, as the embedded default does."""
    from app.extensions import db
    from app.serving import serving

    with tempfile.TemporaryDirectory() as tmp:
        queue = f"portal_bench_{uuid.uuid4().hex[:8]}"
        jobs = {"REDIS_URL": redis_url, "RQ_QUEUE": queue} if redis_url else {}
        # Served as production serves it (app/serving.py: start-up objects frozen).
        app = serving(ordering_data.build_app(database_url, Path(tmp), **jobs))
        app.config["WTF_CSRF_ENABLED"] = True
        with app.app_context():
            engine = db.engine
        try:
            # No context stays pushed: each test-client request pushes its own, as in production,
            # and the domain benches push a request context of their own.
            yield app, engine
        finally:
            with app.app_context():
                db.session.remove()
                db.engine.dispose()
                if redis_url:
                    from app.jobs.queue import rq_queue

                    rq_queue().delete(delete_jobs=True)  # the queue and its jobs' hashes


def run(label: str, database_url: str, args, redis_url: str | None = None) -> None:
    sizes = ordering_data.sizes_from(args)
    start = time.perf_counter()
    ordering_data.ensure_dataset(database_url, sizes, args.seed, args.today, force=args.force)
    print(f"data set ready in {time.perf_counter() - start:.1f} s")
    rng = random.Random(args.seed)
    with bench_app(database_url, redis_url) as (app, engine):
        jobs = "jobs handed to RQ" if redis_url else "jobs run in the process"
        header(f"{label} ({jobs}): {sizes}")
        for name in args.only or ("catalogue", "checkout", "pricing"):
            bench = {"catalogue": bench_catalogue, "checkout": bench_checkout}.get(
                name, bench_pricing
            )
            try:
                results = bench(app, engine, args, rng)
            except Exception as error:  # one part failing leaves the others measured
                if args.verbose:
                    traceback.print_exc()
                results = [Result(name, None, notes=[f"failed: {error!r}"[:300]])]
            report(results, verbose=args.verbose)


def postgres_beside(url: str, name: str = "portal_bench_ordering") -> str:
    return sa.engine.make_url(url).set(database=name).render_as_string(hide_password=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in /tmp")
    parser.add_argument(
        "--redis-url",
        default=os.environ.get("BENCH_REDIS_URL"),
        help="PostgreSQL runs hand their jobs to RQ there, as production does "
        "(default: $BENCH_REDIS_URL; unset: jobs run in the process)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the default SQLite file")
    parser.add_argument("--force", action="store_true", help="generate the data set again")
    # 200: the 95th percentile of 50 requests is their third slowest, which one stall moves.
    parser.add_argument("--requests", type=int, default=200, help="catalogue requests per case")
    parser.add_argument("--checkouts", type=int, default=50, help="orders placed per case")
    parser.add_argument("--triples", type=int, default=10_000)
    parser.add_argument(
        "--triple-customers",
        type=int,
        nargs="+",
        default=[1, 50, 1000],
        help="how many customers the triples are spread over (one case each)",
    )
    parser.add_argument("--pricing-runs", type=int, default=5)
    parser.add_argument("--only", nargs="+", choices=("catalogue", "checkout", "pricing"))
    parser.add_argument("--verbose", action="store_true", help="the slowest statements of all")
    parser.add_argument("--profile", action="store_true", help="cProfile each case")
    ordering_data.add_size_arguments(parser)
    args = parser.parse_args(argv)
    sizes = ordering_data.sizes_from(args)
    if args.database_url:
        sqlite = sa.engine.make_url(args.database_url).get_backend_name() == "sqlite"
        redis_url = None if sqlite else args.redis_url
        run("SQLite" if sqlite else "PostgreSQL", args.database_url, args, redis_url)
    else:
        url = ordering_data.default_sqlite_url(sizes, args.seed)
        try:
            run("SQLite", url, args)
        finally:
            if not args.keep:
                Path(sa.engine.make_url(url).database).unlink(missing_ok=True)
        if os.environ.get("BENCH_DATABASE_URL"):
            url = postgres_beside(os.environ["BENCH_DATABASE_URL"])
            run("PostgreSQL", url, args, args.redis_url)


if __name__ == "__main__":
    main()
