"""Money written exactly as Babel writes it, without running Babel's number pattern per amount.

Babel's `NumberPattern.apply` costs 10 to 30 µs an amount: it looks up the locale's symbols,
substitutes the currency sign and strips the pattern's quotes each time. Prices differ per
customer, so a catalogue page prints about a third of its amounts for the first time. For one
locale and one currency all but the digits is fixed: the text before and after the number for a
positive and for a negative amount (with the currency symbol and the exact no-break spaces Babel
puts there), the decimal and group symbols, the group sizes and the currency's decimals.
`money_layout` reads these once from Babel's own data, then checks itself against Babel on probe
amounts: a locale whose rules it does not cover is left to Babel for good, slower, never different.
"""

from __future__ import annotations

import decimal
import functools
import re
from dataclasses import dataclass
from decimal import Decimal

from babel import Locale, numbers
from babel.numbers import NumberPattern

# Amounts whose printing shows each rule: halves rounded to even as Babel's decimal context does
# (0.005 to 0.00 but 0.015 to 0.02), no group, one group, several (Indian English 12,34,567.89),
# a rounding that carries into a new group (9999.995), CLDR's minimum grouping digits (1000 against
# 10000: Babel 2.19 ignores them, a later Babel may not), and the sign of a negative zero.
_PROBE_TEXTS = (
    "0", "0.004", "0.005", "0.015", "0.5", "1", "9.99", "12.345", "999.99", "1000", "1234.56",
    "9999.995", "10000", "12345.67", "123456.78", "1234567.89", "1000000000.01",
)  # fmt: skip
PROBE_AMOUNTS = (
    *(Decimal(text) for text in _PROBE_TEXTS),
    # copy_negate keeps the sign of zero ("-0"), which unary minus would drop.
    *(Decimal(text).copy_negate() for text in _PROBE_TEXTS),
    Decimal("-0.00"),
)

# Up to a thousand trillion. Beyond, an amount with its decimals can outgrow the decimal context's
# 28 digits, and Babel's rounding raises: such amounts go to Babel, to raise or print as it does.
_LARGEST_EXPONENT = 14


@dataclass(frozen=True, slots=True)
class MoneyLayout:
    """How one locale writes amounts of one currency, read from Babel's data."""

    prefixes: tuple[str, str]  # before the number: for a positive amount, for a negative one
    suffixes: tuple[str, str]  # after it, the same way
    decimal_symbol: str
    group_symbol: str
    group_sizes: tuple[int, int]  # the last group's size, then the others' (3, 2 in Indian)
    least_integer_digits: int
    # One unit of the currency's last decimal: 0.01 for the euro, 1 for the yen.
    smallest_unit: Decimal

    def write(self, amount) -> str | None:
        """`amount` written as Babel writes it; None for one left to Babel (not a finite
        Decimal, or over a thousand trillion)."""
        if (
            type(amount) is not Decimal
            or not amount.is_finite()
            or amount.adjusted() > _LARGEST_EXPONENT
        ):
            return None
        # Babel's own steps, in the current decimal context, so rounding (half to even unless
        # the context says otherwise) and precision are its own. The sign is the amount's, not
        # the rounded one's: Babel writes -0.004 as "-€0.00".
        negative = amount.is_signed()
        rounded = abs(amount.scaleb(0)).normalize().quantize(self.smallest_unit)
        whole, _, fraction = f"{rounded:f}".partition(".")
        number = self._grouped(whole.zfill(self.least_integer_digits))
        if fraction:
            number += self.decimal_symbol + fraction
        return self.prefixes[negative] + number + self.suffixes[negative]

    def _grouped(self, digits: str) -> str:
        # Concatenation, not a list joined: twice as fast for the few groups an amount has.
        last_size, size = self.group_sizes
        if len(digits) <= last_size:
            return digits
        head, tail = digits[:-last_size], digits[-last_size:]
        while len(head) > size:
            head, tail = head[:-size], head[-size:] + self.group_symbol + tail
        return head + self.group_symbol + tail


@functools.lru_cache(maxsize=64)
def money_layout(locale: str, currency: str) -> MoneyLayout | None:
    """The layout of `currency` amounts in `locale`, or None where Babel must write them: a
    pattern the layout does not cover, or one amount of the probes it writes otherwise."""
    found = Locale.parse(locale)
    pattern = found.currency_formats["standard"]
    layout = layout_from_babel(found, pattern, currency)
    if layout is None or not writes_as_babel(layout, found, pattern, currency):
        return None
    return layout


def layout_from_babel(locale: Locale, pattern: NumberPattern, currency: str) -> MoneyLayout | None:
    """The layout Babel's data gives, or None for a pattern using what the layout does not
    write: a scale (per cent), an exponent, significant digits, the currency's name (whose
    plural follows the amount), or quotes or currency signs the number would be caught in."""
    decimal_symbol = numbers.get_decimal_symbol(locale)
    group_symbol = numbers.get_group_symbol(locale)
    # Babel substitutes the currency and strips quotes over the whole text, number included.
    if (
        pattern.scale
        or pattern.exp_prec
        or "@" in pattern.pattern
        or not pattern.number_pattern
        or "¤¤¤" in "".join(pattern.prefix + pattern.suffix)
        or any(sign in decimal_symbol + group_symbol for sign in "'¤")
    ):
        return None
    prefixes = tuple(_with_currency(text, locale, currency) for text in pattern.prefix)
    suffixes = tuple(_with_currency(text, locale, currency) for text in pattern.suffix)
    # A quote left open before the number would pair with one after it, across the digits.
    if any(prefix.count("'") % 2 for prefix in prefixes):
        return None
    return MoneyLayout(
        prefixes=tuple(_unquoted(text) for text in prefixes),
        suffixes=tuple(_unquoted(text) for text in suffixes),
        decimal_symbol=decimal_symbol,
        group_symbol=group_symbol,
        group_sizes=pattern.grouping,
        least_integer_digits=pattern.int_prec[0],
        smallest_unit=numbers.get_decimal_quantum(numbers.get_currency_precision(currency)),
    )


def writes_as_babel(
    layout: MoneyLayout, locale: Locale, pattern: NumberPattern, currency: str
) -> bool:
    """Whether the layout writes every probe amount exactly as Babel does."""
    # In a fresh default context: the verdict is kept, whatever context the first page had.
    with decimal.localcontext(decimal.Context()):
        return all(
            layout.write(amount)
            == pattern.apply(amount, locale, currency=currency, currency_digits=True)
            for amount in PROBE_AMOUNTS
        )


def _with_currency(text: str, locale: Locale, currency: str) -> str:
    """Babel's substitution of the currency signs ("¤¤" for the code, "¤" for the symbol)."""
    text = text.replace("¤¤", currency.upper())
    return text.replace("¤", numbers.get_currency_symbol(currency, locale))


def _unquoted(text: str) -> str:
    """Babel's removal of the pattern's quotes: 'x' is x, and '' a quote."""
    return re.sub(r"'([^']*)'", lambda match: match.group(1) or "'", text)
