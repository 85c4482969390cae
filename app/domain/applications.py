"""Applications for a portal account, and the seller's answer to them.

Two doors, both opened in the portal settings:

- **Self-registration**: a person applies for their company and chooses a password. A pending
  customer, its administrator contact and the login account are created at once, so that the
  applicant can log in and read where their application stands (waiting, or refused and why).
  With approval not required, the customer is active straight away.
- **Access request**: a short form on the login page, no password. Nothing but the request is
  created until the seller approves it; then the customer (or the existing one the seller picks)
  gets a contact, who is sent an activation link.

A refused application can still be approved later (the applicant corrected their details).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User
from flask_babel import gettext as _
from sqlalchemy.orm import Session

from app.domain.accounts import (
    ADMINISTRATOR,
    AccountRefusal,
    find_contact_by_email,
    find_user_by_email,
    log_event,
    login_account_for,
    normalised_email,
)
from app.generated.models import AccessRequest, Contact, Customer

SELF_REGISTRATION = "self_registration"
ACCESS_REQUEST = "access_request"
PENDING, APPROVED, REFUSED = "pending", "approved", "refused"

APPLICANT_FIELDS = (
    "company_name",
    "vat_number",
    "country",
    "chamber_of_commerce",
    "department",
    "first_name",
    "last_name",
    "email",
    "phone",
    "language",
    "message",
)


class AlreadyRegistered(Exception):
    """The email already has an account or a contact. The applicant is told nothing more than
    anyone else (the page would otherwise tell who has an account); the owner gets an email."""


def email_is_taken(session: Session, email: str) -> bool:
    return find_user_by_email(session, email) is not None or (
        find_contact_by_email(session, email) is not None
    )


def register_company(
    session: Session, details: dict, password_hash: str, approval_required: bool
) -> AccessRequest:
    """Self-registration: the application, a pending (or active) customer, its administrator
    contact and their login account, with the password already chosen.

    `details` holds APPLICANT_FIELDS; they were checked by the form and vat_number_problems.
    """
    email = normalised_email(details["email"])
    if email_is_taken(session, email):
        raise AlreadyRegistered(email)
    application = _application(session, details, SELF_REGISTRATION)
    customer = _new_customer(session, application)
    customer.status = "pending" if approval_required else "active"
    contact = _new_contact(application, customer)
    session.add(contact)
    user = login_account_for(session, contact)
    user.password = password_hash
    user.active = True
    contact.status = "active"
    application.customer = customer
    if not approval_required:
        application.status = APPROVED
        customer.customer_since = datetime.date.today()
    log_event(
        session,
        customer,
        "applied",
        _("Self-registration by %(name)s", name=_person(application)),
        application.message or "",
    )
    session.flush()
    return application


def request_access(session: Session, details: dict) -> AccessRequest:
    """An access request from the login page: only the request is stored until it is approved."""
    application = _application(session, details, ACCESS_REQUEST)
    session.flush()
    return application


@dataclass
class Approval:
    customer: Customer
    contact: Contact
    user: User
    # The contact has no password yet: the approval mail carries an activation link.
    needs_activation: bool


def approve_application(
    session: Session, application: AccessRequest, customer: Customer | None = None, author=None
) -> Approval:
    """Approve: the customer becomes active; an access request gets its customer and contact.

    `customer` picks an existing customer for an access request (the applicant's company is
    already known to the seller); otherwise one is created from the application.
    """
    if application.status == APPROVED:
        raise AccountRefusal(_("This application has already been approved."))
    customer = customer or application.customer or _new_customer(session, application)
    contact = find_contact_by_email(session, application.email)
    if contact is None:
        contact = _new_contact(application, customer)
        session.add(contact)
    if customer not in contact.customers:
        contact.customers.append(customer)
    user = login_account_for(session, contact)
    needs_activation = not user.password
    contact.status = "invited" if needs_activation else "active"
    if customer.status in ("pending", "inactive"):
        customer.status = "active"
    customer.refusal_reason = None
    customer.customer_since = customer.customer_since or datetime.date.today()
    application.customer = customer
    application.status = APPROVED
    application.refusal_reason = None
    log_event(
        session,
        customer,
        "approved",
        _("Application of %(name)s approved", name=_person(application)),
        author=author,
    )
    session.flush()
    return Approval(customer, contact, user, needs_activation)


def refuse_application(
    session: Session, application: AccessRequest, reason: str, author=None
) -> None:
    """Refuse with a reason the applicant is sent (and, having registered, sees at login)."""
    reason = (reason or "").strip()
    if not reason:
        raise AccountRefusal(_("Say why the application is refused: the applicant receives it."))
    if application.status == APPROVED:
        raise AccountRefusal(
            _("This application has already been approved; suspend the customer instead.")
        )
    application.status = REFUSED
    application.refusal_reason = reason
    customer = application.customer
    if customer is not None:
        customer.refusal_reason = reason
        log_event(
            session,
            customer,
            "refused",
            _("Application of %(name)s refused", name=_person(application)),
            reason,
            author=author,
        )
    session.flush()


def pending_applications(session: Session):
    """The approval queue, oldest first: who has waited longest is answered first."""
    return session.scalars(
        sa.select(AccessRequest)
        .where(AccessRequest.status == PENDING)
        .order_by(AccessRequest.created_at, AccessRequest.id)
    ).all()


def _application(session: Session, details: dict, kind: str) -> AccessRequest:
    values = {name: details.get(name) for name in APPLICANT_FIELDS}
    values["email"] = normalised_email(values["email"])
    application = AccessRequest(
        kind=kind, status=PENDING, created_at=datetime.datetime.now(), **values
    )
    session.add(application)
    return application


def _new_customer(session: Session, application: AccessRequest) -> Customer:
    session.flush()  # the application's id makes the customer's code
    customer = Customer(
        code=_free_code(session, f"WEB{application.id:06d}"),
        name=application.company_name,
        vat_number=application.vat_number,
        country=application.country,
        chamber_of_commerce=application.chamber_of_commerce,
        department=application.department,
        email=application.email,
        phone=application.phone,
        language=application.language or "en",
        status="pending",
    )
    session.add(customer)
    return customer


def _free_code(session: Session, code: str) -> str:
    taken = set(session.scalars(sa.select(Customer.code).where(Customer.code.like(f"{code}%"))))
    candidate, n = code, 1
    while candidate in taken:
        n += 1
        candidate = f"{code}-{n}"
    return candidate


def _new_contact(application: AccessRequest, customer: Customer) -> Contact:
    contact = Contact(
        first_name=application.first_name,
        last_name=application.last_name,
        email=application.email,
        phone=application.phone,
        department=application.department,
        language=application.language,
        company_role=ADMINISTRATOR,
        may_manage_users=True,
        may_manage_addresses=True,
        sees_all_orders=True,
        status="invited",
    )
    contact.customers.append(customer)
    return contact


def _person(application: AccessRequest) -> str:
    return f"{application.first_name} {application.last_name}".strip()
