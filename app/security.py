"""The security manager: Flask-AppBuilder's, with the API login throttled like the HTML one."""

from __future__ import annotations

from flask import current_app
from flask_appbuilder.security.api import SecurityApi
from flask_appbuilder.security.sqla.manager import SecurityManager
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
