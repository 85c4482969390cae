"""The ordering journey in a real browser: a buyer logs in, searches, adds an article with a line
reference through the popup, checks out, and finds the order in the history; the seller finds it
in the back office."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from app.extensions import db
from app.generated.models import SalesOrder
from tests.conftest import PASSWORD
from tests.portal import CONTACT_PASSWORD
from tests.shop import BUYER, make_shop

pytestmark = pytest.mark.browser


def test_buyer_searches_adds_with_a_line_reference_checks_out_and_finds_the_order(
    page, live_server
):
    shop = make_shop(live_server.app)

    page.goto(live_server("/portal/login"))
    page.fill("input[name=email]", BUYER)
    page.fill("input[name=password]", CONTACT_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(live_server("/portal/"))

    # Search the catalogue by a word of the title.
    page.get_by_role("navigation").get_by_role("link", name="Catalogue").click()
    page.get_by_label("Search the catalogue").fill("winter")
    page.get_by_role("button", name="Search").click()
    page.wait_for_url(re.compile(r".*q=winter.*"))
    expect(page.get_by_role("heading", name="The Long Winter")).to_be_visible()
    expect(page.get_by_text("Summer Rain")).to_have_count(0)

    # The popup takes the quantity and the line reference.
    article = shop.articles["NOV-001"]
    page.locator(f"[data-add='{article}']").click()
    dialog = page.locator("#add-dialog")
    expect(dialog).to_be_visible()
    dialog.get_by_label("Quantity").fill("3")
    dialog.get_by_label("Line reference").fill("Class 4B")
    dialog.get_by_role("button", name="Add to cart").click()
    expect(page.get_by_text("The Long Winter is in your cart.")).to_be_visible()
    expect(page.get_by_role("link", name="Cart (1)")).to_be_visible()

    # The cart shows the line with its reference and the customer's price.
    page.get_by_role("link", name="Cart (1)").click()
    expect(page.locator("input[name=line_reference]")).to_have_value("Class 4B")
    expect(page.locator("table.cart")).to_contain_text("16.00")

    # Checkout: the default address and the first delivery date are chosen; give a reference.
    page.get_by_role("link", name="Checkout").click()
    page.get_by_label("Order reference").fill("PO-77")
    page.get_by_role("button", name="Place the order").click()
    page.wait_for_url(re.compile(r".*/portal/orders/\d{4}-\d{6}$"))
    with live_server.app.app_context():
        order = db.session.scalars(sa.select(SalesOrder)).one()
        number = order.number
        assert order.reference == "PO-77"
        assert [(line.quantity, line.line_reference) for line in order.lines] == [(3, "Class 4B")]
    expect(page.get_by_text(f"Thank you: order {number} is placed.")).to_be_visible()

    # It is in the history.
    page.get_by_role("navigation").get_by_role("link", name="Orders").click()
    expect(page.get_by_role("link", name=number)).to_be_visible()

    # The seller finds it in the back office.
    page.context.clear_cookies()
    page.goto(live_server("/login/"))
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_url(lambda url: "/login" not in url)
    page.goto(live_server("/salesorderview/list/"))
    expect(page.get_by_text(number)).to_be_visible()
    expect(page.get_by_text("PO-77")).to_be_visible()
