"""First-run chores: the first administrator."""

from __future__ import annotations

import secrets

from flask import current_app

from app.generated.roles import SUPERUSER_ROLE


def ensure_admin(username: str, email: str, password: str | None) -> tuple[bool, str | None]:
    """Create the first administrator unless one exists.

    Returns (created, generated password). A generated password is returned once, for printing,
    and never stored anywhere but as a hash.
    """
    sm = current_app.appbuilder.sm
    role = sm.find_role(SUPERUSER_ROLE)
    if role is None:
        raise RuntimeError("roles are missing: run `flask security sync` first")
    if any(user for user in sm.get_all_users() if role in user.roles):
        return False, None
    generated = None
    if not password:
        password = generated = secrets.token_urlsafe(12)
    user = sm.add_user(username, "Portal", "Administrator", email, role, password=password)
    if not user:
        raise RuntimeError(f"could not create the administrator {username!r}")
    return True, generated
