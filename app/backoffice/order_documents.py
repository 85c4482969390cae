"""The order screen's documents: the order confirmation PDF, from the order's show page.

The download borrows the screen's `show` permission (whoever may open the order may take its
confirmation, nothing new to grant) and fetches the order through the screen's row filter, so a
sales representative gets only their customers' orders, as model.yaml's row rules say; any other
order is a 404, like a record the screen does not list.
"""

from __future__ import annotations

from flask import abort
from flask_appbuilder.security.decorators import has_access
from flask_appbuilder.views import expose

from app.documents import pdf_download
from app.documents.order_confirmation import confirmation_filename, order_confirmation_pdf


class OrderDocuments:
    """Mixin for the order screen (app/backoffice/orders.py): `/confirmation/<pk>.pdf`, linked
    from the order's page."""

    method_permission_name = {"confirmation_pdf": "show"}

    @expose("/confirmation/<int:pk>.pdf")
    @has_access
    def confirmation_pdf(self, pk: int):
        order = self.datamodel.get(pk, self._base_filters)
        if order is None:
            abort(404)
        session = self.datamodel.session
        return pdf_download(order_confirmation_pdf(session, order), confirmation_filename(order))
