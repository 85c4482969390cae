"""Order history, order detail, reordering and order templates.

Who sees which order is app.domain.order_history's rule: the company's administrators every
order of the customer, a plain buyer only their own; anything else is a 404.
"""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.documents import pdf_download
from app.documents.order_confirmation import confirmation_filename, order_confirmation_pdf
from app.domain import order_history
from app.domain.ordering import OrderingRefusal
from app.extensions import db
from app.generated.models import SalesOrder
from app.portal import bp, contact_required
from app.portal.forms import ConfirmForm, TemplateForm
from app.portal.shopping import current_shopper, flash_form_errors, flash_refusal

STATUSES = [value for value, _label in SalesOrder.STATUS_CHOICES]


def _report(refill: order_history.Refill) -> None:
    if refill.added:
        flash(
            ngettext(
                "%(num)d line is in your cart.", "%(num)d lines are in your cart.", refill.added
            ),
            "success",
        )
    for sentence in refill.skipped:
        flash(sentence, "danger")


@bp.route("/orders/")
@contact_required
def orders():
    status = request.args.get("status")
    page_number = request.args.get("page", "")
    result = order_history.order_history(
        db.session,
        g.contact,
        g.customer.id,
        search=request.args.get("q", "")[:100],
        status=status if status in STATUSES else None,
        page=int(page_number) if page_number.isdigit() else 1,
    )
    return render_template(
        "portal/orders.html",
        result=result,
        search=request.args.get("q", ""),
        status=status if status in STATUSES else "",
        statuses=STATUSES,
    )


def _visible_order(number: str) -> SalesOrder:
    order = order_history.order_for(db.session, g.contact, g.customer.id, number)
    if order is None:
        abort(404)
    return order


@bp.route("/orders/<number>")
@contact_required
def order(number: str):
    return render_template(
        "portal/order.html", order=_visible_order(number), confirm_form=ConfirmForm()
    )


@bp.route("/orders/<number>/confirmation.pdf")
@contact_required
def order_confirmation(number: str):
    """The order's confirmation PDF, for the contacts who may see the order (404 otherwise)."""
    order = _visible_order(number)
    return pdf_download(order_confirmation_pdf(db.session, order), confirmation_filename(order))


@bp.route("/orders/<number>/reorder", methods=["POST"])
@contact_required
def reorder(number: str):
    order = _visible_order(number)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not g.contact.may_order:
        flash(_("Your account may look at the catalogue but not order."), "danger")
        return redirect(url_for("portal.order", number=number))
    _report(order_history.reorder(db.session, current_shopper(), order))
    db.session.commit()
    return redirect(url_for("portal.cart"))


@bp.route("/templates/")
@contact_required
def templates():
    return render_template(
        "portal/templates.html",
        templates=order_history.templates_of(db.session, g.customer.id),
        confirm_form=ConfirmForm(),
        may_remove=lambda t: order_history.may_remove_template(g.contact, t),
    )


@bp.route("/templates/new", methods=["POST"])
@contact_required
def save_template():
    form = TemplateForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("portal.cart"))
    try:
        template = order_history.save_cart_as_template(
            db.session, current_shopper(), g.contact, form.name.data
        )
    except OrderingRefusal as refusal:
        flash_refusal(refusal)
        return redirect(url_for("portal.cart"))
    db.session.commit()
    flash(_("The cart is saved as the template “%(name)s”.", name=template.name), "success")
    return redirect(url_for("portal.templates"))


def _own_template(template_id: int):
    template = order_history.template_for(db.session, g.customer.id, template_id)
    if template is None:
        abort(404)
    return template


@bp.route("/templates/<int:template_id>/use", methods=["POST"])
@contact_required
def use_template(template_id: int):
    template = _own_template(template_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not g.contact.may_order:
        flash(_("Your account may look at the catalogue but not order."), "danger")
        return redirect(url_for("portal.templates"))
    _report(order_history.start_from_template(db.session, current_shopper(), template))
    db.session.commit()
    return redirect(url_for("portal.cart"))


@bp.route("/templates/<int:template_id>/remove", methods=["POST"])
@contact_required
def remove_template(template_id: int):
    template = _own_template(template_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not order_history.may_remove_template(g.contact, template):
        abort(403)
    db.session.delete(template)
    db.session.commit()
    flash(_("The template “%(name)s” is removed.", name=template.name), "success")
    return redirect(url_for("portal.templates"))
