"""The outbox screen: what the application wrote to send, read-only.

Entries are written by the application in the transaction of the change that caused them, and
the relay runs the job they name. Adding or editing one by hand would let a screen choose which
function the relay runs, so the screen only lists and shows them.
"""

from __future__ import annotations

from app.backoffice.views import BackOfficeModelView


class OutboxAdminView(BackOfficeModelView):
    base_permissions = ["can_list", "can_show", "can_export"]
