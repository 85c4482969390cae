"""The language a page speaks (app.domain.languages.negotiated_language), step by step."""

from __future__ import annotations

from app.domain.languages import negotiated_language

OFFERED = ["en", "fr", "nl", "es", "de"]
DUTCH_BROWSER = [("nl-BE", 1.0), ("en", 0.5)]


def language(explicit=None, saved=None, customer=None, accepted=(), default="en"):
    return negotiated_language(explicit, saved, customer, accepted, default, OFFERED)


def test_the_switchers_choice_wins_over_everything():
    assert language("es", saved="fr", customer="de", accepted=DUTCH_BROWSER) == "es"


def test_the_users_saved_language_comes_next():
    assert language(None, saved="fr", customer="de", accepted=DUTCH_BROWSER) == "fr"


def test_a_contact_without_a_language_reads_the_customers():
    assert language(None, saved=None, customer="de", accepted=DUTCH_BROWSER) == "de"


def test_without_a_saved_language_the_browser_decides():
    assert language(accepted=DUTCH_BROWSER) == "nl"


def test_without_anything_else_the_shops_default_applies():
    assert language(default="es") == "es"
    assert language(accepted=[("pt-BR", 1.0), ("ja", 0.8)], default="de") == "de"


def test_a_regional_browser_language_matches_its_language_before_a_less_preferred_one():
    """Werkzeug's best_match would pick English here: fr-BE matches nothing exactly."""
    assert language(accepted=[("fr-BE", 0.9), ("en", 0.5)]) == "fr"


def test_the_browsers_weights_order_its_languages_and_zero_means_not_this_one():
    assert language(accepted=[("de", 0.3), ("fr", 0.8)]) == "fr"
    assert language(accepted=[("fr", 0.0), ("de", 0.2)]) == "de"
    assert language(accepted=[("*", 1.0)], default="nl") == "nl"


def test_a_language_the_portal_no_longer_offers_is_skipped():
    assert language("it", saved="pt", customer="de") == "de"
    assert language(saved="IT", accepted=[("FR", 1.0)]) == "fr"


def test_codes_are_matched_whatever_their_case():
    assert language("FR") == "fr"
    assert language(accepted=[("NL_be", 1.0)]) == "nl"


def test_later_inputs_are_asked_only_when_the_earlier_ones_found_nothing():
    """The web layer passes its database questions as functions: a user who picked a language
    costs no query for their saved one, their customer's or the shop's default."""
    asked = []

    def ask(name, answer=None):
        return lambda: asked.append(name) or answer

    chosen = negotiated_language(
        "fr", ask("saved"), ask("customer"), [], ask("default", "en"), OFFERED
    )
    assert (chosen, asked) == ("fr", [])
    chosen = negotiated_language(
        None, ask("saved"), ask("customer", "de"), [], ask("default", "en"), OFFERED
    )
    assert (chosen, asked) == ("de", ["saved", "customer"])
