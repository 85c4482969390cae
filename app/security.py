"""The security manager: Flask-AppBuilder's, with the API login throttled like the HTML one."""

from __future__ import annotations

from flask import current_app, g, has_request_context
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.sqla.models import assoc_permissionview_role
from flask_appbuilder.utils.limit import Limit
from flask_limiter.util import get_remote_address


def _api_login_limit() -> str:
    return current_app.config.get("API_LOGIN_RATE_LIMIT", "10 per 5 minute")


class ThrottledSecurityApi(SecurityApi):
    """`/api/v1/security/login`, limited per client address: AUTH_RATE_LIMITED covers only HTML."""

    limits = [
        Limit(
            limit_value=_api_login_limit,
            key_func=get_remote_address,
            methods=("POST",),
            exempt_when=lambda: not current_app.config.get("RATELIMIT_ENABLED", True),
            override_defaults=True,
        )
    ]


class PortalSecurityManager(SecurityManager):
    security_api = ThrottledSecurityApi

    def exist_permission_on_roles(self, view_name: str, permission_name: str, role_ids) -> bool:
        """FAB asks once per menu entry and button (20+ queries a page); load a request's
        roles' permissions once instead and answer from memory."""
        if not has_request_context():
            return super().exist_permission_on_roles(view_name, permission_name, role_ids)
        cache = g.setdefault("_role_permissions", {})
        key = tuple(sorted(role_ids))
        if key not in cache:
            cache[key] = self._permission_pairs(key)
        return (view_name, permission_name) in cache[key]

    def _permission_pairs(self, role_ids: tuple[int, ...]) -> frozenset[tuple[str, str]]:
        rows = (
            self.session.query(self.viewmenu_model.name, self.permission_model.name)
            .select_from(self.permissionview_model)
            .join(
                assoc_permissionview_role,
                self.permissionview_model.id == assoc_permissionview_role.c.permission_view_id,
            )
            .join(self.permission_model, self.permissionview_model.permission)
            .join(self.viewmenu_model, self.permissionview_model.view_menu)
            .filter(assoc_permissionview_role.c.role_id.in_(role_ids))
        )
        return frozenset((view, permission) for view, permission in rows)
