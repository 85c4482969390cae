"""The shipped catalogues are complete and current, and the model.yaml extractor finds every label.

When one of these fails after you added or changed a string (in code, a template or model.yaml):
run `make translations`, translate the new empty or fuzzy entries, run the tests again
(docs/translating.md).
"""

from __future__ import annotations

import io
import re
import shlex
import subprocess
import sys
from collections import Counter
from gettext import GNUTranslations
from pathlib import Path

import pytest
from babel.messages.extract import extract
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from generators.babel_extract import extract_model_yaml
from generators.spec import KNOWN_LANGUAGES

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "translations"
TEMPLATE = TRANSLATIONS / "messages.pot"
SOURCE_LANGUAGE = "en"
LANGUAGES = [code for code in KNOWN_LANGUAGES if code != SOURCE_LANGUAGE]

# A printf-style conversion as Python's % operator (and Jinja's new-style gettext) reads it.
PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>\w+)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[hlL]?"
    r"(?P<type>[diouxXeEfFgGcrsa%])"
)


def read_catalogue(path: Path):
    with path.open("rb") as f:
        return read_po(f, abort_invalid=True)


def po_path(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / "messages.po"


def msgids(catalogue) -> set:
    return {message.id for message in catalogue if message.id}


def texts(value) -> list[str]:
    """The strings of a msgid or msgstr: one, or several for a plural entry."""
    return list(value) if isinstance(value, (tuple, list)) else [value]


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """Named placeholders (sorted, with their type) and positional ones (in order); %% ignored."""
    named, positional = [], []
    for match in PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named.append(f"%({match['name']}){match['type']}")
        else:
            positional.append(f"%{match['type']}")
    return sorted(named), positional


# --- The shipped catalogues -------------------------------------------------------------------


def test_every_portal_language_but_english_ships_a_catalogue():
    missing = [code for code in LANGUAGES if not po_path(code).is_file()]
    assert not missing, f"no catalogue for {missing}: pybabel init (docs/translating.md)"
    folders = {p.parent.parent.name for p in TRANSLATIONS.glob("*/LC_MESSAGES/messages.po")}
    unknown = folders - set(LANGUAGES)
    assert not unknown, f"catalogues for languages the portal does not offer: {sorted(unknown)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_is_written_for_the_language_of_its_folder(language):
    catalogue = read_catalogue(po_path(language))
    assert str(catalogue.locale) == language
    assert not catalogue.fuzzy, "the header is marked fuzzy: `pybabel compile` would skip the file"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    catalogue = read_catalogue(po_path(language))
    untranslated = [m.id for m in catalogue if m.id and not all(texts(m.string))]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert not untranslated, f"{language}: untranslated entries: {untranslated}"
    assert not fuzzy, f"{language}: fuzzy entries (check the guess, then drop the flag): {fuzzy}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_compiles_and_translates_every_message(language):
    catalogue = read_catalogue(po_path(language))
    problems = [f"{m.id!r}: {', '.join(map(str, errors))}" for m, errors in catalogue.check()]
    assert not problems, f"{language}: " + "; ".join(problems)
    compiled = io.BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    translations = GNUTranslations(compiled)
    for message in catalogue:
        if message.id and not message.pluralizable:
            assert translations.gettext(message.id) == message.string


@pytest.mark.parametrize("language", LANGUAGES)
def test_translation_keeps_the_placeholders_of_the_english(language):
    wrong = []
    for message in read_catalogue(po_path(language)):
        if not message.id:
            continue
        expected = placeholders(texts(message.id)[-1])
        for translated in texts(message.string):
            if translated and placeholders(translated) != expected:
                wrong.append(f"{message.id!r} -> {translated!r}")
    assert not wrong, f"{language}: placeholders differ from the English:\n" + "\n".join(wrong)


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalogue_holds_exactly_the_messages_of_the_template(language):
    expected = msgids(read_catalogue(TEMPLATE))
    found = msgids(read_catalogue(po_path(language)))
    assert not expected - found, (
        f"{language}: missing {sorted(expected - found, key=str)}: run `make translations`"
    )
    assert not found - expected, (
        f"{language}: no longer in the template {sorted(found - expected, key=str)}: "
        "run `make translations`"
    )


# --- The template is current ------------------------------------------------------------------


def makefile_extract_arguments() -> list[str]:
    """The `pybabel extract` arguments of `make translations`, so the test extracts the same way."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    command = next((line for line in text.splitlines() if "pybabel extract" in line), None)
    assert command, "Makefile: no `pybabel extract` command in the translations target"
    words = shlex.split(command)
    words = words[words.index("extract") + 1 :]
    arguments, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word in ("-o", "--output-file", "--output"):
            skip = True
        elif not word.startswith(("--output-file=", "--output=")):
            arguments.append(word)
    return arguments


def test_message_template_is_current_with_code_templates_and_model(tmp_path):
    fresh = tmp_path / "messages.pot"
    run_pybabel = "import sys; from babel.messages.frontend import main; sys.exit(main())"
    subprocess.run(
        [
            sys.executable,
            "-c",
            run_pybabel,
            "-q",
            "extract",
            *makefile_extract_arguments(),
            "-o",
            str(fresh),
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    current = msgids(read_catalogue(fresh))
    shipped = msgids(read_catalogue(TEMPLATE))
    new, gone = sorted(current - shipped, key=str), sorted(shipped - current, key=str)
    assert not new and not gone, (
        "translations/messages.pot is stale: run `make translations`, then translate the new "
        f"entries.\nNot yet in it: {new}\nNo longer used: {gone}"
    )


# --- The model.yaml extractor -----------------------------------------------------------------

SMALL_MODEL = """\
version: 1
menus:
  catalogue:
    label: Catalogue
entities:
  article:
    label: Article
    label_plural: Articles
    help: Something the seller sells.
    fields:
      status:
        type: enum
        label: Status
        help: Whether buyers see it.
        values:
          draft: Draft
          active: Active
    admin:
      fieldsets:
        - label: Identity
          fields: [status]
roles:
  buyer:
    label: Buyer
    help: Orders for the company.
"""


def extracted(source: str | bytes) -> list[tuple[int, str, list[str]]]:
    data = source.encode("utf-8") if isinstance(source, str) else source
    return [
        (line, message, comments)
        for line, _funcname, message, comments in extract_model_yaml(io.BytesIO(data), [], [], {})
    ]


def test_model_yaml_label_is_extracted_with_its_line_and_key_path():
    found = {message: (line, comments) for line, message, comments in extracted(SMALL_MODEL)}
    assert found["Active"] == (17, ["model.yaml: entities.article.fields.status.values.active"])


def test_model_yaml_extractor_finds_every_kind_of_label():
    found = [(line, message) for line, message, _ in extracted(SMALL_MODEL)]
    assert found == [
        (4, "Catalogue"),
        (7, "Article"),
        (8, "Articles"),
        (9, "Something the seller sells."),
        (13, "Status"),
        (14, "Whether buyers see it."),
        (16, "Draft"),
        (17, "Active"),
        (20, "Identity"),
        (24, "Buyer"),
        (25, "Orders for the company."),
    ]


def test_model_yaml_extractor_is_the_method_babel_cfg_names():
    found = list(extract("model_yaml", io.BytesIO(SMALL_MODEL.encode())))
    path = "model.yaml: entities.article.fields.status.values.active"
    assert (17, "Active", [path], None) in found


def test_broken_model_yaml_yields_the_labels_above_the_syntax_error():
    broken = SMALL_MODEL.replace("      status:\n", "      status:\n     bad: [unclosed\n")
    found = [message for _, message, _ in extracted(broken)]
    assert found == ["Catalogue", "Article", "Articles", "Something the seller sells."]


@pytest.mark.parametrize(
    "source",
    [
        "",
        "just a string\n",
        "- a\n- list\n",
        "entities: [article]\n",
        "entities:\n  article:\n    label: {nested: mapping}\n    fields: [status]\n",
        'label: "never closed\n',
        b"entities:\n  article:\n    label: Caf\xe9\n",
        "---\nmenus: {m: {label: First}}\n---\nmenus: {m: {label: Second}}\n",
    ],
    ids=[
        "empty",
        "scalar",
        "list",
        "wrong-shapes",
        "wrong-label",
        "open-quote",
        "latin-1",
        "two-docs",
    ],
)
def test_model_yaml_extractor_survives_a_bad_file(source):
    found = extracted(source)
    assert all(isinstance(message, str) and message for _, message, _ in found)


def test_model_yaml_extractor_skips_labels_that_are_not_text():
    model = "roles:\n  a: {label: 12, help: ''}\n  b: {label: 'Yes', help: yes}\n"
    assert [(line, message) for line, message, _ in extracted(model)] == [(3, "Yes")]


def test_same_label_in_two_places_is_listed_at_both():
    model = "entities:\n  a:\n    label: Name\n  b:\n    label: Name\n"
    assert Counter(message for _, message, _ in extracted(model)) == {"Name": 2}
    assert [line for line, _, _ in extracted(model)] == [3, 5]


def test_syntax_error_in_model_yaml_is_reported_as_a_warning(caplog):
    extracted("menus:\n  a: {label: One}\n  b: {label: Two\n  c: {label: Three}\n")
    assert "YAML error" in caplog.text and "line 4" in caplog.text
