"""Cross-reference checks: relation targets and inverses, roles, permissions and row rules."""

from __future__ import annotations

from typing import Any

from generators import spec
from generators.errors import did_you_mean
from generators.schema import (
    Entity,
    Field,
    Model,
)


class ReferenceChecks:
    """Mixed into the loader: runs once every entity, field and role has been read."""

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
