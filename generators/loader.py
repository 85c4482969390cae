"""Loads model.yaml into the checked model, or reports every error in it at once.

The file is read with `yaml.compose()` so that every node keeps its line and column; checking
walks the node tree, never the plain Python values, so each message can name `model.yaml:LINE:COL`.
The loader never lets a Python exception escape for bad input: everything becomes a `ModelError`.
"""

from __future__ import annotations

import datetime
import decimal
import re
from pathlib import Path
from typing import Any

import yaml

from generators import spec
from generators.errors import ModelError, ModelInvalid, did_you_mean
from generators.schema import (
    DOTTED_CLASS,
    SNAKE_CASE,
    AdminHints,
    Entity,
    Field,
    Fieldset,
    Menu,
    Model,
    Permission,
    Role,
    class_name,
)

_MISSING = object()
# What `value()` gives for a scalar PyYAML cannot build (an impossible date, an unknown tag): the
# error is already reported, so callers drop the value without a second message.
_UNREADABLE = object()

# What to suggest instead of a reserved entity id.
_RESERVED_ENTITY_HINTS = {
    "order": "did you mean 'sales_order'?",
    "user": "Flask-AppBuilder's users are built in: a belongs_to can target 'user' directly",
    "group": "did you mean 'customer_group'?",
    "role": "roles are declared under 'roles', not as entities",
    "permission": "permissions are declared under 'roles', not as entities",
}
_RESERVED_FIELD_HINTS = {
    "id": "every entity already has an 'id' primary key",
    "created_on": "the generated code adds the audit columns itself",
    "changed_on": "the generated code adds the audit columns itself",
    "translations": "the generated code keeps the translations of translatable fields there",
}


def load_model(path: str | Path) -> Model:
    """Read and check a model file; raise `ModelInvalid` carrying every error found."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelInvalid(
            [ModelError(str(path), 1, 1, "(file)", f"cannot read the file: {exc}", "MODEL-E000")]
        ) from None
    return load_model_text(text, path.name)


def load_model_text(text: str, filename: str = "model.yaml") -> Model:
    """Check the text of a model file; raise `ModelInvalid` carrying every error found."""
    return _Loader(filename).load(text)


class _Loader:
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

    # ------------------------------------------------------------------ the document

    def load(self, text: str) -> Model:
        try:
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
            problem = exc.problem or "invalid YAML"
            hint = ""
            if "'\\t'" in problem:
                hint = "indent with spaces, not tabs"
            elif problem.startswith("but ") and exc.context:
                # "expected a single document in the stream" / "but found another document"
                problem = f"{exc.context}, {problem}"
                if "another document" in problem:
                    hint = "model.yaml is a single document: remove the '---' line"
            elif exc.context and exc.context_mark and exc.problem_mark:
                # The problem is often seen a line after the mistake: show where it began.
                start = exc.context_mark
                if (start.line, start.column) != (exc.problem_mark.line, exc.problem_mark.column):
                    hint = (
                        f"{exc.context} that starts at line {start.line + 1}, "
                        f"column {start.column + 1}"
                    )
            raise ModelInvalid(
                [
                    ModelError(
                        self.file,
                        line,
                        col,
                        "(syntax)",
                        f"YAML syntax error: {problem}",
                        "MODEL-E001",
                        hint,
                    )
                ]
            ) from None
        except yaml.reader.ReaderError as exc:
            # Raised for control characters, with a character offset rather than a mark.
            before = text[: exc.position]
            line, col = before.count("\n") + 1, len(before) - (before.rfind("\n") + 1) + 1
            raise ModelInvalid(
                [
                    ModelError(
                        self.file,
                        line,
                        col,
                        "(syntax)",
                        f"YAML syntax error: unacceptable character #x{exc.character:04x}: "
                        f"{exc.reason}",
                        "MODEL-E001",
                    )
                ]
            ) from None
        except yaml.YAMLError as exc:
            raise ModelInvalid(
                [ModelError(self.file, 1, 1, "(syntax)", f"YAML error: {exc}", "MODEL-E001")]
            ) from None
        if root is None:
            raise ModelInvalid(
                [ModelError(self.file, 1, 1, "(document)", "the model file is empty", "MODEL-E002")]
            )
        top = self.mapping(root, "(document)", "a mapping with version, app, entities and roles")
        if top is None:
            raise ModelInvalid(self.errors)
        self._owners[""] = root
        for key, (key_node, _) in top.items():
            self._owners[key] = key_node
        self.check_keys(top, "", spec.TOP_KEYS, spec.TOP_REQUIRED)

        version = self.scalar(top, "version", "", int)
        if version is not None and version != 1:
            self.error(
                top["version"][1],
                "version",
                f"unsupported version {version}; expected 1",
                "MODEL-E124",
            )

        app = self.load_app(top.get("app", (None, None))[1])
        menus = self.load_menus(top.get("menus", (None, None))[1])
        entities = self.load_entities(top.get("entities", (None, None))[1])
        roles = self.load_roles(top.get("roles", (None, None))[1])

        model = Model(
            file=self.file,
            version=version or 1,
            name=app.get("name", ""),
            languages=app.get("languages", ["en"]),
            default_language=app.get("default_language", "en"),
            currency=app.get("currency", "EUR"),
            menus=menus,
            entities=entities,
            roles=roles,
        )
        self.check_references(model)
        if self.errors:
            raise ModelInvalid(self.errors)
        return model

    def load_app(self, node) -> dict:
        items = self.mapping(node, "app")
        if node is None or items is None:
            return {}
        self.check_keys(items, "app", spec.APP_KEYS, spec.APP_REQUIRED)
        result: dict[str, Any] = {}
        name = self.scalar(items, "name", "app", str)
        if name is not None:
            result["name"] = name
        languages, language_nodes = self.name_list(items, "languages", "app")
        for lang, lang_node in zip(languages, language_nodes, strict=True):
            if lang not in spec.KNOWN_LANGUAGES:
                self.error(
                    lang_node,
                    "app.languages",
                    f"unknown language '{lang}'; expected one of: "
                    f"{', '.join(spec.KNOWN_LANGUAGES)}",
                    "MODEL-E119",
                    did_you_mean(lang, spec.KNOWN_LANGUAGES),
                )
        if languages:
            result["languages"] = languages
        elif "languages" in items and isinstance(items["languages"][1], yaml.SequenceNode):
            self.error(
                items["languages"][1],
                "app.languages",
                "expected at least one language",
                "MODEL-E102",
            )
        default = self.scalar(items, "default_language", "app", str)
        if default is not None:
            if languages and default not in languages:
                self.error(
                    items["default_language"][1],
                    "app.default_language",
                    f"default language '{default}' is not in app.languages "
                    f"({', '.join(languages)})",
                    "MODEL-E119",
                )
            result["default_language"] = default
        currency = self.scalar(items, "currency", "app", str)
        if currency is not None:
            if not (len(currency) == 3 and currency.isalpha() and currency.isupper()):
                self.error(
                    items["currency"][1],
                    "app.currency",
                    f"invalid currency '{currency}': expected an ISO 4217 code such as EUR",
                    "MODEL-E103",
                )
            result["currency"] = currency
        return result

    def load_menus(self, node) -> dict[str, Menu]:
        items = self.mapping(node, "menus")
        menus: dict[str, Menu] = {}
        for name, (key_node, value_node) in (items or {}).items():
            path = f"menus.{name}"
            self.identifier(key_node, path, name, "menu")
            menu_items = self.mapping(value_node, path)
            if menu_items is None:
                continue
            self._owners[path] = key_node
            self.check_keys(menu_items, path, spec.MENU_KEYS, {"label"})
            menus[name] = Menu(
                name=name,
                label=self.scalar(menu_items, "label", path, str, "") or "",
                icon=self.scalar(menu_items, "icon", path, str, "") or "",
                line=_line(menu_items.get("label", (key_node, key_node))[1]),
            )
        return menus

    # ------------------------------------------------------------------ entities

    def load_entities(self, node) -> dict[str, Entity]:
        items = self.mapping(node, "entities")
        entities: dict[str, Entity] = {}
        if node is None or items is None:
            self._entities_broken = True
            return entities
        if not items:
            self.error(node, "entities", "expected at least one entity", "MODEL-E102")
        classes: dict[str, str] = {}
        for name, (key_node, value_node) in items.items():
            path = f"entities.{name}"
            # A bad id is reported, but the entity is still checked and kept so that its contents
            # are checked too and references to it are not reported as unknown.
            if self.identifier(key_node, path, name, "entity"):
                if name in spec.RESERVED_ENTITY_NAMES:
                    self.error(
                        key_node,
                        path,
                        f"'{name}' is a reserved name and cannot be an entity id",
                        "MODEL-E106",
                        _RESERVED_ENTITY_HINTS.get(name, ""),
                    )
                elif class_name(name) in classes:
                    self.error(
                        key_node,
                        path,
                        f"entity '{name}' gives the class name {class_name(name)}, already used by "
                        f"'{classes[class_name(name)]}'",
                        "MODEL-E122",
                    )
                else:
                    classes[class_name(name)] = name
            entity = self.load_entity(name, key_node, value_node, path)
            if entity is not None:
                entities[name] = entity
            else:
                self._broken_entities.add(name)
        return entities

    def load_entity(self, name, key_node, node, path) -> Entity | None:
        items = self.mapping(node, path)
        if items is None:
            return None
        self._owners[path] = key_node
        self.check_keys(items, path, spec.ENTITY_KEYS, spec.ENTITY_REQUIRED)
        label = self.scalar(items, "label", path, str, "") or ""
        entity = Entity(
            name=name,
            label=label,
            label_plural=self.scalar(items, "label_plural", path, str, "") or label,
            line=_line(items["label"][1]) if "label" in items else _line(key_node),
            fields={},
            help=self.scalar(items, "help", path, str, "") or "",
            api=self.scalar(items, "api", path, bool, False),
            renamed_from=self.scalar(items, "renamed_from", path, str),
        )
        entity.label_plural_line = _line(items["label_plural"][1]) if "label_plural" in items else 0
        entity.help_line = _line(items["help"][1]) if "help" in items else 0
        if entity.renamed_from is not None and not SNAKE_CASE.match(entity.renamed_from):
            self.error(
                items["renamed_from"][1],
                f"{path}.renamed_from",
                "expected the former snake_case id",
                "MODEL-E105",
            )
        mixin = self.scalar(items, "mixin", path, str)
        if mixin is not None:
            if DOTTED_CLASS.match(mixin):
                entity.mixin = mixin
            else:
                self.error(
                    items["mixin"][1],
                    f"{path}.mixin",
                    f"invalid class reference '{mixin}': expected 'package.module:ClassName'",
                    "MODEL-E121",
                )
        fields_node = items.get("fields", (None, None))[1]
        field_items = self.mapping(fields_node, f"{path}.fields")
        if field_items is not None and fields_node is not None and not field_items:
            self.error(fields_node, f"{path}.fields", "expected at least one field", "MODEL-E102")
        if fields_node is None or field_items is None:
            self._broken_fields.add((name, "*"))
        for field_name, (fkey_node, fvalue_node) in (field_items or {}).items():
            fpath = f"{path}.fields.{field_name}"
            # Like entities: a bad id is reported, the field is still checked and kept.
            if self.identifier(fkey_node, fpath, field_name, "field") and (
                field_name in spec.RESERVED_FIELD_NAMES
            ):
                self.error(
                    fkey_node,
                    fpath,
                    f"'{field_name}' is a reserved name and cannot be a field id",
                    "MODEL-E106",
                    _RESERVED_FIELD_HINTS.get(field_name, ""),
                )
            field = self.load_field(field_name, fkey_node, fvalue_node, fpath)
            if field is not None:
                entity.fields[field_name] = field
            else:
                self._broken_fields.add((name, field_name))
        self.check_column_clashes(entity, field_items or {}, path)
        self._entity_nodes[name] = items
        return entity

    def check_column_clashes(self, entity: Entity, field_items: dict, path: str):
        columns: dict[str, str] = {}
        for field in entity.fields.values():
            if field.type in ("has_many", "many_to_many"):
                continue
            other = columns.get(field.column_name)
            if other:
                self.error(
                    field_items[field.name][0],
                    f"{path}.fields.{field.name}",
                    f"field '{field.name}' needs the column '{field.column_name}', already used by "
                    f"field '{other}'",
                    "MODEL-E107",
                )
            columns[field.column_name] = field.name

    def load_field(self, name, key_node, node, path) -> Field | None:
        if isinstance(node, yaml.ScalarNode) and self.value(node, path) is _UNREADABLE:
            return None
        if isinstance(node, yaml.ScalarNode) and isinstance(self.value(node, path), str):
            self.error(
                node,
                path,
                "expected a mapping with at least 'type' and 'label', found the text "
                f"'{node.value}'",
                "MODEL-E103",
                f"write '{name}: {{type: {node.value}, label: ...}}'"
                if node.value in spec.FIELD_TYPES
                else "",
            )
            return None
        items = self.mapping(node, path)
        if items is None:
            return None
        self._owners[path] = key_node
        ftype = self.scalar(items, "type", path, str)
        if ftype is not None and ftype not in spec.FIELD_TYPES:
            self.error(
                items["type"][1],
                f"{path}.type",
                f"unknown type '{ftype}'; expected one of: {', '.join(spec.FIELD_TYPES)}",
                "MODEL-E104",
                did_you_mean(ftype, spec.FIELD_TYPES),
            )
            ftype = None
        if ftype is None:
            # Without a known type the keys that apply are unknown: check what every field needs.
            self.check_keys(items, path, _all_field_keys(), {"type", "label"})
            self.scalar(items, "label", path, str)
            return None
        allowed = spec.FIELD_COMMON_KEYS | spec.TYPE_KEYS[ftype]
        if ftype in spec.SCALAR_TYPES:
            allowed |= spec.SCALAR_COMMON_KEYS
        required = {"type", "label"} | spec.REQUIRED_TYPE_KEYS.get(ftype, set())
        for key, (k_node, _) in items.items():
            if key not in allowed and key in _all_field_keys():
                self.error(
                    k_node,
                    _join(path, key),
                    f"'{key}' does not apply to a field of type '{ftype}'",
                    "MODEL-E114",
                )
        # Keys reported above are not read again, so their values are not reported a second time.
        items = {k: v for k, v in items.items() if k in allowed or k not in _all_field_keys()}
        self.check_keys(items, path, allowed, required)
        field = Field(
            name=name,
            type=ftype,
            label=self.scalar(items, "label", path, str, "") or "",
            line=_line(items["label"][1]) if "label" in items else _line(key_node),
            help=self.scalar(items, "help", path, str, "") or "",
            help_line=_line(items["help"][1]) if "help" in items else 0,
            required=bool(self.scalar(items, "required", path, bool, False)),
            unique=bool(self.scalar(items, "unique", path, bool, False)),
            index=bool(self.scalar(items, "index", path, bool, False)),
            translatable=bool(self.scalar(items, "translatable", path, bool, False)),
        )
        for key in ("length", "min_length", "max_length", "precision", "scale"):
            value = self.scalar(items, key, path, int)
            lowest = 0 if key in ("scale", "min_length") else 1
            if value is not None and value < lowest:
                self.error(
                    items[key][1],
                    _join(path, key),
                    f"'{key}' must be {lowest} or more, found {value}",
                    "MODEL-E113",
                )
                value = None
            setattr(field, key, value)
        if (
            ftype == "decimal"
            and field.precision
            and field.scale is not None
            and field.scale > field.precision
        ):
            self.error(
                items["scale"][1],
                f"{path}.scale",
                f"scale {field.scale} is larger than precision {field.precision}",
                "MODEL-E113",
            )
        if field.min_length and field.length and field.min_length > field.length:
            self.error(
                items["min_length"][1],
                f"{path}.min_length",
                f"min_length {field.min_length} is larger than length {field.length}",
                "MODEL-E113",
            )
        for key in ("min", "max"):
            value = self.scalar(items, key, path, (int, float))
            if value is not None:
                setattr(field, key, decimal.Decimal(str(value)) if ftype != "integer" else value)
                if ftype == "integer" and not isinstance(value, int):
                    self.error(
                        items[key][1],
                        _join(path, key),
                        f"expected a whole number for '{key}' of an integer field, found {value}",
                        "MODEL-E103",
                    )
        if field.min is not None and field.max is not None and field.min > field.max:
            self.error(
                items["min"][1],
                f"{path}.min",
                f"min {field.min} is larger than max {field.max}",
                "MODEL-E113",
            )
        if ftype == "enum":
            self.load_enum_values(field, items.get("values", (None, None))[1], f"{path}.values")
        if field.is_relation:
            field.target = self.scalar(items, "target", path, str)
            field.inverse = self.scalar(items, "inverse", path, str)
            on_delete = self.scalar(items, "on_delete", path, str, "restrict")
            if on_delete not in spec.ON_DELETE:
                self.error(
                    items["on_delete"][1],
                    f"{path}.on_delete",
                    f"unknown value '{on_delete}'; expected one of: {', '.join(spec.ON_DELETE)}",
                    "MODEL-E103",
                    did_you_mean(on_delete, spec.ON_DELETE),
                )
            elif on_delete == "set_null" and field.required:
                self.error(
                    items["on_delete"][1],
                    f"{path}.on_delete",
                    "'set_null' is impossible on a required relation",
                    "MODEL-E113",
                    "use 'restrict' or 'cascade', or drop 'required: true'",
                )
            field.on_delete = on_delete or "restrict"
        if "default" in items:
            field.default = self.check_default(field, items["default"][1], f"{path}.default")
        if field.translatable and field.unique:
            self.error(
                items["translatable"][1],
                f"{path}.translatable",
                "a translatable field cannot be unique",
                "MODEL-E113",
            )
        self._field_nodes[(path)] = items
        return field

    def load_enum_values(self, field: Field, node, path):
        items = self.mapping(node, path, "a mapping of value: label")
        if items is None:
            return
        if node is not None and not items:
            self.error(node, path, "expected at least one value", "MODEL-E112")
        for value, (k_node, v_node) in items.items():
            if not SNAKE_CASE.match(value):
                self.error(
                    k_node,
                    f"{path}.{value}",
                    f"invalid enum value '{value}': expected snake_case",
                    "MODEL-E112",
                )
                continue
            label = (
                self.value(v_node, f"{path}.{value}")
                if isinstance(v_node, yaml.ScalarNode)
                else None
            )
            if label is _UNREADABLE:
                continue
            if not isinstance(label, str):
                self.error(
                    v_node,
                    f"{path}.{value}",
                    f"expected the English label of '{value}', found "
                    + (_describe(label) if isinstance(v_node, yaml.ScalarNode) else _kind(v_node)),
                    "MODEL-E112",
                    _quote_hint(v_node),
                )
                continue
            field.values[value] = v_node.value
            field.values_lines[value] = _line(v_node)

    def check_default(self, field: Field, node, path) -> Any:
        if not isinstance(node, yaml.ScalarNode):
            self.error(node, path, f"expected a single value, found {_kind(node)}", "MODEL-E118")
            return None
        value = self.value(node, path)
        if value is _UNREADABLE:
            return None
        expected = {
            "integer": (int,),
            "decimal": (int, float),
            "money": (int, float),
            "boolean": (bool,),
            "date": (datetime.date,),
        }.get(field.type, (str,))
        if field.type in ("json", "image", "file", "datetime") or field.is_relation:
            self.error(
                node, path, f"a field of type '{field.type}' cannot have a default", "MODEL-E118"
            )
            return None
        if isinstance(value, bool) and bool not in expected or not isinstance(value, expected):
            self.error(
                node,
                path,
                f"expected a default of type '{field.type}', found {_describe(value)}",
                "MODEL-E118",
                _quote_hint(node) if str in expected else "",
            )
            return None
        if field.type == "enum" and field.values and value not in field.values:
            self.error(
                node,
                path,
                f"default '{value}' is not one of the values: {', '.join(field.values)}",
                "MODEL-E118",
                did_you_mean(value, field.values),
            )
            return None
        if field.type in ("decimal", "money"):
            value = decimal.Decimal(str(value))
        if field.min is not None and value < field.min:
            self.error(node, path, f"default {value} is below min {field.min}", "MODEL-E118")
            return None
        if field.max is not None and value > field.max:
            self.error(node, path, f"default {value} is above max {field.max}", "MODEL-E118")
            return None
        return value

    # ------------------------------------------------------------------ roles

    def load_roles(self, node) -> dict[str, Role]:
        items = self.mapping(node, "roles")
        roles: dict[str, Role] = {}
        if node is None or items is None:
            self._roles_broken = True
        elif not items:
            self.error(node, "roles", "expected at least one role, the superuser", "MODEL-E102")
        for name, (key_node, value_node) in (items or {}).items():
            path = f"roles.{name}"
            if self.identifier(key_node, path, name, "role") and name in spec.RESERVED_ROLE_NAMES:
                self.error(key_node, path, f"'{name}' is a reserved role name", "MODEL-E106")
            role_items = self.mapping(value_node, path)
            if role_items is None:
                self._roles_broken = True
                continue
            self._owners[path] = key_node
            self.check_keys(role_items, path, spec.ROLE_KEYS, spec.ROLE_REQUIRED)
            superuser = self.scalar(role_items, "superuser", path, bool)
            if superuser is None and "superuser" in role_items:
                self._roles_broken = True  # reported: no "found none" on top of it
            role = Role(
                name=name,
                label=self.scalar(role_items, "label", path, str, "") or "",
                line=_line(role_items["label"][1]) if "label" in role_items else _line(key_node),
                help=self.scalar(role_items, "help", path, str, "") or "",
                superuser=bool(superuser),
                area=self.scalar(role_items, "area", path, str, "back_office") or "back_office",
            )
            if role.area not in spec.AREAS:
                self.error(
                    role_items["area"][1],
                    f"{path}.area",
                    f"unknown area '{role.area}'; expected one of: {', '.join(spec.AREAS)}",
                    "MODEL-E103",
                    did_you_mean(role.area, spec.AREAS),
                )
            self._role_nodes[name] = role_items
            self.load_permissions(
                role, role_items.get("permissions", (None, None))[1], f"{path}.permissions"
            )
            roles[name] = role
        return roles

    def load_permissions(self, role: Role, node, path):
        items = self.mapping(node, path, "a mapping of entity: actions")
        for entity, (k_node, v_node) in (items or {}).items():
            epath = f"{path}.{entity}"
            rows: dict[str, Any] = {}
            actions_node, actions_path = v_node, epath
            if isinstance(v_node, yaml.MappingNode):
                perm_items = self.mapping(v_node, epath)
                self._owners[epath] = k_node
                self.check_keys(perm_items, epath, spec.PERMISSION_KEYS, {"actions"})
                actions_node = perm_items.get("actions", (None, None))[1]
                actions_path = f"{epath}.actions"
                rows = self.load_rows(perm_items.get("rows", (None, None))[1], f"{epath}.rows")
            actions = self.load_actions(actions_node, actions_path)
            role.permissions[entity] = Permission(entity=entity, actions=actions, rows=rows)
            self._permission_nodes[(role.name, entity)] = (k_node, v_node)

    def load_actions(self, node, path) -> list[str]:
        if node is None:
            return []
        if isinstance(node, yaml.ScalarNode) and node.value == "all":
            return list(spec.ACTIONS)
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node,
                path,
                f"expected 'all' or a list of actions, found {_kind(node)}",
                "MODEL-E103",
            )
            return []
        if not node.value:
            self.error(
                node,
                path,
                "expected at least one action",
                "MODEL-E111",
                "leave the entity out of the role to give no access to it",
            )
        actions = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self.error(
                    item, path, f"expected an action name, found {_kind(item)}", "MODEL-E111"
                )
                continue
            value = item.value
            if value not in spec.ACTIONS:
                self.error(
                    item,
                    path,
                    f"unknown action '{value}'; expected one of: {', '.join(spec.ACTIONS)}",
                    "MODEL-E111",
                    did_you_mean(value, spec.ACTIONS),
                )
                continue
            if value in actions:
                self.error(item, path, f"action '{value}' is listed twice", "MODEL-E107")
                continue
            actions.append(value)
        return [a for a in spec.ACTIONS if a in actions]

    def load_rows(self, node, path) -> dict[str, Any]:
        items = self.mapping(node, path, "a mapping of field path: value")
        rows: dict[str, Any] = {}
        for key, (k_node, v_node) in (items or {}).items():
            if not isinstance(v_node, yaml.ScalarNode):
                self.error(
                    v_node,
                    f"{path}.{key}",
                    "expected 'current_user' or a single value",
                    "MODEL-E120",
                )
                continue
            value = self.value(v_node, f"{path}.{key}")
            if value is _UNREADABLE:
                continue
            rows[key] = value
            self._row_nodes[(path, key)] = (k_node, v_node)
        return rows

    # ------------------------------------------------------------------ cross references

    def check_references(self, model: Model):
        entities = model.entities
        targets = set(entities) | spec.BUILTIN_TARGETS
        for entity in entities.values():
            base = f"entities.{entity.name}"
            field_nodes = {
                n: self._field_nodes.get(f"{base}.fields.{n}", {}) for n in entity.fields
            }
            for field in entity.fields.values():
                fpath = f"{base}.fields.{field.name}"
                items = field_nodes[field.name]
                if not field.is_relation or field.target is None:
                    continue
                if field.target not in targets:
                    if self.broken_entity(field.target):
                        continue
                    self.error(
                        items["target"][1],
                        f"{fpath}.target",
                        f"unknown entity '{field.target}'",
                        "MODEL-E108",
                        did_you_mean(field.target, targets),
                    )
                    continue
                if field.target in spec.BUILTIN_TARGETS and field.type != "belongs_to":
                    self.error(
                        items["target"][1],
                        f"{fpath}.target",
                        f"'{field.target}' can only be the target of a belongs_to",
                        "MODEL-E108",
                    )
                    continue
                self.check_inverse(model, entity, field, items, fpath)
            self.check_admin(model, entity, self._entity_nodes.get(entity.name, {}), base)
            self.check_unique_together(entity, self._entity_nodes.get(entity.name, {}), base)
            self.check_display(entity, self._entity_nodes.get(entity.name, {}), base)
        self.check_roles(model)

    def check_inverse(self, model: Model, entity: Entity, field: Field, items: dict, fpath: str):
        if field.target in spec.BUILTIN_TARGETS:
            if field.inverse:
                self.error(
                    items["inverse"][1],
                    f"{fpath}.inverse",
                    f"the built-in '{field.target}' entity cannot have an inverse field",
                    "MODEL-E116",
                )
            return
        target = model.entities[field.target]
        # A missing inverse of a has_many is reported as a missing key; one naming a field that
        # failed to load is reported there.
        if field.inverse is None or self.broken_field(target.name, field.inverse):
            return
        other = target.fields.get(field.inverse)
        expected = {"has_many": "belongs_to", "belongs_to": "has_many"}.get(field.type, field.type)
        if other is None or other.type != expected or other.target != entity.name:
            candidates = [
                f.name
                for f in target.fields.values()
                if f.type == expected and f.target == entity.name
            ]
            if candidates:
                hint = f"did you mean '{candidates[0]}'?"
            elif field.type == "has_many":
                hint = f"add to '{target.name}' a belongs_to field with target '{entity.name}'"
            else:
                hint = ""
            self.error(
                items["inverse"][1],
                f"{fpath}.inverse",
                f"'{field.inverse}' is not a {expected} field of '{target.name}' pointing back at "
                f"'{entity.name}'",
                "MODEL-E116",
                hint,
            )
        elif (
            other.inverse
            and other.inverse != field.name
            # When the other side's inverse is itself wrong, the error is reported there.
            and entity.fields.get(other.inverse) is not None
            and entity.fields[other.inverse].type == field.type
            and entity.fields[other.inverse].target == target.name
        ):
            self.error(
                items["inverse"][1],
                f"{fpath}.inverse",
                f"'{target.name}.{other.name}' names '{other.inverse}' as its inverse, not "
                f"'{field.name}'",
                "MODEL-E116",
            )
        elif field.target == entity.name and field.inverse == field.name:
            self.error(
                items["inverse"][1],
                f"{fpath}.inverse",
                "a field cannot be its own inverse",
                "MODEL-E116",
            )

    def check_admin(self, model: Model, entity: Entity, entity_items: dict, base: str):
        node = entity_items.get("admin", (None, None))[1]
        path = f"{base}.admin"
        items = self.mapping(node, path)
        if not items:
            return
        self.check_keys(items, path, spec.ADMIN_KEYS)
        hints = AdminHints()
        hints.icon = self.scalar(items, "icon", path, str, "") or ""
        menu = self.scalar(items, "menu", path, str)
        if menu is not None and menu not in model.menus:
            self.error(
                items["menu"][1],
                f"{path}.menu",
                f"unknown menu '{menu}'; declare it under 'menus'",
                "MODEL-E115",
                did_you_mean(menu, model.menus),
            )
        hints.menu = menu
        for key in ("list_columns", "search_columns", "filter_columns"):
            names, nodes = self.name_list(items, key, path)
            allowed = set(entity.fields)
            if key != "list_columns":
                allowed = {
                    f.name
                    for f in entity.fields.values()
                    if f.type not in ("json", "image", "file", "has_many", "many_to_many")
                    and not (key == "search_columns" and f.type == "belongs_to")
                }
            for name, name_node in zip(names, nodes, strict=True):
                if name in allowed or self.broken_field(entity.name, name):
                    continue
                if name not in entity.fields:
                    self.error(
                        name_node,
                        f"{path}.{key}",
                        f"'{entity.name}' has no field '{name}'",
                        "MODEL-E110",
                        did_you_mean(name, allowed),
                    )
                else:
                    self.error(
                        name_node,
                        f"{path}.{key}",
                        f"field '{name}' of type '{entity.fields[name].type}' cannot be used "
                        f"in {key}",
                        "MODEL-E110",
                    )
            setattr(hints, key, [n for n in names if n in allowed])
        order_by = self.scalar(items, "order_by", path, str)
        if order_by is not None:
            column = order_by.lstrip("-")
            field = entity.fields.get(column)
            if self.broken_field(entity.name, column):
                pass
            elif column != "id" and field is None:
                self.error(
                    items["order_by"][1],
                    f"{path}.order_by",
                    f"'{entity.name}' has no field '{column}'",
                    "MODEL-E110",
                    did_you_mean(column, entity.fields),
                )
            elif field is not None and field.type in ("has_many", "many_to_many", "json"):
                self.error(
                    items["order_by"][1],
                    f"{path}.order_by",
                    f"field '{column}' of type '{field.type}' cannot be used to sort",
                    "MODEL-E110",
                )
            else:
                hints.order_by = order_by
        page_size = self.scalar(items, "page_size", path, int)
        if page_size is not None and not 1 <= page_size <= 500:
            self.error(
                items["page_size"][1],
                f"{path}.page_size",
                f"page_size must be between 1 and 500, found {page_size}",
                "MODEL-E113",
            )
        else:
            hints.page_size = page_size
        base_view = self.scalar(items, "base_view", path, str)
        if base_view is not None and not DOTTED_CLASS.match(base_view):
            self.error(
                items["base_view"][1],
                f"{path}.base_view",
                f"invalid class reference '{base_view}': expected 'package.module:ClassName'",
                "MODEL-E121",
            )
        else:
            hints.base_view = base_view
        related, related_nodes = self.name_list(items, "related", path)
        for name, name_node in zip(related, related_nodes, strict=True):
            field = entity.fields.get(name)
            if field is None and self.broken_field(entity.name, name):
                continue
            if field is None:
                self.error(
                    name_node,
                    f"{path}.related",
                    f"'{entity.name}' has no has_many field '{name}'",
                    "MODEL-E123",
                    did_you_mean(
                        name, [f.name for f in entity.fields.values() if f.type == "has_many"]
                    ),
                )
            elif field.type != "has_many":
                self.error(
                    name_node,
                    f"{path}.related",
                    f"field '{name}' is of type '{field.type}'; related lists need a has_many "
                    "field",
                    "MODEL-E123",
                )
            else:
                hints.related.append(name)
        fs_node = items.get("fieldsets", (None, None))[1]
        if fs_node is not None:
            self.check_fieldsets(entity, fs_node, f"{path}.fieldsets", hints)
        entity.admin = hints

    def check_fieldsets(self, entity: Entity, node, path: str, hints: AdminHints):
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node, path, f"expected a list of fieldsets, found {_kind(node)}", "MODEL-E103"
            )
            return
        seen: dict[str, str] = {}
        editable = {f.name for f in entity.fields.values() if f.type != "has_many"}
        for i, fs_node in enumerate(node.value):
            fpath = f"{path}[{i}]"
            items = self.mapping(fs_node, fpath)
            if items is None:
                continue
            self._owners[fpath] = fs_node
            self.check_keys(items, fpath, spec.FIELDSET_KEYS, spec.FIELDSET_KEYS)
            label = self.scalar(items, "label", fpath, str, "") or ""
            names, nodes = self.name_list(items, "fields", fpath)
            for name, name_node in zip(names, nodes, strict=True):
                if self.broken_field(entity.name, name) and name not in entity.fields:
                    continue
                if name not in entity.fields:
                    self.error(
                        name_node,
                        f"{fpath}.fields",
                        f"'{entity.name}' has no field '{name}'",
                        "MODEL-E110",
                        did_you_mean(name, editable),
                    )
                elif name not in editable:
                    self.error(
                        name_node,
                        f"{fpath}.fields",
                        f"field '{name}' of type '{entity.fields[name].type}' cannot be shown "
                        "in a form",
                        "MODEL-E110",
                        "list it under 'related' instead",
                    )
                elif name in seen:
                    self.error(
                        name_node,
                        f"{fpath}.fields",
                        f"field '{name}' is already in fieldset {seen[name]}",
                        "MODEL-E107",
                    )
                else:
                    seen[name] = f"{i + 1} ('{label}')" if label else str(i + 1)
            hints.fieldsets.append(
                Fieldset(
                    label=label,
                    fields=[n for n in names if n in editable],
                    line=_line(items.get("label", (fs_node, fs_node))[1]),
                )
            )

    def check_display(self, entity: Entity, entity_items: dict, base: str):
        """`display: [first_name, last_name]`: the fields naming a record in lists and selects."""
        names, nodes = self.name_list(entity_items, "display", base)
        shown = {f.name for f in entity.fields.values() if f.type in spec.DISPLAY_TYPES}
        for name, node in zip(names, nodes, strict=True):
            if self.broken_field(entity.name, name) and name not in entity.fields:
                continue
            if name not in shown:
                reason = (
                    f"'{entity.name}' has no field '{name}'"
                    if name not in entity.fields
                    else f"field '{name}' of type '{entity.fields[name].type}' cannot name a record"
                )
                self.error(node, f"{base}.display", reason, "MODEL-E110", did_you_mean(name, shown))
            elif name in entity.display:
                self.error(node, f"{base}.display", f"field '{name}' is listed twice", "MODEL-E107")
            else:
                entity.display.append(name)

    def check_unique_together(self, entity: Entity, entity_items: dict, base: str):
        node = entity_items.get("unique_together", (None, None))[1]
        if node is None:
            return
        path = f"{base}.unique_together"
        if not isinstance(node, yaml.SequenceNode):
            self.error(
                node, path, f"expected a list of field lists, found {_kind(node)}", "MODEL-E103"
            )
            return
        stored = {
            f.name for f in entity.fields.values() if f.type not in ("has_many", "many_to_many")
        }
        for i, group in enumerate(node.value):
            gpath = f"{path}[{i}]"
            if not isinstance(group, yaml.SequenceNode):
                self.error(
                    group,
                    gpath,
                    f"expected a list of at least two field names, found {_kind(group)}",
                    "MODEL-E103",
                )
                continue
            if len(group.value) < 2:
                self.error(
                    group,
                    gpath,
                    "expected a list of at least two field names",
                    "MODEL-E103",
                    "for a single field, write 'unique: true' on the field",
                )
                continue
            names = []
            for j, item in enumerate(group.value):
                if not isinstance(item, yaml.ScalarNode):
                    self.error(
                        item, f"{gpath}[{j}]", f"expected a name, found {_kind(item)}", "MODEL-E103"
                    )
                    continue
                name = item.value
                if self.broken_field(entity.name, name) and name not in entity.fields:
                    continue
                if name not in entity.fields:
                    self.error(
                        item,
                        gpath,
                        f"'{entity.name}' has no field '{name}'",
                        "MODEL-E110",
                        did_you_mean(name, stored),
                    )
                    continue
                if name not in stored:
                    self.error(
                        item,
                        gpath,
                        f"field '{name}' of type '{entity.fields[name].type}' has no column to "
                        "be unique",
                        "MODEL-E110",
                    )
                    continue
                names.append(name)
            if len(names) == len(group.value):
                entity.unique_together.append(names)

    def check_roles(self, model: Model):
        superusers = [r for r in model.roles.values() if r.superuser]
        if len(superusers) > 1:
            second = superusers[1].name
            self.error(
                self._role_nodes[second]["superuser"][0],
                f"roles.{second}.superuser",
                f"expected exactly one role with 'superuser: true', found {len(superusers)}: "
                f"{', '.join(r.name for r in superusers)}",
                "MODEL-E109",
            )
        elif model.roles and not superusers and not self._roles_broken:
            self.error(
                self._owners.get("roles"),
                "roles",
                "expected exactly one role with 'superuser: true', found none",
                "MODEL-E109",
                "add 'superuser: true' to the administrators' role",
            )
        for role in model.roles.values():
            items = self._role_nodes.get(role.name, {})
            if role.superuser and role.area == "portal":
                self.error(
                    items["superuser"][0],
                    f"roles.{role.name}.superuser",
                    "a portal role cannot be a superuser",
                    "MODEL-E117",
                )
            for entity_name, permission in role.permissions.items():
                k_node, v_node = self._permission_nodes[(role.name, entity_name)]
                ppath = f"roles.{role.name}.permissions.{entity_name}"
                if role.area == "portal":
                    self.error(
                        k_node,
                        ppath,
                        "a portal role cannot be given back-office permissions; the portal "
                        "checks its contacts through app/domain",
                        "MODEL-E117",
                        "remove 'permissions', or make it a back_office role",
                    )
                    continue
                if role.superuser:
                    self.error(
                        k_node,
                        ppath,
                        "the superuser role already has every permission",
                        "MODEL-E117",
                    )
                    continue
                entity = model.entities.get(entity_name)
                if entity is None and self.broken_entity(entity_name):
                    continue
                if entity is None:
                    self.error(
                        k_node,
                        ppath,
                        f"unknown entity '{entity_name}'",
                        "MODEL-E108",
                        did_you_mean(entity_name, model.entities),
                    )
                    continue
                if (
                    permission.actions
                    and "list" not in permission.actions
                    and "show" not in permission.actions
                ):
                    self.error(
                        v_node,
                        ppath,
                        "actions other than list and show need 'list' or 'show' too: nobody "
                        "can edit what they cannot see",
                        "MODEL-E111",
                    )
                for row_path, value in permission.rows.items():
                    self.check_row_rule(model, entity, row_path, value, f"{ppath}.rows")

    def check_row_rule(self, model: Model, entity: Entity, row_path: str, value: Any, path: str):
        k_node, v_node = self._row_nodes[(path, row_path)]
        current: Entity | None = entity
        parts = row_path.split(".")
        for i, part in enumerate(parts):
            last = i == len(parts) - 1
            field = current.fields.get(part)
            if field is None:
                if not self.broken_field(current.name, part):
                    self.error(
                        k_node,
                        f"{path}.{row_path}",
                        f"'{current.name}' has no field '{part}'",
                        "MODEL-E120",
                        did_you_mean(part, current.fields),
                    )
                return
            if not last:
                if not field.is_relation:
                    self.error(
                        k_node,
                        f"{path}.{row_path}",
                        f"'{part}' is a {field.type} field, not a relation a row rule can follow",
                        "MODEL-E120",
                    )
                    return
                if field.target not in model.entities:
                    # An unknown target is reported on the field; 'user' has no fields to follow.
                    if field.target in spec.BUILTIN_TARGETS:
                        self.error(
                            k_node,
                            f"{path}.{row_path}",
                            f"'{part}' leads to the built-in '{field.target}', whose fields a row "
                            "rule cannot follow",
                            "MODEL-E120",
                            f"compare '{'.'.join(parts[: i + 1])}' with 'current_user'",
                        )
                    return
                current = model.entities[field.target]
                continue
            if field.is_relation and field.target is None:
                return  # the missing or unreadable target is reported on the field
            if value == "current_user":
                if field.type != "belongs_to" or field.target != "user":
                    self.error(
                        v_node,
                        f"{path}.{row_path}",
                        f"'current_user' needs a belongs_to field with target 'user'; '{part}' is "
                        + (
                            f"a belongs_to to '{field.target}'"
                            if field.type == "belongs_to"
                            else f"of type '{field.type}'"
                        ),
                        "MODEL-E120",
                    )
            elif field.is_relation or field.type in ("json", "image", "file"):
                self.error(
                    v_node,
                    f"{path}.{row_path}",
                    f"a row rule on '{part}' ({field.type}) can only compare with 'current_user'",
                    "MODEL-E120",
                )
            elif field.type == "enum" and field.values and value not in field.values:
                self.error(
                    v_node,
                    f"{path}.{row_path}",
                    f"'{value}' is not one of the values of '{part}': {', '.join(field.values)}",
                    "MODEL-E120",
                    did_you_mean(str(value), field.values),
                )


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
        and node.style is None
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
