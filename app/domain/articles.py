"""Rules about articles and exclusions, checked wherever they are saved."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from stdnum import ean, isbn

from app.domain.checks import Problems, ValueOf, exactly_one, merged

SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def article_problems(value_of: ValueOf) -> Problems:
    """A readable web address name, a barcode whose check digit matches, no variant of itself."""
    problems: Problems = {}
    slug = value_of("slug")
    if slug and not SLUG.match(slug):
        problems["slug"] = [
            _("Use lower-case letters and digits, words joined by hyphens: blue-notebook-a5.")
        ]
    code = value_of("ean")
    if code and not (ean.is_valid(code) or isbn.is_valid(code)):
        problems["ean"] = [_("Not a valid EAN or ISBN: the check digit does not match.")]
    parent = value_of("parent")
    if parent is not None and parent.parent_id is not None:
        problems["parent"] = [
            _("A variant cannot have variants of its own: choose the main article.")
        ]
    elif parent is not None and parent.sku == value_of("sku"):
        problems["parent"] = [_("An article cannot be a variant of itself.")]
    return problems


def exclusion_problems(value_of: ValueOf) -> Problems:
    """An exclusion hides one article or one family from one customer or one customer group."""
    return merged(
        exactly_one(value_of, ("customer", "group"), (_l("Customer"), _l("Customer group"))),
        exactly_one(value_of, ("article", "family"), (_l("Article"), _l("Family"))),
    )
