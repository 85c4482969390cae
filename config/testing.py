"""Tests: a database per test session (SQLite file, or TEST_DATABASE_URL), mail suppressed."""

from __future__ import annotations

from config.default import *  # noqa: F403

TESTING = True
SECRET_KEY = "test-secret-key-that-is-long-enough-for-jwt-signing"
RATELIMIT_ENABLED = False
AUTH_RATE_LIMITED = False
MAIL_SUPPRESS_SEND = True
REDIS_URL = ""
# Test databases are thrown away: no commit waits for the disk.
SQLITE_PRAGMAS = {"journal_mode": "WAL", "synchronous": "OFF"}
# Tests relay by hand; no thread relays behind their back.
OUTBOX_RELAY_EVERY = 0
# Imports run in the test's own thread, to their end, before the confirming request returns.
IMPORTS_IN_THREAD = False
