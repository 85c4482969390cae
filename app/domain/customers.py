"""Rules about customer companies that hold on every screen, in the API and in exports."""

from __future__ import annotations

from babel import Locale
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from stdnum import exceptions as stdnum_errors
from stdnum import get_cc_module

from app.domain.checks import Problems, ValueOf, blank

ACTIVE = "active"


class CustomerRules:
    """Behaviour mixed into the generated `Customer` model (named in model.yaml as its mixin)."""

    status: str

    @property
    def may_order(self) -> bool:
        """Only an active customer's contacts may log in to the portal and order."""
        return self.status == ACTIVE


def vat_number_problems(value_of: ValueOf) -> Problems:
    """The VAT number follows its country's rules (python-stdnum): length, format, check digits.

    The country is the record's own; an EU number may carry its country prefix (FR, BE...).
    A country python-stdnum has no rule for is not checked.
    """
    number, country = value_of("vat_number"), (value_of("country") or "").lower()
    if blank(number) or not country:
        return {}
    module = get_cc_module(country, "vat")
    if module is None:
        return {}
    try:
        module.validate(number)
    except stdnum_errors.ValidationError as error:
        reason = _VAT_REASONS.get(type(error), _VAT_REASONS[stdnum_errors.InvalidFormat])
        return {
            "vat_number": [
                _(
                    "%(number)s is not a valid VAT number for %(country)s: %(reason)s",
                    number=number,
                    country=country_name(country.upper()),
                    reason=str(reason),
                )
            ]
        }
    return {}


_VAT_REASONS = {
    stdnum_errors.InvalidLength: _l("it has the wrong number of characters."),
    stdnum_errors.InvalidChecksum: _l("its check digits do not match."),
    stdnum_errors.InvalidFormat: _l("it is not written in that country's format."),
    stdnum_errors.InvalidComponent: _l("a part of it does not exist in that country."),
}


def country_name(code: str) -> str:
    """A country's name in the current language ("Belgique" for BE in French)."""
    return Locale.parse(str(get_locale() or "en")).territories.get(code, code)


def address_problems(value_of: ValueOf) -> Problems:
    """A default shipping address ships, a default billing address bills."""
    kind = value_of("kind")
    problems: Problems = {}
    if value_of("default_shipping") and kind == "billing":
        problems["default_shipping"] = [
            _("A billing-only address cannot be the default shipping address.")
        ]
    if value_of("default_billing") and kind == "shipping":
        problems["default_billing"] = [
            _("A shipping-only address cannot be the default billing address.")
        ]
    return problems


def document_problems(value_of: ValueOf) -> Problems:
    """A document shared with a group names the group; with a customer, the customer."""
    audience = value_of("audience")
    problems: Problems = {}
    if audience == "group" and value_of("group") is None:
        problems["group"] = [_("Choose the customer group the document is shared with.")]
    if audience == "customer" and value_of("customer") is None:
        problems["customer"] = [_("Choose the customer the document is shared with.")]
    if audience != "group" and value_of("group") is not None:
        problems["group"] = [_("Only a document shared with a group names a group.")]
    if audience != "customer" and value_of("customer") is not None:
        problems["customer"] = [_("Only a document shared with a customer names a customer.")]
    return problems
