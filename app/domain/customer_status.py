"""A customer's life: suspended for a while, reactivated, or made inactive for good.

A suspended or inactive customer's contacts cannot log in or order for it, and are told why
(accounts.portal_access). Making a customer inactive is the end of the relationship, so it is
refused while people still have access: the seller removes them first, or asks the action to
remove them, knowingly.
"""

from __future__ import annotations

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy.orm import Session

from app.domain.accounts import AccountRefusal, log_event
from app.generated.models import Contact, Customer


def suspend_customer(session: Session, customer: Customer, reason: str = "", author=None) -> None:
    """Suspend: contacts are locked out until the customer is reactivated; nothing is removed."""
    if customer.status == "suspended":
        raise AccountRefusal(_("%(company)s is already suspended.", company=customer.name))
    if customer.status != "active":
        raise AccountRefusal(
            _(
                "Only an active customer can be suspended; %(company)s is not.",
                company=customer.name,
            )
        )
    customer.status = "suspended"
    log_event(session, customer, "suspended", _("Customer suspended"), reason, author=author)
    session.flush()


def reactivate_customer(session: Session, customer: Customer, author=None) -> None:
    """Back to active: contacts who still have access may log in and order again."""
    if customer.status == "active":
        raise AccountRefusal(_("%(company)s is already active.", company=customer.name))
    customer.status = "active"
    log_event(session, customer, "reactivated", _("Customer reactivated"), author=author)
    session.flush()


def contacts_with_access(customer: Customer) -> list[Contact]:
    """Contacts who can still get into the portal for this customer (active or invited)."""
    return [c for c in customer.contacts if c.status in ("active", "invited")]


def deactivate_customer(
    session: Session, customer: Customer, remove_access: bool = False, author=None
) -> list[Contact]:
    """Make the customer inactive. Refused while contacts have access, unless `remove_access`:
    then each of them is unlinked from this customer, and disabled if it was their only one.

    Returns the contacts whose access was removed.
    """
    if customer.status == "inactive":
        raise AccountRefusal(_("%(company)s is already inactive.", company=customer.name))
    holders = contacts_with_access(customer)
    if holders and not remove_access:
        names = ", ".join(f"{c.first_name} {c.last_name}" for c in holders)
        raise AccountRefusal(
            ngettext(
                "%(company)s cannot be made inactive while %(num)d contact still has access: "
                "%(names)s. Remove them first, or confirm that their access is removed too.",
                "%(company)s cannot be made inactive while %(num)d contacts still have access: "
                "%(names)s. Remove them first, or confirm that their access is removed too.",
                len(holders),
                company=customer.name,
                names=names,
            )
        )
    for contact in holders:
        contact.customers.remove(customer)
        if not contact.customers:
            contact.status = "disabled"
    customer.status = "inactive"
    body = ", ".join(f"{c.first_name} {c.last_name} <{c.email}>" for c in holders)
    log_event(session, customer, "deactivated", _("Customer made inactive"), body, author=author)
    session.flush()
    return holders
