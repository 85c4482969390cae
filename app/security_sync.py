"""Brings the database's roles and permissions in line with model.yaml (run at deploy).

Flask-AppBuilder checks its built-in roles (FAB_ROLES, generated from model.yaml) from the
configuration; the rows written here make the same permissions visible in the Security screens,
give the superuser role every permission, and carry permissions over an entity's rename.
"""

from __future__ import annotations

import re

from flask import current_app

from app.generated.roles import FAB_ROLES, RENAMES, ROLES, SUPERUSER_ROLE


def sync_roles_and_permissions() -> dict[str, int]:
    """Create every permission of every screen and API; set each role's to its declared list."""
    appbuilder = current_app.appbuilder
    sm = appbuilder.sm
    _carry_over_renames(sm)
    # The superuser role must exist first: FAB grants it each permission as it creates it.
    for name in (SUPERUSER_ROLE, current_app.config["AUTH_ROLE_PUBLIC"]):
        if sm.find_role(name) is None:
            sm.add_role(name)
    appbuilder.add_permissions(update_perms=True)
    counts: dict[str, int] = {}
    for name in ROLES:
        role = sm.find_role(name) or sm.add_role(name)
        if name == SUPERUSER_ROLE:
            counts[name] = len(role.permissions)
            continue
        wanted = []
        for view_pattern, permission_pattern in FAB_ROLES.get(name, []):
            pv = sm.add_permission_view_menu(_literal(permission_pattern), _literal(view_pattern))
            if pv is not None:
                wanted.append(pv)
        role.permissions = wanted
        counts[name] = len(wanted)
    sm.session.commit()
    return counts


def _carry_over_renames(sm) -> None:
    """A renamed entity keeps its grants: rename its view menus before new ones are created."""
    for before, after in RENAMES:
        menu = sm.find_view_menu(before)
        if menu is not None and sm.find_view_menu(after) is None:
            menu.name = after
    sm.session.commit()


def _literal(pattern: str) -> str:
    """The name an anchored, escaped FAB_ROLES pattern stands for."""
    return re.sub(r"\\(.)", r"\1", pattern.removesuffix("$"))
