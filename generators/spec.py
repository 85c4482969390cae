"""The vocabulary of model.yaml: which keys exist where, which types and actions are known.

Kept apart from the loader so that the documentation, the loader and the tests read the same lists.
"""

from __future__ import annotations

import keyword

SCALAR_TYPES = (
    "string",
    "text",
    "integer",
    "decimal",
    "money",
    "boolean",
    "date",
    "datetime",
    "time",
    "enum",
    "email",
    "url",
    "phone",
    "country",
    "language",
    "image",
    "file",
    "json",
)
RELATION_TYPES = ("belongs_to", "has_many", "many_to_many")
FIELD_TYPES = SCALAR_TYPES + RELATION_TYPES

ACTIONS = ("list", "show", "add", "edit", "delete", "export")
AREAS = ("back_office", "portal")
ON_DELETE = ("restrict", "cascade", "set_null")

# Keys a field may carry, whatever its type.
FIELD_COMMON_KEYS = {"type", "label", "help"}
# Keys for stored (non-relation) fields.
SCALAR_COMMON_KEYS = {"required", "unique", "index", "default"}
# Type-specific keys on top of the common ones.
TYPE_KEYS: dict[str, set[str]] = {
    "string": {"length", "min_length", "translatable"},
    "text": {"max_length", "translatable"},
    "integer": {"min", "max"},
    "decimal": {"precision", "scale", "min", "max"},
    "money": {"min", "max"},
    "boolean": set(),
    "date": set(),
    "datetime": set(),
    "time": set(),
    "enum": {"values"},
    "email": set(),
    "url": set(),
    "phone": set(),
    "country": set(),
    "language": set(),
    "image": set(),
    "file": set(),
    "json": set(),
    "belongs_to": {"target", "required", "unique", "index", "on_delete", "inverse", "default"},
    "has_many": {"target", "inverse"},
    "many_to_many": {"target", "inverse"},
}
REQUIRED_TYPE_KEYS: dict[str, set[str]] = {
    "decimal": {"precision", "scale"},
    "enum": {"values"},
    "belongs_to": {"target"},
    "has_many": {"target", "inverse"},
    "many_to_many": {"target"},
}

TOP_KEYS = {"version", "app", "menus", "entities", "roles"}
TOP_REQUIRED = {"version", "app", "entities", "roles"}
APP_KEYS = {"name", "languages", "default_language", "currency"}
APP_REQUIRED = {"name", "languages", "default_language", "currency"}
MENU_KEYS = {"label", "icon"}
ENTITY_KEYS = {
    "display",
    "label",
    "label_plural",
    "help",
    "fields",
    "unique_together",
    "index_together",
    "mixin",
    "renamed_from",
    "admin",
    "api",
    "checks",
    "singleton",
}
ENTITY_REQUIRED = {"label", "fields"}
ADMIN_KEYS = {
    "menu",
    "icon",
    "list_columns",
    "search_columns",
    "filter_columns",
    "order_by",
    "fieldsets",
    "related",
    "base_view",
    "page_size",
    "read_only",
}
# Field types that can name a record in lists and selects (`display:`).
DISPLAY_TYPES = ("string", "text", "email", "phone", "url", "integer", "enum", "date")
FIELDSET_KEYS = {"label", "fields"}
ROLE_KEYS = {"label", "help", "area", "superuser", "permissions"}
ROLE_REQUIRED = {"label"}
PERMISSION_KEYS = {"actions", "rows"}

# Languages the project ships catalogues for; model.yaml may list a subset.
KNOWN_LANGUAGES = ("en", "fr", "nl", "es", "de")

# The user table of Flask-AppBuilder, usable as a relation target ("a sales representative").
BUILTIN_TARGETS = {"user"}
# Values a row rule may compare with, besides a literal.
ROW_VALUES = {"current_user"}

# Names that would clash with SQL, Python, SQLAlchemy or the generated code.
RESERVED_ENTITY_NAMES = {
    "user",
    "role",
    "permission",
    "order",
    "group",
    "select",
    "table",
    "index",
    "model",
    "base",
    "session",
    "query",
}
RESERVED_FIELD_NAMES = {
    "id",
    "metadata",
    "query",
    "registry",
    "translations",
    "created_on",
    "changed_on",
}
RESERVED_ROLE_NAMES = {"public"}
PYTHON_KEYWORDS = set(keyword.kwlist) | set(keyword.softkwlist)

# Column sizes that the model's simple types stand for.
STRING_DEFAULT_LENGTH = 255
MONEY_PRECISION, MONEY_SCALE = 14, 4
