"""Failed portal logins and reset requests, counted per account and per client address.

Per account, so that nobody can try password after password on one person's login from many
addresses; per address, so that one client cannot try one password on many accounts. Only
failures count (a person who logs in is not slowed down), and an unknown email counts exactly
like a known one, so the answer never tells whether an account exists.

The counts live where Flask-Limiter's do (RATELIMIT_STORAGE_URI: memory on the embedded
default, Redis in production, shared by every app process), through the `limits` library that
Flask-Limiter is built on; its moving window forgets each failure after the period.
"""

from __future__ import annotations

import hashlib
import math
import time

from flask import current_app, request
from limits import parse
from limits.storage import storage_from_string
from limits.strategies import MovingWindowRateLimiter

LIMITS = {
    # config key: (default, what is counted)
    "PORTAL_LOGIN_LIMIT_PER_ACCOUNT": "5 per 15 minutes",
    "PORTAL_LOGIN_LIMIT_PER_ADDRESS": "20 per 15 minutes",
    "PORTAL_RESET_LIMIT_PER_ACCOUNT": "3 per hour",
    "PORTAL_RESET_LIMIT_PER_ADDRESS": "10 per hour",
}


def _limiter() -> MovingWindowRateLimiter:
    extension = current_app.extensions.get("portal_throttle")
    uri = current_app.config.get("RATELIMIT_STORAGE_URI", "memory://")
    if extension is None or extension[0] != uri:
        extension = (uri, MovingWindowRateLimiter(storage_from_string(uri)))
        current_app.extensions["portal_throttle"] = extension
    return extension[1]


def _enabled() -> bool:
    return bool(current_app.config.get("RATELIMIT_ENABLED", True))


def _keys(action: str, email: str) -> list[tuple[str, str, str]]:
    # The email is hashed: the store need not hold a list of addresses people tried.
    account = hashlib.sha256(email.strip().lower().encode()).hexdigest()[:32]
    address = request.remote_addr or "unknown"
    return [
        (f"PORTAL_{action}_LIMIT_PER_ACCOUNT", "account", account),
        (f"PORTAL_{action}_LIMIT_PER_ADDRESS", "address", address),
    ]


def _item(config_key: str):
    return parse(current_app.config.get(config_key, LIMITS[config_key]))


def seconds_blocked(action: str, email: str) -> int:
    """0 when another attempt is allowed; else how long until it is (per the stricter count)."""
    if not _enabled():
        return 0
    limiter, wait = _limiter(), 0
    for config_key, kind, key in _keys(action, email):
        item = _item(config_key)
        if not limiter.test(item, f"portal-{action}", kind, key):
            reset_at = limiter.get_window_stats(item, f"portal-{action}", kind, key).reset_time
            wait = max(wait, math.ceil(reset_at - time.time()), 1)
    return wait


def count_failure(action: str, email: str) -> None:
    if not _enabled():
        return
    limiter = _limiter()
    for config_key, kind, key in _keys(action, email):
        limiter.hit(_item(config_key), f"portal-{action}", kind, key)


def count_attempt(action: str, email: str) -> None:
    """Reset requests count whether or not the account exists: each one may send a mail."""
    count_failure(action, email)


def forget_account_failures(action: str, email: str) -> None:
    """After a successful login the account's count starts again; the address's stays."""
    if not _enabled():
        return
    config_key, kind, key = _keys(action, email)[0]
    _limiter().clear(_item(config_key), f"portal-{action}", kind, key)
