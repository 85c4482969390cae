"""Base classes of the generated screens and APIs: what every entity's screen can do."""

from __future__ import annotations

import csv
import io

import sqlalchemy as sa
from flask import Response, request
from flask_appbuilder import ModelRestApi, ModelView
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.urltools import get_filter_args, get_order_args
from flask_appbuilder.views import expose
from flask_appbuilder.models.filters import BaseFilter


class QuickSearch(BaseFilter):
    """The list's search box: case-insensitive 'contains' over the view's quick_search_columns."""

    name = "Quick search"
    arg_name = "quick"
    # Set on a subclass per view: FAB rebuilds filters from their class, dropping instance state.
    columns: tuple[str, ...] = ()

    def apply(self, query, value):
        words = value.split()
        model = self.model
        for word in words:
            pattern = f"%{_escape_like(word)}%"
            query = query.filter(
                sa.or_(
                    *(
                        sa.cast(getattr(model, column), sa.String).ilike(pattern, escape="\\")
                        for column in self.columns
                    )
                )
            )
        return query


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class BackOfficeModelView(ModelView):
    """A generated entity screen: Flask-AppBuilder's CRUD plus quick search and CSV export.

    model.yaml may name a subclass of this as an entity's `admin.base_view`.
    """

    entity = ""
    quick_search_columns: list[str] = []
    list_template = "backoffice/list.html"

    def _quick_filters(self, filters):
        q = (request.args.get("q") or "").strip()
        if not q or not self.quick_search_columns:
            return filters
        search = type(
            f"{type(self).__name__}QuickSearch", (QuickSearch,), {"columns": tuple(self.quick_search_columns)}
        )
        quick = self.datamodel.get_filters().add_filter_list([["id", search, q]])
        return filters.get_joined_filters(quick)

    def _get_list_widget(self, filters, **kwargs):
        return super()._get_list_widget(self._quick_filters(filters), **kwargs)

    @expose("/export/")
    @has_access
    def export(self):
        """The list as it is filtered on screen, every page, as CSV in the user's language."""
        get_filter_args(self._filters)
        filters = self._quick_filters(self._filters).get_joined_filters(self._base_filters)
        order_column, order_direction = get_order_args().get(self.__class__.__name__, ("", ""))
        if not order_column and self.base_order:
            order_column, order_direction = self.base_order
        _count, rows = self.datamodel.query(filters, order_column, order_direction)
        out = io.StringIO()
        out.write("\ufeff")  # spreadsheet programs read UTF-8 only with a byte-order mark
        writer = csv.writer(out)
        writer.writerow([str(self.label_columns.get(c, c)) for c in self.list_columns])
        for values in self.datamodel.get_values(rows, self.list_columns):
            writer.writerow([self._export_value(column, values[column]) for column in self.list_columns])
        filename = f"{self.entity or self.__class__.__name__}.csv"
        return Response(
            out.getvalue(),
            mimetype="text/csv",
            headers={"Content-Disposition": f'attachment; filename="{filename}"'},
        )

    def _export_value(self, column, value):
        formatter = self.formatters_columns.get(column)
        if formatter is not None:
            value = formatter(value)
        if value is None:
            return ""
        return str(value)

    def quick_search_labels(self) -> str:
        return ", ".join(str(self.label_columns.get(c, c)) for c in self.quick_search_columns)

    def render_template(self, template, **kwargs):
        return super().render_template(template, view=self, **kwargs)


class BackOfficeRestApi(ModelRestApi):
    """A generated entity's REST API: JWT only (no cookie login, so no CSRF exposure)."""

    entity = ""
    allow_browser_login = False
