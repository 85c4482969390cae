"""What the portal prints of an article's offer to the customer of the page: its price and
promotion, its stock, when a pre-order ships, and the quantities it may be ordered in, as texts
in the page's language.

A catalogue page prints 48 offers. Written as template macros, each text was a chain of template
calls (a macro, a filter, a translation finding the page's locale again): about a tenth of a
millisecond per card, half the page's rendering. They are written here instead, once per article
and with the page's translations found once; the macros of portal/_offer.html lay them out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from app.backoffice.formatting import date_text, money_printer
from app.domain.pricing import Quote
from app.domain.quantities import PACK, QuantityRule
from app.domain.stock import Stock
from app.locale import page_translations


@dataclass(frozen=True, slots=True)
class Offer:
    """One article's offer as printed; None (or "") where there is nothing to print."""

    price: Markup | None  # what one unit costs this customer
    list_price: Markup | None  # before its promotion, struck through; None when not lower
    per_unit: bool  # priced per unit while ordered by packs
    promotion: str | None
    pre_order: str | None  # "Pre-order: available from …"
    stock: str | None  # "12 in stock" / "Out of stock"; None when stock is not shown
    in_stock: bool
    incoming: str | None  # "24 expected on …"
    hint: str  # "Packs of 6 · Minimum 2"
    add_quantity: int  # the quantity an add form starts with
    packs: bool  # ordered by packs of more than one


def offers_for(
    items: Iterable[Any],
    *,
    quotes: Mapping[int, Quote],
    stock: Mapping[int, Stock],
    rules: Mapping[int, QuantityRule],
    pre_order: Iterable[int],
) -> dict[int, Offer]:
    """The offer of each of `items` (cards or articles: an `id`, an `available_from`), by id,
    from what the page computed for the customer: its quotes (none when prices are hidden), the
    stock shown and the quantity rules."""
    words, money = _Words(), money_printer()
    pre_order = set(pre_order)
    offers = {}
    for item in items:
        quote, level, rule = quotes.get(item.id), stock.get(item.id), rules[item.id]
        packs = rule.unit == PACK and rule.pack_size > 1
        offers[item.id] = Offer(
            price=money(quote.unit_price) if quote else None,
            list_price=(
                money(quote.list_price) if quote and quote.unit_price < quote.list_price else None
            ),
            per_unit=packs,
            promotion=quote.promotion_name if quote else None,
            pre_order=(
                words.gettext(
                    "Pre-order: available from %(date)s", date=date_text(item.available_from)
                )
                if item.id in pre_order
                else None
            ),
            stock=_stock(words, level),
            in_stock=bool(level and level.available > 0),
            incoming=(
                words.ngettext(
                    "%(num)d expected on %(date)s",
                    "%(num)d expected on %(date)s",
                    level.incoming_quantity,
                    date=date_text(level.incoming_date),
                )
                if level and level.incoming_quantity and level.incoming_date
                else None
            ),
            hint=_hint(words, rule, packs),
            add_quantity=1 if rule.unit == PACK else rule.minimum,
            packs=packs,
        )
    return offers


def _stock(words: _Words, level: Stock | None) -> str | None:
    if not level:
        return None
    if level.available > 0:
        return words.ngettext("%(num)d in stock", "%(num)d in stock", level.available)
    return words.gettext("Out of stock")


def _hint(words: _Words, rule: QuantityRule, packs: bool) -> str:
    """How the article is ordered: "Packs of 6", "In multiples of 4", then "· Minimum 2"."""
    parts = []
    if packs:
        parts.append(words.ngettext("Packs of %(num)d", "Packs of %(num)d", rule.pack_size))
    elif rule.multiple > 1:
        parts.append(
            words.ngettext("In multiples of %(num)d", "In multiples of %(num)d", rule.multiple)
        )
    if rule.minimum > 1:
        parts.append("· " + words.ngettext("Minimum %(num)d", "Minimum %(num)d", rule.minimum))
    return " ".join(parts)


class _Words:
    """The page's translations, found once for all its offers; the texts come back as plain
    strings, escaped where the template prints them."""

    def __init__(self):
        self._translations = page_translations()

    def gettext(self, text: str, **variables) -> str:
        found = self._translations.ugettext(text)
        return found % variables if variables else found

    def ngettext(self, singular: str, plural: str, num: int, **variables) -> str:
        return self._translations.ungettext(singular, plural, num) % {"num": num, **variables}
