"""Hand-written back-office screens: what goes beyond the generated CRUD."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l


def register_screens(appbuilder) -> None:
    """The hand-written screens, in the generated menus (after app.generated.registry)."""
    from app.backoffice.applications import ApprovalQueueView
    from app.backoffice.contacts import PlainAccountsView
    from app.backoffice.imports import ImportsView

    appbuilder.add_view(
        ApprovalQueueView,
        "approval_queue",
        label=_l("Approval queue"),
        icon="fa-user-check",
        category="relations",
    )
    appbuilder.add_view(
        PlainAccountsView,
        "plain_accounts",
        label=_l("Accounts without B2B access"),
        icon="fa-user-tag",
        category="customers",
    )
    # Reached from the list of imports (Settings > Imports), whose roles are model.yaml's; each
    # page checks the permissions of the kind it imports (app/backoffice/imports.py).
    appbuilder.add_view_no_menu(ImportsView, "imports")
