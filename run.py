"""Run the portal on the embedded default: SQLite under instance/, jobs in-process.

Mails and jobs go out right after the commit that wrote them; a thread of this process relays
what failed or was left pending (app/jobs/relay.py), every OUTBOX_RELAY_EVERY seconds.

On every start: upgrade the database and sync roles and permissions. On the first start: create
an administrator (ADMIN_USERNAME / ADMIN_PASSWORD / ADMIN_EMAIL, or a generated password printed
once) and load the demo data (skip with DEMO_DATA=0).
"""

from __future__ import annotations

import os

from flask_migrate import upgrade

from app import create_app
from app.demo import demo_portal_password, load_demo_data
from app.jobs.relay import start_background_relay
from app.security_sync import sync_roles_and_permissions
from app.serving import serving
from app.setup import ensure_admin


def prepare(app) -> None:
    with app.app_context():
        upgrade()
        sync_roles_and_permissions()
        username = os.environ.get("ADMIN_USERNAME", "admin")
        created, password = ensure_admin(
            username,
            os.environ.get("ADMIN_EMAIL", "admin@example.com"),
            os.environ.get("ADMIN_PASSWORD"),
        )
        portal_login = None
        if created and os.environ.get("DEMO_DATA", "1") != "0":
            load_demo_data()
            portal_login = demo_portal_password()
        if created:
            shown = password or "(the ADMIN_PASSWORD you set)"
            print(
                f"\n  Administrator created. Log in as: {username} / {shown}\n"
                "  This password is printed once only.\n",
                flush=True,
            )
        if portal_login:
            print(
                "  Demo customer administrator, for the portal (/portal/login):\n"
                f"  {portal_login[0]} / {portal_login[1]}\n",
                flush=True,
            )


def main() -> None:
    app = create_app()
    prepare(app)
    host = os.environ.get("HOST", "127.0.0.1")
    port = int(os.environ.get("PORT", "5000"))
    print(f"  Back office: http://{host}:{port}/login/", flush=True)
    print(f"  Portal:      http://{host}:{port}/portal/login\n", flush=True)
    start_background_relay(app)
    serving(app).run(host=host, port=port, debug=False, use_reloader=False)


if __name__ == "__main__":
    main()
