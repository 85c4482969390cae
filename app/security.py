"""The security manager: Flask-AppBuilder's, with the API login throttled like the HTML one."""

from __future__ import annotations

from flask import current_app, jsonify, make_response
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
from flask_appbuilder.utils.limit import Limit
from flask_babel import gettext as _
from flask_limiter.util import get_remote_address


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
