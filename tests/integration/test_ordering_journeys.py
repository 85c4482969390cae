"""The ordering journeys through the portal, as a buyer clicks them: catalogue, search, article,
cart, checkout, history, reorder and templates, on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
import sqlalchemy as sa

from app.extensions import db
from app.generated.models import (
    Article,
    CartLine,
    LibraryBudget,
    OutboxEntry,
    Promotion,
    SalesOrder,
    StockLevel,
    Warehouse,
)
from app.portal import catalogue_views
from tests.conftest import csrf_token
from tests.portal import _shop_settings, portal_login, portal_logout, text
from tests.shop import BOSS, BUYER, OTHER_BUYER, STRANGER, make_shop, statements_run


@pytest.fixture
def shop(app):
    return make_shop(app)


def add(client, article_id: int, quantity: int = 1, **splits):
    token = csrf_token(client, "/portal/cart/")
    return client.post(
        "/portal/cart/add",
        data={
            "csrf_token": token,
            "article_id": str(article_id),
            "quantity": str(quantity),
            "next": f"/portal/article/{article_id}",
            **splits,
        },
        follow_redirects=True,
    )


def cart_rows(app, email: str) -> list[tuple[str, int, str | None]]:
    return _cart_of(app, email, CartLine.article_id, CartLine.quantity, CartLine.line_reference)


def line_ids(app, email: str) -> list[int]:
    return [ident for (ident,) in _cart_of(app, email, CartLine.id)]


def _cart_of(app, email: str, *columns) -> list[tuple]:
    """`columns` of the lines in the cart of the contact with `email`, in the order added."""
    with app.app_context():
        rows = db.session.execute(
            sa.select(*columns)
            .join(CartLine.contact)
            .where(sa.text("contact.email = :email").bindparams(email=email))
            .order_by(CartLine.id)
        ).all()
        return [tuple(row) for row in rows]


def statements_of(app, client, url: str) -> int:
    """How many statements GET `url` runs (the page must answer 200)."""
    with app.app_context(), statements_run(db.session) as seen:
        assert client.get(url).status_code == 200
    return len(seen)


def checkout_form(client) -> dict[str, str]:
    """The checkout form's fields as the page fills them in (the first choice of each list)."""
    page = text(client.get("/portal/checkout/"))
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', page))
    for name in ("shipping_address", "billing_address", "delivery_date", "payment_method"):
        select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S)
        assert select, f"no {name} choice on the checkout page"
        chosen = re.search(r'<option selected value="([^"]*)"', select.group(0)) or re.search(
            r'<option value="([^"]*)"', select.group(0)
        )
        fields[name] = chosen.group(1)
    return fields


def orders_of(app, customer_id: int) -> list[SalesOrder]:
    with app.app_context():
        orders = db.session.scalars(
            sa.select(SalesOrder).where(SalesOrder.customer_id == customer_id)
        ).all()
        for order in orders:
            db.session.expunge(order)
        return orders


def test_the_catalogue_shows_the_customers_own_price_and_not_other_groups_catalogues(
    app, client, shop
):
    portal_login(client, BUYER)
    page = text(client.get("/portal/catalogue/"))
    assert "The Long Winter" in page and "Summer Rain" in page
    # The customer's own list (16.00) beats the price level (18.00) and the base price (20.00).
    assert "16.00" in page and "18.00" not in page
    assert "Binding press" not in page  # in the catalogue of another group
    assert client.get(f"/portal/article/{shop.hidden_article_id}").status_code == 404


def card_of(page: str, name: str) -> str:
    """The markup of the catalogue card showing `name`, whitespace folded."""
    cards = re.findall(r'<article class="product">.*?</article>', page, re.S)
    found = [c for c in cards if f">{name}</a></h3>" in c]
    assert len(found) == 1, f"no card for {name}"
    return re.sub(r"\s+", " ", found[0])


def test_a_card_shows_the_customers_offer_stock_availability_and_order_rules(app, client, shop):
    today = datetime.date.today()
    with app.app_context():
        _shop_settings(show_stock=True)
        warehouse_id = db.session.scalar(sa.select(Warehouse.id).where(Warehouse.code == "MAIN"))
        db.session.add_all(
            [
                StockLevel(
                    warehouse_id=warehouse_id,
                    article_id=shop.articles["NOV-001"],
                    on_hand=7,
                    reserved=2,
                    incoming_quantity=24,
                    incoming_date=today + datetime.timedelta(days=10),
                ),
                StockLevel(
                    warehouse_id=warehouse_id, article_id=shop.articles["NOV-002"], on_hand=0
                ),
                Promotion(
                    name="Summer sale",
                    kind="percentage",
                    percentage=Decimal(10),
                    starts_on=today,
                    ends_on=today + datetime.timedelta(days=5),
                    articles=[db.session.get(Article, shop.articles["NOV-002"])],
                ),
            ]
        )
        db.session.get(Article, shop.articles["NOV-002"]).available_from = (
            today + datetime.timedelta(days=30)
        )
        db.session.commit()
    portal_login(client, BUYER)
    page = text(client.get("/portal/catalogue/"))

    winter = card_of(page, "The Long Winter")
    assert '<span class="price">€16.00</span>' in winter and "<s " not in winter
    assert '<span class="stock in">5 in stock</span>' in winter
    assert ">24 expected on " in winter
    assert f'data-add="{shop.articles["NOV-001"]}"' in winter
    assert 'data-code="NOV-001 · 9780306406157"' in winter and 'data-quantity="1"' in winter

    summer = card_of(page, "Summer Rain")
    # The group's price level (11.00) less the promotion's 10 %.
    assert '<span class="price">€9.90</span> <s class="muted">€11.00</s>' in summer
    assert '<span class="badge accent">Summer sale</span>' in summer
    assert '<span class="stock out">Out of stock</span>' in summer
    assert ">Pre-order: available from " in summer

    bookmarks = card_of(page, "Bookmarks")
    assert "In multiples of 10 · Minimum 10" in bookmarks
    assert 'data-quantity="10"' in bookmarks and 'data-packs="0"' in bookmarks
    # No stock level in the warehouse: none there.
    assert '<span class="stock out">Out of stock</span>' in bookmarks


def test_the_header_counts_the_lines_of_the_contacts_own_cart_on_every_page(app, client, shop):
    portal_login(client, BUYER)
    assert "Cart (0)" in text(client.get("/portal/catalogue/"))
    add(client, shop.articles["NOV-001"], 2)
    add(client, shop.articles["NOV-002"], 1)
    for path in (
        "/portal/catalogue/",
        "/portal/cart/",
        f"/portal/article/{shop.articles['NOV-001']}",
        "/portal/selections/",
    ):
        assert "Cart (2)" in text(client.get(path)), path
    portal_logout(client)
    portal_login(client, OTHER_BUYER)
    assert "Cart (0)" in text(client.get("/portal/catalogue/"))


def test_search_finds_articles_by_name_sku_and_isbn(app, client, shop):
    portal_login(client, BUYER)
    assert "Summer Rain" in text(client.get("/portal/catalogue/?q=summer"))
    by_sku = text(client.get("/portal/catalogue/?q=NOV-00"))
    assert "The Long Winter" in by_sku and "Summer Rain" in by_sku
    by_isbn = text(client.get("/portal/catalogue/?q=978-0-306-40615-7"))
    assert "The Long Winter" in by_isbn and "Summer Rain" not in by_isbn
    assert "No article matches" in text(client.get("/portal/catalogue/?q=zzzz"))


def test_catalogue_pages_keep_the_chosen_sort_and_count_the_pages(app, client, shop, monkeypatch):
    monkeypatch.setattr(catalogue_views, "PAGE_SIZE", 1)
    portal_login(client, BUYER)
    first = text(client.get("/portal/catalogue/?sort=-name"))
    assert '<option value="-name" selected>' in first
    pages = int(re.search(r"Page 1 of (\d+)", first).group(1))
    assert pages > 1
    following = re.search(r'href="([^"]*page=2[^"]*)"[^>]*>Next<', first)
    assert following and "sort=-name" in following.group(1)
    last = text(client.get(f"/portal/catalogue/?sort=-name&page={pages}"))
    assert f"Page {pages} of {pages}" in last and ">Next<" not in last and ">Previous<" in last


def test_the_article_page_shows_quantity_tiers(app, client, shop):
    portal_login(client, BUYER)
    page = text(client.get(f"/portal/article/{shop.articles['NOV-001']}"))
    assert "Price by quantity" in page and "15.00" in page


def test_the_article_page_reads_no_more_for_many_variants_and_related_articles(app, client, shop):
    portal_login(client, BUYER)
    url = f"/portal/article/{shop.articles['NOV-001']}"

    def add_variants_and_related(count: int) -> None:
        with app.app_context():
            main = db.session.get(Article, shop.articles["NOV-001"])
            for _ in range(count):
                sku = f"NOV-001-{len(main.variants) + 1}"
                variant = Article(sku=sku, name=sku, status="active", base_price=Decimal(20))
                related = Article(
                    sku=f"REL-{sku}", name=sku, status="active", base_price=1, family=main.family
                )
                db.session.add_all([variant, related])
                variant.parent = main
                main.related_articles.append(related)
            db.session.commit()

    add_variants_and_related(1)
    with_one = statements_of(app, client, url)
    add_variants_and_related(4)
    page = text(client.get(url))
    assert "NOV-001-5" in page and "REL-NOV-001-5" not in page  # related shown by name
    assert statements_of(app, client, url) == with_one


def test_a_cart_line_is_changed_and_removed_from_the_cart_page(app, client, shop):
    portal_login(client, BUYER)
    novel, rain = shop.articles["NOV-001"], shop.articles["NOV-002"]
    add(client, novel, 2)
    add(client, rain, 1, line_reference="Class 4B")
    first, second = line_ids(app, BUYER)
    token = csrf_token(client, "/portal/cart/")

    answer = client.post(
        f"/portal/cart/{first}",
        data={"csrf_token": token, "quantity": "5", "line_reference": "Reading club"},
    )
    assert answer.status_code == 302
    assert "The cart is up to date." in text(client.get("/portal/cart/"))
    client.post(
        f"/portal/cart/{second}", data={"csrf_token": token, "quantity": "3", "line_reference": ""}
    )
    assert cart_rows(app, BUYER) == [(novel, 5, "Reading club"), (rain, 3, None)]

    refused = client.post(f"/portal/cart/{first}", data={"csrf_token": token, "quantity": "0.5"})
    assert refused.status_code == 302 and cart_rows(app, BUYER)[0] == (novel, 5, "Reading club")

    removed = client.post(f"/portal/cart/{second}/remove", data={"csrf_token": token})
    assert removed.status_code == 302
    assert cart_rows(app, BUYER) == [(novel, 5, "Reading club")]
    portal_logout(client)

    # Another buyer of the same company can neither change nor remove it.
    portal_login(client, OTHER_BUYER)
    token = csrf_token(client, "/portal/cart/")
    other = {"csrf_token": token, "quantity": "1"}
    assert client.post(f"/portal/cart/{first}", data=other).status_code == 404
    assert (
        client.post(f"/portal/cart/{first}/remove", data={"csrf_token": token}).status_code == 404
    )
    assert cart_rows(app, BUYER) == [(novel, 5, "Reading club")]


def test_the_same_article_added_with_two_line_references_makes_two_lines(app, client, shop):
    portal_login(client, BUYER)
    article = shop.articles["NOV-001"]
    add(client, article, 2, line_reference="Class 4B")
    add(client, article, 3, line_reference="Class 5A")
    add(client, article, 1, line_reference="Class 4B")
    assert cart_rows(app, BUYER) == [(article, 3, "Class 4B"), (article, 3, "Class 5A")]
    page = text(client.get("/portal/cart/"))
    assert "Class 4B" in page and "Class 5A" in page


def test_a_quantity_out_of_range_is_refused_with_a_message_and_changes_nothing(app, client, shop):
    portal_login(client, BUYER)
    response = add(client, shop.articles["NOV-001"], 0)
    assert "Enter a quantity from 1 to 99,999." in text(response)
    response = add(client, shop.articles["NOV-BOX"], 5)
    assert cart_rows(app, BUYER) == []
    assert "at least" in text(response).lower() or "multiple" in text(response).lower()


def test_an_article_of_another_groups_catalogue_cannot_be_added(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.hidden_article_id, 1)
    assert cart_rows(app, BUYER) == []


def test_adding_without_the_csrf_token_is_refused(app, client, shop):
    portal_login(client, BUYER)
    response = client.post(
        "/portal/cart/add", data={"article_id": shop.articles["NOV-001"], "quantity": "1"}
    )
    assert response.status_code in (302, 400)
    assert cart_rows(app, BUYER) == []


def test_checkout_places_one_order_with_the_line_references_and_empties_the_cart(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-001"], 2, line_reference="Class 4B")
    add(client, shop.articles["NOV-002"], 1)
    fields = checkout_form(client)
    fields["reference"] = "PO-2026-17"
    fields["cost_centre"] = "CC-9"
    response = client.post("/portal/checkout/", data=fields)
    assert response.status_code == 302, text(response)
    orders = orders_of(app, shop.customer_id)
    assert len(orders) == 1
    order = orders[0]
    assert order.reference == "PO-2026-17" and order.cost_centre == "CC-9"
    assert order.net_total == Decimal("43.00")  # 2 × 16.00 + 11.00, shipping free here
    assert cart_rows(app, BUYER) == []
    detail = text(client.get(response.headers["Location"]))
    assert order.number in detail and "Class 4B" in detail
    assert order.number in text(client.get("/portal/orders/"))
    with app.app_context():
        assert db.session.scalar(sa.select(sa.func.count(OutboxEntry.id))) >= 1

    # The same form sent again (a double click, a retry) places no second order.
    again = client.post("/portal/checkout/", data=fields)
    assert again.status_code == 302
    assert again.headers["Location"].endswith(f"/portal/orders/{order.number}")
    assert len(orders_of(app, shop.customer_id)) == 1


def test_checkout_refuses_a_delivery_date_it_did_not_offer(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-002"], 1)
    fields = checkout_form(client)
    fields["delivery_date"] = (datetime.date.today() - datetime.timedelta(days=3)).isoformat()
    response = client.post("/portal/checkout/", data=fields)
    assert response.status_code == 422
    assert "Not a valid choice" in text(response)
    assert orders_of(app, shop.customer_id) == []


def test_checkout_refuses_another_companys_address(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-002"], 1)
    fields = checkout_form(client)
    fields["shipping_address"] = str(shop.other_address_id)
    response = client.post("/portal/checkout/", data=fields)
    assert response.status_code == 422
    assert orders_of(app, shop.customer_id) == []


def test_a_budget_line_gets_the_budget_discount_and_spends_the_budget(app, client, shop):
    portal_login(client, BUYER)
    # Published 100 days ago: within the 24-month fixed-price period, so 9 % off 16.00.
    add(client, shop.articles["NOV-001"], 10, budget_code=shop.budget_code)
    cart = text(client.get("/portal/cart/"))
    assert "YOUTH" in cart
    response = client.post("/portal/checkout/", data=checkout_form(client))
    assert response.status_code == 302, text(response)
    with app.app_context():
        budget = db.session.scalars(sa.select(LibraryBudget)).one()
        # 10 × 15.00 (the tier from 10) less 9 % = 136.50
        assert budget.remaining == Decimal("500") - Decimal("136.50")


def test_add_forms_offer_the_customers_own_budgets_and_libraries_and_nothing_else(
    app, client, shop
):
    portal_login(client, BUYER)
    article = shop.articles["NOV-001"]
    pages = {
        "dialog": (client.get("/portal/catalogue/").get_data(as_text=True), "add-"),
        "article page": (
            client.get(f"/portal/article/{article}").get_data(as_text=True),
            f"-{article}",
        ),
    }
    for page, (html, id_part) in pages.items():
        budgets = re.search(r'<select id="([^"]+)" name="budget_code">(.*?)</select>', html)
        libraries = re.search(
            r'<select id="([^"]+)" name="library_relation_code">(.*?)</select>', html
        )
        assert budgets and libraries, page
        assert id_part in budgets[1] and id_part in libraries[1], page
        assert re.findall(r'<option value="([^"]*)">', budgets[2]) == ["", "YOUTH"], page
        assert re.findall(r'<option value="([^"]*)">', libraries[2]) == ["", "MAIN-LIB"], page
    portal_logout(client)

    # Library Two has neither: its forms ask for neither.
    portal_login(client, STRANGER)
    for url in ("/portal/catalogue/", f"/portal/article/{article}"):
        html = client.get(url).get_data(as_text=True)
        assert 'name="quantity"' in html, url
        assert 'name="budget_code"' not in html and 'name="library_relation_code"' not in html


def test_a_buyer_sees_only_their_orders_and_an_administrator_all(app, client, shop):
    for email in (BUYER, OTHER_BUYER):
        portal_login(client, email)
        add(client, shop.articles["NOV-002"], 1)
        client.post("/portal/checkout/", data=checkout_form(client))
        portal_logout(client)
    first, second = sorted(orders_of(app, shop.customer_id), key=lambda o: o.id)
    portal_login(client, BUYER)
    page = text(client.get("/portal/orders/"))
    assert first.number in page and second.number not in page
    assert client.get(f"/portal/orders/{second.number}").status_code == 404
    portal_logout(client)
    portal_login(client, BOSS)
    page = text(client.get("/portal/orders/"))
    assert first.number in page and second.number in page
    portal_logout(client)
    portal_login(client, STRANGER)
    assert client.get(f"/portal/orders/{first.number}").status_code == 404


def test_the_orders_pages_read_no_more_for_more_orders_and_lines(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-001"], 1)
    client.post("/portal/checkout/", data=checkout_form(client))
    (small,) = orders_of(app, shop.customer_id)
    one_order = statements_of(app, client, "/portal/orders/")
    one_line = statements_of(app, client, f"/portal/orders/{small.number}")
    add(client, shop.articles["NOV-001"], 2)
    add(client, shop.articles["NOV-002"], 1, line_reference="Class 4B")
    add(client, shop.articles["NOV-BOX"], 10)
    client.post("/portal/checkout/", data=checkout_form(client))
    (large,) = [o for o in orders_of(app, shop.customer_id) if o.id != small.id]
    page = text(client.get(f"/portal/orders/{large.number}"))
    assert "NOV-BOX" in page and "Class 4B" in page
    assert statements_of(app, client, f"/portal/orders/{large.number}") == one_line
    assert statements_of(app, client, "/portal/orders/") == one_order


def test_reorder_puts_an_orders_lines_back_in_the_cart(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-001"], 2, line_reference="Class 4B")
    client.post("/portal/checkout/", data=checkout_form(client))
    (order,) = orders_of(app, shop.customer_id)
    token = csrf_token(client, f"/portal/orders/{order.number}")
    client.post(f"/portal/orders/{order.number}/reorder", data={"csrf_token": token})
    assert cart_rows(app, BUYER) == [(shop.articles["NOV-001"], 2, "Class 4B")]


def test_a_cart_saved_as_a_template_starts_a_new_cart(app, client, shop):
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-002"], 4, line_reference="Weekly")
    token = csrf_token(client, "/portal/cart/")
    client.post("/portal/templates/new", data={"csrf_token": token, "name": "Weekly order"})
    token = csrf_token(client, "/portal/cart/")
    client.post("/portal/cart/empty", data={"csrf_token": token})
    assert cart_rows(app, BUYER) == []
    page = text(client.get("/portal/templates/"))
    assert "Weekly order" in page
    template_id = re.search(r"/portal/templates/(\d+)/use", page).group(1)
    token = csrf_token(client, "/portal/templates/")
    client.post(f"/portal/templates/{template_id}/use", data={"csrf_token": token})
    assert cart_rows(app, BUYER) == [(shop.articles["NOV-002"], 4, "Weekly")]
    # Another company's contact cannot use it.
    portal_logout(client)
    portal_login(client, STRANGER)
    token = csrf_token(client, "/portal/templates/")
    response = client.post(f"/portal/templates/{template_id}/use", data={"csrf_token": token})
    assert response.status_code == 404


def test_prices_hidden_for_the_customer_show_price_on_request(app, client, shop):
    with app.app_context():
        from app.generated.models import Customer

        db.session.get(Customer, shop.customer_id).hide_prices = "hidden"
        db.session.commit()
    portal_login(client, BUYER)
    page = text(client.get("/portal/catalogue/"))
    assert "Price on request" in page and "16.00" not in page


def test_a_contact_who_may_not_order_cannot_fill_a_cart(app, client, shop):
    with app.app_context():
        from app.generated.models import Contact

        contact = db.session.scalars(sa.select(Contact).where(Contact.email == BUYER)).one()
        contact.may_order = False
        db.session.commit()
    portal_login(client, BUYER)
    response = add(client, shop.articles["NOV-002"], 1)
    assert "may look at the catalogue but not order" in text(response)
    assert cart_rows(app, BUYER) == []


def test_an_order_over_the_contacts_limit_is_refused(app, client, shop):
    with app.app_context():
        from app.generated.models import Contact

        contact = db.session.scalars(sa.select(Contact).where(Contact.email == BUYER)).one()
        contact.order_limit = Decimal("20")
        db.session.commit()
    portal_login(client, BUYER)
    add(client, shop.articles["NOV-001"], 2)
    response = client.post("/portal/checkout/", data=checkout_form(client))
    assert response.status_code == 422
    assert "over your order limit" in text(response)
    assert orders_of(app, shop.customer_id) == []
