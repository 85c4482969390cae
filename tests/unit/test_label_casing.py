"""A label inside a translated sentence keeps the capitals after its first letter."""

from app.domain.translations import in_sentence


def test_a_label_in_a_sentence_starts_in_lower_case():
    assert in_sentence("Held for approval") == "held for approval"


def test_german_nouns_keep_their_capital_inside_a_sentence():
    assert in_sentence("In Bearbeitung") == "in Bearbeitung"
    assert in_sentence("Zur Genehmigung zurückgehalten") == "zur Genehmigung zurückgehalten"


def test_an_empty_label_stays_empty():
    assert in_sentence("") == ""
