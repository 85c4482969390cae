"""The portal's front door, as customers' people and the seller's staff use it.

Every mail travels over SMTP to a real server on loopback; links are taken from the mails.
"""

from __future__ import annotations

import re
import time
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import Role, User

from app.domain.accounts import contact_of, request_user
from app.domain.settings import portal_settings
from app.extensions import db
from app.generated.models import AccessRequest, Contact, Customer, CustomerEvent
from tests.conftest import PASSWORD, csrf_token
from tests.portal import (
    CONTACT_PASSWORD,
    VALID_FR_VAT,
    count,
    make_contact,
    make_customer,
    portal_login,
    portal_logout,
    post_form,
    read,
    save,
    shop_settings,
    status_of,
    text,
)
from tests.shop import statements_run

NEW_PASSWORD = "Brand-new-pass-7"


def _account(app, email: str) -> SimpleNamespace:
    """What the database holds for `email`: the contact's status and companies, the login's
    roles, activity and password hash."""
    with app.app_context():
        contact = db.session.scalars(sa.select(Contact).where(Contact.email == email)).first()
        user = db.session.scalars(sa.select(User).where(User.email == email)).first()
        return SimpleNamespace(
            status=contact.status if contact else None,
            customers=sorted(c.code for c in contact.customers) if contact else [],
            roles=[r.name for r in user.roles] if user else [],
            active=user.active if user else None,
            password=user.password if user else None,
        )


def _set_password(client, link: str, password: str = NEW_PASSWORD):
    path = link.split("://", 1)[1].partition("/")[2]
    return post_form(client, "/" + path, {"password": password, "confirm": password})


# ------------------------------------------------------------------ invitation


def test_invitation_journey_from_the_back_office_to_a_first_login(app, client, auth, sent_mail):
    shop_settings(app, shop_name="Papeterie Martin")
    customer = make_customer(app, "LIB1", name="Librairie Dupont", email="orders@dupont.example")
    auth.login("admin")

    response = post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {
            "email": "marie.curie@dupont.example",
            "first_name": "Marie",
            "last_name": "Curie",
            "company_role": "administrator",
            "message": "Welcome to our new portal!",
        },
    )
    assert response.status_code == 302, text(response)

    [mail] = sent_mail.to("marie.curie@dupont.example")
    assert mail["Subject"] == "Your access to the Papeterie Martin portal"
    body = sent_mail.text_of(mail)
    assert "Librairie Dupont" in body and "Welcome to our new portal!" in body
    assert "Choose my password" in sent_mail.html_of(mail)
    account = _account(app, "marie.curie@dupont.example")
    assert account.status == "invited" and account.active is False and account.password is None
    assert account.roles == ["customer_admin"]
    assert read(
        app,
        lambda: db.session.scalar(
            sa.select(sa.func.count()).where(
                CustomerEvent.customer_id == customer.id, CustomerEvent.kind == "invited"
            )
        ),
    )

    auth.logout()
    link = sent_mail.link_in(mail, "/portal/activate/")
    page = client.get(link)
    assert page.status_code == 200 and "Choose your password" in text(page)
    response = _set_password(client, link)
    assert response.status_code == 302 and response.location.endswith("/portal/")
    home = client.get("/portal/")
    assert "Welcome, Marie" in text(home) and "Librairie Dupont" in text(home)

    portal_logout(client)
    assert client.get("/portal/").status_code == 302
    response = portal_login(client, "Marie.Curie@dupont.example", NEW_PASSWORD)
    assert response.status_code == 302
    assert "Librairie Dupont" in text(client.get("/portal/"))
    assert _account(app, "marie.curie@dupont.example").status == "active"


def test_invitation_with_a_bad_email_says_so_and_creates_nothing(app, client, auth):
    customer = make_customer(app, "LIB2")
    auth.login("admin")
    response = post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {"email": "not-an-address", "company_role": "buyer"},
    )
    assert response.status_code == 200
    assert "Enter an email address such as name@company.com." in text(response)
    assert count(app, Contact) == 0


def test_invitation_to_a_member_of_staffs_email_is_refused(app, client, auth):
    customer = make_customer(app, "LIB3")
    auth.login("admin")
    response = post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {"email": "rep1@example.com", "company_role": "buyer"},
    )
    assert "is the login of a member of staff" in text(response)
    assert count(app, Contact) == 0


# ------------------------------------------------------------------ links


def _invited(app, sent_mail, client, auth, email="new.buyer@shop.example"):
    customer = make_customer(app, "LNK1")
    auth.login("admin")
    post_form(
        client, f"/customerview/invite/{customer.id}", {"email": email, "company_role": "buyer"}
    )
    auth.logout()
    return sent_mail.link_in(sent_mail.to(email)[-1], "/portal/activate/")


def test_a_used_link_is_refused_with_a_clear_message(app, client, auth, sent_mail):
    link = _invited(app, sent_mail, client, auth)
    assert _set_password(client, link).status_code == 302
    portal_logout(client)
    again = client.get(link)
    assert again.status_code == 400
    assert "This link has already been used." in text(again)


def test_a_tampered_link_is_refused_with_a_clear_message(app, client, auth, sent_mail):
    link = _invited(app, sent_mail, client, auth)
    tampered = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
    response = client.get(tampered)
    assert response.status_code == 400 and "This link is not valid" in text(response)
    assert _account(app, "new.buyer@shop.example").password is None


def test_an_expired_link_is_refused_with_a_clear_message(app, client, auth, sent_mail, monkeypatch):
    link = _invited(app, sent_mail, client, auth)
    later = time.time() + (app.config["ACCOUNT_ACTIVATION_DAYS"] + 1) * 86400
    monkeypatch.setattr("itsdangerous.timed.time.time", lambda: later)
    response = client.get(link)
    assert response.status_code == 400 and "This link has expired." in text(response)
    # Posting a password through it changes nothing either.
    response = client.post(link, data={"password": NEW_PASSWORD, "confirm": NEW_PASSWORD})
    assert response.status_code == 400
    assert _account(app, "new.buyer@shop.example").password is None


def test_a_weak_password_gets_the_list_of_what_it_lacks_and_changes_nothing(
    app, client, auth, sent_mail
):
    link = _invited(app, sent_mail, client, auth)
    response = _set_password(client, link, "short")
    page = text(response)
    assert response.status_code == 200
    assert "The password needs at least 10 characters, a capital letter, and a digit." in page
    assert _account(app, "new.buyer@shop.example").password is None
    response = _set_password(client, link, "new.buyer-Pass-1")
    assert "It must not contain the part of your email address before the @." in text(response)


# ------------------------------------------------------------------ self-registration


REGISTRATION = {
    "company_name": "Bibliothèque de Lyon",
    "vat_number": VALID_FR_VAT,
    "country": "FR",
    "chamber_of_commerce": "",
    "department": "Acquisitions",
    "first_name": "Jeanne",
    "last_name": "Martin",
    "email": "jeanne.martin@bib-lyon.example",
    "phone": "",
    "language": "fr",
    "password": "Lyon-library-2026",
    "confirm": "Lyon-library-2026",
}


def test_registration_pending_then_refused_with_a_message_then_approved_then_login(
    app, client, auth, sent_mail
):
    shop_settings(app, self_registration=True, approval_required=True)
    response = post_form(client, "/portal/register", REGISTRATION)
    assert response.status_code == 200
    assert "waits for the seller" in text(response)
    applicant, staff = "jeanne.martin@bib-lyon.example", "staff@seller.example"
    assert sent_mail.to(applicant)[0]["Subject"] == "Nous avons bien reçu votre demande"
    [announcement] = sent_mail.to(staff)
    assert "Bibliothèque de Lyon" in str(announcement["Subject"])
    assert "/approvals/" in sent_mail.text_of(announcement)

    customer = read(
        app,
        lambda: db.session.scalars(
            sa.select(Customer).where(Customer.name == "Bibliothèque de Lyon")
        ).one(),
    )
    assert customer.status == "pending" and customer.vat_number == VALID_FR_VAT
    response = portal_login(client, applicant, "Lyon-library-2026")
    assert "attend la validation" in text(response) or "waiting for approval" in text(response)
    assert client.get("/portal/").status_code == 302

    application = read(app, lambda: db.session.scalars(sa.select(AccessRequest)).one())
    auth.login("admin")
    queue = client.get("/approvals/")
    assert "Bibliothèque de Lyon" in text(queue)
    response = post_form(
        client,
        "/approvals/",
        {"reason": "We only serve libraries in Belgium."},
        post_url=f"/approvals/{application.id}/refuse",
    )
    assert response.status_code == 302
    refusal = sent_mail.to(applicant)[-1]
    assert "We only serve libraries in Belgium." in sent_mail.text_of(refusal)
    auth.logout()
    response = portal_login(client, applicant, "Lyon-library-2026")
    assert "We only serve libraries in Belgium." in text(response)

    auth.login("admin")
    response = post_form(
        client, "/approvals/?status=refused", {}, post_url=f"/approvals/{application.id}/approve"
    )
    assert response.status_code == 302
    active = sent_mail.to(applicant)[-1]
    assert "Lyon" in sent_mail.text_of(active)
    auth.logout()
    assert portal_login(client, applicant, "Lyon-library-2026").status_code == 302
    assert "Bibliothèque de Lyon" in text(client.get("/portal/company"))


def test_registration_with_an_invalid_vat_number_says_why_and_creates_nothing(app, client):
    shop_settings(app, self_registration=True)
    response = post_form(client, "/portal/register", {**REGISTRATION, "vat_number": "FR123"})
    assert response.status_code == 200
    assert "FR123 is not a valid VAT number for France" in text(response)
    for model in (Customer, Contact, AccessRequest, User):
        assert count(app, model) == (6 if model is User else 0), model


def test_registration_with_a_known_email_answers_as_usual_and_mails_the_owner(
    app, client, sent_mail
):
    shop_settings(app, self_registration=True)
    customer = make_customer(app, "OLD1")
    make_contact(app, customer, "jeanne.martin@bib-lyon.example")
    response = post_form(client, "/portal/register", REGISTRATION)
    assert "waits for the seller" in text(response)
    [mail] = sent_mail.to("jeanne.martin@bib-lyon.example")
    assert "/portal/forgot-password" in sent_mail.text_of(mail)
    assert count(app, AccessRequest) == 0


def test_registration_is_closed_unless_the_settings_open_it(app, client):
    shop_settings(app, self_registration=False, access_request_button=False)
    assert client.get("/portal/register").status_code == 404
    assert client.get("/portal/request-access").status_code == 404
    page = text(client.get("/portal/login"))
    assert "Apply for an account" not in page and "Request access" not in page


def test_access_request_lands_in_the_queue_and_approval_sends_an_activation_link(
    app, client, auth, sent_mail
):
    shop_settings(app, access_request_button=True)
    existing = make_customer(app, "SCH1", name="École Voltaire")
    assert "Request access" in text(client.get("/portal/login"))
    response = post_form(
        client,
        "/portal/request-access",
        {
            "company_name": "Ecole Voltaire",
            "vat_number": "",
            "country": "FR",
            "first_name": "Paul",
            "last_name": "Durand",
            "email": "paul.durand@voltaire.example",
            "language": "en",
            "message": "We are already your customer.",
        },
    )
    assert response.status_code == 200 and "Request received" in text(response)
    application = read(app, lambda: db.session.scalars(sa.select(AccessRequest)).one())
    assert application.kind == "access_request" and application.status == "pending"
    assert count(app, Contact) == 0

    auth.login("admin")
    response = post_form(
        client,
        "/approvals/",
        {"customer_code": "SCH1"},
        post_url=f"/approvals/{application.id}/approve",
    )
    assert response.status_code == 302
    auth.logout()
    mail = sent_mail.to("paul.durand@voltaire.example")[-1]
    link = sent_mail.link_in(mail, "/portal/activate/")
    assert _set_password(client, link).status_code == 302
    assert "École Voltaire" in text(client.get("/portal/"))
    assert _account(app, "paul.durand@voltaire.example").customers == [existing.code]


def _waiting_application(app) -> AccessRequest:
    return save(
        app,
        AccessRequest(
            kind="access_request",
            company_name="Kiosque X",
            country="FR",
            first_name="Ana",
            last_name="Bel",
            email="ana.bel@kiosque.example",
        ),
    )


def test_refusal_without_a_reason_is_refused(app, client, auth):
    shop_settings(app, access_request_button=True)
    application = _waiting_application(app)
    auth.login("admin")
    response = post_form(
        client, "/approvals/", {"reason": " "}, post_url=f"/approvals/{application.id}/refuse"
    )
    assert response.status_code == 302
    assert status_of(app, AccessRequest, application.id) == "pending"


def test_a_sales_rep_sees_the_queue_but_cannot_answer(app, client, auth):
    application = _waiting_application(app)
    auth.login("rep1")
    assert client.get("/approvals/").status_code == 200
    response = post_form(
        client, "/portal/login", {}, post_url=f"/approvals/{application.id}/approve"
    )
    assert response.status_code == 403
    auth.logout()
    auth.login("desk")
    assert client.get("/approvals/").status_code == 403


# ------------------------------------------------------------------ reset, login, throttling


def test_password_reset_journey(app, client, sent_mail):
    customer = make_customer(app, "RST1")
    make_contact(app, customer, "anna.berg@shop.example")
    response = post_form(client, "/portal/forgot-password", {"email": "ANNA.BERG@shop.example"})
    assert "If an account exists for ANNA.BERG@shop.example" in text(response)
    mail = sent_mail.to("anna.berg@shop.example")[-1]
    link = sent_mail.link_in(mail, "/portal/reset/")
    assert _set_password(client, link).status_code == 302
    portal_logout(client)
    assert portal_login(client, "anna.berg@shop.example", CONTACT_PASSWORD).status_code == 401
    assert portal_login(client, "anna.berg@shop.example", NEW_PASSWORD).status_code == 302


def test_reset_and_login_pages_do_not_tell_whether_an_email_exists(app, client, sent_mail):
    customer = make_customer(app, "RST2")
    make_contact(app, customer, "known@shop.example")
    known = text(post_form(client, "/portal/forgot-password", {"email": "known@shop.example"}))
    unknown = text(post_form(client, "/portal/forgot-password", {"email": "nobody@shop.example"}))

    # The same page, but for the address it repeats (and the CSRF tokens, signed afresh).
    def same(page, email):
        return re.sub(r'name="csrf_token"[^>]*', "", page.replace(email, "X"))

    assert same(known, "known@shop.example") == same(unknown, "nobody@shop.example")
    assert sent_mail.to("nobody@shop.example") == []

    wrong_password = portal_login(client, "known@shop.example", "Wrong-password-1")
    no_account = portal_login(client, "nobody@shop.example", "Wrong-password-1")
    assert wrong_password.status_code == no_account.status_code == 401
    assert "The email or the password is not right." in text(wrong_password)
    assert same(text(wrong_password), "known@shop.example") == same(
        text(no_account), "nobody@shop.example"
    )


def test_login_attempts_are_throttled_per_account(app, client, throttled):
    customer = make_customer(app, "THR1")
    make_contact(app, customer, "target@shop.example")
    make_contact(app, customer, "other@shop.example")
    for _ in range(5):
        assert portal_login(client, "target@shop.example", "Guess-number-1").status_code == 401
    blocked = portal_login(client, "target@shop.example", CONTACT_PASSWORD)
    assert blocked.status_code == 401 and "Too many attempts" in text(blocked)
    # Another account from the same address is not blocked by this account's count.
    assert portal_login(client, "other@shop.example", CONTACT_PASSWORD).status_code == 302


def test_login_attempts_are_throttled_per_address(app, client, throttled):
    app.config["PORTAL_LOGIN_LIMIT_PER_ADDRESS"] = "3 per 15 minutes"
    try:
        customer = make_customer(app, "THR2")
        make_contact(app, customer, "victim@shop.example")
        for n in range(3):
            portal_login(client, f"guess{n}@shop.example", "Guess-number-1")
        blocked = portal_login(client, "victim@shop.example", CONTACT_PASSWORD)
        assert "Too many attempts" in text(blocked)
        # Unknown emails are counted exactly like known ones.
        assert "Too many attempts" in text(portal_login(client, "nobody@shop.example", "x"))
    finally:
        app.config.pop("PORTAL_LOGIN_LIMIT_PER_ADDRESS")


def test_a_successful_login_is_not_slowed_down(app, client, throttled):
    customer = make_customer(app, "THR3")
    make_contact(app, customer, "daily@shop.example")
    for _ in range(8):
        assert portal_login(client, "daily@shop.example").status_code == 302
        portal_logout(client)


# ------------------------------------------------------------------ customer status


def test_a_suspended_customers_contact_is_locked_out_and_told_why(app, client, auth):
    customer = make_customer(app, "SUS1", name="Papeterie Nord")
    make_contact(app, customer, "eva.nord@shop.example")
    assert portal_login(client, "eva.nord@shop.example").status_code == 302
    assert client.get("/portal/company").status_code == 200

    staff = app.test_client()
    token = csrf_token(staff, "/login/")
    staff.post("/login/", data={"username": "admin", "password": PASSWORD, "csrf_token": token})
    response = post_form(
        staff,
        f"/customerview/status/{customer.id}",
        {"change": "suspend", "reason": "Unpaid invoices"},
    )
    assert response.status_code == 302
    assert status_of(app, Customer, customer.id) == "suspended"

    # The next click, not the next login, locks the contact out.
    response = client.get("/portal/company")
    assert response.status_code == 302 and "/portal/login" in response.location
    page = text(client.get(response.location))
    assert "The account of Papeterie Nord is suspended" in page
    response = portal_login(client, "eva.nord@shop.example")
    assert response.status_code == 401 and "is suspended" in text(response)

    post_form(staff, f"/customerview/status/{customer.id}", {"change": "reactivate"})
    assert portal_login(client, "eva.nord@shop.example").status_code == 302


def test_inactive_is_refused_while_contacts_have_access_unless_confirmed(app, client, auth):
    customer = make_customer(app, "END1", name="Kiosque Sud")
    other = make_customer(app, "END2")
    make_contact(app, customer, "only.here@shop.example")
    make_contact(app, [customer, other], "two.places@shop.example")
    auth.login("admin")
    response = post_form(client, f"/customerview/status/{customer.id}", {"change": "deactivate"})
    assert "cannot be made inactive while 2 contacts still have access" in text(response)
    assert status_of(app, Customer, customer.id) == "active"

    response = post_form(
        client,
        f"/customerview/status/{customer.id}",
        {"change": "deactivate", "remove_access": "y"},
    )
    assert response.status_code == 302
    assert status_of(app, Customer, customer.id) == "inactive"
    assert _account(app, "only.here@shop.example").status == "disabled"
    kept = _account(app, "two.places@shop.example")
    assert kept.status == "active" and kept.customers == ["END2"]


def test_a_sales_rep_changes_only_their_own_customers(app, client, auth):
    rep2 = read(
        app, lambda: db.session.scalars(sa.select(User.id).where(User.username == "rep2")).one()
    )
    theirs = make_customer(app, "REP2", sales_rep_id=rep2)
    auth.login("rep1")
    assert client.get(f"/customerview/invite/{theirs.id}").status_code == 404
    assert client.get(f"/customerview/status/{theirs.id}").status_code == 404
    auth.logout()
    auth.login("desk")  # the order desk may read customers, not change them
    response = client.get(f"/customerview/status/{theirs.id}")
    assert response.status_code in (302, 403)
    assert status_of(app, Customer, theirs.id) == "active"


# ------------------------------------------------------------------ two doors


def test_a_portal_contact_cannot_log_in_to_the_back_office(app, client):
    customer = make_customer(app, "DOR1")
    make_contact(app, customer, "buyer.one@shop.example")
    token = csrf_token(client, "/login/")
    client.post(
        "/login/",
        data={
            "username": "buyer.one@shop.example",
            "password": CONTACT_PASSWORD,
            "csrf_token": token,
        },
    )
    assert client.get("/customerview/list/").status_code in (302, 403)
    response = client.post(
        "/api/v1/security/login",
        json={"username": "buyer.one@shop.example", "password": CONTACT_PASSWORD, "provider": "db"},
    )
    assert response.status_code == 401


def test_staff_cannot_log_in_to_the_portal(app, client):
    response = portal_login(client, "admin@example.com", PASSWORD)
    assert response.status_code == 401
    assert "This account has no access to the portal." in text(response)


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/x", "/customerview/list/"]
)
def test_login_never_sends_the_contact_elsewhere(app, client, target):
    customer = make_customer(app, "NXT1")
    make_contact(app, customer, "safe@shop.example")
    token = csrf_token(client, "/portal/login")
    response = client.post(
        "/portal/login",
        data={
            "email": "safe@shop.example",
            "password": CONTACT_PASSWORD,
            "next": target,
            "csrf_token": token,
        },
    )
    assert response.status_code == 302 and response.location == "/portal/"


def test_portal_forms_refuse_a_post_without_csrf_token(app, client):
    customer = make_customer(app, "CSR1")
    make_contact(app, customer, "csrf@shop.example")
    response = client.post(
        "/portal/login", data={"email": "csrf@shop.example", "password": CONTACT_PASSWORD}
    )
    assert response.status_code == 400


def test_a_request_reads_the_user_with_every_role_and_the_contact_with_every_customer(app):
    """accounts.request_user fills the joined collections from all its rows, and contact_of
    and portal_settings then answer from what it read."""
    shop_settings(app, shop_name="Many links")
    customers = [make_customer(app, code) for code in ("C1", "C2", "C3")]
    contact = make_contact(app, customers, "many.links@lib.example")
    with app.app_context():
        user = db.session.get(Contact, contact.id).user
        user.roles.append(db.session.scalars(sa.select(Role).where(Role.name == "Public")).one())
        db.session.commit()
        user_id = user.id
    with app.app_context():
        user = request_user(db.session, user_id)
        assert sorted(r.name for r in user.roles) == ["Public", "buyer"]
        with statements_run(db.session) as seen:
            found = contact_of(db.session, user)
            assert sorted(c.code for c in found.customers) == ["C1", "C2", "C3"]
            assert portal_settings(db.session).shop_name == "Many links"
        assert seen == []
        assert request_user(db.session, 10_000) is None
