"""Money, numbers, weights and dates printed per locale (app.backoffice.formatting).

The expected strings are Babel's real output (Babel 2.19, CLDR 47), spaces included: French
groups digits with a narrow no-break space (U+202F) and puts a no-break space (U+00A0) before
the euro sign and a narrow one before "kg"; Dutch writes the euro sign first, followed by a
no-break space. A test that wrote plain spaces would compare with text no page ever shows.
"""

from __future__ import annotations

import dataclasses
import datetime
import random
from contextlib import contextmanager
from decimal import Decimal

import pytest
from babel.numbers import format_currency as babel_money
from babel.numbers import format_decimal as babel_number
from babel.numbers import get_currency_precision
from flask import Flask, g
from flask_babel import Babel, force_locale
from markupsafe import escape

from app.backoffice import money_layout as layouts
from app.backoffice.formatting import (
    _money,
    date_text,
    datetime_text,
    money_text,
    number_text,
    weight_text,
)
from generators.spec import KNOWN_LANGUAGES

NNBSP, NBSP = "\u202f", "\u00a0"


@pytest.fixture(scope="module")
def app():
    """A bare Flask app with Flask-Babel: formatting needs a locale, not a database."""
    app = Flask(__name__)
    Babel(app)
    return app


@pytest.fixture
def speaking(app):
    """`with speaking("fr"):` formats as a French page would, in a shop selling in euros."""

    @contextmanager
    def in_language(language):
        with app.test_request_context(), force_locale(language):
            g.shop_currency = "EUR"
            yield

    return in_language


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", f"1{NNBSP}234,56{NBSP}€"),
        ("nl", f"€{NBSP}1.234,56"),
        ("de", f"1.234,56{NBSP}€"),
        ("en", "€1,234.56"),
    ],
)
def test_money_is_written_as_the_language_writes_it(speaking, language, expected):
    with speaking(language):
        assert money_text(Decimal("1234.56")) == expected


def test_money_in_spanish_groups_thousands_of_a_five_digit_amount(speaking):
    """CLDR gives Spanish a minimum of two grouping digits: "1234,56 €", not "1.234,56 €"
    (the Real Academia's rule). Babel 2.19 does not apply that minimum yet and writes
    "1.234,56 €"; a five-digit amount is grouped either way, so the test holds across Babel
    versions and still shows the Spanish order of digits, comma and sign."""
    with speaking("es"):
        assert money_text(Decimal("12345.67")) == f"12.345,67{NBSP}€"


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", f"1{NNBSP}234,5"), ("nl", "1.234,5"), ("de", "1.234,5"), ("en", "1,234.5")],
)
def test_numbers_use_the_languages_separators(speaking, language, expected):
    with speaking(language):
        assert number_text(Decimal("1234.5")) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", f"1{NNBSP}234,5{NNBSP}kg"),
        ("nl", "1.234,5 kg"),
        ("de", "1.234,5 kg"),
        ("es", "1.234,5 kg"),
        ("en", "1,234.5 kg"),
    ],
)
def test_weights_carry_the_unit_as_the_language_spaces_it(speaking, language, expected):
    with speaking(language):
        assert weight_text(Decimal("1234.500")) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", "5 mars 2026"),
        ("nl", "5 mrt 2026"),
        ("de", "05.03.2026"),
        ("es", "5 mar 2026"),
        ("en", "Mar 5, 2026"),
    ],
)
def test_dates_are_written_in_the_languages_words_and_order(speaking, language, expected):
    with speaking(language):
        assert date_text(datetime.date(2026, 3, 5)) == expected


def test_date_and_time_are_short_and_in_the_languages_order(speaking):
    moment = datetime.datetime(2026, 3, 5, 15, 4, tzinfo=datetime.UTC)
    with speaking("fr"):
        assert datetime_text(moment) == "05/03/2026 15:04"


def test_no_value_prints_nothing(speaking):
    with speaking("fr"):
        assert [money_text(None), number_text(None), weight_text(None), date_text(None)] == [
            "",
            "",
            "",
            "",
        ]
        assert datetime_text(None) == ""


def test_an_amount_printed_again_follows_a_change_of_language_or_currency(app):
    """The printed texts are remembered by value, currency and locale: the same amount printed
    in another language, or after the shop changed its currency, is printed anew."""
    amount = Decimal("1234.56")
    with app.test_request_context():
        for language, currency, expected in [
            ("fr", "EUR", f"1{NNBSP}234,56{NBSP}€"),
            ("en", "EUR", "€1,234.56"),
            ("fr", "EUR", f"1{NNBSP}234,56{NBSP}€"),
            ("en", "GBP", "£1,234.56"),
        ]:
            g.shop_currency = currency
            with force_locale(language):
                assert money_text(amount) == expected


def test_a_number_printed_again_follows_a_change_of_language(speaking):
    with speaking("en"):
        assert number_text(Decimal("1234.5")) == "1,234.5"
    with speaking("fr"):
        assert number_text(Decimal("1234.5")) == f"1{NNBSP}234,5"


def test_values_equal_but_written_apart_are_printed_apart(speaking):
    """0 and -0, 1 and True are equal (and remembered under the same hash): each is still
    printed as Babel prints it, whichever came first."""
    with speaking("en"):
        assert money_text(Decimal("0")) == babel_money(Decimal("0"), "EUR", locale="en")
        assert money_text(Decimal("-0")) == babel_money(Decimal("-0"), "EUR", locale="en")
        assert number_text(Decimal("1")) == "1"
        assert number_text(-0.0) == babel_number(-0.0, locale="en")


# The app's languages with the currencies a shop may sell in (the yen has no decimals), and
# Indian English, which groups by two above the thousands: 12,34,567.89.
LAYOUT_CASES = [
    (language, currency)
    for language in KNOWN_LANGUAGES
    for currency in ("EUR", "GBP", "USD", "CHF", "JPY")
] + [("en_IN", "INR")]


def random_amounts(seed: str, decimals: int, count: int = 2500) -> list[Decimal]:
    """Amounts of every size from 0 to billions, either sign, with 0 to 4 decimal places, and
    exact halves of the currency's last decimal (0.125 for the euro, 2.5 for the yen)."""
    chance = random.Random(seed)
    amounts = []
    for _ in range(count):
        units = chance.randrange(10 ** chance.randint(1, 13))
        amounts.append(Decimal(units).scaleb(-chance.randint(0, 4)))
        amounts.append(
            Decimal(f"{chance.randrange(10 ** chance.randint(1, 9))}5").scaleb(-decimals - 1)
        )
    return [amount.copy_negate() if chance.random() < 0.5 else amount for amount in amounts]


@pytest.fixture
def fresh_layouts():
    """Layouts and printed amounts built anew, and again after the test for the next one."""
    layouts.money_layout.cache_clear()
    _money.cache_clear()
    yield
    layouts.money_layout.cache_clear()
    _money.cache_clear()


@pytest.mark.parametrize(("locale", "currency"), LAYOUT_CASES)
def test_the_money_layout_writes_every_amount_as_babel_does(locale, currency):
    layout = layouts.money_layout(locale, currency)
    assert layout is not None
    amounts = random_amounts(seed=f"{locale} {currency}", decimals=get_currency_precision(currency))
    written = [(amount, layout.write(amount)) for amount in amounts]
    assert written == [
        (amount, babel_money(amount, currency, locale=locale, currency_digits=True))
        for amount in amounts
    ]


@pytest.mark.parametrize("language", KNOWN_LANGUAGES)
def test_euros_in_the_apps_languages_are_written_by_the_layout_not_babel(speaking, language):
    """Babel's pattern costs ten times the layout for each new amount: the app's own languages
    must not slip back to it unnoticed."""
    assert layouts.money_layout(language, "EUR") is not None
    with speaking(language):
        assert money_text(Decimal("1234.56")) == babel_money(
            Decimal("1234.56"), "EUR", locale=language
        )


def test_a_layout_that_misprints_a_probe_amount_leaves_the_locale_to_babel(
    speaking, monkeypatch, fresh_layouts
):
    """A layout built wrong (here: the dollar sign for euros) is caught by its check against
    Babel when built, and the locale is printed by Babel, right, ever after."""
    built_by_babel = layouts.layout_from_babel

    def built_wrong(locale, pattern, currency):
        return dataclasses.replace(built_by_babel(locale, pattern, currency), prefixes=("$", "-$"))

    monkeypatch.setattr(layouts, "layout_from_babel", built_wrong)
    assert layouts.money_layout("en", "EUR") is None
    with speaking("en"):
        assert money_text(Decimal("1234.56")) == "€1,234.56"
        assert money_text(Decimal("-0.5")) == "-€0.50"


def test_a_locale_babel_writes_oddly_is_left_to_babel(app):
    """Swiss German groups with an apostrophe, which Babel's removal of the pattern's quotes
    then eats in part ("EUR-1234567.89"): what Babel prints is what the page shows."""
    assert layouts.money_layout("de_CH", "EUR") is None
    with app.test_request_context(), force_locale("de_CH"):
        g.shop_currency = "EUR"
        for amount in (Decimal("1234.56"), Decimal("-1234567.89")):
            assert money_text(amount) == escape(babel_money(amount, "EUR", locale="de_CH"))


@pytest.mark.parametrize("amount", ["Infinity", "-Infinity", "NaN", "1E+20", "-1E+16"])
def test_amounts_the_layout_does_not_take_are_printed_by_babel(speaking, amount):
    assert layouts.money_layout("fr", "EUR").write(Decimal(amount)) is None
    with speaking("fr"):
        assert money_text(amount) == babel_money(Decimal(amount), "EUR", locale="fr")


def test_amounts_the_layout_takes_include_the_smallest_and_the_largest():
    """Down to the exponent's least and up to a thousand trillion, the layout writes."""
    layout = layouts.money_layout("fr", "EUR")
    for amount in ("1E-999999", "-0E-7", "999999999999999.995", "-999999999999999.99"):
        assert layout.write(Decimal(amount)) == babel_money(Decimal(amount), "EUR", locale="fr")
