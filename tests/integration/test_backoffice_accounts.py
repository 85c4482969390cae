"""The seller's side of accounts: bulk invitations, resending, plain accounts made B2B and back."""

from __future__ import annotations

import datetime

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User
from werkzeug.security import generate_password_hash

from app.extensions import db
from app.generated.models import Contact
from tests.portal import (
    CONTACT_PASSWORD,
    make_contact,
    make_customer,
    portal_login,
    post_form,
    read,
    save,
    shop_settings,
    text,
)


def _contacts(app) -> dict[str, tuple[str, list[str]]]:
    with app.app_context():
        return {
            c.email: (c.status, sorted(x.code for x in c.customers))
            for c in db.session.scalars(sa.select(Contact))
        }


def test_bulk_invitation_uses_each_customers_main_email(app, client, auth, sent_mail):
    shop_settings(app)
    first = make_customer(app, "BLK1", name="Alpha Books", email="orders@alpha.example")
    second = make_customer(app, "BLK2", name="Beta Books", email="Office@Beta.example")
    silent = make_customer(app, "BLK3", name="Gamma Books", email=None)
    auth.login("admin")
    response = post_form(
        client,
        "/customerview/list/",
        {"action": "invite_selected", "rowid": [str(first.id), str(second.id), str(silent.id)]},
        post_url="/customerview/action_post",
    )
    assert response.status_code == 302
    page = text(client.get(response.location))
    assert "2 invitations sent." in page
    assert "Gamma Books not invited: no main email" in page
    contacts = _contacts(app)
    assert contacts["orders@alpha.example"] == ("invited", ["BLK1"])
    assert contacts["office@beta.example"] == ("invited", ["BLK2"])
    assert len(contacts) == 2
    for address in ("orders@alpha.example", "office@beta.example"):
        [mail] = sent_mail.to(address)
        assert "/portal/activate/" in sent_mail.text_of(mail)


def test_bulk_invitation_skips_customers_the_sales_rep_does_not_look_after(
    app, client, auth, sent_mail
):
    rep1 = read(
        app, lambda: db.session.scalars(sa.select(User.id).where(User.username == "rep1")).one()
    )
    mine = make_customer(app, "MINE", email="mine@shop.example", sales_rep_id=rep1)
    theirs = make_customer(app, "THEIRS", email="theirs@shop.example")
    auth.login("rep1")
    post_form(
        client,
        "/customerview/list/",
        {"action": "invite_selected", "rowid": [str(mine.id), str(theirs.id)]},
        post_url="/customerview/action_post",
    )
    assert set(_contacts(app)) == {"mine@shop.example"}
    assert sent_mail.to("theirs@shop.example") == []


def test_the_order_desk_cannot_invite(app, client, auth):
    customer = make_customer(app, "DSK1", email="desk@shop.example")
    auth.login("desk")
    response = client.get(f"/customerview/invite/{customer.id}")
    assert response.status_code in (302, 403)
    post_form(
        client,
        "/customerview/list/",
        {"action": "invite_selected", "rowid": [str(customer.id)]},
        post_url="/customerview/action_post",
    )
    assert _contacts(app) == {}


def test_invitation_can_be_sent_again_until_the_password_is_set(app, client, auth, sent_mail):
    customer = make_customer(app, "RES1")
    waiting = make_contact(app, customer, "waiting@shop.example", password=None)
    active = make_contact(app, customer, "active@shop.example")
    auth.login("admin")
    response = post_form(
        client,
        "/contactview/list/",
        {"action": "resend_invitation", "rowid": [str(waiting.id), str(active.id)]},
        post_url="/contactview/action_post",
    )
    assert response.status_code == 302
    assert len(sent_mail.to("waiting@shop.example")) == 1
    assert sent_mail.to("active@shop.example") == []
    link = sent_mail.link_in(sent_mail.to("waiting@shop.example")[0], "/portal/activate/")
    path = "/" + link.split("://", 1)[1].partition("/")[2]
    auth.logout()
    response = post_form(client, path, {"password": "Fresh-start-42", "confirm": "Fresh-start-42"})
    assert response.status_code == 302


def test_b2b_data_removed_on_request_keeps_the_login_which_can_be_converted_back(
    app, client, auth, sent_mail
):
    customer = make_customer(app, "BOOK", name="Bookshop Leroy")
    person = make_contact(app, customer, "reader@leroy.example", company_role="administrator")
    auth.login("admin")
    response = post_form(
        client,
        "/contactview/list/",
        {"action": "remove_b2b", "rowid": [str(person.id)]},
        post_url="/contactview/action_post",
    )
    assert response.status_code == 302
    assert _contacts(app) == {}
    with app.app_context():
        user = db.session.scalars(sa.select(User).where(User.email == "reader@leroy.example")).one()
        assert user.password and [r.name for r in user.roles] == []
    assert portal_login(app.test_client(), "reader@leroy.example").status_code == 401

    page = text(client.get("/plain-accounts/"))
    assert "reader@leroy.example" in page and "admin@example.com" not in page
    response = post_form(
        client,
        "/plain-accounts/",
        {"customer_code": "BOOK", "company_role": "buyer"},
        post_url=f"/plain-accounts/{user.id}/convert",
    )
    assert response.status_code == 302
    assert _contacts(app) == {"reader@leroy.example": ("active", ["BOOK"])}
    [mail] = sent_mail.to("reader@leroy.example")
    assert "/portal/activate/" not in sent_mail.text_of(mail)  # the old password still works
    assert (
        portal_login(app.test_client(), "reader@leroy.example", CONTACT_PASSWORD).status_code == 302
    )


def test_converting_to_an_unknown_or_hidden_customer_changes_nothing(app, client, auth):
    make_customer(app, "SECRET")
    plain = save(
        app,
        User(
            username="walkin@shop.example",
            email="walkin@shop.example",
            first_name="Walk",
            last_name="In",
            active=True,
            password=generate_password_hash("Walk-in-pass-1"),
            created_on=datetime.datetime.now(),
            changed_on=datetime.datetime.now(),
        ),
    )
    auth.login("rep1")  # SECRET is nobody's: not one of rep1's customers
    for code in ("NOPE", "SECRET"):
        response = post_form(
            client,
            "/plain-accounts/",
            {"customer_code": code, "company_role": "buyer"},
            post_url=f"/plain-accounts/{plain.id}/convert",
        )
        assert response.status_code == 302
        assert f"No customer has the code {code}." in text(client.get(response.location))
    assert _contacts(app) == {}


def test_a_member_of_staff_cannot_be_converted(app, client, auth):
    make_customer(app, "STAFF")
    rep2 = read(
        app, lambda: db.session.scalars(sa.select(User.id).where(User.username == "rep2")).one()
    )
    auth.login("admin")
    assert "rep2@example.com" not in text(client.get("/plain-accounts/"))
    response = post_form(
        client,
        "/plain-accounts/",
        {"customer_code": "STAFF", "company_role": "buyer"},
        post_url=f"/plain-accounts/{rep2}/convert",
    )
    assert "cannot be made a customer contact" in text(client.get(response.location))
    assert _contacts(app) == {}


def test_plain_accounts_need_the_right_to_add_contacts(app, client, auth):
    auth.login("catalogue")
    assert client.get("/plain-accounts/").status_code == 403


def test_a_suspended_customer_cannot_be_invited_until_reactivated(app, client, auth, sent_mail):
    customer = make_customer(app, "SUSP", name="Kiosque Fermé", status="suspended")
    auth.login("admin")
    response = post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {"email": "x@kiosque.example", "company_role": "buyer"},
    )
    assert "Kiosque Fermé is suspended: reactivate it before inviting anyone." in text(response)
    assert _contacts(app) == {} and sent_mail.to("x@kiosque.example") == []


def test_inviting_a_pending_customers_people_accepts_the_customer(app, client, auth, sent_mail):
    customer = make_customer(app, "PEND", status="pending")
    auth.login("admin")
    post_form(
        client,
        f"/customerview/invite/{customer.id}",
        {"email": "p@pend.example", "company_role": "buyer"},
    )
    assert read(app, lambda: db.session.get(type(customer), customer.id).status) == "active"
    assert _contacts(app) == {"p@pend.example": ("invited", ["PEND"])}
