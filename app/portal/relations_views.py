"""The documents the seller shares, and support requests to the seller.

A contact sees the documents of the customer they work for now (app.domain.documents decides
which); a document of another customer or group is a 404, as if it did not exist.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, send_file, url_for
from flask_babel import gettext as _

from app.domain.documents import document_for, documents_for
from app.domain.support import open_support_request, support_requests_of
from app.domain.uploads import stored_file, stored_path
from app.extensions import db
from app.generated.models import SupportRequest
from app.portal import bp, contact_required
from app.portal.forms import SupportRequestForm


@bp.route("/documents/")
@contact_required
def documents():
    return render_template("portal/documents.html", documents=documents_for(db.session, g.customer))


@bp.route("/documents/<int:document_id>")
@contact_required
def document(document_id: int):
    shared = document_for(db.session, g.customer, document_id)
    if shared is None or not shared.file:
        abort(404)
    try:
        path = stored_path(shared.file)
    except ValueError:
        abort(404)
    return send_file(path, download_name=stored_file(shared.file).original_name, as_attachment=True)


@bp.route("/support/", methods=["GET", "POST"])
@contact_required
def support():
    form = SupportRequestForm()
    if form.validate_on_submit():
        open_support_request(
            db.session, g.contact, g.customer, form.subject.data, form.message.data
        )
        db.session.commit()
        flash(_("Your request has been sent; we will answer you soon."), "success")
        return redirect(url_for("portal.support"))
    return render_template(
        "portal/support.html",
        form=form,
        requests=support_requests_of(db.session, g.contact, g.customer),
        statuses=dict(SupportRequest.STATUS_CHOICES),
    )
