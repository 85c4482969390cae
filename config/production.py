"""Production: everything that differs from the embedded default comes from the environment.

Required: SECRET_KEY (32 bytes or more) and DATABASE_URL (postgresql://...). REDIS_URL switches jobs
to RQ workers and login throttling to a store shared by every app process.
"""

from __future__ import annotations

import os

from config.default import *  # noqa: F403

SECRET_KEY = os.environ["SECRET_KEY"]
SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
REDIS_URL = os.environ.get("REDIS_URL", "")
RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", REDIS_URL or "memory://")
SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "1") == "1"
PREFERRED_URL_SCHEME = "https"
# How many proxies stand in front of the app (X-Forwarded-For hops to trust).
PROXY_COUNT = int(os.environ.get("PROXY_COUNT", "1"))
