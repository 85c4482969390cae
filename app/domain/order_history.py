"""A customer's orders and order templates as its people see them in the portal.

An administrator (or a contact the seller lets see all orders) sees the whole company's orders;
a plain buyer sees only the orders they placed. Reordering and templates put lines back into the
cart through the cart's own rules, so an article that is no longer visible, purchasable or sold
in that quantity is reported rather than slipped in.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session, lazyload, selectinload

from app.domain.cart import add_to_cart, cart_lines
from app.domain.company_users import sees_all_orders
from app.domain.ordering import OrderingRefusal
from app.domain.shopper import Shopper
from app.generated.models import (
    Article,
    Contact,
    OrderLine,
    OrderTemplate,
    OrderTemplateLine,
    SalesOrder,
)

ORDER_PAGE_SIZE = 25


def orders_query(contact: Contact, customer_id: int) -> sa.Select:
    """The orders of `customer_id` that `contact` may see, newest first.

    Without the model's eager loads of each order's customer (the request's own, found in the
    session when asked for) and warehouse (read by the confirmation document alone), each
    with all of theirs."""
    query = (
        sa.select(SalesOrder)
        .where(SalesOrder.customer_id == customer_id)
        .options(lazyload(SalesOrder.customer), lazyload(SalesOrder.warehouse))
    )
    if not sees_all_orders(contact):
        query = query.where(SalesOrder.contact_id == contact.id)
    return query.order_by(SalesOrder.placed_at.desc(), SalesOrder.id.desc())


@dataclass
class OrderPage:
    orders: list[SalesOrder]
    total: int
    page: int
    per_page: int

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def order_history(
    session: Session,
    contact: Contact,
    customer_id: int,
    *,
    search: str | None = None,
    status: str | None = None,
    page: int = 1,
    per_page: int = ORDER_PAGE_SIZE,
) -> OrderPage:
    """A page of the orders `contact` may see, searched by number, order reference, cost
    centre or a line's reference, SKU or budget code."""
    query = orders_query(contact, customer_id)
    text = (search or "").strip()
    if text:
        pattern = f"%{text.lower()}%"
        in_lines = (
            sa.select(OrderLine.id)
            .where(
                OrderLine.order_id == SalesOrder.id,
                sa.or_(
                    sa.func.lower(OrderLine.line_reference).like(pattern),
                    sa.func.lower(OrderLine.sku).like(pattern),
                    sa.func.lower(OrderLine.budget_code).like(pattern),
                ),
            )
            .exists()
        )
        query = query.where(
            sa.or_(
                sa.func.lower(SalesOrder.number).like(pattern),
                sa.func.lower(SalesOrder.reference).like(pattern),
                sa.func.lower(SalesOrder.cost_centre).like(pattern),
                in_lines,
            )
        )
    if status:
        query = query.where(SalesOrder.status == status)
    total = session.scalar(sa.select(sa.func.count()).select_from(query.order_by(None).subquery()))
    page = max(1, page)
    orders = session.scalars(
        query.options(selectinload(SalesOrder.contact))
        .limit(per_page)
        .offset((page - 1) * per_page)
    ).all()
    return OrderPage(list(orders), total or 0, page, per_page)


def order_for(
    session: Session, contact: Contact, customer_id: int, number: str
) -> SalesOrder | None:
    """One order by number, or None when `contact` may not see it (another company's, or
    another buyer's for a plain buyer)."""
    return session.scalars(
        orders_query(contact, customer_id)
        .where(SalesOrder.number == number)
        # The lines as they were ordered (their own columns): their order is this one, and
        # their articles, with all of theirs, are asked for by no page or document.
        .options(
            selectinload(SalesOrder.lines).options(
                lazyload(OrderLine.order), lazyload(OrderLine.article)
            )
        )
    ).first()


@dataclass
class Refill:
    """What putting an order or a template back into the cart did."""

    added: int = 0
    skipped: list[str] = field(default_factory=list)  # one sentence per line left out


def _refill(session: Session, shopper: Shopper, lines) -> Refill:
    result = Refill()
    for line in lines:
        label = getattr(line, "description", None) or (
            line.article.name if line.article is not None else ""
        )
        if line.article_id is None:
            result.skipped.append(_("%(article)s is no longer sold.", article=label))
            continue
        try:
            with session.begin_nested():
                add_to_cart(
                    session,
                    shopper,
                    line.article_id,
                    line.quantity,
                    line_reference=line.line_reference,
                    budget_code=getattr(line, "budget_code", None),
                    library_relation_code=getattr(line, "library_relation_code", None),
                    personalisation=getattr(line, "personalisation", None),
                )
        except OrderingRefusal as refusal:
            result.skipped.append(
                _("%(article)s: %(reason)s", article=label, reason=" ".join(refusal.messages))
            )
        else:
            result.added += 1
    return result


def reorder(session: Session, shopper: Shopper, order: SalesOrder) -> Refill:
    """Put an earlier order's lines into the cart, at today's prices and rules.

    Quantities are the units ordered then; the cart turns them back into packs where the
    customer orders by the pack.
    """
    return _refill(session, shopper, _as_cart_quantities(session, shopper, order.lines))


def _as_cart_quantities(session: Session, shopper: Shopper, lines):
    from app.domain.quantities import quantity_rule

    articles = {
        a.id: a
        for a in session.scalars(
            sa.select(Article).where(
                Article.id.in_({ln.article_id for ln in lines if ln.article_id})
            )
        )
    }
    for line in lines:
        article = articles.get(line.article_id)
        quantity = line.quantity
        if article is not None:
            rule = quantity_rule(shopper, article)
            if rule.unit == "pack" and rule.pack_size > 1:
                quantity = max(1, -(-quantity // rule.pack_size))
        yield _Line(line, quantity)


class _Line:
    """An order line seen with the quantity the cart expects."""

    def __init__(self, line: OrderLine, quantity: int):
        self._line, self.quantity = line, quantity

    def __getattr__(self, name):
        return getattr(self._line, name)


def templates_of(session: Session, customer_id: int) -> list[OrderTemplate]:
    """The customer's order templates: the seller's and its people's, by name."""
    return list(
        session.scalars(
            sa.select(OrderTemplate)
            .where(OrderTemplate.customer_id == customer_id)
            .options(
                selectinload(OrderTemplate.lines).selectinload(OrderTemplateLine.article),
                selectinload(OrderTemplate.contact),
            )
            .order_by(sa.func.lower(OrderTemplate.name), OrderTemplate.id)
        )
    )


def template_for(session: Session, customer_id: int, template_id: int) -> OrderTemplate | None:
    """One of the customer's templates, or None for another company's."""
    return session.scalars(
        sa.select(OrderTemplate).where(
            OrderTemplate.id == template_id, OrderTemplate.customer_id == customer_id
        )
    ).first()


def save_cart_as_template(session: Session, shopper: Shopper, contact: Contact, name: str):
    """A new template of the customer holding the cart's lines (quantities as typed)."""
    name = (name or "").strip()
    if not name:
        raise OrderingRefusal(_("Give the template a name."))
    lines = cart_lines(session, shopper)
    if not lines:
        raise OrderingRefusal(_("The cart is empty: add articles before saving it as a template."))
    template = OrderTemplate(
        customer_id=shopper.customer_id, contact_id=contact.id, name=name[:120]
    )
    template.lines = [
        OrderTemplateLine(
            article_id=line.article_id,
            quantity=line.quantity,
            line_reference=line.line_reference,
            budget_code=line.budget_code,
            library_relation_code=line.library_relation_code,
        )
        for line in lines
    ]
    session.add(template)
    session.flush()
    return template


def start_from_template(session: Session, shopper: Shopper, template: OrderTemplate) -> Refill:
    """Put a template's lines into the cart."""
    return _refill(session, shopper, template.lines)


def may_remove_template(contact: Contact, template: OrderTemplate) -> bool:
    """A contact removes the templates they saved; an administrator any of the company's,
    except the seller's own, which only the seller changes."""
    if template.contact_id is None:
        return False
    return template.contact_id == contact.id or contact.company_role == "administrator"
