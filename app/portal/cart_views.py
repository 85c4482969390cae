"""The cart and the checkout. Totals, shipping, budgets and every refusal come from
app.domain.cart and app.domain.checkout; placing the order is one call, atomic and idempotent."""

from __future__ import annotations

import datetime
import secrets

import sqlalchemy as sa
from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy.orm import lazyload

from app.domain import cart as carts
from app.domain.checkout import CheckoutChoices, order_with_key, payment_methods, place_order
from app.domain.delivery_dates import delivery_dates
from app.domain.ordering import OrderingRefusal
from app.extensions import db
from app.generated.models import Address, CartLine, SalesOrder
from app.portal import bp, contact_required
from app.portal.forms import CartLineForm, CheckoutForm, ConfirmForm, TemplateForm
from app.portal.shopping import current_shopper, flash_form_errors, flash_refusal

PAYMENT_LABELS = dict(SalesOrder.PAYMENT_METHOD_CHOICES)


def _summary():
    shopper = current_shopper()
    lines = carts.cart_lines(db.session, shopper)
    return carts.summarise_cart(db.session, shopper, lines, g.contact)


def _own_line(line_id: int) -> CartLine:
    """A line of this contact's cart for this customer; anyone else's is a 404."""
    line = db.session.scalars(
        sa.select(CartLine)
        .where(
            CartLine.id == line_id,
            CartLine.contact_id == g.contact.id,
            CartLine.customer_id == g.customer.id,
        )
        .options(lazyload("*"))  # asked only whether it is theirs, then changed by app/domain
    ).first()
    if line is None:
        abort(404)
    return line


@bp.route("/cart/")
@contact_required
def cart():
    return render_template(
        "portal/cart.html",
        summary=_summary(),
        line_form=CartLineForm(),
        confirm_form=ConfirmForm(),
        template_form=TemplateForm(),
    )


@bp.route("/cart/<int:line_id>", methods=["POST"])
@contact_required
def change_cart_line(line_id: int):
    line = _own_line(line_id)
    form = CartLineForm()
    if not form.validate_on_submit():
        flash_form_errors(form)
        return redirect(url_for("portal.cart"))
    try:
        carts.change_line(
            db.session,
            current_shopper(),
            line.id,
            quantity=form.quantity.data,
            line_reference=form.line_reference.data or None,
        )
    except OrderingRefusal as refusal:
        flash_refusal(refusal)
    else:
        db.session.commit()
        flash(_("The cart is up to date."), "success")
    return redirect(url_for("portal.cart"))


@bp.route("/cart/<int:line_id>/remove", methods=["POST"])
@contact_required
def remove_cart_line(line_id: int):
    line = _own_line(line_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    carts.remove_line(db.session, current_shopper(), line.id)
    db.session.commit()
    flash(_("The line is removed from your cart."), "success")
    return redirect(url_for("portal.cart"))


@bp.route("/cart/empty", methods=["POST"])
@contact_required
def empty_cart():
    if not ConfirmForm().validate_on_submit():
        abort(400)
    carts.empty_cart(db.session, current_shopper())
    db.session.commit()
    flash(_("Your cart is empty."), "success")
    return redirect(url_for("portal.cart"))


# ------------------------------------------------------------------ checkout


def _address_label(address: Address) -> str:
    parts = [address.name, address.line1, f"{address.postcode} {address.city}"]
    return ", ".join(p for p in parts if p)


def _prepare_checkout(form: CheckoutForm, shopper) -> None:
    addresses = db.session.scalars(
        sa.select(Address)
        .where(Address.customer_id == g.customer.id)
        .order_by(Address.name)
        # The customer is g.customer: joining it again would read its group, price level, tags...
        .options(lazyload(Address.customer))
    ).all()
    shipping = [a for a in addresses if a.kind in ("shipping", "both")]
    billing = [a for a in addresses if a.kind in ("billing", "both")]
    form.shipping_address.choices = [(a.id, _address_label(a)) for a in shipping]
    form.billing_address.choices = [(a.id, _address_label(a)) for a in billing]
    dates = delivery_dates(db.session, shopper, datetime.datetime.now())
    form.delivery_date.choices = [(d.isoformat(), format_date(d, "full")) for d in dates]
    form.payment_method.choices = [(m, str(PAYMENT_LABELS[m])) for m in payment_methods(shopper)]
    if not form.is_submitted():
        form.shipping_address.data = next(
            (a.id for a in shipping if a.default_shipping), shipping[0].id if shipping else None
        )
        form.billing_address.data = next(
            (a.id for a in billing if a.default_billing), billing[0].id if billing else None
        )
        form.checkout_key.data = secrets.token_urlsafe(24)


@bp.route("/checkout/", methods=["GET", "POST"])
@contact_required
def checkout():
    if not g.contact.may_order:
        flash(_("Your account may look at the catalogue but not order."), "danger")
        return redirect(url_for("portal.cart"))
    shopper = current_shopper()
    form = CheckoutForm()
    _prepare_checkout(form, shopper)
    refusals: list[str] = []
    placing = form.validate_on_submit()
    if placing:
        already = db.session.scalars(
            order_with_key(form.checkout_key.data).where(SalesOrder.customer_id == g.customer.id)
        ).first()
        if already is not None:  # the same form sent again: show the order it placed
            return redirect(url_for("portal.order", number=already.number))
        choices = CheckoutChoices(
            shipping_address_id=form.shipping_address.data,
            billing_address_id=form.billing_address.data,
            delivery_date=datetime.date.fromisoformat(form.delivery_date.data),
            reference=form.reference.data or None,
            cost_centre=form.cost_centre.data or None,
            payment_method=form.payment_method.data,
            note=form.note.data or None,
        )
        try:
            # place_order checks everything again (the cart, the contact's rights and order
            # limit): the cart is summarised once, there, when the order is placed.
            order = place_order(db.session, shopper, g.contact, choices, form.checkout_key.data)
        except OrderingRefusal as refusal:
            db.session.rollback()
            refusals = refusal.messages
        else:
            # Read before the commit expires the order: reloading it would join its customer,
            # contact and warehouse with all of theirs, for two values already known.
            number, held = order.number, order.status == "on_hold"
            db.session.commit()
            if held:
                flash(
                    _(
                        "Order %(number)s is placed and waits for the seller's approval: "
                        "it goes over your credit limit.",
                        number=number,
                    ),
                    "info",
                )
            else:
                flash(_("Thank you: order %(number)s is placed.", number=number), "success")
            return redirect(url_for("portal.order", number=number))
    summary = _summary()
    if not placing and not summary.lines:
        flash(_("Your cart is empty."), "info")
        return redirect(url_for("portal.cart"))
    status = 422 if form.is_submitted() else 200
    return (
        render_template("portal/checkout.html", form=form, summary=summary, refusals=refusals),
        status,
    )
