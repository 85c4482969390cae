"""Flask commands: `flask security`, `flask users`, `flask demo`, `flask jobs`, `flask outbox`;
`flask import` and `flask export` are in app/imports_cli.py.

`flask model` lives in generators/cli.py: it must work even when app/generated/ is broken.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading

import click
from flask import Flask, current_app
from flask.cli import AppGroup

security_cli = AppGroup("security", help="Roles and permissions.")
users_cli = AppGroup("users", help="Back-office users.")
demo_cli = AppGroup("demo", help="Demonstration data.")
jobs_cli = AppGroup("jobs", help="Background jobs.")
outbox_cli = AppGroup("outbox", help="Mails and jobs written with the changes that caused them.")


@security_cli.command("sync")
def sync() -> None:
    """Create all permissions and set every role's to what model.yaml declares."""
    from app.security_sync import sync_roles_and_permissions

    for role, count in sync_roles_and_permissions().items():
        click.echo(f"{role}: {count} permission(s)")


@users_cli.command("create-admin")
@click.option("--username", envvar="ADMIN_USERNAME", default="admin", show_default=True)
@click.option("--email", envvar="ADMIN_EMAIL", default="admin@example.com", show_default=True)
@click.option("--password", envvar="ADMIN_PASSWORD", default=None, help="Generated when omitted.")
def create_admin(username: str, email: str, password: str | None) -> None:
    """Create the first administrator (once); print the password when it was generated."""
    from app.setup import ensure_admin

    created, password_shown = ensure_admin(username, email, password)
    if not created:
        click.echo("An administrator already exists; nothing changed.")
    elif password_shown:
        click.echo(f"Administrator created: {username} / {password_shown}")
    else:
        click.echo(f"Administrator created: {username}")


@demo_cli.command("load")
def demo_load() -> None:
    """Load the demonstration data set: records of every entity and four staff users."""
    from app.demo import load_demo_data

    counts = load_demo_data()
    loaded = ", ".join(f"{n} {what}" for what, n in counts.items())
    click.echo(loaded or "Demo data already loaded.")


@jobs_cli.command("worker")
@click.option("--burst", is_flag=True, help="Stop when the queue is empty.")
def worker(burst: bool) -> None:
    """Run an RQ worker for the portal's queue (needs REDIS_URL)."""
    from rq import Worker

    from app.jobs.queue import redis_connection
    from app.serving import serving

    if not current_app.config.get("REDIS_URL"):
        click.echo(
            "REDIS_URL is not set: jobs run in the app's process, no worker is needed.", err=True
        )
        sys.exit(1)
    connection = redis_connection()
    serving(current_app._get_current_object())  # a long-lived process, forking per job
    Worker([current_app.config["RQ_QUEUE"]], connection=connection).work(burst=burst)


@outbox_cli.command("relay")
@click.option("--limit", default=500, show_default=True, help="Hand over at most this many a pass.")
@click.option(
    "--every",
    type=click.FloatRange(min=1),
    default=None,
    help="Keep running: a pass every so many seconds, until stopped (SIGTERM or Ctrl-C).",
)
def outbox_relay(limit: int, every: float | None) -> None:
    """Hand over the outbox entries whose next attempt is due: once, or with --every for good
    (production runs `flask outbox relay --every 60` beside `flask jobs worker`)."""
    from app.jobs.relay import relay_every, relay_pending

    app = current_app._get_current_object()
    if every is None:
        click.echo(str(relay_pending(app, limit=limit)))
        return
    stop = threading.Event()
    # SIGTERM (systemd stopping the service) ends the current pass and then the loop.
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    click.echo(f"Relaying the outbox every {every:g} seconds.")
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C: stop quietly
        relay_every(app, every, stop, limit=limit)


def register_commands(app: Flask) -> None:
    from app.imports_cli import export_command, import_command

    for group in (security_cli, users_cli, demo_cli, jobs_cli, outbox_cli):
        app.cli.add_command(group)
    app.cli.add_command(import_command)
    app.cli.add_command(export_command)
