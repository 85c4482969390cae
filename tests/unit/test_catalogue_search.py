"""The catalogue search's names in memory (app/domain/catalogue_search.py) find a part in the
same names as reading every name would, whether it is looked for in the names' words or in the
names themselves."""

from __future__ import annotations

import itertools

from app.domain.catalogue_search import _Names

NAMES = [
    "Blue Notebook A5",
    "Notebook, blue – A4",
    "Cahier bleu à spirale",
    "Straße-Atlas  Deutschland",
    "ATLAS of the World (2nd ed.)",
    "Pen\u00a0refill blue",  # a no-break space between two words
    "Red pen",
    "Pens & pencils: a box of 12",
    "",
    "x",
    "Notebook notebook NOTEBOOK",
    "Ünïcödé Üben",
]


def _plain_scan(rows, part):
    return {ident for ident, name in rows if part in (name or "").lower()}


def test_every_part_of_every_name_is_found_where_a_plain_scan_finds_it():
    rows = list(enumerate(NAMES, start=1)) + [(99, None)]
    names = _Names(rows)
    parts = {"zzz", "a", "é", " ", "n b", "blue pen", "pen refill", "pen\u00a0refill"}
    for name in NAMES:
        text = name.lower()
        for start, length in itertools.product(range(len(text)), range(1, 8)):
            parts.add(text[start : start + length])
    for part in sorted(parts):
        if not part.strip():
            continue  # the search strips what it is given
        found = names.holding(part).tolist()
        assert sorted(found) == sorted(_plain_scan(rows, part)), part
        assert len(found) == len(set(found)), part


def test_no_names_find_nothing():
    assert _Names([]).holding("pen").tolist() == []
    assert _Names([]).holding("pen refill").tolist() == []
    assert _Names([]).holding("p").tolist() == []
