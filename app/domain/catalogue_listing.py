"""The catalogue's listing, kept in memory: every active main article with what decides who sees
it and where it comes in each order a buyer may sort by.

A catalogue page needs, for one customer, how many articles it sees and which 48 come at its
page. Asked of the database on a catalogue of 100,000 articles, that is tens of thousands of
rows read and checked for each page: a count, then a sorted walk. Yet what the answer is made
of is the same for every customer (each article's status, family, brand, season, tags and sort
keys) and changes only when the seller changes the catalogue, seldom compared to how often it
is browsed. So each process keeps it as arrays (numpy), read once per version of the catalogue,
and a customer's page is a few vectorised filters over them: well under a millisecond.

The version is the token of the `catalogue_version` row, which triggers change in every
transaction changing the articles, their names, tags, brands, families or catalogues
(migrations d41c7a9e0b52 and 7f3b2c9d4e15), so an import's bulk statements or a script count as
much as the back office. Each page reads the
token (one row by primary key) and uses the listing built for it, building it on first use:
a few hundred milliseconds on 100,000 articles, once per process after each change. What is
particular to a customer (visible catalogues, exclusions, its tag / season / brand lists) is
not kept here; app/domain/visibility.py reads it for each page. What the articles' cards and
the catalogues' list show (app/domain/catalogue_cards.py), and the texts buyers search by
(app/domain/catalogue_search.py), are kept with the listing too.

Within a transaction that has itself changed the catalogue, a PostgreSQL token changes only at
commit; such a session (marked in its `info` under CHANGED) gets a listing of its own, not kept.
"""

from __future__ import annotations

import itertools
import threading
from collections import OrderedDict
from collections.abc import Iterable

import numpy as np
import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session, aliased

from app.domain.catalogue_cards import Cards, ListedCatalogue, read_catalogues
from app.domain.catalogue_search import CatalogueSearch
from app.domain.search import has_translated_names
from app.generated.models import (
    Article,
    ArticleTag,
    ArticleTranslation,
    Brand,
    Catalogue,
    CatalogueTranslation,
    Family,
)
from app.generated.models._associations import article_tag_articles
from app.unmodelled import CATALOGUE_VERSION

# Listings kept per process: the current one, and the previous one still in use by a request
# that began before a change.
KEPT = 2
# Session.info key: this session flushed changes to the catalogue in its open transaction.
CHANGED = "catalogue_changed"
_WATCHED = (
    Article,
    ArticleTranslation,
    ArticleTag,
    Brand,
    Catalogue,
    CatalogueTranslation,
    Family,
)
_WATCHED_TABLES = frozenset(
    (*(model.__tablename__ for model in _WATCHED), article_tag_articles.name)
)

# Answers kept per listing (family visibility, a customer's sorted articles), the least recently
# used dropped first: customers with the same facts (the same group, no exclusions of their own)
# share theirs. A customer's sorted list of 100,000 articles is 400 kB, so at most some 13 MB
# per process on such a catalogue.
KEPT_PER_LISTING = 32
# A family tree deeper than this is a cycle typed by mistake, not a catalogue.
MAX_FAMILY_DEPTH = 32

_kept: OrderedDict[tuple[str, str], Listing] = OrderedDict()
_kept_lock = threading.Lock()


class Listing:
    """The active main articles of one version of the catalogue, by ascending id, with their
    family, brand and season (0 where none: ids start at 1), and their orders once asked for."""

    def __init__(self, rows: list, families: list):
        # fromiter over the flattened rows: np.array would inspect each row as a sequence, a
        # hundred times slower.
        flat = itertools.chain.from_iterable(rows)
        columns = np.fromiter(flat, dtype=np.int64, count=4 * len(rows)).reshape(-1, 4)
        self.ids = np.ascontiguousarray(columns[:, 0])
        self.family = np.ascontiguousarray(columns[:, 1])
        self.brand = np.ascontiguousarray(columns[:, 2])
        self.season = np.ascontiguousarray(columns[:, 3])
        # Every family: id -> (parent id, its own catalogue id).
        self.families: dict[int, tuple[int | None, int | None]] = {
            ident: (parent, catalogue) for ident, parent, catalogue in families
        }
        self.children: dict[int | None, list[int]] = {}
        for ident, (parent, _catalogue) in self.families.items():
            self.children.setdefault(parent, []).append(ident)
        self._orders: dict[tuple[str, str], np.ndarray] = {}
        self._tagged: dict[int, np.ndarray] = {}
        self._visibility: _Kept = _Kept(KEPT_PER_LISTING)
        self._listed: _Kept = _Kept(KEPT_PER_LISTING)
        self._lock = threading.Lock()
        # What the articles' cards show, read as pages ask for them.
        self.cards = Cards()
        self._catalogues: list[ListedCatalogue] | None = None
        # What buyers search them by, read on the first search.
        self.search = CatalogueSearch(LISTED)

    def family_visibility(
        self, catalogues: frozenset[int], excluded: frozenset[int]
    ) -> tuple[dict[int, int | None], frozenset[int]]:
        """Every family's catalogue (its own, else the nearest above it: None when none), and
        the families visible where `catalogues` are visible and `excluded` families (with
        every family below them) are not.

        Top down from the top families: a family in a cycle is reached from none of them, and
        is never visible.
        """
        found = self._visibility.get((catalogues, excluded))
        if found is not None:
            return found
        own, children = self.families, self.children
        family_catalogue: dict[int, int | None] = {}
        visible: set[int] = set()
        stack = [(f, None, False, 0) for f in children.get(None, [])]
        while stack:
            ident, inherited, hidden, depth = stack.pop()
            catalogue = own[ident][1] or inherited
            hidden = hidden or ident in excluded
            family_catalogue[ident] = catalogue
            if catalogue in catalogues and not hidden:
                visible.add(ident)
            if depth < MAX_FAMILY_DEPTH:
                stack.extend((k, catalogue, hidden, depth + 1) for k in children.get(ident, []))
        for ident in own.keys() - family_catalogue.keys():
            family_catalogue[ident] = None
        found = (family_catalogue, frozenset(visible))
        self._visibility.put((catalogues, excluded), found)
        return found

    def catalogues(self, session: Session) -> list[ListedCatalogue]:
        """Every catalogue, in the order they are listed (read on first use)."""
        if self._catalogues is None:
            found = read_catalogues(session)
            with self._lock:
                if self._catalogues is None:
                    self._catalogues = found
        return self._catalogues

    def listed(
        self,
        session: Session,
        sort: str,
        language: str,
        *,
        families: frozenset[int],
        excluded: frozenset[int] = frozenset(),
        tags: frozenset[int] = frozenset(),
        brands: frozenset[int] = frozenset(),
        seasons: frozenset[int] = frozenset(),
        among: Iterable[int] | None = None,
    ) -> np.ndarray:
        """The ids of the articles `chosen` keeps, in the order `sort` asks for (see
        `in_order`). Without `among` (a search's matches), the answer is kept for the next page
        of a customer with the same facts."""
        key = (sort, language, families, excluded, tags, brands, seasons)
        if among is None:
            found = self._listed.get(key)
            if found is not None:
                return found
        mask = self.chosen(
            session,
            families=families,
            excluded=excluded,
            tags=tags,
            brands=brands,
            seasons=seasons,
            among=among,
        )
        listed = self.in_order(session, mask, sort, language)
        if among is None:
            # Shared by every page that asks again: no caller may change it.
            listed.flags.writeable = False
            self._listed.put(key, listed)
        return listed

    def chosen(
        self,
        session: Session,
        *,
        families: Iterable[int],
        excluded: Iterable[int] = (),
        tags: Iterable[int] = (),
        brands: Iterable[int] = (),
        seasons: Iterable[int] = (),
        among: Iterable[int] | None = None,
    ) -> np.ndarray:
        """Which articles are listed (a mask over `ids`): in one of `families`, not among
        `excluded`, with one of `tags`, a brand of `brands` and a season of `seasons` (each of
        these three restricting only when given), and among the ids `among` when given."""
        mask = _within(self.family, families)
        for column, ids in ((self.brand, brands), (self.season, seasons)):
            ids = list(ids)
            if ids:
                mask &= _within(column, ids)
        tags = sorted(set(tags))
        if tags:
            mask &= self._with_tags(session, tags)
        excluded = list(excluded)
        if excluded:
            mask[_listed(self, excluded)] = False
        if among is not None:
            kept = np.zeros(len(self.ids), dtype=bool)
            kept[_listed(self, among)] = True
            mask &= kept
        return mask

    def in_order(self, session: Session, mask: np.ndarray, sort: str, language: str) -> np.ndarray:
        """The ids `mask` keeps, in the order `sort` asks for ("name", "-name", "sku" or
        "newest"; anything else is by name) in `language`."""
        descending = sort == "-name"
        order = self._order(session, "name" if sort not in ("sku", "newest") else sort, language)
        if descending:
            order = order[::-1]
        return self.ids[order[mask[order]]].astype(np.int32)

    def _order(self, session: Session, sort: str, language: str) -> np.ndarray:
        key = (sort, language if sort == "name" and has_translated_names(language) else "")
        order = self._orders.get(key)
        if order is None:
            with self._lock:
                order = self._orders.get(key)
                if order is None:
                    ids = session.scalars(_ordered(sort, key[1])).all()
                    order = self._orders[key] = _listed(self, ids).astype(np.int32)
        return order

    def _with_tags(self, session: Session, tags: list[int]) -> np.ndarray:
        missing = [t for t in tags if t not in self._tagged]
        if missing:
            links = article_tag_articles.c
            found: dict[int, list[int]] = {t: [] for t in missing}
            for tag, article in session.execute(
                sa.select(links.article_tag_id, links.article_id).where(
                    links.article_tag_id.in_(missing)
                )
            ):
                found[tag].append(article)
            for tag, articles in found.items():
                self._tagged[tag] = _listed(self, articles)
        mask = np.zeros(len(self.ids), dtype=bool)
        for tag in tags:
            mask[self._tagged[tag]] = True
        return mask


class _Kept:
    """A few answers kept by key, the least recently used dropped first (thread-safe)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            found = self._items.get(key)
            if found is not None:
                self._items.move_to_end(key)
            return found

    def put(self, key, value) -> None:
        with self._lock:
            self._items[key] = value
            while len(self._items) > self.size:
                self._items.popitem(last=False)


def _listed(listing: Listing, article_ids: Iterable[int]) -> np.ndarray:
    """The positions in `listing.ids` of those of `article_ids` it holds, in their order."""
    wanted = np.fromiter(article_ids, dtype=np.int64)
    if not len(listing.ids) or not len(wanted):
        return np.zeros(0, dtype=np.intp)
    found = np.minimum(np.searchsorted(listing.ids, wanted), len(listing.ids) - 1)
    return found[listing.ids[found] == wanted]


def _within(column: np.ndarray, ids: Iterable[int]) -> np.ndarray:
    """A mask of the rows whose `column` is one of `ids` (0, no value, never is)."""
    wanted = np.fromiter(ids, dtype=np.int64)
    if not len(wanted) or not len(column):
        return np.zeros(len(column), dtype=bool)
    # A lookup table indexed by id: one pass over the column, whatever the number of ids.
    table = np.zeros(max(int(column.max()), int(wanted.max())) + 1, dtype=bool)
    table[wanted[wanted > 0]] = True
    return table[column]


VERSION = sa.table(CATALOGUE_VERSION, sa.column("token", sa.String))


def current(session: Session, token: str | None = None) -> Listing:
    """The listing of the catalogue as `session` sees it; `token` is the catalogue's version
    when the caller read it already (in a statement of its own, see `VERSION`)."""
    if session.info.get(CHANGED):
        return _read(session)
    if token is None:
        token = session.scalar(sa.select(VERSION.c.token))
    key = (session.get_bind().url.render_as_string(hide_password=True), token)
    with _kept_lock:
        listing = _kept.get(key)
        if listing is not None:
            _kept.move_to_end(key)
            return listing
    listing = _read(session)
    with _kept_lock:
        _kept[key] = listing
        while len(_kept) > KEPT:
            _kept.popitem(last=False)
    return listing


def forget() -> None:
    """Drop the listings kept: the next page reads the catalogue again (for the benchmarks)."""
    with _kept_lock:
        _kept.clear()


# The articles a listing holds: the active main articles (variants show through them).
LISTED = sa.and_(Article.status == "active", Article.parent_id.is_(None))


def _read(session: Session) -> Listing:
    article = Article.__table__.c
    rows = session.execute(
        sa.select(
            article.id,
            sa.func.coalesce(article.family_id, 0),
            sa.func.coalesce(article.brand_id, 0),
            sa.func.coalesce(article.season_id, 0),
        )
        .where(LISTED)
        .order_by(article.id)
    ).all()
    family = Family.__table__.c
    families = session.execute(sa.select(family.id, family.parent_id, family.catalogue_id)).all()
    return Listing(rows, families)


def _ordered(sort: str, language: str) -> sa.Select:
    """The listed articles' ids in the order `sort` ("name", "sku" or "newest") asks for,
    sorted by the database (its collation decides the order of names)."""
    statement = sa.select(Article.id).where(LISTED)
    key = sort_column(sort)
    if sort == "name" and language:
        mine = aliased(ArticleTranslation)
        statement = statement.outerjoin(
            mine, sa.and_(mine.article_id == Article.id, mine.language == language)
        )
        key = name_in(mine)
    newest = sort == "newest"
    return statement.order_by(*in_order([key], newest, nulls_last=newest))


def sort_column(sort: str):
    """The column a sort orders by: "sku", "newest" (the publication date), else the name."""
    return {"sku": Article.sku, "newest": Article.publication_date}.get(sort, Article.name)


def name_in(translation) -> sa.ColumnElement:
    """The name a buyer reads and sorts by, given the article's translation row (outer
    joined): the translated name when there is one, else the default name."""
    return sa.func.coalesce(sa.func.nullif(translation.name, ""), Article.name)


def in_order(keys: list, descending: bool, ident=Article.id, *, nulls_last=False) -> list:
    """ORDER BY `keys` then `ident`, all ascending or all descending.

    NULLS LAST only where asked: on a NOT NULL column it would keep PostgreSQL from reading a
    plain index backwards.
    """
    keys = [k.desc() if descending else k for k in keys]
    if nulls_last:
        keys = [k.nulls_last() for k in keys]
    return [*keys, ident.desc() if descending else ident]


@event.listens_for(Session, "after_flush")
def _note_catalogue_changes(session: Session, _context) -> None:
    if session.info.get(CHANGED):
        return
    for instance in (*session.new, *session.dirty, *session.deleted):
        if isinstance(instance, _WATCHED):
            session.info[CHANGED] = True
            return


@event.listens_for(Session, "do_orm_execute")
def _note_catalogue_statements(state) -> None:
    # An UPDATE, INSERT or DELETE run through the session (not a flush) on a watched table.
    if state.is_update or state.is_insert or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) in _WATCHED_TABLES:
            state.session.info[CHANGED] = True


@event.listens_for(Session, "after_transaction_end")
def _forget_catalogue_changes(session: Session, transaction) -> None:
    # The outermost transaction only: a savepoint released or rolled back leaves the changes
    # before it in the transaction still open.
    if transaction.parent is None:
        session.info.pop(CHANGED, None)
