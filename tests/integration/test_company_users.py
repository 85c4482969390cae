"""Company users: what a customer's administrator may do in the portal, and what a buyer may not,
whatever URL they type; the establishment switch; My company."""

from __future__ import annotations

from types import SimpleNamespace

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.generated.models import Address, Contact, LibraryBudget
from tests.portal import (
    make_contact,
    make_customer,
    portal_login,
    post_form,
    read,
    save,
    shop_settings,
    text,
)


@pytest.fixture
def company(app):
    """Librairie Dupont with an administrator and a buyer; a second company next door."""
    dupont = make_customer(app, "DUP", name="Librairie Dupont", credit_limit=5000)
    other = make_customer(app, "OTH", name="Papeterie Voisine")
    boss = make_contact(app, dupont, "boss@dupont.example", company_role="administrator")
    buyer = make_contact(app, dupont, "buyer@dupont.example", company_role="buyer")
    stranger = make_contact(app, other, "someone@voisine.example", company_role="administrator")
    address = save(
        app,
        Address(
            customer_id=other.id,
            kind="both",
            name="Voisine",
            line1="1 rue X",
            postcode="75001",
            city="Paris",
            country="FR",
        ),
    )
    shop_settings(app)
    return SimpleNamespace(
        dupont=dupont,
        other=other,
        boss=boss,
        buyer=buyer,
        stranger=stranger,
        other_address=address,
    )


def _contact(app, email):
    with app.app_context():
        contact = db.session.scalars(sa.select(Contact).where(Contact.email == email)).first()
        if contact is None:
            return None
        return SimpleNamespace(
            id=contact.id,
            status=contact.status,
            role=contact.company_role,
            may_order=contact.may_order,
            customers=sorted(c.code for c in contact.customers),
            roles=[r.name for r in contact.user.roles] if contact.user else [],
        )


NEW_USER = {
    "first_name": "Luc",
    "last_name": "Petit",
    "email": "luc.petit@dupont.example",
    "company_role": "buyer",
    "may_order": "y",
    "may_see_prices": "y",
    "order_limit": "250",
}


def test_an_administrator_adds_a_new_user_who_is_sent_an_invitation(
    app, client, company, sent_mail
):
    portal_login(client, "boss@dupont.example")
    response = post_form(client, "/portal/company/users/new", NEW_USER)
    assert response.status_code == 302
    added = _contact(app, "luc.petit@dupont.example")
    assert added.status == "invited" and added.customers == ["DUP"] and added.roles == ["buyer"]
    [mail] = sent_mail.to("luc.petit@dupont.example")
    assert "/portal/activate/" in sent_mail.text_of(mail)
    assert "Luc Petit" in text(client.get("/portal/company"))


def test_adding_someone_from_another_establishment_keeps_their_login(
    app, client, company, sent_mail
):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client, "/portal/company/users/new", {**NEW_USER, "email": "someone@voisine.example"}
    )
    assert response.status_code == 302
    assert _contact(app, "someone@voisine.example").customers == ["DUP", "OTH"]
    [mail] = sent_mail.to("someone@voisine.example")
    assert "/portal/activate/" not in sent_mail.text_of(mail)
    assert "Librairie Dupont" in sent_mail.text_of(mail)


def test_adding_a_user_twice_or_with_a_bad_email_says_why(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client, "/portal/company/users/new", {**NEW_USER, "email": "buyer@dupont.example"}
    )
    assert "buyer@dupont.example is already a user of this company." in text(response)
    response = post_form(client, "/portal/company/users/new", {**NEW_USER, "email": "luc@"})
    assert "Enter an email address such as name@company.com." in text(response)
    response = post_form(client, "/portal/company/users/new", {**NEW_USER, "order_limit": "-5"})
    assert response.status_code == 200
    assert _contact(app, "luc.petit@dupont.example") is None


def test_an_administrator_changes_a_users_role_and_permissions(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client,
        f"/portal/company/users/{company.buyer.id}/edit",
        {"company_role": "administrator", "may_see_prices": "y"},
    )
    assert response.status_code == 302
    changed = _contact(app, "buyer@dupont.example")
    assert changed.role == "administrator" and changed.may_order is False
    assert changed.roles == ["customer_admin"]


def test_an_administrator_cannot_demote_or_remove_themselves(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client, f"/portal/company/users/{company.boss.id}/edit", {"company_role": "buyer"}
    )
    assert "You cannot remove your own administrator role." in text(response)
    post_form(
        client, "/portal/company", {}, post_url=f"/portal/company/users/{company.boss.id}/remove"
    )
    assert _contact(app, "boss@dupont.example").customers == ["DUP"]


def test_an_administrator_removes_a_user(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client, "/portal/company", {}, post_url=f"/portal/company/users/{company.buyer.id}/remove"
    )
    assert response.status_code == 302
    removed = _contact(app, "buyer@dupont.example")
    assert removed.customers == [] and removed.status == "disabled"
    other = app.test_client()
    response = portal_login(other, "buyer@dupont.example")
    assert response.status_code == 401


def test_an_administrator_cannot_reach_another_companys_users(app, client, company):
    portal_login(client, "boss@dupont.example")
    stranger = company.stranger.id
    assert client.get(f"/portal/company/users/{stranger}/edit").status_code == 404
    response = post_form(
        client, "/portal/company", {}, post_url=f"/portal/company/users/{stranger}/remove"
    )
    assert response.status_code == 404
    assert _contact(app, "someone@voisine.example").customers == ["OTH"]


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/portal/company/users/new"),
        ("post", "/portal/company/users/new"),
        ("get", "/portal/company/users/{boss}/edit"),
        ("post", "/portal/company/users/{boss}/edit"),
        ("post", "/portal/company/users/{boss}/remove"),
        ("get", "/portal/company/addresses/new"),
        ("post", "/portal/company/addresses/new"),
    ],
)
def test_a_buyer_typing_an_administrators_url_is_refused(app, client, company, method, url):
    portal_login(client, "buyer@dupont.example")
    url = url.format(boss=company.boss.id)
    if method == "get":
        response = client.get(url)
    else:
        response = post_form(
            client, "/portal/company", {**NEW_USER, "company_role": "buyer"}, post_url=url
        )
    assert response.status_code == 403
    assert _contact(app, "boss@dupont.example").role == "administrator"
    assert _contact(app, "luc.petit@dupont.example") is None


def test_a_buyer_sees_the_users_but_no_button_to_manage_them(app, client, company):
    portal_login(client, "buyer@dupont.example")
    page = text(client.get("/portal/company"))
    assert "boss@dupont.example" in page
    assert "Add a user" not in page and "/remove" not in page and "Add an address" not in page


def test_my_company_shows_the_sellers_b2b_information(app, client, company):
    save(
        app,
        LibraryBudget(
            customer_id=company.dupont.id, code="BUD-2027", name="Youth", total=1500, remaining=1200
        ),
    )
    portal_login(client, "buyer@dupont.example")
    page = text(client.get("/portal/company"))
    assert "DUP" in page and "BUD-2027" in page and "Credit limit" in page
    assert "€5,000.00" in page and "€1,200.00" in page
    assert "Papeterie Voisine" not in page


def test_addresses_are_added_and_changed_by_who_may(app, client, company):
    portal_login(client, "boss@dupont.example")
    address = {
        "kind": "shipping",
        "name": "Warehouse",
        "line1": "2 quai Y",
        "postcode": "69001",
        "city": "Lyon",
        "country": "FR",
    }
    assert post_form(client, "/portal/company/addresses/new", address).status_code == 302
    saved = read(
        app, lambda: db.session.scalars(sa.select(Address).where(Address.name == "Warehouse")).one()
    )
    assert saved.customer_id == company.dupont.id and saved.line2 is None
    response = post_form(
        client, f"/portal/company/addresses/{saved.id}/edit", {**address, "city": "Villeurbanne"}
    )
    assert response.status_code == 302
    assert read(app, lambda: db.session.get(Address, saved.id).city) == "Villeurbanne"


def test_a_bad_address_says_what_is_wrong_and_saves_nothing(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client,
        "/portal/company/addresses/new",
        {
            "kind": "billing",
            "name": "",
            "line1": "x",
            "postcode": "1",
            "city": "y",
            "country": "FR",
            "default_shipping": "y",
        },
    )
    page = text(response)
    assert response.status_code == 200
    assert "This field is required." in page
    assert (
        "A billing-only address cannot be the default shipping address." in page
        or "required" in page
    )
    assert (
        read(app, lambda: db.session.scalar(sa.select(sa.func.count()).select_from(Address))) == 1
    )


def test_another_companys_address_is_not_found(app, client, company):
    portal_login(client, "boss@dupont.example")
    url = f"/portal/company/addresses/{company.other_address.id}/edit"
    assert client.get(url).status_code == 404


def test_a_contact_of_two_establishments_switches_and_everything_follows(app, client, company):
    third = make_customer(app, "TRI", name="Librairie Dupont Lyon")
    make_contact(
        app, [company.dupont, third], "two.shops@dupont.example", company_role="administrator"
    )
    portal_login(client, "two.shops@dupont.example")
    assert "Librairie Dupont" in text(client.get("/portal/company"))
    response = post_form(
        client,
        "/portal/",
        {"customer_id": str(third.id), "next": "/portal/company"},
        post_url="/portal/switch",
    )
    assert response.status_code == 302 and response.location == "/portal/company"
    page = text(client.get("/portal/company"))
    assert "<h1>Librairie Dupont Lyon</h1>" in page and "TRI" in page
    assert "boss@dupont.example" not in page  # users of the other establishment


def test_switching_to_an_establishment_that_is_not_theirs_is_refused(app, client, company):
    portal_login(client, "boss@dupont.example")
    response = post_form(
        client, "/portal/", {"customer_id": str(company.other.id)}, post_url="/portal/switch"
    )
    assert response.status_code == 404
    assert "<h1>Librairie Dupont</h1>" in text(client.get("/portal/company"))


def test_a_suspended_establishment_drops_out_of_the_switch(app, client, company):
    closed = make_customer(app, "SHUT", name="Closed branch", status="suspended")
    make_contact(app, [company.dupont, closed], "branch@dupont.example")
    portal_login(client, "branch@dupont.example")
    response = post_form(
        client, "/portal/", {"customer_id": str(closed.id)}, post_url="/portal/switch"
    )
    assert response.status_code == 404
    assert "Closed branch" not in text(client.get("/portal/"))
