"""Placing an order: the cart becomes an order, atomically and once.

`place_order` runs in a SAVEPOINT of the caller's transaction and leaves the commit to the
caller (the portal commits at once; the outbox hands the mails over on that commit):

1. a checkout key already used by an order of the customer returns that order: a form sent
   twice places one order. Two submissions racing past that check both try to insert an order
   with the key; the unique constraint refuses the second, which rolls its savepoint back and
   returns the winner's order;
2. the cart is summarised again at that moment (prices, visibility, quantities, budgets,
   minimum order) and any problem refuses the order; so do a contact who may not order or is
   over their order limit, an address of another company, a delivery date no longer offered,
   a payment method the customer may not use, and an order over the credit limit (unless the
   settings hold such orders for approval: the order is then placed with status `on_hold`);
3. budgets are charged with conditional UPDATEs (`budgets.spend`) and stock is reserved under
   row locks (`stock.reserve_kept`) for the articles the shopper's warehouse keeps stock of
   (pre-orders are not reserved); either falling short refuses the order and the savepoint's
   rollback undoes what was already taken;
4. the order and its lines are written (the order number is given on insert; a number taken by
   a concurrent order makes the unique constraint refuse it, and the placement is retried), the
   customer's last order date and an `order_placed` history event are set, the confirmation
   mails are written to the outbox and the cart lines ordered are removed.

Locks are always taken in the same order (budgets by code, stock rows by article id, the order
row, the customer row), so concurrent checkouts wait for each other but never deadlock.

The confirmation mails are rendered when the order is placed, in each recipient's language:
the contact's (else the company's, else the shop's) and the shop's for the staff copy. The
outbox entry then holds the whole message for `app.jobs.mail:send_mail`, so it shows the order
exactly as placed, and neither the relay nor a worker needs a request, a template or the
database to send it.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

import sqlalchemy as sa
from flask import render_template
from flask_babel import force_locale, format_currency, format_date, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, lazyload

from app.domain.accounts import log_event, recipient_language
from app.domain.budgets import remaining_of, spend
from app.domain.cart import CartSummary, cart_lines, summarise_cart
from app.domain.company_users import ordering_problem
from app.domain.delivery_dates import is_delivery_date
from app.domain.mail_texts import seller_texts, seller_wording
from app.domain.ordering import OrderingRefusal
from app.domain.settings import shop_currency
from app.domain.shopper import Shopper
from app.domain.stock import reserve_kept
from app.domain.timeline import note_email
from app.domain.translations import translated
from app.generated.models import (
    Address,
    CartLine,
    Contact,
    Customer,
    OrderLine,
    SalesOrder,
)
from app.jobs import outbox
from app.jobs.mail import SEND_MAIL

# How many times a placement is tried again when a concurrent order took its number.
ATTEMPTS = 10
KEY_LENGTH = 64
SUBJECTS = {
    "contact": _l("Your order %(number)s at %(shop)s"),
    "staff": _l("New order %(number)s from %(company)s"),
}


@dataclass(frozen=True)
class CheckoutChoices:
    """What the person chose at checkout. Addresses are ids of the customer's `Address` rows
    (no billing address: the shipping address bills too); `delivery_date` one of
    `delivery_dates(...)`; `payment_method` one of `payment_methods(shopper)`."""

    shipping_address_id: int | None
    billing_address_id: int | None = None
    delivery_date: datetime.date | None = None
    reference: str | None = None
    cost_centre: str | None = None
    payment_method: str | None = None
    note: str | None = None


def payment_methods(shopper: Shopper) -> list[str]:
    """The payment methods `shopper` may choose, as SalesOrder.payment_method codes: on invoice
    and after delivery when the customer (or its group) is allowed them, prepayment always."""
    methods = []
    if shopper.pay_on_invoice:
        methods.append("on_invoice")
    if shopper.pay_after_delivery:
        methods.append("after_delivery")
    methods.append("prepayment")
    return methods


def place_order(
    session: Session,
    shopper: Shopper,
    contact: Contact,
    choices: CheckoutChoices,
    checkout_key: str,
    *,
    now: datetime.datetime | None = None,
) -> SalesOrder:
    """Place the contact's cart as an order for `shopper`'s customer and return it (see the
    module's docstring); the caller commits. Idempotent on `checkout_key`: an order already
    placed with it is returned as it is. Raises `OrderingRefusal` with every reason the order
    cannot be placed; nothing is changed then (the caller rolls back its transaction).

    `now` (default: the current time) is when the order is placed: it decides the delivery
    dates still on offer and the order's `placed_at`.
    """
    if shopper.contact_id != contact.id:
        raise ValueError("place_order needs the shopper of the contact placing the order")
    key = (checkout_key or "").strip()
    if not key or len(key) > KEY_LENGTH:
        raise OrderingRefusal(_("This checkout form is not valid any more: reload the page."))
    now = now or datetime.datetime.now(datetime.UTC)
    placed = _order_with_key(session, shopper, key)
    if placed is not None:
        return placed
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with session.begin_nested():
                return _place(session, shopper, contact, choices, key, now)
        except OrderingRefusal:
            # The same form, placed meanwhile by a concurrent request, emptied the cart.
            placed = _order_with_key(session, shopper, key)
            if placed is not None:
                return placed
            raise
        except IntegrityError:
            placed = _order_with_key(session, shopper, key)
            if placed is not None:
                return placed
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def order_with_key(key: str) -> sa.Select:
    """The order placed with checkout key `key`, found by the key's index alone.

    Without its eager joins: orders placed outside the portal have no key, and SQLite's planner,
    reading from its statistics that a key value matches thousands of rows (all those NULLs),
    would scan the orders rather than join them by index.
    """
    return sa.select(SalesOrder).where(SalesOrder.checkout_key == key).options(lazyload("*"))


def _order_with_key(session: Session, shopper: Shopper, key: str) -> SalesOrder | None:
    order = session.scalars(order_with_key(key)).first()
    if order is not None and order.customer_id != shopper.customer_id:
        raise OrderingRefusal(_("This checkout form is not valid any more: reload the page."))
    return order


def _place(
    session: Session,
    shopper: Shopper,
    contact: Contact,
    choices: CheckoutChoices,
    key: str,
    now: datetime.datetime,
) -> SalesOrder:
    lines = cart_lines(session, shopper)
    summary = summarise_cart(session, shopper, lines, contact)
    addresses = _addresses(session, shopper, choices)
    problems = list(summary.problems)
    if lines:
        problems += _choice_problems(session, shopper, contact, choices, addresses, summary, now)
    over_credit = _over_credit_limit(session, shopper, summary)
    if over_credit and not shopper.hold_orders_over_credit_limit:
        problems.append(over_credit)
    if problems:
        raise OrderingRefusal(list(dict.fromkeys(problems)))

    _charge_budgets(session, shopper, summary)
    reserved = _reserve_stock(session, shopper, summary)
    customer = session.get(Customer, shopper.customer_id)
    shop_language = _shop_language(session)
    # The contact's language (else the company's, else the shop's): their mail and the
    # order's article descriptions.
    language = recipient_language(contact, customer, shop_language)
    order = _write_order(
        session,
        shopper,
        contact,
        choices,
        addresses,
        key,
        now,
        summary,
        language,
        reserved,
        status="on_hold" if over_credit else "placed",
    )
    session.flush()  # the order number, and the unique checkout key, are checked here
    session.execute(
        sa.update(Customer).where(Customer.id == shopper.customer_id).values(last_order_at=now)
    )
    _log_order(session, customer, contact, order, shop_language)
    _write_mails(session, contact, customer, order, summary, language, shop_language)
    session.execute(
        sa.delete(CartLine)
        .where(CartLine.id.in_([line.id for line in lines]))
        .execution_options(synchronize_session="fetch")
    )
    session.flush()
    return order


# --- checks --------------------------------------------------------------------------------------


def _choice_problems(
    session: Session,
    shopper: Shopper,
    contact: Contact,
    choices: CheckoutChoices,
    addresses: dict[int, Address],
    summary: CartSummary,
    now: datetime.datetime,
) -> list[str]:
    problems = []
    contact_problem = ordering_problem(contact, summary.net_total)
    if contact_problem:
        problems.append(contact_problem)
    shipping = addresses.get(choices.shipping_address_id)
    if shipping is None or shipping.kind not in ("shipping", "both"):
        problems.append(_("Choose one of your company's shipping addresses."))
    if choices.billing_address_id is not None:
        billing = addresses.get(choices.billing_address_id)
        if billing is None or billing.kind not in ("billing", "both"):
            problems.append(_("Choose one of your company's billing addresses."))
    if choices.delivery_date is None:
        problems.append(_("Choose a delivery date."))
    elif not is_delivery_date(session, shopper, choices.delivery_date, now):
        problems.append(
            _(
                "We can no longer deliver on %(date)s: choose another delivery date.",
                date=format_date(choices.delivery_date, "full"),
            )
        )
    if choices.payment_method not in payment_methods(shopper):
        problems.append(_("This payment method is not available to you: choose another one."))
    return problems


def _addresses(session: Session, shopper: Shopper, choices: CheckoutChoices) -> dict[int, Address]:
    """The chosen addresses that are the customer's own, by id."""
    ids = {choices.shipping_address_id, choices.billing_address_id} - {None}
    if not ids:
        return {}
    return {
        address.id: address
        for address in session.scalars(
            sa.select(Address)
            .where(Address.id.in_(ids), Address.customer_id == shopper.customer_id)
            .options(lazyload(Address.customer))
        )
    }


def _over_credit_limit(session: Session, shopper: Shopper, summary: CartSummary) -> str | None:
    """Why the order goes over the customer's credit limit, or None when it does not."""
    limit = shopper.credit_limit
    if limit is None:
        return None
    balance = shopper.open_balance + summary.gross_total
    if balance <= limit:
        return None
    currency = _currency(session)
    return _(
        "This order of %(total)s including VAT would take your company's open balance to "
        "%(balance)s, over its credit limit of %(limit)s. Please contact us to place it.",
        total=format_currency(summary.gross_total, currency),
        balance=format_currency(balance, currency),
        limit=format_currency(limit, currency),
    )


def _charge_budgets(session: Session, shopper: Shopper, summary: CartSummary) -> None:
    charges = summary.budget_charges
    refused = spend(session, shopper.customer_id, charges)
    if not refused:
        return
    left = remaining_of(session, shopper.customer_id, refused)
    currency = _currency(session)
    raise OrderingRefusal(
        [
            _(
                "Budget %(code)s no longer has enough left for this order: %(remaining)s left, "
                "%(amount)s needed.",
                code=code,
                remaining=format_currency(left.get(code, 0), currency),
                amount=format_currency(charges[code], currency),
            )
            for code in refused
        ]
    )


def _reserve_stock(session: Session, shopper: Shopper, summary: CartSummary) -> set[int]:
    """Reserve the units ordered of the articles the shopper's warehouse keeps stock of (those
    with a stock row there); pre-orders are not reserved. Refuses when stock falls short.
    Returns the ids of the articles reserved (their lines, pre-orders apart, were)."""
    if shopper.warehouse_id is None:
        return set()
    wanted: dict[int, int] = defaultdict(int)
    articles = {}
    for item in summary.lines:
        if not item.pre_order:
            wanted[item.article.id] += item.units
            articles[item.article.id] = item.article
    if not wanted:
        return set()
    kept, short = reserve_kept(session, shopper.warehouse_id, wanted)
    if short:
        raise OrderingRefusal(
            [
                _(
                    "Not enough %(article)s in stock: %(available)d available, %(wanted)d ordered.",
                    article=translated(articles[article_id], "name", shopper.language),
                    available=wanted[article_id] - missing,
                    wanted=wanted[article_id],
                )
                for article_id, missing in sorted(short.items())
            ]
        )
    return kept


def _currency(session: Session) -> str:
    return shop_currency(session)


def _shop_language(session: Session) -> str:
    from app.mails import default_language

    return default_language(session)


# --- writing -------------------------------------------------------------------------------------


def _write_order(
    session: Session,
    shopper: Shopper,
    contact: Contact,
    choices: CheckoutChoices,
    addresses: dict[int, Address],
    key: str,
    now: datetime.datetime,
    summary: CartSummary,
    language: str,
    reserved: set[int],
    status: str,
) -> SalesOrder:
    shipping = addresses[choices.shipping_address_id]
    billing = addresses.get(choices.billing_address_id, shipping)
    charged = summary.budget_charges
    order = SalesOrder(
        customer_id=shopper.customer_id,
        contact_id=contact.id,
        warehouse_id=shopper.warehouse_id,
        status=status,
        placed_at=now,
        reference=_text(choices.reference, 60),
        cost_centre=_text(choices.cost_centre, 60),
        requested_delivery_date=choices.delivery_date,
        shipping_address=address_text(shipping),
        billing_address=address_text(billing),
        payment_method=choices.payment_method,
        shipping_fee=summary.shipping_fee,
        discount_total=summary.order_discount[1],
        net_total=summary.net_total,
        vat_total=summary.vat_total,
        gross_total=summary.gross_total,
        weight=summary.weight,
        customer_note=_text(choices.note, 2000),
        checkout_key=key,
        lines=[
            OrderLine(
                article_id=item.article.id,
                sku=item.article.sku,
                description=translated(item.article, "name", language)[:255],
                quantity=item.units,
                unit_price=item.unit_price,
                discount_percent=item.discount_percent,
                vat_rate=item.vat_rate,
                line_reference=item.line.line_reference,
                budget_code=item.line.budget_code,
                library_relation_code=item.line.library_relation_code,
                personalisation=item.line.personalisation,
                # What a cancellation gives back, exactly as taken now.
                reserved_quantity=(
                    item.units if item.article.id in reserved and not item.pre_order else 0
                ),
                budget_charge=item.line_total if item.line.budget_code in charged else None,
            )
            for item in summary.lines
        ],
    )
    session.add(order)
    return order


def address_text(address: Address) -> str:
    """An address as an order keeps it: the lines a label prints."""
    lines = [
        address.name,
        address.line1,
        address.line2,
        " ".join(part for part in (address.postcode, address.city) if part),
        address.country,
    ]
    return "\n".join(line for line in lines if line)[:1000]


def _text(value: str | None, length: int) -> str | None:
    value = (value or "").strip()
    return value[:length] or None


def _log_order(
    session: Session, customer: Customer, contact: Contact, order: SalesOrder, shop_language: str
) -> None:
    with force_locale(shop_language):
        subject = _("Order %(number)s placed by %(name)s", number=order.number, name=str(contact))
        body = ngettext(
            "%(num)d line, %(total)s before VAT.",
            "%(num)d lines, %(total)s before VAT.",
            len(order.lines),
            total=format_currency(order.net_total, _currency(session)),
        )
        if order.status == "on_hold":
            body += "\n" + _("Held for approval: the order goes over the credit limit.")
    log_event(session, customer, "order_placed", subject, body, author=contact.user)


def _write_mails(
    session: Session,
    contact: Contact,
    customer: Customer,
    order: SalesOrder,
    summary: CartSummary,
    language: str,
    shop_language: str,
) -> None:
    """The confirmation to the contact, in `language`, and a copy to the shop's staff and to the
    customer's sales representative, in the shop's language, as outbox entries of this
    transaction. The copy is rendered once for all its recipients, and the seller's wording of
    both mails is read in one query."""
    from app.mails import sales_rep_address, shop_name, staff_addresses

    staff = staff_addresses(session)
    rep = sales_rep_address(customer)
    copies = staff + ([rep] if rep and rep not in staff else [])
    # Without flushing first: the order's history line, its mails and the cart's removal are
    # written together at the end, one statement per table.
    with session.no_autoflush:
        texts = seller_texts(
            session, [("order_placed", language), ("order_placed_staff", shop_language)]
        )
    context = {
        "shop": shop_name(session),
        "order": order,
        "company": customer.name,
        "contact_name": str(contact),
        "goods_total": summary.goods_total,
        "payment_methods": dict(SalesOrder.PAYMENT_METHOD_CHOICES),
    }
    subject, text, html = _render_mail(
        session,
        texts,
        "contact",
        language,
        name=contact.first_name,
        prices_hidden=summary.prices_hidden,
        **context,
    )
    outbox.write(session, SEND_MAIL, [contact.email], subject, text, html)
    note_email(session, customer, [contact.email], subject, text)
    if copies:
        mail = _render_mail(session, texts, "staff", shop_language, prices_hidden=False, **context)
        for address in copies:
            outbox.write(session, SEND_MAIL, [address], *mail)


def _render_mail(
    session: Session, texts: dict, whom: str, language: str, **context
) -> tuple[str, str, str]:
    """The subject, text and HTML of the mail to `whom` ("contact" or "staff") in `language`."""
    from app.mails import portal_url_if_known

    with force_locale(language):
        context["link"] = (
            portal_url_if_known("portal.order", number=context["order"].number)
            if whom == "contact"
            else None
        )
        subject = str(SUBJECTS[whom]) % {
            "number": context["order"].number,
            "shop": context["shop"],
            "company": context["company"],
        }
        mail = "order_placed" if whom == "contact" else "order_placed_staff"
        subject, context = seller_wording(session, mail, language, subject, context, texts=texts)
        text = render_template("mail/order_placed.txt", for_staff=whom == "staff", **context)
        html = render_template(
            "mail/order_placed.html", subject=subject, for_staff=whom == "staff", **context
        )
    return subject, text, html
