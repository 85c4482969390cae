"""Checks of each entity's admin hints, display fields and unique-together groups."""

from __future__ import annotations

import yaml

from generators import spec
from generators.errors import did_you_mean
from generators.schema import (
    DOTTED_CLASS,
    AdminHints,
    Entity,
    Fieldset,
    Model,
)
from generators.yaml_nodes import (
    _kind,
    _line,
)


class AdminChecks:
    """Mixed into the loader: runs once every entity and field has been read."""

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
                    if f.type not in ("json", "image", "file", "time", "has_many")
                    and not (key == "search_columns" and f.is_relation)
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
        read_only, read_only_nodes = self.name_list(items, "read_only", path)
        for name, name_node in zip(read_only, read_only_nodes, strict=True):
            field = entity.fields.get(name)
            if field is None and self.broken_field(entity.name, name):
                continue
            if field is None or field.type == "has_many":
                self.error(
                    name_node,
                    f"{path}.read_only",
                    f"'{entity.name}' has no stored field '{name}'",
                    "MODEL-E110",
                    did_you_mean(name, [f for f in entity.fields if f != name]),
                )
            else:
                hints.read_only.append(name)
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
                        name,
                        [
                            f.name
                            for f in entity.fields.values()
                            if f.type in ("has_many", "many_to_many")
                        ],
                    ),
                )
            elif field.type not in ("has_many", "many_to_many"):
                self.error(
                    name_node,
                    f"{path}.related",
                    f"field '{name}' is of type '{field.type}'; related lists need a has_many "
                    "or many_to_many field",
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
        self._check_field_groups(entity, entity_items, base, "unique_together")
        self._check_field_groups(entity, entity_items, base, "index_together")

    def _check_field_groups(self, entity: Entity, entity_items: dict, base: str, key: str):
        """`unique_together` or `index_together`: lists of two or more stored fields (an index
        may end with `id`, so that an index-only scan can also give the row's id)."""
        node = entity_items.get(key, (None, None))[1]
        if node is None:
            return
        unique = key == "unique_together"
        path = f"{base}.{key}"
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
                    f"for a single field, write '{'unique' if unique else 'index'}: true' "
                    "on the field",
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
                if name == "id" and not unique:
                    names.append(name)
                    continue
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
                        + ("be unique" if unique else "index"),
                        "MODEL-E110",
                    )
                    continue
                names.append(name)
            if len(names) == len(group.value):
                getattr(entity, key).append(names)
