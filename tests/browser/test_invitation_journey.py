"""The invitation journey in a real browser, as the administrator and the customer's contact live
it: invite from the customer's screen, receive the mail over SMTP, open its link, choose a
password, land logged in on the portal, log out, and log in again with the new password."""

from __future__ import annotations

import re
import time
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from app.extensions import db
from app.generated.models import Brand, Customer
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

CONTACT = "claire.martin@librairie-du-parc.example"
NEW_PASSWORD = "Parc-Lecture2026"


def wait_for_mail(mailbox, address: str, seconds: float = 10.0):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if messages := mailbox.to(address):
            return messages
        time.sleep(0.05)
    raise AssertionError(f"no mail to {address} within {seconds} s; got {mailbox.subjects()}")


@pytest.fixture
def customer(live_server):
    with live_server.app.app_context():
        brand = Brand(name="Papeterie Lumière")
        record = Customer(
            code="PARC01",
            name="Librairie du Parc",
            country="FR",
            status="active",
            email="commandes@librairie-du-parc.example",
        )
        db.session.add_all([brand, record])
        db.session.commit()
        return record.id


def test_invited_contact_activates_the_account_and_logs_in_again(
    page, live_server, customer, mailbox
):
    # The administrator logs in to the back office and opens the customer.
    page.goto(live_server("/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(live_server("/customerview/list/"))
    expect(page.get_by_text("Librairie du Parc")).to_be_visible()
    page.goto(live_server(f"/customerview/show/{customer}"))
    page.get_by_role("link", name="Invite to the portal").click()
    page.wait_for_url(f"**/customerview/invite/{customer}")

    # The invitation form starts with the customer's main email; the admin names someone else.
    expect(page.locator("input[name=email]")).to_have_value("commandes@librairie-du-parc.example")
    page.fill("input[name=email]", CONTACT)
    page.fill("input[name=first_name]", "Claire")
    page.fill("input[name=last_name]", "Martin")
    page.select_option("select[name=company_role]", "buyer")
    page.select_option("select[name=visible_brands]", label="Papeterie Lumière")
    page.fill("textarea[name=message]", "Welcome aboard, Claire!")
    page.get_by_role("button", name="Send the invitation").click()
    page.wait_for_url(f"**/customerview/show/{customer}")
    expect(page.get_by_text(f"Invitation sent to {CONTACT}.")).to_be_visible()
    with live_server.app.app_context():
        saved = db.session.get(Customer, customer)
        assert [b.name for b in saved.visible_brands] == ["Papeterie Lumière"]

    # The contact receives the mail, through a real SMTP exchange.
    (invitation,) = wait_for_mail(mailbox, CONTACT)
    assert mailbox.envelopes == [("portal@example.com", [CONTACT])]
    assert "Librairie du Parc" in mailbox.text_of(invitation)
    assert "Welcome aboard, Claire!" in mailbox.text_of(invitation)
    link = mailbox.link_in(invitation, "/portal/activate/")
    assert link.startswith(live_server.url + "/portal/activate/"), link

    # ...opens its link in a browser of their own, and chooses a password.
    page.context.clear_cookies()
    page.goto(link)
    expect(page.get_by_role("heading", name="Choose your password")).to_be_visible()
    page.fill("input[name=password]", NEW_PASSWORD)
    page.fill("input[name=confirm]", NEW_PASSWORD)
    page.get_by_role("button", name="Save my password").click()

    # They land on the portal's home, logged in.
    page.wait_for_url(live_server("/portal/"))
    expect(page.get_by_role("heading", name="Welcome, Claire")).to_be_visible()
    expect(page.get_by_text("You are working for Librairie du Parc")).to_be_visible()

    # They log out...
    page.get_by_role("button", name="Log out").click()
    page.wait_for_url(re.compile(r".*/portal/login$"))
    expect(page.get_by_text("You are logged out.")).to_be_visible()
    page.goto(live_server("/portal/"))
    assert urlsplit(page.url).path == "/portal/login", "the portal is still open after log out"

    # ...and log in again with the password they chose.
    page.fill("input[name=email]", CONTACT)
    page.fill("input[name=password]", NEW_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server("/portal/"))
    expect(page.get_by_role("heading", name="Welcome, Claire")).to_be_visible()
    expect(page.get_by_text("You are working for Librairie du Parc")).to_be_visible()

    # The activation link was for once only.
    page.goto(link)
    expect(page.get_by_text("This link has already been used.")).to_be_visible()
