"""Brings the database's roles and permissions in line with model.yaml (run at deploy).

Flask-AppBuilder checks its built-in roles (FAB_ROLES, generated from model.yaml) from the
configuration; the rows written here make the same permissions visible in the Security screens,
give the superuser role every permission, and carry permissions over an entity's rename.
"""

from __future__ import annotations

import logging
import re

from flask import current_app

from app.generated.roles import FAB_ROLES, RENAMES, ROLES, SUPERUSER_ROLE

log = logging.getLogger(__name__)


def sync_roles_and_permissions() -> dict[str, int]:
    """Create every permission of every screen and API; set each role's to its declared list.

    In one transaction: Flask-AppBuilder's security manager commits after each view menu,
    permission and grant it writes (some 1,300 commits for model.yaml's screens, each a sync to
    disk that also expires the roles, whose permissions the next grant then reloads). Its commits
    only flush here, and the whole is committed once. Should Flask-AppBuilder meet an error (it
    logs it, rolls back and goes on), the transaction is thrown away and the sync is run again
    with its commits as they are, so that an error leaves what it always did.
    """
    sm = current_app.appbuilder.sm
    session = sm.session()  # this thread's Session of the scoped session FAB writes through
    failed = []

    def flush_only():
        session.flush()

    def rollback_and_note():
        failed.append(True)
        type(session).rollback(session)

    session.commit, session.rollback = flush_only, rollback_and_note
    try:
        counts = _sync(sm)
    except Exception:
        failed.append(True)
    finally:
        del session.commit, session.rollback
    if not failed:
        session.commit()
        return counts
    session.rollback()
    log.warning("Security sync failed in one transaction: running it again, commit by commit")
    return _sync(sm)


def _sync(sm) -> dict[str, int]:
    appbuilder = current_app.appbuilder
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
