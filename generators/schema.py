"""The checked model: plain dataclasses the generators and the app read.

The loader builds these only from a model file that passed every check, so code working on them
may assume that every reference resolves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any


def class_name(entity: str) -> str:
    """`price_level` -> `PriceLevel`: the Python class an entity id stands for."""
    return "".join(part.capitalize() for part in entity.split("_"))


@dataclass
class Field:
    name: str
    type: str
    label: str
    line: int
    help: str = ""
    required: bool = False
    unique: bool = False
    index: bool = False
    default: Any = None
    length: int | None = None
    min_length: int | None = None
    max_length: int | None = None
    precision: int | None = None
    scale: int | None = None
    min: Any = None
    max: Any = None
    values: dict[str, str] = field(default_factory=dict)
    values_lines: dict[str, int] = field(default_factory=dict)
    translatable: bool = False
    target: str | None = None
    inverse: str | None = None
    on_delete: str = "restrict"
    help_line: int = 0

    @property
    def is_relation(self) -> bool:
        return self.type in ("belongs_to", "has_many", "many_to_many")

    @property
    def column_name(self) -> str:
        """The column that stores the field: `<name>_id` for a belongs-to."""
        return f"{self.name}_id" if self.type == "belongs_to" else self.name


@dataclass
class Fieldset:
    label: str
    fields: list[str]
    line: int


@dataclass
class AdminHints:
    menu: str | None = None
    icon: str = ""
    list_columns: list[str] = field(default_factory=list)
    search_columns: list[str] = field(default_factory=list)
    filter_columns: list[str] = field(default_factory=list)
    order_by: str | None = None
    fieldsets: list[Fieldset] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    base_view: str | None = None
    page_size: int | None = None
    read_only: list[str] = field(default_factory=list)


@dataclass
class Entity:
    name: str
    label: str
    label_plural: str
    line: int
    fields: dict[str, Field]
    help: str = ""
    unique_together: list[list[str]] = field(default_factory=list)
    index_together: list[list[str]] = field(default_factory=list)
    mixin: str | None = None
    renamed_from: str | None = None
    admin: AdminHints = field(default_factory=AdminHints)
    api: bool = False
    display: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)
    singleton: bool = False
    label_plural_line: int = 0
    help_line: int = 0

    @property
    def class_name(self) -> str:
        return class_name(self.name)

    @property
    def table(self) -> str:
        return self.name

    @property
    def view_name(self) -> str:
        return f"{self.class_name}View"

    @property
    def api_name(self) -> str:
        return f"{self.class_name}Api"

    @property
    def translatable_fields(self) -> list[Field]:
        return [f for f in self.fields.values() if f.translatable]


@dataclass
class Permission:
    entity: str
    actions: list[str]
    rows: dict[str, Any] = field(default_factory=dict)


@dataclass
class Role:
    name: str
    label: str
    line: int
    area: str = "back_office"
    help: str = ""
    superuser: bool = False
    permissions: dict[str, Permission] = field(default_factory=dict)


@dataclass
class Menu:
    name: str
    label: str
    line: int
    icon: str = ""


@dataclass
class Model:
    file: str
    version: int
    name: str
    languages: list[str]
    default_language: str
    currency: str
    menus: dict[str, Menu]
    entities: dict[str, Entity]
    roles: dict[str, Role]

    @property
    def superuser_role(self) -> Role:
        return next(r for r in self.roles.values() if r.superuser)

    @property
    def other_languages(self) -> list[str]:
        return [lang for lang in self.languages if lang != self.default_language]


SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
DOTTED_CLASS = re.compile(
    r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*:[A-Za-z_][A-Za-z0-9_]*$"
)
