"""The embedded default: SQLite under instance/, jobs run in-process after commit, no Redis.

Every setting can be overridden by an environment variable of the same name; production.py reads
the ones a real deployment needs.
"""

from __future__ import annotations

import os
from pathlib import Path

from generators.spec import KNOWN_LANGUAGES

BASE_DIR = Path(__file__).resolve().parent.parent
INSTANCE_DIR = Path(os.environ.get("INSTANCE_DIR", BASE_DIR / "instance"))

SQLALCHEMY_DATABASE_URI = os.environ.get(
    "DATABASE_URL", f"sqlite:///{INSTANCE_DIR / 'portal.sqlite3'}"
)
SQLALCHEMY_TRACK_MODIFICATIONS = False
# The embedded default's SQLite: write-ahead logging, so that pages go on reading while a job (an
# import, the outbox relay) writes; a commit is synced at checkpoints only (NORMAL: a power cut
# may lose the last commits, never corrupt the file). Ignored on other databases.
SQLITE_PRAGMAS = {"journal_mode": "WAL", "synchronous": "NORMAL"}
REDIS_URL = os.environ.get("REDIS_URL", "")
RQ_QUEUE = os.environ.get("RQ_QUEUE", "portal")

# Flask-AppBuilder
APP_NAME = os.environ.get("APP_NAME", "B2B portal")
APP_THEME = ""
AUTH_TYPE = 1  # AUTH_DB: users and password hashes in ab_user
AUTH_ROLE_ADMIN = "admin"
AUTH_ROLE_PUBLIC = "Public"
AUTH_USER_REGISTRATION = False
AUTH_RATE_LIMITED = True
AUTH_RATE_LIMIT = "10 per 5 minute"
RATELIMIT_ENABLED = True
RATELIMIT_STORAGE_URI = os.environ.get("RATELIMIT_STORAGE_URI", "memory://")
FAB_ADD_SECURITY_API = True
FAB_API_SWAGGER_UI = True
# Tables come from Alembic migrations, permissions from `flask security sync` (see README).
FAB_CREATE_DB = False
FAB_UPDATE_PERMS = False
FAB_PASSWORD_COMPLEXITY_ENABLED = True
# UPLOAD_FOLDER and IMG_UPLOAD_FOLDER default to uploads/ under INSTANCE_DIR (see create_app), so
# that moving the instance moves its uploads.
IMG_UPLOAD_URL = "/uploads/images/"
IMG_SIZE = (600, 600, True)
# Flask-AppBuilder's first check on its file fields; app.domain.uploads.SIGNATURES also checks
# each file's content and size: keep the two lists the same.
FILE_ALLOWED_EXTENSIONS = (
    "pdf", "png", "jpg", "jpeg", "gif", "webp", "docx", "xlsx", "pptx", "odt", "ods", "odp",
    "doc", "xls", "ppt", "txt", "csv",
)  # fmt: skip

# Languages: the model's, with English as the source.
# Each language names itself in its own words in the switcher.
_NATIVE_NAMES = {
    "en": "English",
    "fr": "Français",
    "nl": "Nederlands",
    "es": "Español",
    "de": "Deutsch",
}
LANGUAGES = {
    code: {"flag": "gb" if code == "en" else code, "name": _NATIVE_NAMES[code]}
    for code in KNOWN_LANGUAGES
}
BABEL_DEFAULT_LOCALE = "en"
BABEL_TRANSLATION_DIRECTORIES = str(BASE_DIR / "translations")

# Mail (Flask-Mail). The embedded default prints nothing and sends nothing until MAIL_SERVER is set.
MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "0") == "1"
MAIL_USE_SSL = os.environ.get("MAIL_USE_SSL", "0") == "1"
MAIL_USERNAME = os.environ.get("MAIL_USERNAME") or None
MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD") or None
MAIL_DEFAULT_SENDER = os.environ.get("MAIL_DEFAULT_SENDER", "portal@localhost")
MAIL_SUPPRESS_SEND = os.environ.get("MAIL_SUPPRESS_SEND", "0") == "1"

# The outbox (app/jobs/outbox.py, app/jobs/relay.py). A job that fails is tried again after
# OUTBOX_RETRY_BASE_SECONDS, then twice as long after each further failure, at most
# OUTBOX_RETRY_MAX_SECONDS apart; its OUTBOX_MAX_ATTEMPTS-th failure makes the entry `failed`,
# for the back office to retry (with the defaults: about 8.5 hours of trying).
OUTBOX_MAX_ATTEMPTS = int(os.environ.get("OUTBOX_MAX_ATTEMPTS", "10"))
OUTBOX_RETRY_BASE_SECONDS = int(os.environ.get("OUTBOX_RETRY_BASE_SECONDS", "60"))
OUTBOX_RETRY_MAX_SECONDS = int(os.environ.get("OUTBOX_RETRY_MAX_SECONDS", str(6 * 3600)))
# A new entry is left this long to the process that wrote it before the relay takes it up.
OUTBOX_IN_FLIGHT_SECONDS = int(os.environ.get("OUTBOX_IN_FLIGHT_SECONDS", "60"))
# An entry handed to RQ and not run after this long (Redis restarted and lost its queue, a
# worker killed) is handed over again; running it twice sends its mail once.
OUTBOX_REQUEUE_SECONDS = int(os.environ.get("OUTBOX_REQUEUE_SECONDS", "900"))
# Without Redis, run.py relays in a thread of its own every so many seconds (0: no thread).
OUTBOX_RELAY_EVERY = int(os.environ.get("OUTBOX_RELAY_EVERY", "60"))

# Portal accounts: how long the mailed links work, and where they point (the public address,
# needed behind a proxy or when a job builds the link; else the request's own address).
ACCOUNT_ACTIVATION_DAYS = int(os.environ.get("ACCOUNT_ACTIVATION_DAYS", "14"))
PASSWORD_RESET_HOURS = int(os.environ.get("PASSWORD_RESET_HOURS", "2"))
PORTAL_URL = os.environ.get("PORTAL_URL", "")
# Failed portal logins and reset requests (app/portal/throttle.py), in the store above.
PORTAL_LOGIN_LIMIT_PER_ACCOUNT = os.environ.get(
    "PORTAL_LOGIN_LIMIT_PER_ACCOUNT", "5 per 15 minutes"
)
PORTAL_LOGIN_LIMIT_PER_ADDRESS = os.environ.get(
    "PORTAL_LOGIN_LIMIT_PER_ADDRESS", "20 per 15 minutes"
)
PORTAL_RESET_LIMIT_PER_ACCOUNT = os.environ.get("PORTAL_RESET_LIMIT_PER_ACCOUNT", "3 per hour")
PORTAL_RESET_LIMIT_PER_ADDRESS = os.environ.get("PORTAL_RESET_LIMIT_PER_ADDRESS", "10 per hour")

WTF_CSRF_ENABLED = True
WTF_CSRF_TIME_LIMIT = None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
MAX_CONTENT_LENGTH = 32 * 1024 * 1024
# Files staff attach to a customer's history or an email, and documents for the portal: each at
# most this size (the request as a whole stays under MAX_CONTENT_LENGTH).
ATTACHMENT_MAX_BYTES = int(os.environ.get("ATTACHMENT_MAX_BYTES", str(10 * 1024 * 1024)))

# Imports (app/jobs/imports.py): the largest file accepted (keep it under MAX_CONTENT_LENGTH for
# uploads), and whether, without Redis, a confirmed import runs in a thread of its own rather than
# in the request that confirmed it.
IMPORT_MAX_BYTES = int(os.environ.get("IMPORT_MAX_BYTES", str(30 * 1024 * 1024)))
IMPORTS_IN_THREAD = os.environ.get("IMPORTS_IN_THREAD", "1") == "1"
# A run still checking or applying that has reported no progress for this long lost its runner
# (a process killed or restarted): the outbox relay marks it failed as interrupted (0: never).
IMPORT_STALL_SECONDS = int(os.environ.get("IMPORT_STALL_SECONDS", "900"))
# How long an RQ worker lets one outbox job run before stopping it: an import of a large file
# takes minutes (RQ's own default is 180 seconds).
OUTBOX_JOB_TIMEOUT_SECONDS = int(os.environ.get("OUTBOX_JOB_TIMEOUT_SECONDS", "3600"))
