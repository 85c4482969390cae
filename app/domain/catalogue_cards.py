"""What an article's card shows on a catalogue or selection page, and what the list of
catalogues beside it shows, kept with the catalogue's listing (app/domain/catalogue_listing.py)
for as long as its version lasts.

Loading a page's 48 articles as ORM objects (every column, their names, their brand) and reading
them back in the template cost as much as the rest of the page together. A card shows a few
columns, the same for every customer, and they change only when the catalogue does: so a card
is read once per version of the catalogue and process, as a plain frozen record, and what is
particular to a customer (price, stock, order unit) is added beside it for each page.

The version's triggers (migrations d41c7a9e0b52 and 7f3b2c9d4e15) watch every column read
here: `CARD_COLUMNS`, the brand's name, and the catalogues with their names.
tests/integration/test_catalogue_listing.py changes each of them and expects to see it on the
next page.
"""

from __future__ import annotations

import datetime
import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.generated.models import (
    Article,
    ArticleTranslation,
    Brand,
    Catalogue,
    CatalogueTranslation,
)

# The article's columns a card shows or is ordered by.
CARD_COLUMNS = (
    "id",
    "sku",
    "ean",
    "name",
    "photo",
    "pack_size",
    "order_multiple",
    "minimum_quantity",
    "available_from",
    "publication_date",
    "personalisation_allowed",
)

# Cards kept per version and process, the least recently shown dropped first: a visitor paging
# through the whole catalogue must not keep 100,000 of them (some 500 bytes each).
KEPT_CARDS = 20_000


def _plain(column: sa.Column) -> sa.ColumnClause:
    """The column with the type of its stored value: Flask-AppBuilder's ImageColumn (the photo)
    is a TypeDecorator without a cache key, which would have the statement compiled on every
    page."""
    kind = column.type
    if isinstance(kind, sa.types.TypeDecorator) and not kind.cache_ok:
        kind = kind.impl_instance
    return sa.column(column.name, kind)


# The article table as a card reads it.
_CARD_ARTICLE = sa.table(
    Article.__tablename__,
    *(_plain(Article.__table__.c[name]) for name in (*CARD_COLUMNS, "brand_id")),
)


class CardName(NamedTuple):
    """An article's name in one language, shaped as its translation row is, so that
    app.domain.translations.translated reads a card's names as it reads an article's."""

    name: str | None


@dataclass(frozen=True, slots=True)
class Card:
    """One article as its card shows it (the fields named as the article's columns)."""

    id: int
    sku: str
    ean: str | None
    name: str
    photo: str | None
    pack_size: int | None
    order_multiple: int | None
    minimum_quantity: int | None
    available_from: datetime.date | None
    publication_date: datetime.date | None
    personalisation_allowed: bool
    brand_name: str | None
    translations: Mapping[str, CardName]


class Cards:
    """The cards read for one version of the catalogue (thread-safe)."""

    def __init__(self, size: int = KEPT_CARDS):
        self.size = size
        self._cards: OrderedDict[int, Card] = OrderedDict()
        self._lock = threading.Lock()

    def of(self, session: Session, ids: Iterable[int]) -> list[Card]:
        """The cards of `ids` in that order, reading those not kept in one statement; ids of
        articles that do not exist are left out."""
        ids = list(ids)
        with self._lock:
            found = {i: self._cards[i] for i in ids if i in self._cards}
            for i in found:
                self._cards.move_to_end(i)
        missing = [i for i in ids if i not in found]
        if missing:
            read = read_cards(session, missing)
            found.update(read)
            with self._lock:
                self._cards.update(read)
                while len(self._cards) > self.size:
                    self._cards.popitem(last=False)
        return [found[i] for i in ids if i in found]


def read_cards(session: Session, ids: Iterable[int]) -> dict[int, Card]:
    """The cards of `ids`, read from the database: one row per article and translated name."""
    article = _CARD_ARTICLE
    translation = ArticleTranslation.__table__
    brand = Brand.__table__
    rows = session.execute(
        sa.select(
            *(article.c[name] for name in CARD_COLUMNS),
            brand.c.name.label("brand_name"),
            translation.c.language,
            translation.c.name.label("translated_name"),
        )
        .select_from(
            article.outerjoin(brand, brand.c.id == article.c.brand_id).outerjoin(
                translation, translation.c.article_id == article.c.id
            )
        )
        .where(article.c.id.in_(sorted(set(ids))))
    )
    fields: dict[int, dict] = {}
    names: dict[int, dict[str, CardName]] = {}
    for row in rows:
        if row.id not in fields:
            fields[row.id] = {name: getattr(row, name) for name in CARD_COLUMNS}
            fields[row.id]["brand_name"] = row.brand_name
            fields[row.id]["personalisation_allowed"] = bool(row.personalisation_allowed)
            names[row.id] = {}
        if row.language is not None:
            names[row.id][row.language] = CardName(row.translated_name)
    return {ident: Card(**values, translations=names[ident]) for ident, values in fields.items()}


@dataclass(frozen=True, slots=True)
class ListedCatalogue:
    """A catalogue as the portal lists it (the fields named as the catalogue's columns)."""

    id: int
    code: str
    name: str
    display_mode: str | None
    translations: Mapping[str, CardName]


def read_catalogues(session: Session) -> list[ListedCatalogue]:
    """Every catalogue with its names, by position then name (the database's collation)."""
    catalogue = Catalogue.__table__.c
    translation = CatalogueTranslation.__table__.c
    names: dict[int, dict[str, CardName]] = {}
    for catalogue_id, language, name in session.execute(
        sa.select(translation.catalogue_id, translation.language, translation.name)
    ):
        names.setdefault(catalogue_id, {})[language] = CardName(name)
    rows = session.execute(
        sa.select(catalogue.id, catalogue.code, catalogue.name, catalogue.display_mode).order_by(
            catalogue.position, catalogue.name, catalogue.id
        )
    )
    return [ListedCatalogue(*row, translations=names.get(row.id, {})) for row in rows]
