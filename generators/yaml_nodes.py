"""Reading model.yaml's node tree: positions, typed values and the reporting of errors.

`NodeReader` is the base of the loader: every check reads nodes through it, so every error names
the line and column of the node it is about.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from generators import spec
from generators.errors import ModelError, did_you_mean
from generators.schema import (
    SNAKE_CASE,
)

_MISSING = object()
# What `value()` gives for a scalar PyYAML cannot build (an impossible date, an unknown tag): the
# error is already reported, so callers drop the value without a second message.
_UNREADABLE = object()


class NodeReader:
    def __init__(self, filename: str):
        self.file = filename
        self.errors: list[ModelError] = []
        self._constructor = yaml.SafeLoader("")
        # Nodes kept from the first pass for the cross-reference checks of the second.
        self._entity_nodes: dict[str, dict] = {}
        self._field_nodes: dict[str, dict] = {}
        self._role_nodes: dict[str, dict] = {}
        self._permission_nodes: dict[tuple[str, str], tuple] = {}
        self._row_nodes: dict[tuple[str, str], tuple] = {}
        self._owners: dict[str, yaml.Node] = {}
        self._unreadable: set[int] = set()
        # Declared names that failed to load: their own error is reported, so references to them
        # are not reported a second time as unknown.
        self._broken_entities: set[str] = set()
        self._broken_fields: set[tuple[str, str]] = set()
        self._entities_broken = False
        self._roles_broken = False

    # ------------------------------------------------------------------ reporting

    def error(self, node: yaml.Node | None, path: str, message: str, code: str, hint: str = ""):
        line, column = (node.start_mark.line + 1, node.start_mark.column + 1) if node else (1, 1)
        self.errors.append(ModelError(self.file, line, column, path, message, code, hint))

    def broken_field(self, entity: str, name: str) -> bool:
        """Whether `name` was declared on `entity` but failed to load (its error is reported)."""
        return (entity, name) in self._broken_fields or (entity, "*") in self._broken_fields

    def broken_entity(self, name: str) -> bool:
        """Whether `name` may be an entity that failed to load (its error is reported)."""
        return self._entities_broken or name in self._broken_entities

    # ------------------------------------------------------------------ node helpers

    def value(self, node: yaml.Node, path: str) -> Any:
        """The node's Python value, or `_UNREADABLE` (reported once) when PyYAML cannot build it."""
        if id(node) in self._unreadable:
            return _UNREADABLE
        try:
            return self._constructor.construct_object(node, deep=True)
        except Exception as exc:  # PyYAML raises ValueError, KeyError, ConstructorError...
            self._constructor.recursive_objects.clear()
            self._unreadable.add(id(node))
            shown = node.value if isinstance(node, yaml.ScalarNode) else _kind(node)
            if node.tag == "tag:yaml.org,2002:timestamp":
                self.error(
                    node,
                    path,
                    f"'{shown}' looks like a date but is not a valid one: {exc}",
                    "MODEL-E103",
                    "write a real date such as 2024-01-31, or quote the value if it is text",
                )
            else:
                tag = node.tag.replace("tag:yaml.org,2002:", "!!")
                reason = getattr(exc, "problem", None) or (
                    str(exc) if isinstance(exc, ValueError) else "not a valid value for this tag"
                )
                self.error(
                    node,
                    path,
                    f"cannot read the value '{shown}' tagged {tag}: {reason}",
                    "MODEL-E103",
                    f"model.yaml needs no YAML tags; remove '{tag}'",
                )
            return _UNREADABLE

    def mapping(self, node: yaml.Node | None, path: str, what: str = "a mapping") -> dict:
        """The node's keys as {key: (key_node, value_node)}, reporting duplicates; None if not
        a mapping."""
        if node is None:
            return {}
        if not isinstance(node, yaml.MappingNode):
            self.error(node, path, f"expected {what}, found {_kind(node)}", "MODEL-E103")
            return None
        items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self.error(key_node, path, "a key must be a plain name", "MODEL-E103")
                continue
            key = key_node.value
            if key in items:
                first = items[key][0].start_mark.line + 1
                self.error(
                    key_node,
                    f"{path}.{key}" if path else key,
                    f"duplicate key '{key}' (first defined on line {first})",
                    "MODEL-E107",
                )
                continue
            items[key] = (key_node, value_node)
        return items

    def check_keys(self, items: dict, path: str, allowed: set, required: set = frozenset()):
        suggested = set()
        for key, (key_node, _) in items.items():
            if key not in allowed:
                hint = did_you_mean(key, allowed)
                self.error(
                    key_node,
                    _join(path, key),
                    f"unknown key '{key}'; expected one of: {', '.join(sorted(allowed))}",
                    "MODEL-E101",
                    hint,
                )
                if hint:
                    suggested.add(hint)
        owner = self._owners.get(path)
        for key in sorted(required - items.keys()):
            # A misspelt key already says "did you mean '<key>'?": no second error for it.
            if f"did you mean '{key}'?" in suggested:
                continue
            self.error(owner, _join(path, key), f"missing required key '{key}'", "MODEL-E102")

    def scalar(self, items: dict, key: str, path: str, kind: type | tuple, default: Any = _MISSING):
        """The value under `key`, checked against a Python type; `default` when absent."""
        if key not in items:
            return None if default is _MISSING else default
        node = items[key][1]
        where = _join(path, key)
        if not isinstance(node, yaml.ScalarNode):
            self.error(
                node, where, f"expected {_kind_name(kind)}, found {_kind(node)}", "MODEL-E103"
            )
            return None if default is _MISSING else default
        value = self.value(node, where)
        if value is _UNREADABLE:
            return None if default is _MISSING else default
        kinds = kind if isinstance(kind, tuple) else (kind,)
        # YAML's booleans are ints in Python: never accept one where a number is wanted.
        ok = isinstance(value, kinds) and not (isinstance(value, bool) and bool not in kinds)
        if not ok:
            self.error(
                node,
                where,
                f"expected {_kind_name(kind)}, found {_describe(value)}",
                "MODEL-E103",
                _quote_hint(node) if str in kinds else _bool_hint(value) if bool in kinds else "",
            )
            return None if default is _MISSING else default
        return value

    def name_list(self, items: dict, key: str, path: str) -> tuple[list[str], list[yaml.Node]]:
        """A list of plain names under `key`, with their nodes for later reference checks."""
        if key not in items:
            return [], []
        node = items[key][1]
        where = _join(path, key)
        if not isinstance(node, yaml.SequenceNode):
            self.error(node, where, f"expected a list of names, found {_kind(node)}", "MODEL-E103")
            return [], []
        names, nodes = [], []
        for i, item in enumerate(node.value):
            value = self.value(item, f"{where}[{i}]") if isinstance(item, yaml.ScalarNode) else None
            if value is _UNREADABLE:
                continue
            if not isinstance(value, str):
                self.error(
                    item, f"{where}[{i}]", f"expected a name, found {_kind(item)}", "MODEL-E103"
                )
                continue
            names.append(item.value)
            nodes.append(item)
        return names, nodes

    def identifier(self, node: yaml.Node, path: str, name: str, what: str) -> bool:
        if not SNAKE_CASE.match(name):
            self.error(
                node,
                path,
                f"invalid {what} id '{name}': expected snake_case (lower-case letters, digits and "
                "underscores, starting with a letter)",
                "MODEL-E105",
                _snake_hint(name),
            )
            return False
        if name in spec.PYTHON_KEYWORDS:
            self.error(
                node, path, f"'{name}' is a Python keyword and cannot be a {what} id", "MODEL-E106"
            )
            return False
        return True


def _all_field_keys() -> set[str]:
    keys = set(spec.FIELD_COMMON_KEYS) | spec.SCALAR_COMMON_KEYS
    for extra in spec.TYPE_KEYS.values():
        keys |= extra
    return keys


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _line(node: yaml.Node) -> int:
    return node.start_mark.line + 1


def _kind(node: yaml.Node) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag.endswith(":null"):
        return "nothing"
    return f"the value '{node.value}'"


def _kind_name(kind) -> str:
    kinds = kind if isinstance(kind, tuple) else (kind,)
    if set(kinds) == {int, float}:
        return "a number"
    names = {str: "a text", int: "a whole number", float: "a number", bool: "true or false"}
    return " or ".join(names.get(k, k.__name__) for k in kinds)


def _bool_hint(value: Any) -> str:
    """For a quoted "yes" or "false" where YAML's true or false was wanted."""
    if isinstance(value, str) and value.lower() in ("yes", "true", "on", "no", "false", "off"):
        word = "true" if value.lower() in ("yes", "true", "on") else "false"
        return f"write {word} without quotes"
    return ""


def _snake_hint(name: str) -> str:
    """`PriceLevel`, `price-level` or `Price level` -> "did you mean 'price_level'?"."""
    if not re.fullmatch(r"[A-Za-z0-9_ -]+", name):
        return ""
    words = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", name)
    snake = re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")
    return f"did you mean '{snake}'?" if SNAKE_CASE.match(snake) else ""


def _quote_hint(node: yaml.Node) -> str:
    """For a plain scalar that YAML read as a number, boolean or date where text was wanted."""
    if (
        isinstance(node, yaml.ScalarNode)
        and not node.style  # plain: None from PyYAML, "" from libyaml
        and node.value
        and not node.tag.endswith(":null")
    ):
        return f'quote it to make it a text: "{node.value}"'
    return ""


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, str):
        return f"the text '{value}'"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the value {value!r}"
