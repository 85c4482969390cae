"""What a portal password must be: long enough and mixed enough, said in one clear sentence."""

from __future__ import annotations

from babel.lists import format_list
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

MINIMUM_LENGTH = 10

_NEEDS = {
    "length": _l("at least %(count)d characters"),
    "lower": _l("a lower-case letter"),
    "upper": _l("a capital letter"),
    "digit": _l("a digit"),
}


def missing_in_password(password: str, email: str = "") -> list[str]:
    """The rules `password` breaks, as keys of what it still needs (empty: it is good).

    Besides length and mix, it must not contain the part of the email before the @: that is the
    first guess of anyone who knows the address.
    """
    missing = []
    if len(password) < MINIMUM_LENGTH:
        missing.append("length")
    if not any(c.islower() for c in password):
        missing.append("lower")
    if not any(c.isupper() for c in password):
        missing.append("upper")
    if not any(c.isdigit() for c in password):
        missing.append("digit")
    name = email.partition("@")[0].lower()
    if len(name) >= 3 and name in password.lower():
        missing.append("not_email")
    return missing


def password_problem(password: str, email: str = "") -> str | None:
    """One sentence listing everything the password lacks, or None when it is good."""
    missing = missing_in_password(password, email)
    if not missing:
        return None
    needs = [
        str(_NEEDS[key]) % {"count": MINIMUM_LENGTH} if key == "length" else str(_NEEDS[key])
        for key in missing
        if key in _NEEDS
    ]
    sentences = []
    if needs:
        listed = format_list(needs, locale=str(get_locale() or "en"))
        sentences.append(_("The password needs %(needs)s.", needs=listed))
    if "not_email" in missing:
        sentences.append(_("It must not contain the part of your email address before the @."))
    return " ".join(sentences)
