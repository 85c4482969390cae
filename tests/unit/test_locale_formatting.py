"""Money, numbers, weights and dates printed per locale (app.backoffice.formatting).

The expected strings are Babel's real output (Babel 2.19, CLDR 47), spaces included: French
groups digits with a narrow no-break space (U+202F) and puts a no-break space (U+00A0) before
the euro sign and a narrow one before "kg"; Dutch writes the euro sign first, followed by a
no-break space. A test that wrote plain spaces would compare with text no page ever shows.
"""

from __future__ import annotations

import datetime
from contextlib import contextmanager
from decimal import Decimal

import pytest
from babel.numbers import format_currency as babel_money
from babel.numbers import format_decimal as babel_number
from flask import Flask, g
from flask_babel import Babel, force_locale

from app.backoffice.formatting import (
    date_text,
    datetime_text,
    money_text,
    number_text,
    weight_text,
)

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
