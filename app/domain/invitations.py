"""The seller brings people into the portal: invitations, and plain accounts made B2B (and back).

An invitation gives a customer a contact (new, or an existing one by email, who then works for
one more establishment) with a login account that has no password yet; the mail carries the link
to set one. A "plain" account is a login with neither a back-office role nor a contact (an
account from before the portal, or one whose B2B data was removed on request): it can be linked
to a customer without losing its password, and its B2B data can be removed while the login stays.
"""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import Role, User
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.accounts import (
    ADMINISTRATOR,
    AccountRefusal,
    contact_of,
    find_contact_by_email,
    is_staff,
    log_event,
    login_account_for,
    normalised_email,
)
from app.generated.models import Contact, Customer
from app.generated.roles import PORTAL_ROLES


@dataclass
class Invitation:
    customer: Customer
    contact: Contact
    user: User
    # False when the contact had set a password already: they are told of their new access
    # instead of being sent an activation link.
    needs_activation: bool


def invite_contact(
    session: Session,
    customer: Customer,
    email: str,
    first_name: str,
    last_name: str,
    company_role: str = ADMINISTRATOR,
    author=None,
) -> Invitation:
    """Give `customer` a portal contact for `email` and the login account to go with it."""
    email = normalised_email(email)
    if not email:
        raise AccountRefusal(_("Give the email address to send the invitation to."))
    if customer.status in ("suspended", "inactive"):
        raise AccountRefusal(
            _(
                "%(company)s is %(status)s: reactivate it before inviting anyone.",
                company=customer.name,
                status=_status_word(customer.status),
            )
        )
    contact = find_contact_by_email(session, email)
    if contact is None:
        contact = Contact(
            email=email,
            first_name=(first_name or "").strip() or _name_from_email(email),
            last_name=(last_name or "").strip() or customer.name[:80],
            company_role=company_role,
            may_manage_users=company_role == ADMINISTRATOR,
            may_manage_addresses=company_role == ADMINISTRATOR,
            sees_all_orders=company_role == ADMINISTRATOR,
            status="invited",
        )
        session.add(contact)
    if contact.status == "disabled":
        contact.status = "invited"
    if customer not in contact.customers:
        contact.customers.append(customer)
    user = login_account_for(session, contact)
    needs_activation = not user.password
    if needs_activation:
        contact.status = "invited"
    if customer.status == "pending":
        # Inviting a pending customer's people is the seller accepting the customer: without
        # it the invitation would lead to a login that says "waiting for approval".
        customer.status = "active"
    log_event(
        session,
        customer,
        "invited",
        _("%(name)s invited to the portal (%(email)s)", name=_full_name(contact), email=email),
        author=author,
    )
    session.flush()
    return Invitation(customer, contact, user, needs_activation)


def invite_main_emails(
    session: Session, customers: list[Customer], author=None
) -> tuple[list[Invitation], list[tuple[Customer, str]]]:
    """Bulk invitation: each customer's main email becomes an administrator contact.

    Returns the invitations and the customers skipped, with the reason, so the screen can say
    which ones need attention. One refusal does not stop the others.
    """
    invited, skipped = [], []
    for customer in customers:
        if not customer.email:
            skipped.append((customer, _("no main email")))
            continue
        try:
            with session.begin_nested():
                invited.append(
                    invite_contact(session, customer, customer.email, "", "", author=author)
                )
        except AccountRefusal as refusal:
            skipped.append((customer, str(refusal)))
    return invited, skipped


def plain_accounts_query():
    """Login accounts with neither a back-office role nor a contact."""
    staff_roles = sa.select(User.id).join(User.roles).where(Role.name.not_in(PORTAL_ROLES))
    with_contact = sa.select(Contact.user_id).where(Contact.user_id.is_not(None))
    return (
        sa.select(User)
        .where(User.id.not_in(staff_roles), User.id.not_in(with_contact))
        .order_by(User.last_name, User.first_name)
    )


def convert_plain_account(
    session: Session, user: User, customer: Customer, company_role: str, author=None
) -> Contact:
    """Make a plain account a contact of `customer`; its password and history stay."""
    if is_staff(user):
        raise AccountRefusal(_("A member of staff's account cannot be made a customer contact."))
    if contact_of(session, user) is not None:
        raise AccountRefusal(_("This account already has B2B access."))
    email = normalised_email(user.email)
    if find_contact_by_email(session, email) is not None:
        raise AccountRefusal(
            _("Another contact already uses %(email)s; link that contact instead.", email=email)
        )
    contact = Contact(
        email=email,
        first_name=user.first_name or _name_from_email(email),
        last_name=user.last_name or customer.name[:80],
        company_role=company_role,
        may_manage_users=company_role == ADMINISTRATOR,
        may_manage_addresses=company_role == ADMINISTRATOR,
        sees_all_orders=company_role == ADMINISTRATOR,
        status="active" if user.password else "invited",
        user=user,
    )
    contact.customers.append(customer)
    session.add(contact)
    login_account_for(session, contact)
    log_event(
        session,
        customer,
        "invited",
        _("Account %(email)s converted to B2B access", email=email),
        author=author,
    )
    session.flush()
    return contact


def remove_b2b_data(session: Session, contact: Contact, author=None) -> User | None:
    """Remove a contact's B2B data on request, keeping their login account as a plain account.

    The contact record (company links, role, permissions) goes; the account loses its portal
    role and keeps its password, so it can be converted again later. Orders keep their lines and
    totals; their contact becomes empty.
    """
    user = contact.user
    for customer in list(contact.customers):
        log_event(
            session,
            customer,
            "deactivated",
            _("B2B data of %(name)s removed on request", name=_full_name(contact)),
            author=author,
        )
    if user is not None:
        user.roles = [role for role in user.roles if role.name not in PORTAL_ROLES]
    contact.customers = []
    session.delete(contact)
    session.flush()
    return user


def _full_name(contact: Contact) -> str:
    return f"{contact.first_name} {contact.last_name}".strip()


def _name_from_email(email: str) -> str:
    local = email.partition("@")[0].replace(".", " ").replace("_", " ").replace("-", " ")
    return (local.title().strip() or email)[:80]


def _status_word(status: str) -> str:
    return {"suspended": _("suspended"), "inactive": _("inactive")}.get(status, status)
