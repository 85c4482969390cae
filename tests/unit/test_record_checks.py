"""The record checks model.yaml names under `checks:` (app/domain), as plain functions.

They run on the back-office forms, the REST API and (later) imports; here they are called
directly, with `value_of` reading a dictionary.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from types import SimpleNamespace

import pytest

from app.domain.articles import article_problems, exclusion_problems
from app.domain.customers import address_problems, document_problems, vat_number_problems
from app.domain.delivery import delivery_round_problems, shipping_rule_problems, zones
from app.domain.orders import line_total, money
from app.domain.periods import period_problems
from app.domain.prices import price_list_problems, promotion_problems
from app.domain.settings import settings_problems

SOMETHING = object()  # a related record


def reading(**values):
    return lambda name: values.get(name)


@pytest.mark.parametrize(
    ("country", "number"),
    [
        ("FR", "FR40303265045"),
        ("FR", "40303265045"),
        ("BE", "BE0403019261"),
        ("NL", "NL004495445B01"),
        ("DE", "DE136695976"),
        ("ES", "ESA12345674"),
        ("MX", "GODE561231GR8"),
    ],
)
def test_valid_vat_number_of_its_country_passes(country, number):
    assert vat_number_problems(reading(country=country, vat_number=number)) == {}


@pytest.mark.parametrize(
    ("country", "number", "reason"),
    [
        ("FR", "FR40303265046", "its check digits do not match."),
        ("BE", "BE04030192", "it has the wrong number of characters."),
        ("NL", "NL004495445X01", "it is not written in that country's format."),
    ],
)
def test_invalid_vat_number_is_refused_saying_why(country, number, reason):
    problems = vat_number_problems(reading(country=country, vat_number=number))
    assert list(problems) == ["vat_number"]
    assert problems["vat_number"][0].startswith(f"{number} is not a valid VAT number for ")
    assert problems["vat_number"][0].endswith(reason)


def test_vat_number_of_a_country_without_rules_or_blank_is_not_checked():
    assert vat_number_problems(reading(country="US", vat_number="12-3456789")) == {}
    assert vat_number_problems(reading(country="FR", vat_number="")) == {}


def test_price_list_is_for_exactly_one_level_group_or_customer():
    assert price_list_problems(reading(price_level=SOMETHING)) == {}
    assert list(price_list_problems(reading())) == ["price_level"]
    both = price_list_problems(reading(group=SOMETHING, customer=SOMETHING))
    assert list(both) == ["customer"]
    assert "Choose exactly one of" in both["customer"][0]


def test_period_may_not_end_before_it_starts():
    assert period_problems(reading(valid_from=dt.date(2027, 1, 1))) == {}
    late = reading(valid_from=dt.date(2027, 2, 1), valid_to=dt.date(2027, 1, 31))
    assert period_problems(late) == {"valid_to": ["The end date cannot be before the start date."]}


def test_exclusion_hides_one_article_or_family_from_one_customer_or_group():
    assert exclusion_problems(reading(customer=SOMETHING, family=SOMETHING)) == {}
    assert set(exclusion_problems(reading(customer=SOMETHING))) == {"article"}
    assert set(exclusion_problems(reading(article=SOMETHING))) == {"customer"}


def test_promotion_says_what_it_takes_off_and_on_what():
    dates = {"starts_on": dt.date(2027, 1, 1), "ends_on": dt.date(2027, 1, 31)}
    good = reading(kind="percentage", percentage=Decimal("10"), articles=[SOMETHING], **dates)
    assert promotion_problems(good) == {}
    assert set(promotion_problems(reading(kind="fixed_price", families=[1], **dates))) == {
        "fixed_price"
    }
    assert set(promotion_problems(reading(kind="percentage", percentage=5, **dates))) == {
        "articles"
    }


def test_shipping_rule_is_the_default_or_for_one_target():
    assert shipping_rule_problems(reading()) == {}
    assert shipping_rule_problems(reading(warehouse=SOMETHING)) == {}
    assert set(shipping_rule_problems(reading(group=SOMETHING, warehouse=SOMETHING))) == {
        "warehouse"
    }


def test_delivery_round_delivers_some_weekday_to_readable_zones():
    assert delivery_round_problems(reading(tuesday=True, zones="75, 92100, 1000-1299")) == {}
    assert set(delivery_round_problems(reading(zones="75"))) == {"monday"}
    problems = delivery_round_problems(reading(friday=True, zones="75, 92*, 69-"))
    assert problems == {"zones": ["Not a postcode or postcode range: 92*, 69-."]}
    assert zones("75;\n92100 , ") == ["75", "92100"]


def test_settings_want_hex_colours_for_the_custom_skin_and_a_known_currency():
    assert settings_problems(reading(skin="classic", currency="EUR")) == {}
    custom = settings_problems(reading(skin="custom", primary_colour="#1F6FEB", currency="MXN"))
    assert set(custom) == {"accent_colour"}
    bad = settings_problems(reading(skin="classic", primary_colour="blue", currency="EURO"))
    assert set(bad) == {"primary_colour", "currency"}


def test_default_addresses_match_their_use():
    assert address_problems(reading(kind="both", default_shipping=True, default_billing=True)) == {}
    assert set(address_problems(reading(kind="billing", default_shipping=True))) == {
        "default_shipping"
    }


def test_shared_document_names_exactly_its_audience():
    assert document_problems(reading(audience="everyone")) == {}
    assert document_problems(reading(audience="group", group=SOMETHING)) == {}
    assert set(document_problems(reading(audience="customer"))) == {"customer"}
    assert set(document_problems(reading(audience="everyone", group=SOMETHING))) == {"group"}


def test_article_slug_barcode_and_variants():
    assert article_problems(reading(sku="A", slug="blue-notebook-a5", ean="9782070360246")) == {}
    bad = article_problems(reading(sku="A", slug="Blue notebook", ean="9782070360245"))
    assert set(bad) == {"slug", "ean"}
    main = SimpleNamespace(sku="A", parent_id=None)
    variant = SimpleNamespace(sku="A-RED", parent_id=1)
    assert article_problems(reading(sku="A-BLUE", parent=main)) == {}
    assert set(article_problems(reading(sku="A-BLUE", parent=variant))) == {"parent"}
    assert set(article_problems(reading(sku="A", parent=main))) == {"parent"}


def test_money_rounds_half_away_from_zero_to_the_cent():
    assert money(Decimal("2.345")) == Decimal("2.35")
    assert money(Decimal("-2.345")) == Decimal("-2.35")
    assert line_total(3, Decimal("9.99"), Decimal("5")) == Decimal("28.47")
    assert line_total(2, Decimal("8.40"), None) == Decimal("16.80")
