"""What an article costs a customer: price lists, quantity tiers, promotions, order discounts.

The price of an article for a customer and a quantity is found in this order:

1. the customer's own price lists, then its group's, then its price level's; among the lists of
   one kind, the highest priority first (then the most recently created). A list counts only on
   the days from its `valid_from` to its `valid_to`, both included (an empty date leaves that end
   open). The first of these lists with a row for the article at that quantity gives the price:
   its row with the highest `min_quantity` not above the quantity (the quantity tier). A list
   with no such row is passed over for the next one, and after the last the article's
   `base_price` applies;
2. then the best promotion that lowers that price: active, on that day (`starts_on` to `ends_on`,
   included), for the article itself or its family (or a family above it), and for everyone (no
   groups and no customers chosen), the customer's group or the customer. A percentage is taken
   off the tier price; a fixed price replaces it only when lower.

`price_articles` prices a whole page, cart or benchmark of (article, quantity) pairs for one
customer, `price_for_customers` those of many customers at once, both in at most four statements
whatever the number of customers and articles: the lists, the articles with the promotions given
to them or to their families (whose ancestors a recursive query walks up), the promotions
running for the customers, and the articles' rows in the lists. The statements are Core selects
built once at import (no statement built nor cache key computed per call), each list of ids one
parameter (an array on PostgreSQL, a JSON array on SQLite; in batches of CHUNK_SIZE bound
parameters on a SQLite without JSON functions), and the choice of list, tier and promotion is
made in Python with dicts.
"""

from __future__ import annotations

import calendar
import datetime
import json
import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import partial
from itertools import chain
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.collector import collection_paused
from app.domain.orders import money
from app.domain.shopper import Shopper
from app.generated.models import (
    Article,
    Family,
    LibraryBudget,
    OrderDiscount,
    Price,
    PriceList,
    Promotion,
    PromotionTranslation,
)
from app.generated.models._associations import (
    promotion_articles,
    promotion_customers,
    promotion_families,
    promotion_groups,
)

# Bound parameters per statement where each id is one (a SQLite without JSON functions, see
# `_Queries`): below SQLite's historical limit of 999. Elsewhere a list of ids is one parameter.
CHUNK_SIZE = 900

# Unit prices keep the scale of the price columns (Numeric(14, 4)), so a quoted unit price is
# exactly what an order line stores; line totals are rounded to the cent by `orders.money`.
UNIT_PRICE_STEP = Decimal("0.0001")

ZERO = Decimal(0)

# Where a list price comes from, most specific first (Quote.source).
LIST_KINDS = ("customer", "group", "price_level")


@dataclass(frozen=True, slots=True)
class Quote:
    """The price of one article at one quantity for one customer.

    `list_price` is the price before any promotion: the quantity tier of the list that applies
    (or the article's base price); `unit_price` is what one unit costs once the best promotion is
    applied, equal to `list_price` when none lowers it. `tiers` are the (min_quantity, unit price)
    rows of the list that applies, ascending, before promotion; empty when it has a single price.
    """

    article_id: int
    quantity: int
    list_price: Decimal
    unit_price: Decimal
    source: str  # "customer", "group", "price_level" or "base"
    promotion_id: int | None
    promotion_name: str | None
    tiers: tuple[tuple[int, Decimal], ...]
    vat_rate: Decimal


# The helpers below are named tuples, quick to make. The garbage collector keeps tracking them
# (CPython stops tracking only plain tuples that hold no containers), but not their fields:
# plain tuples of numbers, which it drops from its sight at its first pass over them.


class _Tiers(NamedTuple):
    """One price list's rows for one article, ascending by minimum quantity."""

    minimums: tuple[int, ...]
    prices: tuple[Decimal, ...]
    shown: tuple[tuple[int, Decimal], ...]  # Quote.tiers: empty for a single price

    @classmethod
    def of(cls, rows: tuple[tuple[int, Decimal], ...]) -> _Tiers:
        pairs = tuple(sorted(rows))
        minimums, prices = zip(*pairs, strict=True)
        return cls(minimums, prices, pairs if len(pairs) > 1 else ())

    def price_at(self, quantity: int) -> Decimal | None:
        index = bisect_right(self.minimums, quantity) - 1
        return self.prices[index] if index >= 0 else None


class _Promotion(NamedTuple):
    id: int
    name: str
    kind: str
    percentage: Decimal | None
    fixed_price: Decimal | None

    def price(self, list_price: Decimal) -> Decimal | None:
        """The unit price under this promotion, None when it says nothing usable."""
        if self.kind == "fixed_price":
            return self.fixed_price
        if self.percentage is None:
            return None
        return unit_price(list_price * (100 - self.percentage) / 100)


def unit_price(amount: Decimal) -> Decimal:
    """A unit price rounded to the price columns' four decimals, halves away from zero."""
    return Decimal(amount).quantize(UNIT_PRICE_STEP, rounding=ROUND_HALF_UP)


def price_articles(
    session: Session,
    shopper: Shopper,
    items: Iterable[tuple[int, int]],
    *,
    on: datetime.date | None = None,
) -> dict[tuple[int, int], Quote]:
    """Price (article_id, quantity) pairs for `shopper` on `on` (default: the shopper's today).

    Returns a Quote per distinct pair, keyed by the pair; articles that do not exist are left
    out. A quantity below 1 is priced as 1 (the lowest tier) but keeps its value in the Quote.
    At most four statements whatever the number of items (on a SQLite without JSON functions,
    the articles and their price rows take one per batch of ids, see CHUNK_SIZE).
    """
    wanted = {(int(article_id), int(quantity)) for article_id, quantity in items}
    if not wanted:
        return {}
    book = _PriceBook(session, {shopper: wanted}, on or shopper.today)
    quotes: dict[tuple[int, int], Quote] = {}
    book.quote(shopper, wanted, quotes, by_customer=False)
    return quotes


def price_for_customers(
    session: Session,
    shoppers_items: Mapping[Shopper, Iterable[tuple[int, int]]],
    *,
    on: datetime.date | None = None,
) -> dict[tuple[int, int, int], Quote]:
    """Price the (article_id, quantity) pairs of many customers at once, as `price_articles`
    would for each: {(customer_id, article_id, quantity): Quote}.

    The price lists of all the customers, their groups and price levels, the articles, their
    price rows and promotions are read once: at most four statements whatever the number of
    customers and items (per day, see below; on a SQLite without JSON functions, some of them
    per batch of ids). Each shopper is priced on `on`, else on its own `today`, the shoppers of
    one day together. Two shoppers for one customer are refused (ValueError): their quotes
    would share keys.
    """
    # Thousands of prices make no reference cycles (app/collector.py). The work is done in a
    # function of its own so that what it held is freed before the collector comes back, and
    # the collection it then makes up for walks the quotes alone.
    with collection_paused():
        return _price_for_customers(session, shoppers_items, on)


def _price_for_customers(
    session: Session,
    shoppers_items: Mapping[Shopper, Iterable[tuple[int, int]]],
    on: datetime.date | None,
) -> dict[tuple[int, int, int], Quote]:
    by_day: dict[datetime.date, dict[Shopper, set[tuple[int, int]]]] = defaultdict(dict)
    customers: set[int] = set()
    for shopper, items in shoppers_items.items():
        if shopper.customer_id in customers:
            raise ValueError(f"customer {shopper.customer_id} is given by two shoppers")
        customers.add(shopper.customer_id)
        wanted = {(int(article_id), int(quantity)) for article_id, quantity in items}
        if wanted:
            by_day[on or shopper.today][shopper] = wanted
    quotes: dict[tuple[int, int, int], Quote] = {}
    for day, wanted_by in by_day.items():
        book = _PriceBook(session, wanted_by, day)
        for shopper, wanted in wanted_by.items():
            book.quote(shopper, wanted, quotes, by_customer=True)
    return quotes


def order_discount(
    session: Session,
    shopper: Shopper,
    goods_total: Decimal,
    *,
    on: datetime.date | None = None,
) -> tuple[Decimal, Decimal]:
    """The order-total discount earned by `goods_total` (before VAT): (percentage, amount).

    The best percentage among the discounts for the customer, its group or everyone (neither
    chosen), valid on `on` (default: the shopper's today) and whose `min_total` the goods total
    reaches; the amount is rounded to the cent. (0, 0.00) when none applies.
    """
    on = on or shopper.today
    discount = OrderDiscount.__table__
    targets = [
        sa.and_(discount.c.customer_id.is_(None), discount.c.group_id.is_(None)),
        discount.c.customer_id == shopper.customer_id,
    ]
    if shopper.group_id is not None:
        targets.append(discount.c.group_id == shopper.group_id)
    statement = sa.select(discount.c.min_total, discount.c.percentage).where(
        sa.or_(*targets), _valid_on(discount.c.valid_from, discount.c.valid_to, on)
    )
    total = Decimal(goods_total)
    # Compared in Python: SQLite keeps numerics as floats, and a tier must start exactly at
    # its minimum total.
    percentage = max(
        (
            Decimal(percent)
            for minimum, percent in session.execute(statement).all()
            if Decimal(minimum) <= total
        ),
        default=ZERO,
    )
    return percentage, money(total * percentage / 100)


def budget_discount_percent(budget: LibraryBudget, article: Any, on: datetime.date) -> Decimal:
    """The discount (percent) a library budget earns on `article` bought on `on`.

    Book price laws cap the discount while a book is recent: the budget's `fixed_price_discount`
    applies from before publication until `fixed_price_months` after the article's
    `publication_date` (on that day the period is over), its `default_discount` afterwards.
    An article without a publication date, or a budget without fixed-price months, earns the
    default discount. `article` is anything with a `publication_date` (an Article).
    """
    published = getattr(article, "publication_date", None)
    months = budget.fixed_price_months or 0
    if published is not None and months > 0 and on < add_months(published, months):
        return Decimal(budget.fixed_price_discount or 0)
    return Decimal(budget.default_discount or 0)


def prices_hidden(shopper: Shopper, contact: Any | None) -> bool:
    """Whether prices are kept from this person: hidden for the customer (its own choice, its
    group's or the shop's, see `Shopper.hides_prices`), or a contact not allowed to see them.

    `contact` is a Contact or None (a staff member or a job acting for the customer); a contact
    whose `may_see_prices` was never set follows the column's default: may see them.
    """
    if shopper.hides_prices:
        return True
    return contact is not None and getattr(contact, "may_see_prices", True) is False


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


# --- queries -----------------------------------------------------------------------------------


def _valid_on(starts: sa.ColumnElement, ends: sa.ColumnElement, on: Any):
    """Both ends included; an empty end is open."""
    return sa.and_(
        sa.or_(starts.is_(None), starts <= on),
        sa.or_(ends.is_(None), ends >= on),
    )


# How the price rows of one shopper are read (see `_PriceBook._read_prices`): by (list,
# article) pairs in the unique index on (price_list_id, article_id, min_quantity) for at most
# FEW_LISTS lists (on PostgreSQL, for more than MANY_ARTICLES articles only), else by the
# articles' index. Measured on 500,000 prices in 200 lists.
FEW_LISTS = 32
MANY_ARTICLES = 2000

# A (list, article) pair as one integer: list id << PAIR_SHIFT | article id.
PAIR_SHIFT = 32


# The parameters that are lists of integers (the others, lists of strings).
_ID_LISTS = frozenset(
    ("customers", "groups", "levels", "ids", "families", "promotions", "lists", "pairs")
)


class _IdArray(sa.types.TypeDecorator):
    """An integer array parameter for PostgreSQL given as its text, '{1,2,3}': psycopg sends a
    string with no type, so PostgreSQL reads it as the integer array the statement casts it to,
    much faster than psycopg turns a list into an array."""

    impl = postgresql.ARRAY(sa.Integer)
    cache_ok = True

    def bind_processor(self, dialect: sa.Dialect) -> None:
        return None


class _PairArray(_IdArray):
    """A bigint array parameter for PostgreSQL given as its text (see `_IdArray`)."""

    impl = postgresql.ARRAY(sa.BigInteger)
    cache_ok = True


class _Queries:
    """The pricing statements, built once per way of passing lists of ids (see `_QUERIES`),
    so that a call neither builds a statement nor computes its cache key.

    Each list of ids is one parameter named after it, whatever its length: an array on
    PostgreSQL ("array": `= ANY(:ids)`), a JSON array on SQLite ("json": `IN (SELECT value FROM
    json_each(:ids))`); on a SQLite without JSON functions (before 3.38), an expanding IN list
    ("list"), each id a bound parameter, run in batches of ids (see `_PriceBook._rows`). The
    day is the parameter "on".

    The statements keep to shapes whose plans stay good whatever the lengths of the lists:
    psycopg prepares a statement run five times and PostgreSQL may then keep a generic plan,
    made without the parameters' values (a join on a UNION, for one, became a nested loop
    running the UNION once per row).
    """

    def __init__(self, mode: str):
        self.mode = mode
        self.one_parameter = mode != "list"
        self._uses: dict[int, Counter[str]] = {}
        on = sa.bindparam("on", type_=sa.Date)
        holds = self._holds

        price_list = PriceList.__table__
        self.lists = sa.select(
            price_list.c.id,
            price_list.c.priority,
            price_list.c.customer_id,
            price_list.c.group_id,
            price_list.c.price_level_id,
        ).where(
            sa.or_(
                holds(price_list.c.customer_id, "customers"),
                holds(price_list.c.group_id, "groups"),
                holds(price_list.c.price_level_id, "levels"),
            ),
            _valid_on(price_list.c.valid_from, price_list.c.valid_to, on),
        )

        # The articles and the promotions given to them or to their families, in rows of
        # three kinds: (0, article, family, base price, VAT rate), (1, article, promotion) and
        # (2, family, promotion) for the promotions given to the family or to a family above
        # it, walked up from the articles' families (each once) by a recursive query (UNION,
        # not UNION ALL: a looping tree ends when it comes back to a family it has been
        # through). A variant without a family takes its parent's, by an outer join.
        # PostgreSQL's estimates stay those of a few thousand rows, under its JIT threshold
        # (compiling the statement took longer than running it): a scalar subquery for the
        # parent's family is costed for every article, and a walk started from every article
        # rather than every family is costed as ten times more rows than there are articles.
        article = Article.__table__
        parent = article.alias("parent_article")
        articles = (
            sa.select(
                article.c.id,
                sa.func.coalesce(article.c.family_id, parent.c.family_id).label("family_id"),
                article.c.base_price,
                article.c.vat_rate,
            )
            .select_from(article.outerjoin(parent, parent.c.id == article.c.parent_id))
            .where(holds(article.c.id, "ids"))
            .cte("wanted_article")
        )
        family = Family.__table__
        above = family.alias("above")
        up = (
            sa.select(articles.c.family_id, articles.c.family_id.label("ancestor_id"))
            .distinct()
            .where(articles.c.family_id.is_not(None))
            .cte("up", recursive=True)
        )
        up = up.union(
            sa.select(up.c.family_id, above.c.parent_id)
            .select_from(up.join(above, above.c.id == up.c.ancestor_id))
            .where(above.c.parent_id.is_not(None))
        )
        given, links = promotion_families, promotion_articles
        self.articles = sa.union_all(
            sa.select(sa.literal_column("0", sa.Integer), articles),
            sa.select(
                sa.literal_column("1", sa.Integer),
                links.c.article_id,
                links.c.promotion_id,
                sa.cast(sa.null(), article.c.base_price.type),
                sa.cast(sa.null(), article.c.vat_rate.type),
            ).where(holds(links.c.article_id, "ids")),
            sa.select(
                sa.literal_column("2", sa.Integer),
                up.c.family_id,
                given.c.promotion_id,
                sa.cast(sa.null(), article.c.base_price.type),
                sa.cast(sa.null(), article.c.vat_rate.type),
            ).select_from(up.join(given, given.c.family_id == up.c.ancestor_id)),
        )

        # Of some promotions, those running on the day, for whom they are and their names.
        self.promotions = self._promotions(on, lambda column: holds(column, "promotions"))
        # The same for more promotions than SQLite takes parameters: all those running.
        self.running_promotions = self._promotions(on, lambda column: sa.true())

        # The articles' rows in the lists for one shopper, two ways. By the articles' index,
        # the list condition on an expression (`price_list_id + 0`) that no index on
        # price_list_id serves: a list holds tens of thousands of rows, an article a handful.
        # Or by (list, article) pairs in the unique index: faster on SQLite for a few lists,
        # and on PostgreSQL for thousands of articles in a few lists.
        price = Price.__table__
        columns = (price.c.article_id, price.c.price_list_id, price.c.min_quantity)
        by_article = price.c.price_list_id + sa.literal_column("0", sa.Integer)
        self.prices_by_article = sa.select(*columns, price.c.unit_price).where(
            holds(price.c.article_id, "ids"), holds(by_article, "lists")
        )
        self.prices_by_pair = sa.select(*columns, price.c.unit_price).where(
            holds(price.c.article_id, "ids"), holds(price.c.price_list_id, "lists")
        )
        # For more lists than SQLite takes parameters: the articles' rows in every list.
        self.prices_in_every_list = sa.select(*columns, price.c.unit_price).where(
            holds(price.c.article_id, "ids")
        )
        # Many shoppers: of the articles' rows, those of the (list, article) pairs wanted
        # ("pairs", see PAIR_SHIFT), chosen by the database as it reads them, through a hash
        # of the pairs: only they are sent and turned into Python objects (a sixth of the rows
        # for 50 shoppers). On SQLite (an index built once on the JSON array), twice as fast
        # as looking each pair up in the unique index. On PostgreSQL, `IN (SELECT unnest())`
        # rather than `= ANY()`: in the generic plan of a prepared statement, an array
        # parameter is searched from its start for each row (only a constant one is hashed),
        # 4 s instead of 40 ms for 44,000 pairs.
        list_id = price.c.price_list_id
        if mode == "array":
            list_id = sa.cast(list_id, sa.BigInteger)
        shift = sa.literal_column(str(PAIR_SHIFT), sa.Integer)  # bigint << integer
        pair = list_id.op("<<")(shift).op("|")(price.c.article_id)
        if mode == "array":
            pairs = sa.func.unnest(sa.bindparam("pairs", type_=_PairArray()))
            wanted = pair.in_(sa.select(pairs))
        else:
            wanted = holds(pair, "pairs")
        self.prices_of_pairs = sa.select(*columns, price.c.unit_price).where(
            holds(price.c.article_id, "ids"), wanted
        )

    def _promotions(self, on: Any, chosen: Any) -> sa.CompoundSelect:
        """Rows of four kinds, each read from its table by the promotions' ids: (promotion,
        name, kind, percentage, fixed price, for everyone, None...) for each running promotion;
        (promotion, None..., group) for its groups among "groups"; (promotion, None...,
        customer) for its customers among "customers"; (promotion, None..., language, name)
        for its names in "languages". No join on a UNION (see the class)."""
        promotion = Promotion.__table__
        translation = PromotionTranslation.__table__
        groups, customers = promotion_groups, promotion_customers

        def nothing(type_: Any = sa.Integer) -> Any:
            return sa.cast(sa.null(), type_)

        for_everyone = sa.and_(
            ~sa.exists().where(groups.c.promotion_id == promotion.c.id),
            ~sa.exists().where(customers.c.promotion_id == promotion.c.id),
        )
        details = sa.select(
            promotion.c.id,
            promotion.c.name,
            # As a string: the Enum's processing of each row is not needed.
            sa.type_coerce(promotion.c.kind, sa.String),
            promotion.c.percentage,
            promotion.c.fixed_price,
            sa.case((for_everyone, 1), else_=0),
            nothing(),
            nothing(),
            nothing(sa.String),
        ).where(
            chosen(promotion.c.id),
            promotion.c.is_active == sa.true(),
            promotion.c.starts_on <= on,
            promotion.c.ends_on >= on,
        )
        blank = (nothing(sa.String), nothing(sa.String), nothing(promotion.c.percentage.type))
        blank += (nothing(promotion.c.fixed_price.type), nothing())
        for_groups = sa.select(
            groups.c.promotion_id, *blank, groups.c.customer_group_id, nothing(), nothing(sa.String)
        ).where(chosen(groups.c.promotion_id), self._holds(groups.c.customer_group_id, "groups"))
        for_customers = sa.select(
            customers.c.promotion_id, *blank, nothing(), customers.c.customer_id, nothing(sa.String)
        ).where(chosen(customers.c.promotion_id), self._holds(customers.c.customer_id, "customers"))
        names = sa.select(
            translation.c.promotion_id,
            translation.c.name,
            *blank[1:],
            nothing(),
            nothing(),
            translation.c.language,
        ).where(
            chosen(translation.c.promotion_id),
            self._holds(translation.c.language, "languages"),
            translation.c.name != "",
        )
        return sa.union_all(details, for_groups, for_customers, names)

    def uses(self, statement: sa.Executable) -> Counter[str]:
        """How many times `statement` writes each of its expanding IN lists ("list" mode)."""
        found = self._uses.get(id(statement))
        if found is None:
            text = str(statement.compile(dialect=sqlite.dialect()))
            found = Counter(re.findall(r"POSTCOMPILE_(\w+)\]", text))
            self._uses[id(statement)] = found
        return found

    def _holds(self, column: sa.ColumnElement, name: str) -> sa.ColumnElement[bool]:
        if self.mode == "array":
            array_type = _IdArray() if name in _ID_LISTS else postgresql.ARRAY(column.type)
            return column == sa.any_(sa.bindparam(name, type_=array_type))
        if self.mode == "json":
            values = sa.func.json_each(sa.bindparam(name, type_=sa.String)).table_valued("value")
            return column.in_(sa.select(values.c.value))
        return column.in_(sa.bindparam(name, expanding=True))


_QUERIES = {mode: _Queries(mode) for mode in ("array", "json", "list")}


def _query_mode(dialect: sa.Dialect) -> str:
    """How `dialect` takes a list of ids (see `_Queries`)."""
    if dialect.name == "postgresql":
        return "array"
    # SQLite has its JSON functions built in from 3.38 on.
    if dialect.name == "sqlite" and (dialect.server_version_info or ()) >= (3, 38):
        return "json"
    return "list"


def _in_parts(result: sa.CursorResult) -> Iterator[sa.Row]:
    """The rows of `result`, fetched a thousand at a time: a whole result's rows kept at once
    would outlive the garbage collector's young generations and bring on full collections.
    (Chained in C: a generator would cost a Python step per row.)"""
    return chain.from_iterable(iter(partial(result.fetchmany, 1000), []))


class _PriceBook:
    """What prices the articles some shoppers want on one day, read in at most four statements
    whatever the number of shoppers and articles (on a SQLite without JSON functions, some of
    them per batch of ids): the shoppers' price lists; the articles (base price, VAT rate,
    family) with the promotions given to them and to their families; of these promotions, those
    running for the shoppers; and the articles' rows in the lists. `quote` then prices a
    shopper's (article, quantity) pairs with dicts."""

    def __init__(
        self,
        session: Session,
        wanted_by: Mapping[Shopper, set[tuple[int, int]]],
        on: datetime.date,
    ):
        self.connection = session.connection()
        self.queries = queries = _QUERIES[_query_mode(self.connection.dialect)]
        self.on = on
        shoppers = list(wanted_by)
        customers = sorted({s.customer_id for s in shoppers})
        groups = sorted({s.group_id for s in shoppers if s.group_id is not None})
        levels = sorted({s.price_level_id for s in shoppers if s.price_level_id is not None})

        # The lists: id -> (priority, customer, group, level), and by whom they are for
        # ((0, customer), (1, group) or (2, price level) -> their ids).
        self.lists: dict[int, tuple[int, int | None, int | None, int | None]] = {}
        self.lists_for: dict[tuple[int, int], list[int]] = defaultdict(list)
        for list_id, priority, customer_id, group_id, level_id in self._rows(
            queries.lists, {"customers": customers, "groups": groups, "levels": levels}
        ):
            if list_id not in self.lists:  # a batch may repeat a list
                self.lists[list_id] = (priority or 0, customer_id, group_id, level_id)
                for kind, whom in enumerate((customer_id, group_id, level_id)):
                    if whom is not None:
                        self.lists_for[(kind, whom)].append(list_id)
        self._ordered_lists: dict[tuple[int, int | None, int | None], Any] = {}

        # The articles: id -> (base price, VAT rate, family); the promotions given to them and
        # to their families (or families above them).
        wanted_ids = {article_id for wanted in wanted_by.values() for article_id, _ in wanted}
        self.articles: dict[int, tuple[Decimal, Decimal | None, int | None]] = {}
        own: dict[int, set[int]] = {}
        inherited: dict[int, set[int]] = {}
        for kind, whom, which, base_price, vat_rate in self._rows(
            queries.articles, {"ids": sorted(wanted_ids)}
        ):
            if kind == 0:
                self.articles[whom] = (base_price, vat_rate, which)
            else:
                (own if kind == 1 else inherited).setdefault(whom, set()).add(which)

        # Of those, the promotions running for the shoppers: id -> (name, kind, percentage,
        # fixed price); their names by language; for whom (everyone, a group, a customer).
        self.promotions: dict[int, tuple[str, str, Decimal | None, Decimal | None]] = {}
        self.names: dict[tuple[int, str], str] = {}
        self.for_everyone: set[int] = set()
        self.for_group: dict[int, set[int]] = defaultdict(set)
        self.for_customer: dict[int, set[int]] = defaultdict(set)
        found = set().union(*own.values(), *inherited.values())
        if found:
            languages = sorted({s.language for s in shoppers})
            self._read_promotions(sorted(found), customers, groups, languages)
        self._promotion_objects: dict[tuple[int, str], _Promotion] = {}
        self._promotions_for: dict[tuple[int | None, int | None], frozenset[int]] = {}

        # Article -> the running promotions that may apply to it, by id (the first wins a
        # tie), before those for the shopper are chosen.
        self.candidates: dict[int, tuple[int, ...]] = {}
        if self.promotions:
            running = self.promotions.keys()
            nothing: frozenset[int] = frozenset()
            for article_id, (_price, _vat, family_id) in self.articles.items():
                given, from_family = own.get(article_id), inherited.get(family_id)
                if given is None and from_family is None:
                    continue
                ids = running & (given or nothing) | running & (from_family or nothing)
                if ids:
                    self.candidates[article_id] = tuple(sorted(ids))

        # The articles' rows in the lists: article -> list -> ((min_quantity, price), ...),
        # made _Tiers once used, but a single price (see `quote`).
        self.rows: dict[int, dict[int, Any]] = {}
        if self.lists and self.articles:
            self._read_prices(wanted_by)

    def _read_promotions(
        self, ids: list[int], customers: list[int], groups: list[int], languages: list[str]
    ) -> None:
        queries = self.queries
        # The promotions' ids are written four times in the statement (see `_promotions`).
        if queries.one_parameter or 4 * len(ids) + len(languages) <= CHUNK_SIZE // 2:
            statement, others = queries.promotions, {"promotions": ids, "languages": languages}
        else:
            statement, others = queries.running_promotions, {"languages": languages}
        targets = {"customers": customers, "groups": groups}
        rows = list(self._rows(statement, targets, others))
        for promotion_id, name, kind, percentage, fixed, everyone, *_ in rows:
            if kind is not None:
                self.promotions[promotion_id] = (name, kind, percentage, fixed)
                if everyone:
                    self.for_everyone.add(promotion_id)
        for promotion_id, name, kind, *_, group_id, customer_id, language in rows:
            if kind is not None or promotion_id not in self.promotions:
                continue
            if group_id is not None:
                self.for_group[group_id].add(promotion_id)
            elif customer_id is not None:
                self.for_customer[customer_id].add(promotion_id)
            elif language is not None:
                self.names[(promotion_id, language)] = name

    def _read_prices(self, wanted_by: Mapping[Shopper, set[tuple[int, int]]]) -> None:
        queries, ids, lists = self.queries, sorted(self.articles), sorted(self.lists)
        # Rows of lists no shopper wants them from are left out: for many shoppers, the
        # statement reads exactly the (list, article) pairs wanted ("pairs"); in batches of
        # ids (a SQLite without JSON functions), they are left out here ("needed").
        pairs: list[int] | None = None
        needed: dict[int, frozenset[int]] | None = None
        if len(wanted_by) > 1 and queries.one_parameter:
            articles_in: dict[int, set[int]] = defaultdict(set)
            for shopper, wanted in wanted_by.items():
                theirs = {article_id for article_id, _quantity in wanted}
                for list_id, _kind in self.ordered_lists(shopper):
                    articles_in[list_id] |= theirs
            # In the unique index's order: (list, article).
            pairs = [
                list_id << PAIR_SHIFT | article_id
                for list_id in sorted(articles_in)
                for article_id in sorted(articles_in[list_id])
            ]
        elif len(wanted_by) > 1:
            needed = {}
            for shopper, wanted in wanted_by.items():
                mine = frozenset(list_id for list_id, _kind in self.ordered_lists(shopper))
                for article_id, _quantity in wanted:
                    other = needed.get(article_id)
                    needed[article_id] = mine if other is None or other is mine else other | mine
        if pairs is not None:
            rows = self._rows(queries.prices_of_pairs, {"ids": ids}, {"pairs": pairs})
        elif not queries.one_parameter and len(lists) > CHUNK_SIZE // 2:
            rows = self._rows(queries.prices_in_every_list, {"ids": ids})
        else:
            by_pair = len(lists) <= FEW_LISTS and (
                queries.mode != "array" or len(ids) > MANY_ARTICLES
            )
            statement = queries.prices_by_pair if by_pair else queries.prices_by_article
            rows = self._rows(statement, {"ids": ids}, {"lists": lists})
        # Tuples, not lists: holding only numbers, they and the dicts holding them drop out
        # of the garbage collector's sight at its first pass.
        by_article, known = self.rows, self.lists
        for article_id, list_id, minimum, amount in rows:
            if needed is not None:
                if list_id not in needed.get(article_id, ()):
                    continue
            elif list_id not in known:
                continue
            by_list = by_article.get(article_id)
            if by_list is None:
                by_article[article_id] = {list_id: ((minimum, amount),)}
            else:
                by_list[list_id] = by_list.get(list_id, ()) + ((minimum, amount),)

    def _rows(
        self,
        statement: sa.Executable,
        any_of: dict[str, Sequence[Any]],
        others: dict[str, Sequence[Any]] | None = None,
    ) -> Iterator[sa.Row]:
        """The rows of `statement`, as they come, with the day, the `others` parameters and
        the lists of ids `any_of` (parameters a row needs only one of).

        In one statement, each list one parameter, but in "list" mode (see `_Queries`): then
        in batches of ids of `any_of`, so that no statement has more than CHUNK_SIZE bound
        parameters in all; a row of two batches comes twice."""
        if self.queries.mode == "list":
            return chain.from_iterable(self._batches(statement, any_of, others))
        mode = self.queries.mode
        parameters: dict[str, Any] = {"on": self.on}
        for name, values in {**(others or {}), **any_of}.items():
            if mode == "json":
                parameters[name] = json.dumps(list(values))
            elif name in _ID_LISTS:
                parameters[name] = "{" + ",".join(map(str, values)) + "}"
            else:
                parameters[name] = list(values)
        return _in_parts(self.connection.execute(statement, parameters))

    def _batches(
        self,
        statement: sa.Executable,
        any_of: dict[str, Sequence[Any]],
        others: dict[str, Sequence[Any]] | None,
    ) -> Iterator[Iterator[sa.Row]]:
        """The rows of `statement` in "list" mode (see `_rows`), batch by batch."""
        execute = self.connection.execute
        uses = self.queries.uses(statement)
        fixed: dict[str, Any] = {name: list(values) for name, values in (others or {}).items()}
        room = max(100, CHUNK_SIZE - sum(uses[name] * len(v) for name, v in fixed.items()))
        fixed["on"] = self.on
        batch: dict[str, list[Any]] = {name: [] for name in any_of}
        taken = 0
        for name, ids in any_of.items():
            for value in ids:
                if taken + uses[name] > room:
                    yield _in_parts(execute(statement, fixed | batch))
                    batch, taken = {key: [] for key in any_of}, 0
                batch[name].append(value)
                taken += uses[name]
        if taken or not any(any_of.values()):
            yield _in_parts(execute(statement, fixed | batch))

    def ordered_lists(self, shopper: Shopper) -> tuple[tuple[int, str], ...]:
        """(list, kind) of the shopper's lists, in the order they are tried."""
        # Keyed by what the order depends on, not by the shopper (hashing a Shopper hashes
        # all its fields): a customer without lists of its own orders them as the other
        # customers of its group on its price level.
        customer = shopper.customer_id
        if (0, customer) not in self.lists_for:
            customer = None
        whose = (customer, shopper.group_id, shopper.price_level_id)
        ordered = self._ordered_lists.get(whose)
        if ordered is not None:
            return ordered
        ranked = []
        seen: set[int] = set()
        for key in enumerate(whose):
            for list_id in self.lists_for.get(key, ()) if key[1] is not None else ():
                if list_id in seen:
                    continue
                seen.add(list_id)
                priority, customer_id, group_id, _level_id = self.lists[list_id]
                # The most specific of the list's targets that is the shopper's.
                if customer is not None and customer_id == customer:
                    kind = 0
                elif group_id is not None and group_id == shopper.group_id:
                    kind = 1
                else:
                    kind = 2
                ranked.append(((kind, -priority, -list_id), list_id))
        ranked.sort()
        ordered = tuple((list_id, LIST_KINDS[key[0]]) for key, list_id in ranked)
        self._ordered_lists[whose] = ordered
        return ordered

    def promotions_for(self, shopper: Shopper) -> frozenset[int]:
        """The promotions running for the shopper: for everyone, its group or itself."""
        own = self.for_customer.get(shopper.customer_id)
        # Shared by the shoppers of a group who have none of their own.
        key = (shopper.group_id, shopper.customer_id if own else None)
        mine = self._promotions_for.get(key)
        if mine is None:
            mine = frozenset(
                self.for_everyone.union(own or (), self.for_group.get(shopper.group_id, ()))
            )
            self._promotions_for[key] = mine
        return mine

    def promotion(self, promotion_id: int, language: str) -> _Promotion:
        """The promotion, named in `language`."""
        found = self._promotion_objects.get((promotion_id, language))
        if found is None:
            name, kind, percentage, fixed = self.promotions[promotion_id]
            name = self.names.get((promotion_id, language)) or name
            found = _Promotion(promotion_id, name, kind, percentage, fixed)
            self._promotion_objects[(promotion_id, language)] = found
        return found

    def quote(
        self,
        shopper: Shopper,
        wanted: Iterable[tuple[int, int]],
        quotes: dict[Any, Quote],
        *,
        by_customer: bool,
    ) -> None:
        """Put in `quotes` the Quote of each pair of `wanted` whose article exists, keyed by
        (article, quantity), or by (customer, article, quantity) when `by_customer`."""
        ordered = self.ordered_lists(shopper)
        applicable = self.promotions_for(shopper) if self.candidates else frozenset()
        language = shopper.language
        vat_exempt = shopper.vat_exempt
        customer_id = shopper.customer_id
        articles, all_rows, candidates = self.articles, self.rows, self.candidates
        promotion_of = self.promotion
        for article_id, quantity in wanted:
            article = articles.get(article_id)
            if article is None:
                continue
            base_price, vat_rate, _family_id = article
            list_price, source, tiers = base_price, "base", ()
            rows = all_rows.get(article_id)
            if rows:
                at = quantity if quantity > 0 else 1
                for list_id, kind in ordered:
                    found = rows.get(list_id)
                    if found is None:
                        continue
                    if found.__class__ is _Tiers:
                        amount = found.price_at(at)
                        if amount is not None:
                            list_price, source, tiers = amount, kind, found.shown
                            break
                    elif len(found) == 1:  # a single price, from its minimum quantity on
                        minimum, amount = found[0]
                        if at >= minimum:
                            list_price, source = amount, kind
                            break
                    else:
                        found = rows[list_id] = _Tiers.of(found)
                        amount = found.price_at(at)
                        if amount is not None:
                            list_price, source, tiers = amount, kind, found.shown
                            break
            price_now, promotion = list_price, None
            if article_id in candidates:
                for promotion_id in candidates[article_id]:
                    if promotion_id in applicable:
                        candidate = promotion_of(promotion_id, language)
                        promoted = candidate.price(list_price)
                        if promoted is not None and promoted < price_now:
                            price_now, promotion = promoted, candidate
            quote = Quote(
                article_id,
                quantity,
                list_price,
                price_now,
                source,
                promotion.id if promotion else None,
                promotion.name if promotion else None,
                tiers,
                ZERO if vat_exempt or vat_rate is None else vat_rate,
            )
            if by_customer:
                quotes[(customer_id, article_id, quantity)] = quote
            else:
                quotes[(article_id, quantity)] = quote
