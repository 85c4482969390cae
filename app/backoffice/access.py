"""Permission checks for hand-written screens that act on a generated entity.

Such a screen borrows the entity screen's permissions ("answering an application needs `edit`
on access requests") instead of creating its own: model.yaml stays the one place that says who
may do what. Flask-AppBuilder's `has_access` checks only the view's own permission names, and
sharing a view's permission name between two views makes `flask security sync` delete the
permissions one of them lacks, so the check is made here.
"""

from __future__ import annotations

import functools

from flask import abort, current_app, redirect, request, url_for
from flask_login import current_user


def requires(permission: str, view_name: str):
    """The page needs `permission` ('list', 'edit'...) on the generated screen `view_name`."""

    def decorator(method):
        @functools.wraps(method)
        def wrapped(self, *args, **kwargs):
            if not current_user.is_authenticated:
                return redirect(
                    url_for(
                        current_app.appbuilder.sm.auth_view.endpoint + ".login", next=request.url
                    )
                )
            if not self.appbuilder.sm.has_access(f"can_{permission}", view_name):
                abort(403)
            return method(self, *args, **kwargs)

        return wrapped

    return decorator
