"""What a customer sees in the catalogue and what it may order.

An article is visible to a customer when:

- its status is ``active`` (drafts and hidden articles never show; discontinued ones no longer do);
- it belongs to a family whose catalogue is public or linked to the customer's group. A family
  without a catalogue of its own takes its parent family's; a variant without a family takes its
  parent article's;
- neither the article nor its family, nor any family above it, is excluded for the customer or
  for its group;
- where the customer has visible tags, seasons or brands, one of the article's tags, its season and
  its brand are among them (each list restricts only when it is not empty);
- for a variant (an article with a parent), its parent article is visible too. Variants are shown
  through their parent: the catalogue lists main articles only, while `article_for` and
  `visible_article_ids` accept visible variants.

The rule is built three times from the same pieces. `visible_article_condition` is pure SQL
(subqueries on the customer's id), usable in any statement without a session.
`selection_page` first reads the customer's few facts (catalogues, exclusions, tag/season/brand
lists) in one small query and passes them as literal id lists, so the page query is a plain
indexed filter rather than subqueries per row. `catalogue_page` applies the same facts to the
catalogue's listing kept in memory (app/domain/catalogue_listing.py): on a large catalogue,
counting and sorting what a customer sees is then no longer a walk through the article table.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session, aliased, joinedload, lazyload, selectinload
from sqlalchemy.sql.functions import FunctionElement

from app.domain import catalogue_listing
from app.domain.catalogue_cards import Card, ListedCatalogue
from app.domain.catalogue_listing import (
    MAX_FAMILY_DEPTH,
    Listing,
    in_order,
    name_in,
    sort_column,
)
from app.domain.search import has_translated_names, search_condition
from app.domain.shopper import Shopper
from app.domain.translations import translated
from app.generated.models import (
    Article,
    ArticlePhoto,
    ArticleTranslation,
    Catalogue,
    Customer,
    Exclusion,
    Family,
    ProductType,
    Selection,
)
from app.generated.models._associations import (
    article_tag_articles,
    customer_group_catalogues,
    customer_purchasable_articles,
    customer_purchasable_product_types,
    customer_visible_brands,
    customer_visible_seasons,
    customer_visible_tags,
    selection_articles,
    selection_groups,
)

SORTS = ("name", "-name", "sku", "newest")
MAX_PER_PAGE = 500
# Up to this many rows (the page's end), a translated-name sort reads the translated names once
# and looks them up again by id; deeper, it walks them twice rather than send as many ids.
MAX_WALKED_ONCE = 2000


@dataclass
class CataloguePage:
    """One page of visible articles (their cards) and how many there are in all."""

    articles: list[Card]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        """The number of pages (at least 1, so "page 1 of 1" reads right when empty)."""
        return max(1, -(-self.total // self.per_page))


# --- the rule, as SQL on the customer's id -----------------------------------------------------


def visible_article_condition(shopper: Shopper, *, article=Article) -> sa.ColumnElement[bool]:
    """The WHERE clause keeping the articles `shopper` may see (main articles and variants).

    Pure SQL on the shopper's customer and group ids, so it fits any statement over `Article`
    (or the alias given as `article`). The catalogue lists only main articles: add
    ``Article.parent_id.is_(None)`` for a listing.
    """
    return _visible(_SqlScope(shopper), article)


def visible_article_ids(session: Session, shopper: Shopper, article_ids: Iterable[int]) -> set[int]:
    """Which of `article_ids` `shopper` may see (variants included), in one query."""
    ids = {int(i) for i in article_ids}
    if not ids:
        return set()
    statement = _visible_ids_statement(shopper.group_id is not None)
    return set(session.scalars(statement, {"article_ids": sorted(ids), **_scope_values(shopper)}))


@functools.cache
def _visible_ids_statement(with_group: bool) -> sa.Select:
    """`visible_article_ids`'s query, built once per shape (the customer in a group or not) on
    bound parameters: building the rule's subqueries and their cache key again on every call
    costs more than running the query on a cart's articles."""
    scope = _SqlScope(_ShopperParameters(with_group))
    return sa.select(Article.id).where(
        Article.id.in_(sa.bindparam("article_ids", expanding=True)), _visible(scope, Article)
    )


@dataclass(frozen=True)
class _ShopperParameters:
    """Stands for a shopper in a statement built once: its ids are bound parameters, given by
    `_scope_values` when the statement runs. Only the ids `_SqlScope` reads are here."""

    with_group: bool

    @property
    def customer_id(self):
        return sa.bindparam("scope_customer_id", type_=sa.Integer)

    @property
    def group_id(self):
        return sa.bindparam("scope_group_id", type_=sa.Integer) if self.with_group else None


def _scope_values(shopper: Shopper) -> dict[str, int]:
    values = {"scope_customer_id": shopper.customer_id}
    if shopper.group_id is not None:
        values["scope_group_id"] = shopper.group_id
    return values


def article_for(
    session: Session, shopper: Shopper, article_id_or_slug: int | str
) -> Article | None:
    """The article with this id (or slug) when `shopper` may see it, else None.

    Loads what the article page shows (translations, photos, variants, related articles) with it.
    The article is read first and its visibility asked after, each by a statement built once:
    the rule written into the article's statement would be built, and its cache key computed,
    on every call, which costs more than the page's other statements.
    """
    by_id = isinstance(article_id_or_slug, int)
    article = session.scalars(_article_page_statement(by_id), {"key": article_id_or_slug}).first()
    if article is None or not visible_article_ids(session, shopper, [article.id]):
        return None
    return article


@functools.cache
def _article_page_statement(by_id: bool) -> sa.Select:
    """`article_for`'s query, by id or by slug, built once: its loader options made building it
    and its cache key cost more than running it.

    What the page shows and no more: the article's family and brand, its photos, its variants
    and related articles by name. The model's eager loads would bring each one's season and
    product type, and each variant's family, brand and catalogue, with all their translations:
    half the page's statements. Anything else asked for is read when asked."""
    key = Article.id if by_id else Article.slug
    shown_by_name = (
        lazyload(Article.family),
        lazyload(Article.brand),
        lazyload(Article.season),
        lazyload(Article.product_type),
    )
    return (
        sa.select(Article)
        .where(key == sa.bindparam("key"))
        .options(
            joinedload(Article.family).lazyload(Family.catalogue),
            lazyload(Article.season),
            lazyload(Article.product_type),
            selectinload(Article.photos).lazyload(ArticlePhoto.article),
            selectinload(Article.variants).options(*shown_by_name),
            selectinload(Article.related_articles).options(*shown_by_name),
        )
    )


# --- catalogues and families --------------------------------------------------------------------


def visible_catalogues(session: Session, shopper: Shopper) -> list[ListedCatalogue]:
    """The catalogues `shopper` sees (public or linked to its group), by position then name:
    which ones from the customer's facts, their names from the catalogue's listing."""
    facts = _Facts.read(session, shopper)
    return [c for c in facts.listing.catalogues(session) if c.id in facts.catalogue_ids]


def catalogue_families(session: Session, shopper: Shopper, catalogue_id: int) -> list[Family]:
    """The families of a catalogue `shopper` sees, in tree order (each family before its
    sub-families; siblings by position then name).

    Excluded families and their sub-families are left out. Each family gets a ``depth``
    attribute (0 for a top family) for indenting the tree.
    """
    facts = _Facts.read(session, shopper)
    wanted = [f for f in facts.visible_family_ids if facts.family_catalogue.get(f) == catalogue_id]
    if not wanted:
        return []
    families = {f.id: f for f in session.scalars(sa.select(Family).where(Family.id.in_(wanted)))}
    children: dict[int | None, list[Family]] = {}
    for family in families.values():
        parent = family.parent_id if family.parent_id in families else None
        children.setdefault(parent, []).append(family)
    ordered: list[Family] = []
    stack = [(f, 0) for f in reversed(_by_position(children.get(None, [])))]
    while stack:
        family, depth = stack.pop()
        family.depth = depth
        ordered.append(family)
        stack.extend((c, depth + 1) for c in reversed(_by_position(children.get(family.id, []))))
    return ordered


def _by_position(families: list[Family]) -> list[Family]:
    return sorted(families, key=lambda f: (f.position or 0, f.name or "", f.id))


# --- pages of articles --------------------------------------------------------------------------


def catalogue_page(
    session: Session,
    shopper: Shopper,
    *,
    catalogue_id: int | None = None,
    family_id: int | None = None,
    search: str | None = None,
    sort: str = "name",
    page: int = 1,
    per_page: int = 48,
) -> CataloguePage:
    """One page of the main articles `shopper` sees, with the total for paging.

    `catalogue_id` and `family_id` (which includes its sub-families) narrow the list; `search`
    matches a part of the name (in the shopper's language or the default one, ignoring case), the
    start of the SKU, or the whole EAN / ISBN (hyphens and spaces ignored, ISBN-10 or -13).
    `sort` is one of SORTS ("name", "-name", "sku", "newest"; anything else sorts by name).

    The articles are their cards (app/domain/catalogue_cards.py), kept with the listing.
    A bounded number of queries whatever the page size: the customer's facts with the
    catalogue's version, and the cards not yet kept. The search (app/domain/catalogue_search.py),
    the count and the sort are made on the catalogue's listing.
    """
    facts = _Facts.read(session, shopper)
    listing = facts.listing
    families = facts.visible_family_ids
    if catalogue_id is not None:
        families = {f for f in families if facts.family_catalogue.get(f) == catalogue_id}
    if family_id is not None:
        families = families & facts.family_and_descendants(family_id)
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    page = max(1, int(page))
    searched = (search or "").strip()
    listed = listing.listed(
        session,
        sort,
        shopper.language,
        families=frozenset(families),
        excluded=frozenset(facts.excluded_article_ids),
        tags=frozenset(facts.lists["tag"]),
        brands=frozenset(facts.lists["brand"]),
        seasons=frozenset(facts.lists["season"]),
        among=listing.search.matching(session, searched, shopper.language) if searched else None,
    )
    offset = (page - 1) * per_page
    ids = [int(i) for i in listed[offset : offset + per_page]]
    return CataloguePage(
        articles=listing.cards.of(session, ids), total=len(listed), page=page, per_page=per_page
    )


def visible_selections(session: Session, shopper: Shopper) -> list[Selection]:
    """The selections `shopper` sees: active, within their dates on `shopper.today`, and linked
    to its group or to no group at all; the most recent first."""
    return list(
        session.scalars(
            sa.select(Selection)
            .where(_selection_is_visible(shopper))
            .order_by(Selection.valid_from.desc().nulls_last(), Selection.name, Selection.id)
        )
    )


def selection_page(
    session: Session,
    shopper: Shopper,
    selection_id: int,
    *,
    search: str | None = None,
    sort: str = "name",
    page: int = 1,
    per_page: int = 100,
) -> CataloguePage:
    """One page of a selection's articles that `shopper` sees (variants included when the
    selection names them); empty when the selection itself is not visible to `shopper`.

    Search and sort as in `catalogue_page`.
    """
    facts = _Facts.read(session, shopper)
    selection_visible = sa.exists(
        sa.select(1).where(Selection.id == selection_id, _selection_is_visible(shopper))
    )
    conditions = [
        Article.id.in_(
            sa.select(selection_articles.c.article_id).where(
                selection_articles.c.selection_id == selection_id
            )
        ),
        selection_visible,
        _visible(_LiteralScope(facts), Article),
    ]
    return _page(
        session, shopper, facts.listing, conditions, conditions, search, sort, page, per_page
    )


def _page(
    session, shopper, listing, count_where, page_where, search, sort, page, per_page
) -> CataloguePage:
    """Count, then load one sorted page with what a card shows.

    The page's ids are found on the article rows alone; only those rows are then joined to what
    a card shows (a planner could otherwise join every candidate before sorting). A search reads
    every candidate anyway, so it counts its matches in the same pass (a window count).
    """
    per_page = min(max(1, int(per_page)), MAX_PER_PAGE)
    page = max(1, int(page))
    offset = (page - 1) * per_page
    language = shopper.language
    matched = search_condition(session, search, language)
    if matched is None:
        total = session.scalar(sa.select(sa.func.count()).select_from(Article).where(*count_where))
        if not total or offset >= total:
            return CataloguePage(articles=[], total=total or 0, page=page, per_page=per_page)
        keys = _page_keys(session, page_where, sort, language, offset + per_page)
        ids = [row.id for row in session.execute(keys.offset(offset).limit(per_page))]
    else:
        where = [*page_where, matched]
        keys = _sorted_matches(where, sort, language)
        rows = session.execute(keys.offset(offset).limit(per_page)).all()
        ids = [row.id for row in rows]
        if rows:
            total = rows[0].total
        else:  # past the last page: count on its own
            total = session.scalar(
                sa.select(sa.func.count()).select_from(Article).where(*count_where, matched)
            )
    return CataloguePage(
        articles=listing.cards.of(session, ids), total=total or 0, page=page, per_page=per_page
    )


def _page_keys(session: Session, where, sort: str, language: str, first: int) -> sa.Select:
    """The ids (column id) of the articles meeting `where` in the order `sort` asks for, each
    order followed along an index rather than sorting every visible article.

    "newest" is by publication date (undated articles last), then the most recent id. The name
    in a language kept in translation rows is the merge of two streams, each read along its own
    index: the translated names, and the default names of the articles without one (only up to
    the last translated name the page can reach, so a sparse stream is not read to its end).
    """
    descending = sort in ("-name", "newest")
    if sort in ("sku", "newest") or not has_translated_names(language):
        return _keyed(where, sort_column(sort), descending, nulls_last=sort == "newest")
    mine = aliased(ArticleTranslation)
    is_mine = sa.and_(mine.article_id == Article.id, mine.language == language, mine.name != "")
    translated = _keyed(where, mine.name, descending).join(mine, is_mine).limit(first)
    if first <= MAX_WALKED_ONCE:
        # The translated stream is walked once, here: its rows bound the other stream, and the
        # merge below finds them again by id instead of walking (and filtering) a second time.
        rows = session.execute(translated).all()
        reach = rows[-1].key if len(rows) == first else None
        translated = (
            sa.select(Article.id.label("id"), mine.name.label("key"))
            .join(mine, is_mine)
            .where(Article.id.in_([row.id for row in rows]))
        )
    else:
        reach = session.scalar(
            translated.with_only_columns(mine.name).limit(None).offset(first - 1).limit(1)
        )
    untranslated = _keyed(
        [*where, ~sa.exists(sa.select(1).where(is_mine))], Article.name, descending
    )
    if reach is not None:
        untranslated = untranslated.where(
            Article.name >= reach if descending else Article.name <= reach
        )
    streams = [
        sa.select(part.c.id, part.c.key)
        for part in (translated.subquery(), untranslated.limit(first).subquery())
    ]
    merged = sa.union_all(*streams).subquery("merged_names")
    return sa.select(merged.c.id).order_by(*in_order([merged.c.key], descending, merged.c.id))


def _sorted_matches(where, sort: str, language: str) -> sa.Select:
    """The ids of the articles a search matched (column id) sorted as `sort` asks, each with
    the number of matches (column total), counted in the same pass.

    The matches are gathered in a subquery and sorted outside it, so no planner walks a sort
    index to its end looking for a few rare matches.
    """
    descending = sort in ("-name", "newest")
    key = sort_column(sort)
    matches = sa.select(Article.id.label("id")).where(*where)
    if sort in ("name", "-name") and has_translated_names(language):
        mine = aliased(ArticleTranslation)
        matches = matches.outerjoin(
            mine, sa.and_(mine.article_id == Article.id, mine.language == language)
        )
        key = name_in(mine)
    found = matches.add_columns(key.label("key"), sa.func.count().over().label("total")).subquery(
        "matches"
    )
    return sa.select(found.c.id, found.c.total).order_by(
        *in_order([found.c.key], descending, found.c.id, nulls_last=sort == "newest")
    )


def _keyed(where, key, descending: bool, *, nulls_last: bool = False) -> sa.Select:
    """The ids and keys (columns id, key) of the articles meeting `where`, ordered by key."""
    return (
        sa.select(Article.id.label("id"), key.label("key"))
        .where(*where)
        .order_by(*in_order([key], descending, nulls_last=nulls_last))
    )


# --- ordering -----------------------------------------------------------------------------------


def is_pre_order(article: Article, today: datetime.date) -> bool:
    """Whether `article` is not yet available on `today`: it may be ordered and ships from its
    available_from date."""
    return article.available_from is not None and article.available_from > today


def purchase_problem(shopper: Shopper, article: Article, *, session: Session) -> str | None:
    """Why `shopper` may not order `article` (a translated sentence), or None when it may.

    Checks the article's status and the customer's purchasable scope (all visible articles, some
    product types, or a list of articles). Visibility itself is `article_for`'s concern.
    """
    return purchase_problems(session, shopper, [article])[article.id]


def purchase_problems(
    session: Session, shopper: Shopper, articles: Iterable[Article]
) -> dict[int, Any]:
    """`purchase_problem` for many articles at once, in one query: article id -> message or None.

    A variant counts as listed when it or its main article is among the customer's purchasable
    articles; a variant without a product type takes its main article's.
    """
    articles = list(articles)
    if not articles:
        return {}
    rows = session.execute(
        _PURCHASE_FACTS,
        {"article_ids": sorted({a.id for a in articles}), "scope_customer_id": shopper.customer_id},
    ).all()
    facts = {row[0]: row[1:] for row in rows}
    return {
        article.id: _problem(
            session, shopper, article, *facts.get(article.id, (None, False, False, "all"))
        )
        for article in articles
    }


def _purchase_facts() -> sa.Select:
    """Per article: its product type (its main article's for a variant without one), whether
    the customer may order that type, whether it (or its main article) is among the customer's
    articles, and the customer's purchasable scope. Built once, on bound parameters."""
    c = sa.bindparam("scope_customer_id", type_=sa.Integer)
    parent = aliased(Article)
    kind = sa.func.coalesce(Article.product_type_id, parent.product_type_id)
    types = customer_purchasable_product_types.c
    listed = customer_purchasable_articles.c
    return (
        sa.select(
            Article.id,
            kind,
            sa.exists(sa.select(1).where(types.customer_id == c, types.product_type_id == kind)),
            sa.exists(
                sa.select(1).where(
                    listed.customer_id == c,
                    listed.article_id.in_([Article.id, sa.func.coalesce(Article.parent_id, -1)]),
                )
            ),
            sa.select(Customer.purchasable).where(Customer.id == c).scalar_subquery(),
        )
        .outerjoin(parent, parent.id == Article.parent_id)
        .where(Article.id.in_(sa.bindparam("article_ids", expanding=True)))
    )


_PURCHASE_FACTS = _purchase_facts()


def _problem(
    session, shopper, article, type_id, type_allowed, article_allowed, scope
) -> str | None:
    if article.status == "discontinued":
        return _("This article is discontinued and can no longer be ordered.")
    if article.status != "active":
        return _("This article cannot be ordered.")
    if scope == "product_types" and not type_allowed:
        if type_id is None:
            return _("Your account may order some kinds of product only, not this article.")
        kind = session.get(ProductType, type_id)
        return _(
            "Your account may not order this kind of product (%(kind)s).",
            kind=translated(kind, "name", shopper.language),
        )
    if scope == "articles" and not article_allowed:
        return _("This article is not among the articles your account may order.")
    return None


# --- the pieces of the rule ---------------------------------------------------------------------


def _catalogue_is_visible(shopper: Shopper) -> sa.ColumnElement[bool]:
    visible = [Catalogue.is_public.is_(True)]
    if shopper.group_id is not None:
        visible.append(
            Catalogue.id.in_(
                sa.select(customer_group_catalogues.c.catalogue_id).where(
                    customer_group_catalogues.c.customer_group_id == shopper.group_id
                )
            )
        )
    return sa.or_(*visible)


def _selection_is_visible(shopper: Shopper) -> sa.ColumnElement[bool]:
    today = shopper.today
    linked = sa.select(1).where(selection_groups.c.selection_id == Selection.id)
    for_everyone = ~sa.exists(linked)
    groups = [for_everyone]
    if shopper.group_id is not None:
        groups.append(
            sa.exists(linked.where(selection_groups.c.customer_group_id == shopper.group_id))
        )
    return sa.and_(
        Selection.is_active.is_(True),
        sa.or_(Selection.valid_from.is_(None), Selection.valid_from <= today),
        sa.or_(Selection.valid_to.is_(None), Selection.valid_to >= today),
        sa.or_(*groups),
    )


def _exclusions_of(shopper, column) -> sa.Select:
    """The ids in `column` (Exclusion.article_id or family_id) excluded for the customer or its
    group."""
    whose = [Exclusion.customer_id == shopper.customer_id]
    if shopper.group_id is not None:
        whose.append(Exclusion.group_id == shopper.group_id)
    return sa.select(column).where(column.is_not(None), sa.or_(*whose))


def _visible(scope, article) -> sa.ColumnElement[bool]:
    """Main article: its own rules and family. Variant: its own rules, its family (its main
    article's when it has none), and a visible main article."""
    parent = aliased(Article)
    return sa.and_(
        *_listed_rules(scope, article),
        sa.or_(
            sa.and_(article.parent_id.is_(None), scope.family_visible(article.family_id)),
            sa.exists(
                sa.select(1).where(
                    parent.id == article.parent_id,
                    *_listed_rules(scope, parent),
                    scope.family_visible(parent.family_id),
                    scope.family_visible(sa.func.coalesce(article.family_id, parent.family_id)),
                )
            ),
        ),
    )


def _listed_rules(scope, article, *, with_status=True) -> list[sa.ColumnElement[bool]]:
    """Status, exclusion by article and the tag/season/brand lists (not the family)."""
    rules = [article.status == _ACTIVE] if with_status else []
    rules += scope.not_excluded(article.id)
    rules += scope.tags(article)
    rules += scope.within(article.season_id, "season")
    rules += scope.within(article.brand_id, "brand")
    return rules


# Written into the SQL rather than bound: a statement PostgreSQL has prepared is planned once
# for any value of its parameters, and for "status = $1" that plan guesses a few percent of the
# articles and intersects the status index with the articles asked for, walking nine in ten of
# 100,000 index entries (9 ms a cart); knowing the value, it looks the few articles up by id.
_ACTIVE = sa.literal("active", literal_execute=True)


class _SqlScope:
    """The customer's facts as subqueries on its ids: no session needed."""

    LISTS = {"season": customer_visible_seasons, "brand": customer_visible_brands}

    def __init__(self, shopper):
        self.shopper = shopper
        self._families = None

    def family_visible(self, family_id) -> sa.ColumnElement[bool]:
        if self._families is None:
            self._families = self._visible_families()
        return family_id.in_(self._families)

    def _visible_families(self) -> sa.Select:
        # Walk the tree from the top families down, carrying each family's catalogue (its own,
        # else its parent's) and whether it or a family above it is excluded.
        excluded = _exclusions_of(self.shopper, Exclusion.family_id)
        tree = (
            sa.select(
                Family.id.label("id"),
                Family.catalogue_id.label("catalogue_id"),
                Family.id.in_(excluded).label("excluded"),
                sa.literal(0).label("depth"),
            )
            .where(Family.parent_id.is_(None))
            .cte("visible_family_tree", recursive=True)
        )
        child = aliased(Family)
        tree = tree.union_all(
            sa.select(
                child.id,
                sa.func.coalesce(child.catalogue_id, tree.c.catalogue_id),
                sa.or_(tree.c.excluded, child.id.in_(excluded)),
                tree.c.depth + 1,
            ).where(child.parent_id == tree.c.id, tree.c.depth < MAX_FAMILY_DEPTH)
        )
        catalogues = sa.select(Catalogue.id).where(_catalogue_is_visible(self.shopper))
        return sa.select(tree.c.id).where(
            tree.c.catalogue_id.in_(catalogues), sa.not_(tree.c.excluded)
        )

    def not_excluded(self, article_id) -> list[sa.ColumnElement[bool]]:
        return [article_id.not_in(_exclusions_of(self.shopper, Exclusion.article_id))]

    def tags(self, article) -> list[sa.ColumnElement[bool]]:
        mine = sa.select(customer_visible_tags.c.article_tag_id).where(
            customer_visible_tags.c.customer_id == self.shopper.customer_id
        )
        return [
            sa.or_(
                ~sa.exists(mine),
                article.id.in_(
                    sa.select(article_tag_articles.c.article_id).where(
                        article_tag_articles.c.article_tag_id.in_(mine)
                    )
                ),
            )
        ]

    def within(self, column, kind: str) -> list[sa.ColumnElement[bool]]:
        table = self.LISTS[kind]
        mine = sa.select(table.c[f"{kind}_id"]).where(
            table.c.customer_id == self.shopper.customer_id
        )
        return [sa.or_(~sa.exists(mine), column.in_(mine))]


class _LiteralScope:
    """The customer's facts, read beforehand, as literal id lists: only the restrictions that
    apply end up in the SQL, and the database filters on indexed columns."""

    def __init__(self, facts: _Facts):
        self.facts = facts

    def family_visible(self, family_id) -> sa.ColumnElement[bool]:
        return _family_in(family_id, self.facts.visible_family_ids, self.facts)

    def not_excluded(self, article_id) -> list[sa.ColumnElement[bool]]:
        ids = self.facts.excluded_article_ids
        return [article_id.not_in(sorted(ids))] if ids else []

    def tags(self, article) -> list[sa.ColumnElement[bool]]:
        ids = self.facts.lists["tag"]
        if not ids:
            return []
        # IN (not a correlated EXISTS): the database reads the tagged ids once, and checks each
        # article against them rather than fetching every tagged article by id.
        return [
            _unindexed(article.id).in_(
                sa.select(article_tag_articles.c.article_id).where(
                    article_tag_articles.c.article_tag_id.in_(sorted(ids))
                )
            )
        ]

    def within(self, column, kind: str) -> list[sa.ColumnElement[bool]]:
        ids = self.facts.lists[kind]
        return [column.in_(sorted(ids))] if ids else []


def _family_in(column, family_ids: Collection[int], facts: _Facts) -> sa.ColumnElement[bool]:
    """`column` is one of `family_ids`, written the shortest way for the database."""
    if not family_ids:
        return sa.false()
    if len(family_ids) == len(facts.family_catalogue):
        return column.is_not(None)
    others = facts.family_catalogue.keys() - family_ids
    if len(others) < len(family_ids):
        return sa.and_(column.is_not(None), column.not_in(sorted(others)))
    return column.in_(sorted(family_ids))


class _unindexed(FunctionElement):
    """A column the database should test row by row rather than look rows up by.

    SQLite reads ``+column`` so (its documented way to keep an index out of a plan); other
    databases get the plain column, their planners weigh the index with real statistics.
    """

    inherit_cache = True
    name = "unindexed"

    def __init__(self, column):
        super().__init__(column)
        self.type = column.type


@compiles(_unindexed)
def _unindexed_anywhere(element, compiler, **kw):
    return compiler.process(element.clauses, **kw)


@compiles(_unindexed, "sqlite")
def _unindexed_on_sqlite(element, compiler, **kw):
    return "+" + compiler.process(element.clauses, **kw)


@dataclass
class _Facts:
    """What decides one customer's visibility, read in one query."""

    catalogue_ids: frozenset[int]  # the catalogues the customer sees
    family_catalogue: dict[int, int | None]  # every family -> its catalogue (inherited)
    visible_family_ids: frozenset[int]
    excluded_article_ids: set[int]
    lists: dict[str, set[int]]  # "tag" / "season" / "brand" -> the customer's ids (may be empty)
    listing: Listing

    @classmethod
    def read(cls, session: Session, shopper: Shopper) -> _Facts:
        """The shopper's facts and the catalogue's listing (its family tree), with the
        catalogue's version, in one statement; read once per transaction until it writes (a
        page asks for them two or three times)."""
        kept = session.info.get(_KEPT_FACTS)
        if kept is not None and kept[0] == shopper:
            return kept[1]
        facts = cls._read(session, shopper)
        session.info[_KEPT_FACTS] = (shopper, facts)
        return facts

    @classmethod
    def _read(cls, session: Session, shopper: Shopper) -> _Facts:
        statement = _facts_statement(shopper.group_id is not None)
        found: dict[str, set[int]] = {
            k: set() for k in ("catalogue", "x_article", "x_family", "tag", "season", "brand")
        }
        token = None
        for name, ident, version in session.execute(statement, _scope_values(shopper)):
            if name == "version":
                token = version
            else:
                found[name].add(ident)
        listing = catalogue_listing.current(session, token)
        family_catalogue, visible = listing.family_visibility(
            frozenset(found["catalogue"]), frozenset(found["x_family"])
        )
        return cls(
            catalogue_ids=frozenset(found["catalogue"]),
            family_catalogue=family_catalogue,
            visible_family_ids=visible,
            excluded_article_ids=found["x_article"],
            lists={k: found[k] for k in ("tag", "season", "brand")},
            listing=listing,
        )

    def family_and_descendants(self, family_id: int) -> set[int]:
        """`family_id` and every family below it."""
        seen: set[int] = set()
        stack = [family_id]
        while stack:
            ident = stack.pop()
            if ident in seen or len(seen) > len(self.family_catalogue):
                continue
            seen.add(ident)
            stack.extend(self.listing.children.get(ident, []))
        return seen


@functools.cache
def _facts_statement(with_group: bool) -> sa.CompoundSelect:
    """`_Facts.read`'s query, built once per shape on bound parameters (see `_scope_values`):
    building it for each page cost more than running it."""
    shopper = _ShopperParameters(with_group)
    c = shopper.customer_id

    def kind(name, *columns):
        return [sa.literal(name).label("kind"), *columns, sa.null().label("token")]

    return sa.union_all(
        sa.select(*kind("catalogue", Catalogue.id)).where(_catalogue_is_visible(shopper)),
        sa.select(*kind("x_article", Exclusion.article_id)).where(
            _exclusions_of(shopper, Exclusion.article_id).whereclause
        ),
        sa.select(*kind("x_family", Exclusion.family_id)).where(
            _exclusions_of(shopper, Exclusion.family_id).whereclause
        ),
        sa.select(*kind("tag", customer_visible_tags.c.article_tag_id)).where(
            customer_visible_tags.c.customer_id == c
        ),
        sa.select(*kind("season", customer_visible_seasons.c.season_id)).where(
            customer_visible_seasons.c.customer_id == c
        ),
        sa.select(*kind("brand", customer_visible_brands.c.brand_id)).where(
            customer_visible_brands.c.customer_id == c
        ),
        sa.select(sa.literal("version"), sa.null(), catalogue_listing.VERSION.c.token),
    )


# Session.info key: the facts last read in the session's transaction, with their shopper.
_KEPT_FACTS = "visibility_facts"


@event.listens_for(Session, "after_flush")
def _forget_facts_after_a_flush(session: Session, _context) -> None:
    session.info.pop(_KEPT_FACTS, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_facts_after_a_write(state) -> None:
    if not state.is_select:
        state.session.info.pop(_KEPT_FACTS, None)


@event.listens_for(Session, "after_transaction_end")
def _forget_facts_after_the_transaction(session: Session, _transaction) -> None:
    session.info.pop(_KEPT_FACTS, None)
