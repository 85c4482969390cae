"""The demonstration data covers every entity, and every screen shows it to the administrator:
list, record, edit form and add form, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import re

import pytest
import sqlalchemy as sa

from app.demo import demo_portal_password, load_demo_data
from app.extensions import db
from tests.conftest import Auth, _empty_seller_tables
from tests.integration.records import ENTITIES, MODEL, model_class, screen, screen_allows
from tests.portal import portal_login, text


@pytest.fixture(scope="module")
def demo(backend_app):
    with backend_app.app_context():
        counts = load_demo_data()
        first = {
            e.name: db.session.scalar(sa.select(sa.func.min(model_class(e).id))) for e in ENTITIES
        }
        db.session.remove()
    yield counts, first
    _empty_seller_tables(backend_app)


def test_demo_data_holds_records_of_every_entity(demo):
    _counts, first = demo
    assert [name for name, pk in first.items() if pk is None] == []


def test_demo_data_loads_once(backend_app, demo):
    with backend_app.app_context():
        assert load_demo_data() == {}


def test_demo_data_fills_every_many_to_many_relation(backend_app, demo):
    with backend_app.app_context():
        tables = {
            f.name: model_class(e).__mapper__.relationships[f.name].secondary
            for e in ENTITIES
            for f in e.fields.values()
            if f.type == "many_to_many"
        }
        empty = [
            name
            for name, table in tables.items()
            if not db.session.scalar(sa.select(sa.func.count()).select_from(table))
        ]
        db.session.remove()
    assert empty == []


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.name for e in ENTITIES])
def test_administrator_opens_every_screen_of_the_demo_data(backend_app, demo, entity):
    _counts, first = demo
    client = backend_app.test_client()
    Auth(client).login("admin")
    base = screen(entity)
    pk = first[entity.name]
    listing = client.get(f"{base}/list/")
    assert listing.status_code == (302 if entity.singleton else 200)
    urls = [f"{base}/show/{pk}"] + [
        url
        for action, url in (("edit", f"{base}/edit/{pk}"), ("add", f"{base}/add"))
        if screen_allows(entity, action)
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Traceback" not in response.get_data(as_text=True)


def test_model_names_each_entity_the_demo_counts(demo):
    counts, _first = demo
    assert len(counts) >= len(MODEL.entities)


def test_the_demo_customer_administrator_browses_and_orders_in_the_portal(backend_app, demo):
    """`make run` prints this login: with it, the demo must be a working shop, not empty pages."""
    with backend_app.app_context():
        email, password = demo_portal_password()
    client = backend_app.test_client()
    portal_login(client, email, password)
    catalogue = client.get("/portal/catalogue/")
    assert catalogue.status_code == 200
    assert "€" in text(catalogue), "the demo customer sees no price"
    cart = text(client.get("/portal/cart/"))
    assert "Prix des lecteurs" in cart and "2026-JEU" in cart
    page = text(client.get("/portal/checkout/"))
    fields = dict(re.findall(r'<input[^>]*name="([a-z_]+)"[^>]*value="([^"]*)"', page))
    for name in ("shipping_address", "billing_address", "delivery_date", "payment_method"):
        select = re.search(rf'<select[^>]*name="{name}".*?</select>', page, re.S).group(0)
        chosen = re.search(r'<option selected value="([^"]*)"', select) or re.search(
            r'<option value="([^"]*)"', select
        )
        fields[name] = chosen.group(1)
    placed = client.post("/portal/checkout/", data=fields)
    assert placed.status_code == 302, text(placed)
    assert "/portal/orders/" in placed.headers["Location"]
