"""Loads model.yaml into the checked model, or reports every error in it at once.

The file is read with `yaml.compose()` so that every node keeps its line and column; checking
walks the node tree, never the plain Python values, so each message can name `model.yaml:LINE:COL`.
The loader never lets a Python exception escape for bad input: everything becomes a `ModelError`.
"""

from __future__ import annotations

import datetime
import decimal
from pathlib import Path
from typing import Any

import yaml

from generators import spec
from generators.admin_checks import AdminChecks
from generators.errors import ModelError, ModelInvalid, did_you_mean
from generators.reference_checks import ReferenceChecks
from generators.schema import (
    DOTTED_CLASS,
    SNAKE_CASE,
    Entity,
    Field,
    Menu,
    Model,
    Permission,
    Role,
    class_name,
)
from generators.yaml_nodes import (
    _UNREADABLE,
    NodeReader,
    _all_field_keys,
    _describe,
    _join,
    _kind,
    _line,
    _quote_hint,
)

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
    "created_on": "reserved for the audit columns (who changed a record, and when)",
    "changed_on": "reserved for the audit columns (who changed a record, and when)",
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


# libyaml's composer is several times faster than PyYAML's own (a load of model.yaml drops from
# ~0.2 s to a fraction), but words its errors differently: a document it refuses is composed
# again by PyYAML, whose messages and marks are the ones this loader explains.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def _compose(text: str) -> yaml.Node | None:
    if _FAST_LOADER is not None:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.YAMLError:
            pass
    return yaml.compose(text, Loader=yaml.SafeLoader)


class _Loader(ReferenceChecks, AdminChecks, NodeReader):
    # ------------------------------------------------------------------ the document

    def load(self, text: str) -> Model:
        try:
            root = _compose(text)
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
        checks, check_nodes = self.name_list(items, "checks", path)
        for check, check_node in zip(checks, check_nodes, strict=True):
            if DOTTED_CLASS.match(check):
                entity.checks.append(check)
            else:
                self.error(
                    check_node,
                    f"{path}.checks",
                    f"invalid function reference '{check}': expected 'package.module:function'",
                    "MODEL-E121",
                )
        entity.singleton = self.scalar(items, "singleton", path, bool, False)
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
        if field.type == "belongs_to":
            # The one default a relation can have: the user saving the record (an author).
            if value == "current_user" and field.target == "user":
                return value
            self.error(
                node,
                path,
                "a belongs_to can only default to 'current_user', and only with target 'user'",
                "MODEL-E118",
            )
            return None
        if field.type == "datetime":
            if value == "now":
                return value
            self.error(
                node,
                path,
                f"a field of type 'datetime' can only default to 'now', found {_describe(value)}",
                "MODEL-E118",
            )
            return None
        if field.type in ("json", "image", "file", "datetime", "time") or field.is_relation:
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
