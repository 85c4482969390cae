"""Flask-AppBuilder filters that apply app/domain rules to the generated screens and APIs."""

from __future__ import annotations

from flask import g
from flask_appbuilder.models.filters import BaseFilter

from app.domain.scoping import restrict_to_visible_rows


class RowScope(BaseFilter):
    """Limits a list, show, edit, delete or REST call to the rows the current user may see.

    Reads `g.user`, which Flask-AppBuilder sets for session and JWT requests alike.
    """

    name = "Row scope"
    arg_name = "rowscope"

    def apply(self, query, value):
        return restrict_to_visible_rows(query, self.model, value, g.user)
