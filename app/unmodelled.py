"""Objects of the database that no model declares: made by migrations, by hand.

The search indexes (app/domain/search.py) and the catalogue's version row
(app/domain/catalogue_listing.py). Schema comparisons (`flask db migrate`, the migration tests)
must leave them out rather than propose to drop them.
"""

from __future__ import annotations

from app.domain.search import is_search_index_object

# The catalogue's version row (app/domain/catalogue_listing.py reads it).
CATALOGUE_VERSION = "catalogue_version"
TABLES = frozenset({CATALOGUE_VERSION})


def is_unmodelled(name: str) -> bool:
    """Whether a table or index of the database is one no model declares."""
    return name in TABLES or is_search_index_object(name)


def compared_in_schema(name: str | None, type_: str, _parent_names) -> bool:
    """Alembic's `include_name`: what schema comparisons look at."""
    return not (type_ in ("table", "index") and name and is_unmodelled(name))
