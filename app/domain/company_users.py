"""A customer company's own users, managed from the portal by its administrators.

An administrator sees all of the company's orders and manages its users; a buyer sees their own
orders only. Every function here takes the acting contact and the customer they are working for,
and checks both: an administrator of one establishment manages that establishment's people only.
"""

from __future__ import annotations

from decimal import Decimal

import sqlalchemy as sa
from flask_babel import format_currency
from flask_babel import gettext as _
from sqlalchemy.orm import Session, object_session

from app.domain.accounts import (
    ADMINISTRATOR,
    AccountRefusal,
    find_contact_by_email,
    give_portal_role,
    log_event,
    login_account_for,
    normalised_email,
)
from app.domain.settings import shop_currency
from app.generated.models import Contact, Customer

PERMISSIONS = ("may_order", "may_see_prices", "may_manage_addresses")


def manages_users(contact: Contact) -> bool:
    return contact.company_role == ADMINISTRATOR or bool(contact.may_manage_users)


def manages_addresses(contact: Contact) -> bool:
    return contact.company_role == ADMINISTRATOR or bool(contact.may_manage_addresses)


def sees_all_orders(contact: Contact) -> bool:
    """Administrators see the whole company's orders; a buyer sees theirs only, unless the
    seller gave them the company's view."""
    return contact.company_role == ADMINISTRATOR or bool(contact.sees_all_orders)


def ordering_problem(contact: Contact, net_total: Decimal) -> str | None:
    """Why this contact may not place an order of `net_total` (before VAT), or None.

    The company's administrator decides both: whether a user orders at all, and up to which
    amount (the user's order limit).
    """
    if not contact.may_order:
        return _("Your account may look at the catalogue but not order.")
    limit = contact.order_limit
    if limit is not None and net_total > limit:
        currency = shop_currency(object_session(contact))
        return _(
            "This order comes to %(total)s before VAT, over your order limit of %(limit)s. "
            "Ask your company's administrator, or order less.",
            total=format_currency(net_total, currency),
            limit=format_currency(limit, currency),
        )
    return None


def company_users(session: Session, customer: Customer) -> list[Contact]:
    return session.scalars(
        sa.select(Contact)
        .where(Contact.customers.any(Customer.id == customer.id))
        .order_by(Contact.last_name, Contact.first_name, Contact.id)
    ).all()


def company_user(session: Session, customer: Customer, contact_id: int) -> Contact | None:
    """A contact of `customer` by id; None for anyone else's (the caller answers 404)."""
    return session.scalars(
        sa.select(Contact).where(
            Contact.id == contact_id, Contact.customers.any(Customer.id == customer.id)
        )
    ).first()


def _require_manager(actor: Contact, customer: Customer) -> None:
    if customer not in actor.customers or not manages_users(actor):
        raise AccountRefusal(_("Only an administrator of the company can manage its users."))


def add_company_user(
    session: Session,
    actor: Contact,
    customer: Customer,
    email: str,
    first_name: str,
    last_name: str,
    company_role: str,
    permissions: dict,
    order_limit: Decimal | None = None,
) -> tuple[Contact, bool]:
    """Add a person to the company: an existing contact (another establishment's) by email, or a
    new one. Returns the contact and whether they must still set a password (a new person
    gets an activation link; someone with an account is told of their new access)."""
    _require_manager(actor, customer)
    email = normalised_email(email)
    contact = find_contact_by_email(session, email)
    if contact is not None and customer in contact.customers:
        raise AccountRefusal(_("%(email)s is already a user of this company.", email=email))
    if contact is None:
        contact = Contact(
            email=email,
            first_name=first_name.strip(),
            last_name=last_name.strip(),
            status="invited",
        )
        session.add(contact)
        _apply_role(contact, company_role, permissions, order_limit)
    elif contact.status == "disabled":
        contact.status = "invited"
    contact.customers.append(customer)
    user = login_account_for(session, contact)
    needs_activation = not user.password
    if needs_activation:
        contact.status = "invited"
    log_event(
        session,
        customer,
        "invited",
        _("%(name)s added to the company by %(actor)s", name=_name(contact), actor=_name(actor)),
    )
    session.flush()
    return contact, needs_activation


def change_company_user(
    session: Session,
    actor: Contact,
    customer: Customer,
    contact: Contact,
    company_role: str,
    permissions: dict,
    order_limit: Decimal | None = None,
) -> None:
    """Change a user's role and permissions. An administrator cannot demote themselves: the
    company would risk having nobody left to manage its users."""
    _require_manager(actor, customer)
    if customer not in contact.customers:
        raise AccountRefusal(_("This person is not a user of your company."))
    if (
        contact.id == actor.id
        and company_role != ADMINISTRATOR
        and actor.company_role == ADMINISTRATOR
    ):
        raise AccountRefusal(_("You cannot remove your own administrator role."))
    _apply_role(contact, company_role, permissions, order_limit)
    give_portal_role(session, contact)
    session.flush()


def remove_company_user(
    session: Session, actor: Contact, customer: Customer, contact: Contact
) -> None:
    """Take a person out of the company. Their login stays for the company's other
    establishments; with none left their access is disabled."""
    _require_manager(actor, customer)
    if contact.id == actor.id:
        raise AccountRefusal(_("You cannot remove yourself from the company."))
    if customer not in contact.customers:
        raise AccountRefusal(_("This person is not a user of your company."))
    contact.customers.remove(customer)
    if not contact.customers:
        contact.status = "disabled"
    log_event(
        session,
        customer,
        "deactivated",
        _(
            "%(name)s removed from the company by %(actor)s",
            name=_name(contact),
            actor=_name(actor),
        ),
    )
    session.flush()


def _apply_role(contact: Contact, company_role: str, permissions: dict, order_limit) -> None:
    if company_role not in (ADMINISTRATOR, "buyer"):
        raise AccountRefusal(_("Choose administrator or buyer."))
    contact.company_role = company_role
    administrator = company_role == ADMINISTRATOR
    contact.may_manage_users = administrator
    contact.sees_all_orders = administrator
    for name in PERMISSIONS:
        setattr(contact, name, bool(permissions.get(name)))
    contact.order_limit = order_limit


def _name(contact: Contact) -> str:
    return f"{contact.first_name} {contact.last_name}".strip()
