"""The cart: what a contact is about to order for one customer, and what it comes to.

A cart line holds an article, a quantity as the person typed it (packs for a customer that
orders by the pack, else units) and the way the customer splits its orders: a line reference,
a library budget, a library relation (branch) and a personalisation. The same article added
again with the same split adds up on one line; with another split it is a line of its own.

`summarise_cart` prices the whole cart for the customer and says what stands in the way of
placing it, in a bounded number of queries whatever the number of lines:

- every line is priced with one `price_articles` call. The quantity tier of an article is
  chosen on all the units of that article in the cart: an article split over several branches
  or budgets is one purchase for the seller;
- a line charged to a library budget gets the budget's discount (`budget_discount_percent`) as
  its discount percentage; its line total, discount taken off and before VAT, is what the line
  charges to the budget;
- the goods total is the sum of the line totals; the order discount is earned on it, and the
  shipping fee, the franco threshold and the minimum order amount are measured against it;
- VAT is worked out per rate on the line totals less each rate's share of the order discount,
  and on the shipping fee at the highest rate in the cart (a simple, common rule: shipping
  follows the main supply; a cart with no VAT at all ships without VAT). A VAT-exempt customer's
  quotes carry a rate of 0, so its VAT is 0.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal

import sqlalchemy as sa
from flask_babel import format_currency
from flask_babel import gettext as _
from sqlalchemy.orm import Session, joinedload, lazyload
from sqlalchemy.orm.attributes import set_committed_value

from app.domain.budgets import BudgetStatus, budget_statuses, budgets_of
from app.domain.ordering import OrderingRefusal
from app.domain.orders import line_total, money
from app.domain.pricing import Quote, budget_discount_percent, order_discount, price_articles
from app.domain.pricing import prices_hidden as hides_prices_from
from app.domain.quantities import QuantityRule, lines_weight, quantity_problem, quantity_rule, units
from app.domain.settings import shop_currency
from app.domain.shipping import (
    ShippingTerms,
    franco_progress,
    minimum_order_missing,
    minimum_order_problem,
    shipping_fee,
    shipping_terms,
)
from app.domain.shopper import Shopper
from app.domain.translations import translated
from app.domain.visibility import (
    article_for,
    is_pre_order,
    purchase_problem,
    purchase_problems,
    visible_article_ids,
)
from app.generated.models import Article, CartLine

ZERO = Decimal(0)
SPLIT = ("line_reference", "budget_code", "library_relation_code", "personalisation")
_UNCHANGED = object()


# --- the lines -----------------------------------------------------------------------------------


def cart_lines(session: Session, shopper: Shopper) -> list[CartLine]:
    """The lines of `shopper`'s contact's cart for `shopper`'s customer, oldest first, with
    their articles (and the articles' translations) loaded. Empty without a contact.

    The articles come without their family, brand, season and product type: the cart and the
    checkout use the articles' own columns and names, and each of those relationships would
    join its table and read its translations in a query of its own."""
    if shopper.contact_id is None:
        return []
    return list(
        session.scalars(
            _CART_LINES, {"contact_id": shopper.contact_id, "customer_id": shopper.customer_id}
        )
    )


# Built once: the statement's cache key is then computed once, not on every cart read.
_CART_LINES = (
    sa.select(CartLine)
    .where(
        CartLine.contact_id == sa.bindparam("contact_id"),
        CartLine.customer_id == sa.bindparam("customer_id"),
    )
    .options(
        lazyload(CartLine.contact),
        lazyload(CartLine.customer),
        joinedload(CartLine.article).options(
            lazyload(Article.family),
            lazyload(Article.brand),
            lazyload(Article.season),
            lazyload(Article.product_type),
        ),
    )
    .order_by(CartLine.added_at, CartLine.id)
)


def add_to_cart(
    session: Session,
    shopper: Shopper,
    article_id: int,
    quantity: int,
    *,
    line_reference: str | None = None,
    budget_code: str | None = None,
    library_relation_code: str | None = None,
    personalisation: str | None = None,
) -> CartLine:
    """Put `quantity` (as typed: packs or units, see quantities.py) of an article in the cart.

    With the same split (line reference, budget, library relation, personalisation) as a line
    already in the cart, the quantities add up on that line; else a new line. Refuses, with
    `OrderingRefusal`, an article the customer may not see or order, a quantity its rule does
    not allow, a personalisation for an article that takes none and a budget code the customer
    does not have today. Flushes; the caller commits.
    """
    _require_contact(shopper)
    article = article_for(session, shopper, int(article_id)) if article_id else None
    if article is None:
        raise OrderingRefusal(_("This article is not available to you."))
    split = _split(line_reference, budget_code, library_relation_code, personalisation)
    _check_split(session, shopper, article, split)
    line = session.scalars(
        sa.select(CartLine)
        .where(
            CartLine.contact_id == shopper.contact_id,
            CartLine.customer_id == shopper.customer_id,
            CartLine.article_id == article.id,
            *(_same(getattr(CartLine, name), value) for name, value in split.items()),
        )
        # Its quantity is all that is asked of it: its contact, customer and article are this
        # request's, already loaded, and the model's eager loads would read them again with all
        # of theirs (the customer's tags, the contact's companies...).
        .options(lazyload("*"))
    ).first()
    total = (line.quantity if line is not None else 0) + _whole(quantity)
    _check_quantity(shopper, article, _whole(quantity), total)
    if line is None:
        line = CartLine(
            contact_id=shopper.contact_id,
            customer_id=shopper.customer_id,
            article_id=article.id,
            quantity=total,
            **split,
        )
        session.add(line)
    else:
        line.quantity = total
    session.flush()
    # The line holds on to its article, loaded above: the session keeps objects only while
    # something refers to them, and `line.article` would read it again, with the model's eager
    # loads. Set as loaded, not as a change, so no backref collection is read.
    set_committed_value(line, "article", article)
    return line


def change_line(
    session: Session,
    shopper: Shopper,
    line_id: int,
    *,
    quantity: int | None = None,
    line_reference=_UNCHANGED,
    budget_code=_UNCHANGED,
    library_relation_code=_UNCHANGED,
    personalisation=_UNCHANGED,
) -> CartLine | None:
    """Change a line of the cart: its quantity (0 removes the line) and, for each keyword
    given, its split (None or "" clears it). A line whose new split is that of another line of
    the same article is merged into that line, which is returned. Refuses, with
    `OrderingRefusal`, a line that is not in this cart and the same things as `add_to_cart`.
    Returns the line, or None when it was removed. Flushes; the caller commits.
    """
    line = _own_line(session, shopper, line_id)
    if quantity is not None and _whole(quantity) == 0:
        session.delete(line)
        session.flush()
        return None
    given = {
        "line_reference": line_reference,
        "budget_code": budget_code,
        "library_relation_code": library_relation_code,
        "personalisation": personalisation,
    }
    before = {name: getattr(line, name) for name in SPLIT}
    split = {
        name: before[name] if given[name] is _UNCHANGED else _clean(given[name]) for name in SPLIT
    }
    article = line.article
    if split != before:
        _check_split(session, shopper, article, split)
    new_quantity = line.quantity if quantity is None else _whole(quantity)
    twin = session.scalars(
        sa.select(CartLine)
        .where(
            CartLine.id != line.id,
            CartLine.contact_id == shopper.contact_id,
            CartLine.customer_id == shopper.customer_id,
            CartLine.article_id == line.article_id,
            *(_same(getattr(CartLine, name), value) for name, value in split.items()),
        )
        .options(lazyload("*"))  # its quantity alone is asked of it (see add_to_cart)
    ).first()
    if twin is not None:
        total = twin.quantity + new_quantity
        _check_quantity(shopper, article, new_quantity, total)
        twin.quantity = total
        session.delete(line)
        session.flush()
        return twin
    _check_quantity(shopper, article, new_quantity, new_quantity)
    line.quantity = new_quantity
    for name, value in split.items():
        setattr(line, name, value)
    session.flush()
    return line


def remove_line(session: Session, shopper: Shopper, line_id: int) -> None:
    """Take a line out of the cart (refused with `OrderingRefusal` when it is not in it)."""
    session.delete(_own_line(session, shopper, line_id))
    session.flush()


def empty_cart(session: Session, shopper: Shopper) -> int:
    """Take every line out of the contact's cart for this customer; the number removed."""
    if shopper.contact_id is None:
        return 0
    result = session.execute(
        sa.delete(CartLine)
        .where(
            CartLine.contact_id == shopper.contact_id,
            CartLine.customer_id == shopper.customer_id,
        )
        .execution_options(synchronize_session="fetch")
    )
    return result.rowcount or 0


def _require_contact(shopper: Shopper) -> None:
    if shopper.contact_id is None:
        raise ValueError("a cart belongs to a contact: shopper_for(..., contact) is needed")


def _own_line(session: Session, shopper: Shopper, line_id: int) -> CartLine:
    _require_contact(shopper)
    line = session.scalars(
        sa.select(CartLine)
        .where(
            CartLine.id == line_id,
            CartLine.contact_id == shopper.contact_id,
            CartLine.customer_id == shopper.customer_id,
        )
        # With its article's own columns (its quantity rule, whether it takes a
        # personalisation), not the model's eager loads of the line's customer and contact,
        # nor of the article's family, brand and season, all with their translations.
        .options(lazyload("*"), joinedload(CartLine.article).lazyload("*"))
    ).first()
    if line is None:
        raise OrderingRefusal(_("This line is no longer in your cart."))
    return line


def _whole(quantity) -> int:
    """A typed quantity as a whole number of at least 0 (an int, or digits in a string)."""
    if isinstance(quantity, str) and quantity.strip().isdigit():
        return int(quantity.strip())
    if isinstance(quantity, int) and not isinstance(quantity, bool) and quantity >= 0:
        return quantity
    raise OrderingRefusal(_("Enter the quantity as a whole number."))


def _clean(value) -> str | None:
    """A split's text as kept: trimmed, and None for nothing."""
    return (str(value).strip() or None) if value is not None else None


def _split(line_reference=None, budget_code=None, library_relation_code=None, personalisation=None):
    return {
        "line_reference": _clean(line_reference),
        "budget_code": _clean(budget_code),
        "library_relation_code": _clean(library_relation_code),
        "personalisation": _clean(personalisation),
    }


def _same(column, value):
    return column.is_(None) if value is None else column == value


def _check_split(session: Session, shopper: Shopper, article: Article, split: dict) -> None:
    problem = purchase_problem(shopper, article, session=session)
    if problem:
        raise OrderingRefusal(problem)
    for name in ("line_reference", "library_relation_code", "personalisation"):
        limit = CartLine.__table__.c[name].type.length
        if split.get(name) and len(split[name]) > limit:
            raise OrderingRefusal(_too_long(name, limit))
    if split.get("personalisation") and not article.personalisation_allowed:
        raise OrderingRefusal(_("This article cannot be personalised."))
    code = split.get("budget_code")
    current = budgets_of(session, shopper.customer_id, shopper.today) if code else []
    if code and code not in {budget.code for budget in current}:
        raise OrderingRefusal(
            _("The budget code %(code)s is not one of your current budgets.", code=code)
        )


def _too_long(name: str, limit: int) -> str:
    if name == "line_reference":
        return _("Write the line reference in at most %(num)d characters.", num=limit)
    if name == "library_relation_code":
        return _("Write the library code in at most %(num)d characters.", num=limit)
    return _("Write the personalisation in at most %(num)d characters.", num=limit)


def _check_quantity(shopper: Shopper, article: Article, typed: int, total: int) -> None:
    if typed < 1:
        raise OrderingRefusal(_("Enter a quantity of at least 1."))
    problem = quantity_problem(quantity_rule(shopper, article), total)
    if problem:
        raise OrderingRefusal(problem)


# --- the summary ---------------------------------------------------------------------------------


@dataclass
class PricedLine:
    """A cart line priced: the quote of its article (for the article's units in the whole
    cart), its units (pieces), the budget's discount, its total before VAT and its problems."""

    line: CartLine
    article: Article
    quote: Quote | None
    rule: QuantityRule
    units: int
    discount_percent: Decimal
    line_total: Decimal
    pre_order: bool
    problems: list[str] = field(default_factory=list)

    @property
    def unit_price(self) -> Decimal:
        return self.quote.unit_price if self.quote is not None else ZERO

    @property
    def vat_rate(self) -> Decimal:
        return self.quote.vat_rate if self.quote is not None else ZERO


@dataclass
class CartSummary:
    """What a cart comes to for the customer, and what stands in the way of placing it.

    Amounts are Decimal, before VAT unless named otherwise. `order_discount` is (percentage,
    amount); `vat_by_rate` is {rate: VAT amount}, `vat_total` their sum; `franco_missing` is
    what is missing for free shipping (None: no franco to reach), `minimum_missing` what is
    missing to reach the minimum order (None: reached or none). `problems` are translated
    sentences; the cart may be ordered only when there are none.
    """

    lines: list[PricedLine]
    goods_total: Decimal
    order_discount: tuple[Decimal, Decimal]
    shipping_terms: ShippingTerms
    shipping_fee: Decimal
    franco_missing: Decimal | None
    minimum_missing: Decimal | None
    net_total: Decimal
    vat_by_rate: dict[Decimal, Decimal]
    vat_total: Decimal
    gross_total: Decimal
    weight: Decimal
    budgets: list[BudgetStatus]
    problems: list[str]
    prices_hidden: bool

    @property
    def may_order(self) -> bool:
        return not self.problems

    @property
    def budget_charges(self) -> dict[str, Decimal]:
        """{budget code: amount} this cart charges to the customer's budgets."""
        return {status.code: status.in_cart for status in self.budgets if status.in_cart}


def summarise_cart(
    session: Session, shopper: Shopper, lines: Sequence[CartLine], contact=None
) -> CartSummary:
    """Price `lines` (from `cart_lines`) for `shopper` and say what they come to (see the
    module's docstring), with every problem that would refuse the order.

    A bounded number of queries whatever the number of lines: visibility (1), purchasable
    scope (1), prices (`price_articles`), order discount (1), shipping terms (2), budgets (1)
    and the currency (1) when a message names an amount. `contact` decides whether prices are
    hidden from the person (`prices_hidden`).
    """
    lines = list(lines)
    language = shopper.language
    articles = {line.article_id: line.article for line in lines}
    visible = visible_article_ids(session, shopper, articles)
    not_purchasable = purchase_problems(
        session, shopper, [a for a_id, a in articles.items() if a_id in visible]
    )
    rules = {a_id: quantity_rule(shopper, article) for a_id, article in articles.items()}
    units_of_article: dict[int, int] = defaultdict(int)
    for line in lines:
        units_of_article[line.article_id] += units(rules[line.article_id], line.quantity)
    quotes = price_articles(session, shopper, units_of_article.items())
    budgets = {b.code: b for b in budgets_of(session, shopper.customer_id, shopper.today)}
    money_text = _money_formatter(session)

    priced: list[PricedLine] = []
    problems: list[str] = []
    charges: dict[str, Decimal] = defaultdict(lambda: ZERO)
    unknown_codes: list[str] = []
    for line in lines:
        article, rule = line.article, rules[line.article_id]
        name = translated(article, "name", language)
        quote = quotes.get((article.id, units_of_article[article.id]))
        budget = budgets.get(line.budget_code) if line.budget_code else None
        discount = (
            budget_discount_percent(budget, article, shopper.today) if budget is not None else ZERO
        )
        line_units = units(rule, line.quantity)
        total = line_total(line_units, quote.unit_price, discount) if quote else ZERO
        item = PricedLine(
            line=line,
            article=article,
            quote=quote,
            rule=rule,
            units=line_units,
            discount_percent=discount,
            line_total=total,
            pre_order=is_pre_order(article, shopper.today),
        )
        if article.id not in visible:
            item.problems.append(_("%(article)s is no longer available to you.", article=name))
        elif not_purchasable.get(article.id):
            item.problems.append(
                _("%(article)s: %(problem)s", article=name, problem=not_purchasable[article.id])
            )
        elif quote is None:
            item.problems.append(_("%(article)s has no price.", article=name))
        problem = quantity_problem(rule, line.quantity)
        if problem:
            item.problems.append(_("%(article)s: %(problem)s", article=name, problem=problem))
        if budget is not None:
            charges[budget.code] += total
        elif line.budget_code and line.budget_code not in unknown_codes:
            unknown_codes.append(line.budget_code)
        problems.extend(item.problems)
        priced.append(item)

    goods_total = money(sum((item.line_total for item in priced), ZERO))
    discount_percent, discount_amount = order_discount(session, shopper, goods_total)
    terms = shipping_terms(session, shopper)
    fee = shipping_fee(terms, goods_total) if priced else Decimal("0.00")
    vat_by_rate = vat_per_rate(priced, goods_total, discount_amount, fee)
    vat_total = money(sum(vat_by_rate.values(), ZERO))
    net_total = money(goods_total - discount_amount + fee)
    statuses = budget_statuses(budgets.values(), charges)

    for code in unknown_codes:
        problems.append(
            _("The budget code %(code)s is not one of your current budgets.", code=code)
        )
    for status in statuses:
        if status.exceeded:
            problems.append(
                _(
                    "Budget %(code)s has %(remaining)s left, and this cart charges %(amount)s "
                    "to it.",
                    code=status.code,
                    remaining=money_text(status.remaining),
                    amount=money_text(status.in_cart),
                )
            )
    if priced:
        minimum = minimum_order_problem(terms, goods_total, money_text)
        if minimum:
            problems.append(minimum)
    else:
        problems.append(_("Your cart is empty."))

    return CartSummary(
        lines=priced,
        goods_total=goods_total,
        order_discount=(discount_percent, discount_amount),
        shipping_terms=terms,
        shipping_fee=fee,
        franco_missing=franco_progress(terms, goods_total) if priced else None,
        minimum_missing=minimum_order_missing(terms, goods_total) if priced else None,
        net_total=net_total,
        vat_by_rate=vat_by_rate,
        vat_total=vat_total,
        gross_total=money(net_total + vat_total),
        weight=lines_weight((item.article, item.units) for item in priced),
        budgets=statuses,
        problems=problems,
        prices_hidden=hides_prices_from(shopper, contact),
    )


def vat_per_rate(
    priced: Sequence, goods_total: Decimal, discount: Decimal, fee: Decimal
) -> dict[Decimal, Decimal]:
    """{rate: VAT}: each rate's line totals less its share of the order discount (shares in
    proportion to the line totals, the last rate taking the rounding rest so the shares add up
    to the discount), plus the shipping fee at the highest rate.

    `priced` are lines with a `vat_rate` and a `line_total`: a cart's priced lines, or an
    order's lines when the order desk changes its shipping fee (the same rule, the same sums)."""
    bases: dict[Decimal, Decimal] = defaultdict(lambda: ZERO)
    for item in priced:
        bases[Decimal(item.vat_rate)] += item.line_total
    rates = sorted(bases)
    if discount and goods_total:
        left = discount
        for rate in rates[:-1]:
            share = money(discount * bases[rate] / goods_total)
            bases[rate] -= share
            left -= share
        bases[rates[-1]] -= left
    if fee and rates:
        bases[rates[-1]] += fee
    return {rate: money(bases[rate] * rate / 100) for rate in rates}


def _money_formatter(session: Session):
    """Amounts in messages as the shop writes money, the currency read once when first needed."""
    currency: list[str] = []

    def text(amount: Decimal) -> str:
        if not currency:
            currency.append(shop_currency(session))
        return format_currency(amount, currency[0])

    return text
