"""An upload over MAX_CONTENT_LENGTH: a clear, translated message instead of Werkzeug's bare 413.

Werkzeug refuses such a request before any view sees it (reading the form raises), so no form
can say what went wrong. A page gets its form again with the message flashed; an API client a
JSON message, as its other refusals.
"""

from __future__ import annotations

from flask import Flask, flash, jsonify, redirect, request
from flask_babel import gettext as _


def too_large_message(max_bytes: int) -> str:
    return _(
        "The file is too large: at most %(max)s MB can be sent at once.",
        max=f"{max_bytes / (1024 * 1024):.0f}",
    )


def init_upload_limits(app: Flask) -> None:
    @app.errorhandler(413)
    def request_too_large(_error):
        message = too_large_message(app.config["MAX_CONTENT_LENGTH"])
        if request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json":
            return jsonify(message=message), 413
        flash(message, "danger")
        # The same address again (a GET): the form the file was sent from, with the message.
        return redirect(request.full_path if request.query_string else request.path, code=303)
