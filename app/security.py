"""The security manager: Flask-AppBuilder's, with the API login throttled like the HTML one."""

from __future__ import annotations

from flask import current_app, g, has_request_context, jsonify, make_response
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.security.sqla.models import assoc_permissionview_role
from flask_appbuilder.utils.limit import Limit
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address

from app.domain.accounts import is_staff, request_user


def _api_login_limit() -> str:
    return current_app.config.get("API_LOGIN_RATE_LIMIT", "10 per 5 minute")


def _too_many_attempts(_limit):
    """An API client reads JSON: Flask-Limiter's own answer is an HTML page."""
    return make_response(
        jsonify(message=_("Too many login attempts from this address; try again later.")), 429
    )


class ThrottledSecurityApi(SecurityApi):
    """`/api/v1/security/login`, limited per client address: AUTH_RATE_LIMITED covers only HTML."""

    limits = [
        Limit(
            limit_value=_api_login_limit,
            key_func=get_remote_address,
            methods=("POST",),
            exempt_when=lambda: not current_app.config.get("RATELIMIT_ENABLED", True),
            override_defaults=True,
            on_breach=_too_many_attempts,
        )
    ]


def _not_authenticated(reason: str):
    return make_response(jsonify(msg=reason), 401)


class PortalSecurityManager(SecurityManager):
    security_api = ThrottledSecurityApi

    def create_jwt_manager(self, app):
        """A token that cannot be read or verified is no authentication: 401, not the 422 of
        Flask-JWT-Extended's default, like a missing or expired one."""
        jwt_manager = super().create_jwt_manager(app)
        jwt_manager.invalid_token_loader(_not_authenticated)
        return jwt_manager

    def get_user_by_id(self, pk):
        """The logged-in user of each request, read with what every request asks next (their
        roles, their contact and customers, the shop's settings): see accounts.request_user."""
        return request_user(self.session, int(pk))

    def auth_user_db(self, username, password):
        """The back office's login (HTML and API) is for staff only. A portal contact who tries
        it is refused like a wrong password: their door is /portal/login, which checks their
        company's status and is throttled per account."""
        user = super().auth_user_db(username, password)
        if user is not None and not is_staff(user):
            return None
        return user

    def exist_permission_on_roles(self, view_name: str, permission_name: str, role_ids) -> bool:
        """FAB asks once per menu entry and button (20+ queries a page): load the request's
        roles' permissions once and answer from memory."""
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
