"""Finding articles by what a buyer types: a part of the name, the start of the SKU, an EAN/ISBN.

The name is matched in the buyer's language (its translation) and in the default one, ignoring
case; the SKU from its start; a barcode whole, hyphens and spaces ignored, an ISBN in either of
its forms.

Reading every article's name for each search grows with the catalogue, so the names and SKUs are
indexed (migration a5f0c2d8e914): on PostgreSQL by trigram indexes, which serve the same
`name ILIKE '%text%'` untouched; on SQLite by FTS5 tables with the trigram tokenizer, which
need their own MATCH. A trigram index finds texts of three characters or more; a shorter text,
or a SQLite without the FTS tables, reads every row as before. Either way the matches are the
ids of one UNION, each part read along its own index.
"""

from __future__ import annotations

import re
import weakref
from contextlib import suppress

import sqlalchemy as sa
from sqlalchemy.orm import Session
from stdnum import isbn
from stdnum.exceptions import ValidationError

from app.generated.models import Article, ArticleTranslation

MIN_INDEXED_LENGTH = 3  # a trigram index finds nothing shorter

ARTICLE_SEARCH = sa.table("article_search", sa.column("rowid"), sa.column("sku"))
TRANSLATION_SEARCH = sa.table(
    "article_translation_search", sa.column("rowid"), sa.column("language")
)

# The search indexes' own tables and indexes (SQLite's FTS5 tables with their shadow tables,
# PostgreSQL's trigram indexes): made by migration a5f0c2d8e914, declared by no model.
_SEARCH_INDEX_OBJECT = re.compile(r"^article(_translation)?_search(_[a-z]+)?$|_trigram$")

# Per engine: whether SQLite's FTS tables are there (asked once, not at every search).
_fts_tables: weakref.WeakKeyDictionary[sa.Engine, bool] = weakref.WeakKeyDictionary()


def search_condition(
    session: Session, search: str | None, language: str
) -> sa.ColumnElement[bool] | None:
    """A WHERE condition on Article keeping what `search` finds (see `matching_article_ids`);
    None when there is nothing to search for."""
    found = matching_article_ids(session, search, language)
    if found is None:
        return None
    indexed = len((search or "").strip()) >= MIN_INDEXED_LENGTH
    if indexed and session.get_bind().dialect.name == "postgresql":
        # The matches (found by the trigram indexes, a part of the catalogue) as an array the
        # article rows are then looked up in by primary key: with `IN (...)` the planner would
        # rather read every article and check the visibility rules on each before joining.
        return Article.id == sa.any_(sa.func.array(found.scalar_subquery()))
    return Article.id.in_(found)


def matching_article_ids(session: Session, search: str | None, language: str) -> sa.Select | None:
    """The ids (one column) of the articles `search` finds for a buyer speaking `language`;
    None when there is nothing to search for."""
    text = (search or "").strip()
    if not text:
        return None
    if len(text) >= MIN_INDEXED_LENGTH and _has_fts_tables(session):
        parts = _fts_parts(text, language)
    else:
        parts = _like_parts(text, language)
    codes = barcode_forms(text)
    if codes:
        parts.append(sa.select(Article.id).where(Article.ean.in_(codes)))
    return sa.union(*parts)


def _like_parts(text: str, language: str) -> list[sa.Select]:
    parts = [
        sa.select(Article.id).where(Article.name.icontains(text, autoescape=True)),
        sa.select(Article.id).where(Article.sku.istartswith(text, autoescape=True)),
    ]
    if has_translated_names(language):
        parts.append(
            sa.select(ArticleTranslation.article_id).where(
                ArticleTranslation.language == language,
                ArticleTranslation.name.icontains(text, autoescape=True),
            )
        )
    return parts


def _fts_parts(text: str, language: str) -> list[sa.Select]:
    phrase = '"' + text.replace('"', '""') + '"'  # the text as one phrase: a substring
    parts = [
        sa.select(ARTICLE_SEARCH.c.rowid).where(_match(ARTICLE_SEARCH, f"name : {phrase}")),
        # The index finds the SKUs holding the text; only those starting with it are kept.
        sa.select(ARTICLE_SEARCH.c.rowid).where(
            _match(ARTICLE_SEARCH, f"sku : {phrase}"),
            ARTICLE_SEARCH.c.sku.istartswith(text, autoescape=True),
        ),
    ]
    if has_translated_names(language):
        translation_ids = sa.select(TRANSLATION_SEARCH.c.rowid).where(
            _match(TRANSLATION_SEARCH, phrase), TRANSLATION_SEARCH.c.language == language
        )
        parts.append(
            sa.select(ArticleTranslation.article_id).where(
                ArticleTranslation.id.in_(translation_ids)
            )
        )
    return parts


def has_translated_names(language: str) -> bool:
    """Whether articles' names in `language` are kept in translation rows (the default
    language's are in the article itself)."""
    return isinstance(getattr(Article, f"name_{language}", None), property)


def _match(table: sa.TableClause, query: str) -> sa.ColumnElement[bool]:
    return sa.literal_column(table.name).op("MATCH")(sa.literal(query))


def _has_fts_tables(session: Session) -> bool:
    engine = session.get_bind().engine
    if engine.dialect.name != "sqlite":
        return False
    found = _fts_tables.get(engine)
    if found is None:
        with engine.connect() as connection:
            found = sa.inspect(connection).has_table(ARTICLE_SEARCH.name)
        _fts_tables[engine] = found
    return found


def is_search_index_object(name: str) -> bool:
    """Whether a table or index of the database belongs to the search indexes."""
    return bool(_SEARCH_INDEX_OBJECT.search(name))


def barcode_forms(text: str) -> list[str]:
    """The ways an EAN or ISBN typed by a person may be stored: digits only, and for a book both
    its ISBN-13 and ISBN-10 forms. Empty when `text` is not a barcode."""
    code = re.sub(r"[\s\-]", "", text).upper()
    if re.fullmatch(r"\d{9}[\dX]", code):
        forms = {code}
        with suppress(ValidationError):
            forms.add(isbn.to_isbn13(code))
        return sorted(forms)
    if re.fullmatch(r"\d{8}|\d{12,13}", code):
        forms = {code}
        if len(code) == 13 and code.startswith("978"):
            with suppress(ValidationError):
                forms.add(isbn.to_isbn10(code))
        return sorted(forms)
    return []
