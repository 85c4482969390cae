"""Real-browser fixtures: the app served over HTTP on loopback, driven by Debian's chromium.

Playwright drives /usr/bin/chromium (`make test` installs it with apt-get when it can); its own
browser downloads are never used. Without chromium the tests skip, or fail where CI or
PORTAL_REQUIRE_BROWSER is set, so that CI cannot pass without having run them.

`live_server` is one app for the module, on its own migrated SQLite database, that sends its
mail for real to the module's `smtp_server` (tests/mailbox.py).
"""

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from app.extensions import db
from tests.conftest import make_app, prepare_database

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# A step that has not happened after this long has failed: no test waits Playwright's 30 s.
TIMEOUT_MS = 15_000


def _browser_required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("PORTAL_REQUIRE_BROWSER"))


def _unavailable(reason: str):
    """Fail where the browser tests must run (CI), else skip saying how to get them running."""
    if _browser_required():
        pytest.fail(
            f"{reason}. CI/PORTAL_REQUIRE_BROWSER is set, so the browser tests may not be "
            "skipped: install it with `apt-get install chromium` (`make test` does so as root).",
            pytrace=False,
        )
    pytest.skip(f"{reason}: install it with `apt-get install chromium` to run the browser tests")


@pytest.fixture(scope="module")
def chromium():
    """The launched browser, headless, for a module: closed before the rest of the suite."""
    if not os.access(CHROMIUM, os.X_OK):
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is missing (pip install -e '.[dev]')")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium):
    """A fresh browser context (no cookies) and page for each test."""
    context = chromium.new_context(locale="en-GB")
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    yield page
    context.close()


@dataclass
class LiveServer:
    app: object
    url: str

    def __call__(self, path: str) -> str:
        return self.url + path


@pytest.fixture(scope="module")
def live_server(smtp_server, tmp_path_factory):
    """The app on http://127.0.0.1:<free port>, served by a threaded werkzeug server."""
    instance = tmp_path_factory.mktemp("browser-instance")
    app = make_app(
        instance,
        f"sqlite:///{instance / 'browser.sqlite3'}",
        MAIL_SUPPRESS_SEND=False,
        MAIL_SERVER="127.0.0.1",
        MAIL_PORT=smtp_server.port,
        MAIL_DEFAULT_SENDER="portal@example.com",
    )
    prepare_database(app)
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(app, f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
