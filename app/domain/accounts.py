"""Portal accounts: the login account behind a contact, and whether it may use the portal now.

One user table (DESIGN.md): a contact's login account is a Flask-AppBuilder user holding one
portal role, `customer_admin` for a company administrator and `buyer` otherwise. Those roles open
no back-office screen or API. An email that belongs to a member of staff is never made a contact's
login: a person who is both would see the back office through the portal's door.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import Role, User
from flask_babel import gettext as _
from sqlalchemy import event
from sqlalchemy.orm import Session, joinedload, lazyload, selectinload
from werkzeug.security import check_password_hash, generate_password_hash

from app.domain.settings import SETTINGS_LOADS, THE_SETTINGS, remember_settings
from app.generated.models import Contact, Customer, CustomerEvent, CustomerGroup, PortalSettings
from app.generated.roles import PORTAL_ROLES

ADMINISTRATOR = "administrator"
BUYER = "buyer"
ROLE_OF = {ADMINISTRATOR: "customer_admin", BUYER: "buyer"}

# Checked against when the account does not exist, so that a wrong email costs as long as a
# wrong password and timing tells nothing.
_UNKNOWN_ACCOUNT_HASH = generate_password_hash("no such account")


class AccountRefusal(Exception):
    """An account change the rules refuse; the message is for the person who asked."""


def normalised_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user_by_email(session: Session, email: str) -> User | None:
    email = normalised_email(email)
    if not email:
        return None
    return session.scalars(
        sa.select(User).where(
            sa.or_(sa.func.lower(User.email) == email, sa.func.lower(User.username) == email)
        )
    ).first()


def find_contact_by_email(session: Session, email: str) -> Contact | None:
    email = normalised_email(email)
    if not email:
        return None
    return session.scalars(sa.select(Contact).where(sa.func.lower(Contact.email) == email)).first()


def contact_of(session: Session, user: User | None, *options) -> Contact | None:
    """The contact whose login account `user` is, or None (a member of staff, say): the one
    `request_user` read with the user in this transaction when there is one, else read with
    `options`."""
    if user is None or user.id is None:
        return None
    kept = session.info.get(_CONTACT_OF_USER)
    if kept is not None and kept.user_id == user.id and sa.inspect(kept).persistent:
        return kept
    query = sa.select(Contact).where(Contact.user_id == user.id).options(*options)
    return session.scalars(query).first()


def request_user(session: Session, user_id: int) -> User | None:
    """The login account `user_id`, with what every request asks of it next, in one
    statement: its roles, its contact when it is one (kept for `contact_of` until the
    transaction ends) with its customers, and the shop's settings (kept as
    settings.portal_settings keeps them). Flask-Login asks for the user on every request,
    the portal for its contact and customers next, and every page for the settings."""
    joined = session.get_bind().dialect.name == "postgresql"
    # All the rows, made unique: each row holds one role (and customer), and the joined
    # collections are filled from every row.
    rows = session.execute(_request_user_statement(joined), {"user_id": user_id}).unique()
    found = rows.all()
    if not found:
        return None
    user, contact, settings = found[0]
    if contact is not None:
        session.info[_CONTACT_OF_USER] = contact
    remember_settings(session, settings)
    return user


@functools.cache
def _request_user_statement(joined: bool) -> sa.Select:
    """Built once: its loader options made its cache key cost more than the query.

    Its roles (the portal asks whether this is a member of staff, the back office which
    permissions they hold) and the contact's customers are joined to it on PostgreSQL, whose
    planner follows the user's few links. SQLite's first joins every user to its roles (and
    every customer to its contacts): 9 ms rather than 2.5 with 5,500 accounts, so there they
    come in statements of their own (selectin)."""
    roles = joinedload(User.roles) if joined else selectinload(User.roles)
    loads = _JOINED_CONTACT_LOADS if joined else PORTAL_CONTACT_LOADS
    return (
        sa.select(User, Contact, PortalSettings)
        .outerjoin(Contact, Contact.user_id == User.id)
        .outerjoin(PortalSettings, THE_SETTINGS)
        .where(User.id == sa.bindparam("user_id"))
        # The contact's user is this one.
        .options(roles, lazyload(Contact.user), *loads, *SETTINGS_LOADS)
    )


# Session.info key: the contact `request_user` read with its user in this transaction.
_CONTACT_OF_USER = "contact_of_user"


@event.listens_for(Session, "after_transaction_end")
def _forget_the_contact_read_with_its_user(session: Session, transaction) -> None:
    if transaction.parent is None:
        session.info.pop(_CONTACT_OF_USER, None)


# What the portal reads of a contact's customers on every request: the customers and their groups.
# The back office's eager loads (tags, price level and its translations, sales representative,
# warehouse, delivery round) stay lazy, loaded if ever asked for.
_CUSTOMER_LOADS = (
    lazyload(Customer.sales_rep),
    lazyload(Customer.price_level),
    lazyload(Customer.default_warehouse),
    lazyload(Customer.delivery_round),
    lazyload(Customer.tags),
    joinedload(Customer.group).lazyload(CustomerGroup.price_level),
)
PORTAL_CONTACT_LOADS = (selectinload(Contact.customers).options(*_CUSTOMER_LOADS),)
# Joined to the contact instead, in the same statement (PostgreSQL: see _request_user_statement).
_JOINED_CONTACT_LOADS = (joinedload(Contact.customers).options(*_CUSTOMER_LOADS),)


def is_staff(user: User) -> bool:
    """Whether the account holds a back-office role."""
    return any(role.name not in PORTAL_ROLES for role in user.roles)


def role_named(session: Session, name: str) -> Role:
    role = session.scalars(sa.select(Role).where(Role.name == name)).first()
    if role is None:
        raise RuntimeError(f"role {name!r} is missing: run `flask security sync`")
    return role


def give_portal_role(session: Session, contact: Contact) -> None:
    """The login account holds exactly the portal role of the contact's company role."""
    user = contact.user
    if user is None:
        return
    wanted = role_named(session, ROLE_OF.get(contact.company_role, "buyer"))
    user.roles = [role for role in user.roles if role.name not in PORTAL_ROLES] + [wanted]


def login_account_for(session: Session, contact: Contact) -> User:
    """The contact's login account: its own, the account using its email, or a new one.

    A new account has no password and is inactive until the contact sets one through the link in
    their invitation.
    """
    if contact.user is not None:
        give_portal_role(session, contact)
        return contact.user
    user = find_user_by_email(session, contact.email)
    if user is not None and is_staff(user):
        raise AccountRefusal(
            _("%(email)s is the login of a member of staff; use another address.", email=user.email)
        )
    if user is None:
        email = normalised_email(contact.email)
        user = User(
            username=email,
            email=email,
            first_name=contact.first_name,
            last_name=contact.last_name,
            active=False,
            password=None,
        )
        session.add(user)
    contact.user = user
    give_portal_role(session, contact)
    return user


def set_password(user: User, password: str) -> None:
    """Store the new password's hash; the account becomes active, its old links stop working."""
    user.password = generate_password_hash(password)
    user.active = True
    user.fail_login_count = 0


def password_matches(user: User | None, password: str) -> bool:
    """Check a password in the same time whether or not the account exists or has one."""
    if user is None or not user.password or not password:
        check_password_hash(_UNKNOWN_ACCOUNT_HASH, password or "-")
        return False
    return check_password_hash(user.password, password)


def record_login(user: User, succeeded: bool) -> None:
    if succeeded:
        user.last_login = datetime.datetime.now()
        user.login_count = (user.login_count or 0) + 1
        user.fail_login_count = 0
    else:
        user.fail_login_count = (user.fail_login_count or 0) + 1


def log_event(
    session: Session, customer: Customer, kind: str, subject: str, body: str = "", author=None
):
    """A line on the customer's history (the timeline of issue 6 shows them)."""
    session.add(
        CustomerEvent(
            customer=customer,
            kind=kind,
            subject=subject[:200],
            body=body or None,
            author=author,
            occurred_at=datetime.datetime.now(),
        )
    )


# ---------------------------------------------------------- may this account use the portal?


@dataclass
class PortalAccess:
    """What a login account may do in the portal right now.

    `customers` are the establishments it may work for (active customers); `refusal` says, in
    the user's language, why it may not log in when that list is empty.
    """

    contact: Contact | None
    customers: list[Customer] = field(default_factory=list)
    refusal: str | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None and bool(self.customers)


def portal_access(session: Session, user: User | None) -> PortalAccess:
    """Whether `user` may log in to the portal, for which customers, and if not, why.

    Asked at login and again on every portal request, so that a suspension takes effect at once.
    """
    contact = contact_of(session, user, *PORTAL_CONTACT_LOADS)
    if contact is None or user is None or is_staff(user):
        return PortalAccess(None, refusal=_("This account has no access to the portal."))
    if contact.status == "disabled":
        return PortalAccess(
            contact,
            refusal=_(
                "Your access to the portal has been withdrawn. Please contact the seller if you "
                "think this is a mistake."
            ),
        )
    if not user.active or not user.password:
        return PortalAccess(
            contact,
            refusal=_("Your account is not activated yet: use the link in your invitation email."),
        )
    customers = sorted(contact.customers, key=lambda c: (c.name or "").lower())
    usable = [c for c in customers if c.status == "active"]
    if usable:
        return PortalAccess(contact, usable)
    return PortalAccess(contact, refusal=_why_no_customer(customers))


def _why_no_customer(customers: list[Customer]) -> str:
    if not customers:
        return _("This account is not linked to any customer account yet.")
    for customer in customers:
        if customer.status == "pending" and customer.refusal_reason:
            return _(
                "Your application for %(company)s was refused: %(reason)s",
                company=customer.name,
                reason=customer.refusal_reason,
            )
    for customer in customers:
        if customer.status == "pending":
            return _(
                "Your application for %(company)s is waiting for approval. You will receive an "
                "email as soon as your account is active.",
                company=customer.name,
            )
    customer = customers[0]
    if customer.status == "suspended":
        return _(
            "The account of %(company)s is suspended: you cannot log in or order for now. Please "
            "contact the seller.",
            company=customer.name,
        )
    return _(
        "The account of %(company)s is no longer active. Please contact the seller.",
        company=customer.name,
    )


def recipient_language(contact: Contact | None, customer: Customer | None, default: str) -> str:
    """The language to write to a contact in: theirs, else their company's, else the shop's."""
    for candidate in (
        getattr(contact, "language", None),
        getattr(customer, "language", None),
        default,
    ):
        if candidate:
            return candidate
    return "en"
