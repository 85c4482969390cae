"""Babel extractor for model.yaml: every English label and help text, with its real line number.

Registered as the `model_yaml` extraction method (pyproject's `babel.extractors` entry point) and
mapped to model.yaml in babel.cfg, so `make translations` puts the model's labels into
translations/messages.pot as `#: model.yaml:LINE`, each with a comment naming its key path
(`model.yaml: entities.customer.fields.status.values.pending`) for the translator.

It reads the YAML node tree itself instead of going through the loader: a model the loader
rejects still yields every label that can be found, and a YAML syntax error yields the labels
above it (with a warning), never a traceback in the middle of `pybabel extract`.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator

import yaml

# A child of Babel's logger: `pybabel` prints its warnings on stderr.
log = logging.getLogger("babel.model_yaml")

STR_TAG = "tag:yaml.org,2002:str"

Extracted = tuple[int, str | None, str, list[str]]


def extract_model_yaml(fileobj, keywords, comment_tags, options) -> Iterator[Extracted]:
    """Yield (lineno, funcname, message, comments) for each translatable text of a model file.

    Translatable texts: entities' `label`, `label_plural` and `help`; fields' `label` and `help`;
    enum value labels; menus' `label`; roles' `label` and `help`; `admin.fieldsets[].label`.
    `keywords` and `comment_tags` do not apply to YAML and are ignored.
    """
    filename = os.path.basename(str(getattr(fileobj, "name", "") or "model.yaml"))
    raw = fileobj.read()
    if isinstance(raw, bytes):
        encoding = (options or {}).get("encoding", "utf-8-sig")
        try:
            text = raw.decode(encoding)
        except (UnicodeDecodeError, LookupError) as exc:
            log.warning("%s: not %s (%s); undecodable bytes replaced", filename, encoding, exc)
            text = raw.decode("utf-8", errors="replace")
    else:
        text = raw
    root = _compose_what_parses(text, filename)
    for lineno, path, message in _labels(root):
        yield lineno, None, message, [f"{filename}: {path}"]


def _compose_what_parses(text: str, filename: str) -> yaml.Node | None:
    """The node tree of the file, or, after a syntax error, of the lines above the error."""
    lines = text.splitlines(keepends=True)
    end = len(lines)
    warned = False
    while True:
        try:
            return yaml.compose("".join(lines[:end]), Loader=yaml.SafeLoader)
        except yaml.YAMLError as exc:
            if not warned:
                log.warning(
                    "%s: YAML error, only the labels above it are extracted: %s",
                    filename,
                    " ".join(str(exc).split()),
                )
                warned = True
            if end == 0:
                return None
            end = min(end - 1, _error_line(exc, end))


def _error_line(exc: yaml.YAMLError, end: int) -> int:
    """0-based line where the broken construct starts: the lines before it are kept."""
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    # A scanner's context is the start of the token it was reading (an unclosed quote, a key
    # missing its colon); a parser's context is the enclosing collection, often the whole file.
    if isinstance(exc, yaml.scanner.ScannerError) and context is not None:
        return context.line
    if problem is not None:
        return problem.line
    return end - 1


def _labels(root: yaml.Node | None) -> Iterator[tuple[int, str, str]]:
    """(line, key path, text) of every translatable text, in file order."""
    for key, node in _pairs(root):
        if key == "menus":
            for menu, spec in _pairs(node):
                yield from _texts(spec, f"menus.{menu}", ("label",))
        elif key == "entities":
            for entity, spec in _pairs(node):
                yield from _entity(spec, f"entities.{entity}")
        elif key == "roles":
            for role, spec in _pairs(node):
                yield from _texts(spec, f"roles.{role}", ("label", "help"))


def _entity(spec: yaml.Node, path: str) -> Iterator[tuple[int, str, str]]:
    for key, node in _pairs(spec):
        if key in ("label", "label_plural", "help"):
            yield from _text(node, f"{path}.{key}")
        elif key == "fields":
            for field, field_spec in _pairs(node):
                yield from _field(field_spec, f"{path}.fields.{field}")
        elif key == "admin":
            for admin_key, admin_node in _pairs(node):
                if admin_key == "fieldsets" and isinstance(admin_node, yaml.SequenceNode):
                    for i, fieldset in enumerate(admin_node.value):
                        yield from _texts(fieldset, f"{path}.admin.fieldsets[{i}]", ("label",))


def _field(spec: yaml.Node, path: str) -> Iterator[tuple[int, str, str]]:
    for key, node in _pairs(spec):
        if key in ("label", "help"):
            yield from _text(node, f"{path}.{key}")
        elif key == "values":
            for value, label in _pairs(node):
                yield from _text(label, f"{path}.values.{value}")


def _texts(spec: yaml.Node, path: str, keys: tuple[str, ...]) -> Iterator[tuple[int, str, str]]:
    for key, node in _pairs(spec):
        if key in keys:
            yield from _text(node, f"{path}.{key}")


def _text(node: yaml.Node, path: str) -> Iterator[tuple[int, str, str]]:
    """A label is a non-empty string scalar; anything else is the loader's business, not ours."""
    if isinstance(node, yaml.ScalarNode) and node.tag == STR_TAG and node.value.strip():
        yield node.start_mark.line + 1, path, node.value


def _pairs(node: yaml.Node | None) -> Iterator[tuple[str, yaml.Node]]:
    """(key, value node) of a mapping with plain keys; nothing for any other node."""
    if not isinstance(node, yaml.MappingNode):
        return
    for key, value in node.value:
        if isinstance(key, yaml.ScalarNode):
            yield str(key.value), value
