"""What every ordering page needs: the shopper of this request, the customer's budget and library
choices, and the cart count in the header."""

from __future__ import annotations

from typing import NamedTuple

import sqlalchemy as sa
from flask import flash, g, request
from flask_babel import get_locale
from flask_babel import gettext as _

from app.domain.ordering import OrderingRefusal
from app.domain.pricing import prices_hidden
from app.domain.shopper import Shopper, shopper_for
from app.domain.translations import translated
from app.extensions import db
from app.generated.models import CartLine, LibraryBudget, LibraryRelation, SalesOrder
from app.portal import bp


def current_shopper() -> Shopper:
    """The customer the contact works for now, in the language of the page; once per request."""
    if "shopper" not in g:
        g.shopper = shopper_for(db.session, g.customer, g.contact, language=str(get_locale()))
    return g.shopper


def _choices_and_cart() -> sa.CompoundSelect:
    """The customer's budgets and libraries, and the lines in the contact's cart (kind "cart",
    the count as its main column): what a page with add forms reads, in one statement."""
    budget, library, line = (t.__table__.c for t in (LibraryBudget, LibraryRelation, CartLine))
    customer = sa.bindparam("customer_id")
    return sa.union_all(
        sa.select(
            sa.literal("budget").label("kind"),
            budget.code,
            budget.name,
            sa.literal(0).label("main"),
        ).where(budget.customer_id == customer),
        sa.select(
            sa.literal("library"),
            library.code,
            library.name,
            sa.case((library.is_main_library.is_(True), 1), else_=0),
        ).where(library.customer_id == customer),
        sa.select(sa.literal("cart"), sa.null(), sa.null(), sa.func.count(line.id)).where(
            line.contact_id == sa.bindparam("contact_id"), line.customer_id == customer
        ),
    )


_CHOICES_AND_CART = _choices_and_cart()


class SplitChoices(NamedTuple):
    """The choices of budget and of library a buyer may give a cart line, as (value, label)
    pairs, each list opening with "none"."""

    budgets: list[tuple[str, str]]
    libraries: list[tuple[str, str]]


def split_choices(customer_id: int) -> SplitChoices:
    """The customer's budgets by code and its libraries (the main one first), read in one
    query with the cart's count for the page's header (see `portal_cart`).

    A page showing add-to-cart forms needs only these: the forms are written by the template
    (portal/_offer.html), and AddToCartForm is built for the post alone (a Flask-WTF form
    built for a catalogue page cost more than reading the choices)."""
    contact = g.get("contact")
    rows = db.session.execute(
        _CHOICES_AND_CART,
        {"customer_id": customer_id, "contact_id": contact.id if contact is not None else None},
    ).all()
    if contact is not None and g.get("customer") is not None and g.customer.id == customer_id:
        g.cart_count = next(row.main for row in rows if row.kind == "cart")
    rows = [row for row in rows if row.kind != "cart"]
    by_code = sorted(rows, key=lambda row: (not row.main, row.code))
    return SplitChoices(
        [("", _("No budget"))]
        + [(code, f"{code} · {name}") for kind, code, name, _main in by_code if kind == "budget"],
        [("", _("No library"))]
        + [(code, f"{code} · {name}") for kind, code, name, _main in by_code if kind == "library"],
    )


def prepare_add_form(form) -> None:
    """Fill a posted AddToCartForm's choices with the customer's budgets and libraries, which
    its values are checked against."""
    form.budget_code.choices, form.library_relation_code.choices = split_choices(g.customer.id)


def flash_form_errors(form) -> None:
    """Each of a posted form's errors as a message on the page it returns to (the cart, the
    catalogue: pages that hold several small forms and show no errors beside their fields)."""
    for errors in form.errors.values():
        for error in errors:
            flash(error, "danger")


def flash_refusal(refusal: OrderingRefusal) -> None:
    """An ordering rule said no: nothing of the attempt stays, and each reason is shown."""
    db.session.rollback()
    for message in refusal.messages:
        flash(message, "danger")


def back_to(default: str) -> str:
    """The page a form came from, when it is a page of the portal."""
    from app.portal import safe_next

    target = request.form.get("next") or request.args.get("next")
    return safe_next(target) if target else default


@bp.app_template_global()
def portal_cart() -> dict:
    """The header's cart count, and whether prices show on this page."""
    contact, customer = g.get("contact"), g.get("customer")
    if contact is None or customer is None:
        return {}
    if "portal_cart" in g:  # asked by every card of a page: read once per request
        return g.portal_cart
    count = g.get("cart_count")
    if count is None:
        count = db.session.scalar(
            sa.select(sa.func.count(CartLine.id)).where(
                CartLine.contact_id == contact.id, CartLine.customer_id == customer.id
            )
        )
    g.portal_cart = {
        "count": count or 0,
        "prices_hidden": prices_hidden(current_shopper(), contact),
        "may_order": bool(contact.may_order),
    }
    return g.portal_cart


@bp.app_template_filter("tr")
def translated_text(record, field: str = "name") -> str:
    """A catalogue text in the page's language, else the default language's."""
    if record is None:
        return ""
    return translated(record, field, str(get_locale())) or ""


@bp.app_template_global()
def order_labels() -> dict:
    """The translated words for an order's status and payment method."""
    return {
        "status": dict(SalesOrder.STATUS_CHOICES),
        "payment": dict(SalesOrder.PAYMENT_METHOD_CHOICES),
    }
