"""Writes app/generated/roles.py: the roles of model.yaml, their row rules and FAB_ROLES."""

from __future__ import annotations

import re

from generators.pyfmt import HEADER, lit, tr
from generators.schema import Entity, Model, class_name

VIEW_PERMISSIONS = {
    "list": ["can_list"],
    "show": ["can_show", "can_download"],
    "add": ["can_add"],
    "edit": ["can_edit"],
    "delete": ["can_delete"],
    "export": ["can_export"],
}
API_PERMISSIONS = {
    "list": ["can_get", "can_info"],
    "show": ["can_get", "can_info"],
    "add": ["can_post"],
    "edit": ["can_put"],
    "delete": ["can_delete"],
    "export": [],
}
# What every back-office user may do with their own account.
SELF_SERVICE = [
    ("UserInfoEditView", "can_this_form_get"),
    ("UserInfoEditView", "can_this_form_post"),
    ("ResetMyPasswordView", "can_this_form_get"),
    ("ResetMyPasswordView", "can_this_form_post"),
    ("UserDBModelView", "can_userinfo"),
    ("UserDBModelView", "resetmypassword"),
]


def role_permissions(model: Model, role_name: str) -> list[tuple[str, str]]:
    """(view or menu, permission) pairs a back-office role holds, in a stable order."""
    role = model.roles[role_name]
    pairs: list[tuple[str, str]] = []
    if role.area != "back_office" or role.superuser:
        return pairs
    pairs += SELF_SERVICE
    menus: list[str] = []
    for entity_name, permission in role.permissions.items():
        entity: Entity = model.entities[entity_name]
        for action in permission.actions:
            pairs += [(entity.view_name, p) for p in VIEW_PERMISSIONS[action]]
            if entity.api:
                pairs += [(entity.api_name, p) for p in API_PERMISSIONS[action]]
        if entity.admin.menu and "list" in permission.actions:
            pairs.append((entity.name, "menu_access"))
            if entity.admin.menu not in menus:
                menus.append(entity.admin.menu)
    pairs += [(menu, "menu_access") for menu in menus]
    return list(dict.fromkeys(pairs))


def roles_module(model: Model) -> str:
    out = [HEADER, '"""The roles declared in model.yaml: labels, permissions and row rules."""\n\n']
    out.append("from flask_babel import lazy_gettext as _l\n\n")
    out.append(f"SUPERUSER_ROLE = {lit(model.superuser_role.name)}\n")
    portal = [r.name for r in model.roles.values() if r.area == "portal"]
    trailing = "," if len(portal) == 1 else ""
    out.append(f"PORTAL_ROLES = ({', '.join(lit(n) for n in portal)}{trailing})\n\n")
    out.append('# role -> entity -> {"actions": (...), "rows": {field path: value}}; read by\n')
    out.append("# app/domain/scoping.py, which both the screens and the portal ask.\n")
    out.append("ROLES = {\n")
    for role in model.roles.values():
        perms = []
        for entity_name, permission in role.permissions.items():
            rows = ", ".join(f"{lit(k)}: {lit(v)}" for k, v in permission.rows.items())
            actions = ", ".join(lit(a) for a in permission.actions)
            if len(permission.actions) == 1:
                actions += ","
            perms.append(f'{lit(entity_name)}: {{"actions": ({actions}), "rows": {{{rows}}}}}')
        out.append(
            f"    {lit(role.name)}: {{\n"
            f'        "label": {tr(role.label)},\n'
            f'        "area": {lit(role.area)},\n'
            f'        "superuser": {lit(role.superuser)},\n'
            f'        "permissions": {{{", ".join(perms)}}},\n'
            "    },\n"
        )
    out.append("}\n\n")
    out.append(
        "# Flask-AppBuilder's built-in roles. Its checks match each name as a regular expression\n"
        "# from the start, so every name is escaped and anchored: 'customer' must not grant\n"
        "# 'customer_group'.\n"
    )
    out.append("FAB_ROLES = {\n")
    for role in model.roles.values():
        if role.superuser:
            continue
        pairs = role_permissions(model, role.name)
        items = "".join(f"        [{lit(_exact(v))}, {lit(_exact(p))}],\n" for v, p in pairs)
        name = lit(role.name)
        out.append(f"    {name}: [\n{items}    ],\n" if items else f"    {name}: [],\n")
    out.append("}\n\n")
    out.append("# (former name, new name) of the views, APIs and menus of renamed entities.\n")
    renames = []
    for entity in model.entities.values():
        if entity.renamed_from:
            old = class_name(entity.renamed_from)
            renames += [(f"{old}View", entity.view_name), (entity.renamed_from, entity.name)]
            if entity.api:
                renames.append((f"{old}Api", entity.api_name))
    items = "".join(f"    ({lit(a)}, {lit(b)}),\n" for a, b in renames)
    out.append(f"RENAMES = [\n{items}]\n" if items else "RENAMES = []\n")
    return "".join(out)


def _exact(name: str) -> str:
    return re.escape(name) + "$"
