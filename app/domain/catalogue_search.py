"""A buyer's search of the catalogue, answered from the catalogue's listing in memory
(app/domain/catalogue_listing.py) for as long as its version lasts.

The same matches as app/domain/search.py finds in the database: a part of the name in the
buyer's language or the default one, ignoring case; the start of the SKU; a whole EAN or ISBN.
In the database a common word ("notebook", in 4,000 of 100,000 names) is thousands of article
rows read again to check what the trigram index only suggests: 13 ms on PostgreSQL. Here the
names of one language, and their distinct words, are each one lowercased string, searched in C
and mapped back to their articles: a millisecond or so for a word, a few for a part with a
space. The names are read, and their words listed (some 0.3 s for 100,000 names), on the first
search of each language after a change to the catalogue, which the version's triggers watch
(names, SKUs and EANs included).
"""

from __future__ import annotations

import bisect
import itertools
import threading
from collections import defaultdict

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from app.domain.search import barcode_forms, has_translated_names
from app.generated.models import Article, ArticleTranslation

# Between two names in the joined text: no name holds it, so no match spans two names.
_SEPARATOR = "\x00"
# A part shorter than this is in most texts, found many times in each: the texts are then
# tested one by one rather than every place it is found listed.
_SHORT = 3


class _Texts:
    """Texts joined in one string, to find which of them hold a part.

    Kept in a tuple, not a list: holding only strings, a tuple drops out of the garbage
    collector's sight at its first pass, where a list of 100,000 names would be walked again by
    every full collection (as would the SKUs and EANs of `CatalogueSearch`)."""

    def __init__(self, texts: tuple[str, ...]):
        self.texts = texts
        lengths = np.fromiter((len(t) + 1 for t in texts), dtype=np.int64, count=len(texts))
        self.starts = np.cumsum(lengths) - lengths  # where each text begins in `text`
        self.text = _SEPARATOR.join(texts) + _SEPARATOR

    def holding(self, part: str) -> np.ndarray:
        """The positions in `texts` of those holding `part`, each once, ascending."""
        if len(part) < _SHORT:
            held = itertools.compress(itertools.count(), (part in text for text in self.texts))
            return np.fromiter(held, dtype=np.int64)
        # Every place it is found (str.find scans in C), then the texts those places are in,
        # by one binary search of all of them.
        places, text, step = [], self.text, len(part)
        at = text.find(part)
        while at >= 0:
            places.append(at)
            at = text.find(part, at + step)
        if not places:
            return np.zeros(0, dtype=np.int64)
        return np.unique(np.searchsorted(self.starts, places, side="right") - 1)


class _Names:
    """Names, lowercased, each with the article id it names; and their words (what whitespace
    separates), each with the names holding it.

    A part without whitespace lies within one word of any name holding it, so the names holding
    it are those of the words holding it: the words are found in their own text, shorter than
    the names' (a fifth of it on the bench's names: a word comes once however many names hold
    it), and a common part ("notebook", in thousands of names) is then found a few times rather
    than thousands. A part with whitespace ("blue pen") is looked for in the names themselves.
    """

    def __init__(self, rows: list[tuple[int, str]]):
        self.ids = np.fromiter((ident for ident, _name in rows), dtype=np.int64, count=len(rows))
        names = tuple((name or "").lower().replace(_SEPARATOR, " ") for _ident, name in rows)
        self.names = _Texts(names)
        holders: dict[str, list[int]] = defaultdict(list)
        for position, name in enumerate(names):
            for word in set(name.split()):
                holders[word].append(position)
        self.words = _Texts(tuple(holders))
        # Each word's names (their positions in `names`), one word after the other.
        self.counts = np.fromiter(map(len, holders.values()), dtype=np.int64, count=len(holders))
        self.first = np.cumsum(self.counts) - self.counts
        self.holders = np.fromiter(
            itertools.chain.from_iterable(holders.values()),
            dtype=np.int32,
            count=int(self.counts.sum()),
        )

    def holding(self, part: str) -> np.ndarray:
        """The ids of the names holding `part` (lowercased), each once (unsorted)."""
        if len(part) < _SHORT or any(character.isspace() for character in part):
            # A letter or two is in most words: the names are as quick to read, and their
            # runs of the words' names would be most of `holders`.
            return self.ids[self.names.holding(part)]
        words = self.words.holding(part)
        if not len(words):
            return np.zeros(0, dtype=np.int64)
        # The words' runs of `holders`, gathered in one step: each run's first index, repeated
        # for its length, plus the offsets 0, 1, 2... within it.
        counts, first = self.counts[words], self.first[words]
        offsets = np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts)
        return self.ids[np.unique(self.holders[np.repeat(first, counts) + offsets])]


class CatalogueSearch:
    """The searchable texts of one version of the catalogue's listed articles (thread-safe)."""

    def __init__(self, listed: sa.ColumnElement[bool]):
        self._listed = listed  # the condition on Article of the listing's articles
        self._default: _Names | None = None
        self._skus: tuple[tuple[str, int], ...] = ()
        self._eans: dict[str, tuple[int, ...]] = {}
        self._translated: dict[str, _Names] = {}
        self._lock = threading.Lock()

    def matching(self, session: Session, search: str, language: str) -> list[int]:
        """The ids of the listed articles `search` finds for a buyer speaking `language`."""
        text = search.strip()
        part = text.lower()
        if not part or _SEPARATOR in part:
            return []
        default = self._default_names(session)
        found = set(default.holding(part).tolist())
        if has_translated_names(language):
            found.update(self._names_in(session, language).holding(part).tolist())
        start = bisect.bisect_left(self._skus, (part,))
        for sku, ident in itertools.islice(self._skus, start, None):
            if not sku.startswith(part):
                break
            found.add(ident)
        for code in barcode_forms(text):
            found.update(self._eans.get(code, ()))
        return sorted(found)

    def _default_names(self, session: Session) -> _Names:
        if self._default is None:
            rows = session.execute(
                sa.select(Article.id, Article.name, Article.sku, Article.ean).where(self._listed)
            ).all()
            skus = tuple(sorted(((sku or "").lower(), ident) for ident, _name, sku, _ean in rows))
            eans: dict[str, list[int]] = defaultdict(list)
            for ident, _name, _sku, ean in rows:
                if ean:
                    eans[ean].append(ident)
            by_ean = {ean: tuple(ids) for ean, ids in eans.items()}
            names = _Names([(ident, name) for ident, name, _sku, _ean in rows])
            with self._lock:
                if self._default is None:
                    self._skus, self._eans, self._default = skus, by_ean, names
        return self._default

    def _names_in(self, session: Session, language: str) -> _Names:
        names = self._translated.get(language)
        if names is None:
            translation = ArticleTranslation
            rows = session.execute(
                sa.select(translation.article_id, translation.name)
                .join(Article, Article.id == translation.article_id)
                .where(translation.language == language, self._listed)
            ).all()
            names = _Names([tuple(row) for row in rows])
            with self._lock:
                names = self._translated.setdefault(language, names)
        return names
