"""Row scope: what part of an entity each role sees, the same on the list, the show and edit
screens, the export, the related lists and the REST API (model.yaml `rows:` rules).

A sales representative sees the customers assigned to them; the order desk sees every customer;
a user holding several roles sees the union; a user with no role granting the entity
sees nothing. A row out of scope does not exist for the user: 404, never 403, so its existence
does not leak.
"""

from __future__ import annotations

import csv
import io
import re
from types import SimpleNamespace

import pytest
import sqlalchemy as sa
from flask import g

from app.domain import scoping
from app.domain.scoping import restrict_to_visible_rows
from app.generated.models import Customer
from tests.conftest import PASSWORD, csrf_token, session_and_token_of
from tests.integration.records import make_row, user


@pytest.fixture
def book(session):
    """Customers of rep1, of rep2 and of nobody, in every status the desk must tell apart."""
    rep1, rep2 = user(session, "rep1"), user(session, "rep2")
    group = make_row(session, "customer_group", name="Libraries")
    rows = [
        make_row(
            session,
            "customer",
            code="R1-ACTIVE",
            name="Rep one active",
            status="active",
            sales_rep=rep1,
            group=group,
        ),
        make_row(
            session,
            "customer",
            code="R1-PENDING",
            name="Rep one pending",
            status="pending",
            sales_rep=rep1,
            group=group,
        ),
        make_row(
            session,
            "customer",
            code="R2-ACTIVE",
            name="Rep two active",
            status="active",
            sales_rep=rep2,
            group=group,
        ),
        make_row(
            session,
            "customer",
            code="R2-SUSPENDED",
            name="Rep two suspended",
            status="suspended",
            sales_rep=rep2,
            group=group,
        ),
        make_row(
            session, "customer", code="NOBODY-ACTIVE", name="Nobody's active", status="active"
        ),
    ]
    session.commit()
    ids = {row.code: row.id for row in rows}
    ids["group"] = group.id
    return ids


def _codes_on_list(client, book, url="/customerview/list/") -> set[str]:
    """The customers a page links to (by their show link)."""
    body = client.get(url).get_data(as_text=True)
    shown = {int(pk) for pk in re.findall(r"/customerview/show/(\d+)", body)}
    return {code for code, pk in book.items() if code != "group" and pk in shown}


def _codes_in_api(client, headers) -> set[str]:
    response = client.get("/api/v1/customer/", headers=headers)
    assert response.status_code == 200
    return {row["code"] for row in response.json["result"]}


def _codes_in_export(client) -> set[str]:
    response = client.get("/customerview/export/")
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    return {row[0] for row in rows[1:]}


# ---------------------------------------------------------------- sales representative


def test_sales_rep_sees_only_own_customers(client, auth, book):
    auth.login("rep1")
    assert _codes_on_list(client, book) == {"R1-ACTIVE", "R1-PENDING"}


def test_sales_rep_gets_only_own_customers_from_the_api(client, auth, book):
    assert _codes_in_api(client, auth.jwt("rep1")) == {"R1-ACTIVE", "R1-PENDING"}
    assert _codes_in_api(client, auth.jwt("rep2")) == {"R2-ACTIVE", "R2-SUSPENDED"}


def test_sales_rep_exports_only_own_customers(client, auth, book):
    auth.login("rep2")
    assert _codes_in_export(client) == {"R2-ACTIVE", "R2-SUSPENDED"}


def test_sales_rep_count_and_filters_stay_within_own_customers(client, auth, book):
    """A filter cannot widen the scope: the filter is joined to it, never instead of it."""
    headers = auth.jwt("rep1")
    response = client.get(
        "/api/v1/customer/?q=(filters:!((col:status,opr:eq,value:active)))", headers=headers
    )
    assert response.json["count"] == 1
    assert [r["code"] for r in response.json["result"]] == ["R1-ACTIVE"]
    auth.login("rep1")
    url = "/customerview/list/?_flt_0_status=active"
    assert _codes_on_list(client, book, url) == {"R1-ACTIVE"}


@pytest.mark.parametrize("page", ["show", "edit"])
def test_sales_rep_gets_404_for_another_reps_customer_screen(client, auth, book, page):
    auth.login("rep1")
    assert client.get(f"/customerview/{page}/{book['R1-ACTIVE']}").status_code == 200
    assert client.get(f"/customerview/{page}/{book['R2-ACTIVE']}").status_code == 404
    assert client.get(f"/customerview/{page}/{book['NOBODY-ACTIVE']}").status_code == 404


def test_sales_rep_cannot_change_another_reps_customer_on_screen(client, auth, session, book):
    auth.login("rep1")
    token = csrf_token(client, f"/customerview/edit/{book['R1-ACTIVE']}")
    pk = book["R2-ACTIVE"]
    response = client.post(
        f"/customerview/edit/{pk}",
        data={
            "csrf_token": token,
            "code": "STOLEN",
            "name": "Stolen",
            "status": "active",
            "country": "FR",
        },
    )
    assert response.status_code == 404
    session.expire_all()
    assert session.get(Customer, pk).code == "R2-ACTIVE"


def test_sales_rep_gets_404_for_another_reps_customer_in_the_api(client, auth, session, book):
    headers = auth.jwt("rep1")
    pk = book["R2-ACTIVE"]
    assert client.get(f"/api/v1/customer/{book['R1-ACTIVE']}", headers=headers).status_code == 200
    assert client.get(f"/api/v1/customer/{pk}", headers=headers).status_code == 404
    response = client.put(f"/api/v1/customer/{pk}", json={"name": "Stolen"}, headers=headers)
    assert response.status_code == 404
    session.expire_all()
    assert session.get(Customer, pk).name == "Rep two active"


def test_sales_rep_sees_only_own_customers_in_a_groups_related_list(client, auth, book):
    auth.login("rep1")
    url = f"/customergroupview/show/{book['group']}"
    assert client.get(url).status_code == 200
    assert _codes_on_list(client, book, url) == {"R1-ACTIVE", "R1-PENDING"}


def test_sales_rep_quick_search_stays_within_own_customers(client, auth, book):
    auth.login("rep1")
    assert _codes_on_list(client, book, "/customerview/list/?q=active") == {"R1-ACTIVE"}


# ---------------------------------------------------------------- order desk


def test_order_desk_sees_every_customer_read_only(client, auth, book):
    """The desk confirms every customer's orders: it sees them all, and changes none."""
    everyone = {code for code in book if code != "group"}
    auth.login("desk")
    assert _codes_on_list(client, book) == everyone
    assert _codes_in_api(client, auth.jwt("desk")) == everyone
    assert client.get(f"/customerview/edit/{book['R1-ACTIVE']}").status_code == 403


def test_a_literal_row_rule_keeps_the_rows_holding_that_value(monkeypatch, session, book):
    """`rows: {status: active}`: a rule may compare with a value instead of the user."""
    monkeypatch.setitem(
        scoping.ROLES,
        "order_desk",
        {"permissions": {"customer": {"actions": ["list"], "rows": {"status": "active"}}}},
    )
    desk = user(session, "desk")
    query = restrict_to_visible_rows(sa.select(Customer.code), Customer, "customer", desk)
    assert set(session.scalars(query)) == {"R1-ACTIVE", "R2-ACTIVE", "NOBODY-ACTIVE"}


# ---------------------------------------------------------------- several roles, no role


def test_user_with_a_scoped_and_an_unscoped_role_sees_every_customer(
    app, client, auth, session, book
):
    """Roles add up: the order desk's grant, without a rule, opens every row."""
    sm = app.appbuilder.sm
    sm.add_user(
        "both",
        "Rep",
        "Desk",
        "both@example.com",
        [sm.find_role("sales_rep"), sm.find_role("order_desk")],
        password=PASSWORD,
    )
    everyone = {code for code in book if code != "group"}
    assert _codes_in_api(client, auth.jwt("both")) == everyone


def test_user_with_two_scoped_roles_sees_the_union(monkeypatch, session, book):
    monkeypatch.setitem(
        scoping.ROLES,
        "order_desk",
        {"permissions": {"customer": {"actions": ["list"], "rows": {"status": "suspended"}}}},
    )
    both = SimpleNamespace(
        id=user(session, "rep1").id,
        roles=[SimpleNamespace(name="sales_rep"), SimpleNamespace(name="order_desk")],
    )
    query = restrict_to_visible_rows(sa.select(Customer.code), Customer, "customer", both)
    assert set(session.scalars(query)) == {"R1-ACTIVE", "R1-PENDING", "R2-SUSPENDED"}


@pytest.mark.parametrize("username", ["buyer", None])
def test_user_with_no_role_granting_customers_sees_none(app, session, book, username):
    """The rule itself, as the portal asks it: no grant means no row, not every row."""
    if username is None:
        sm = app.appbuilder.sm
        sm.add_user("nobody", "No", "Role", "nobody@example.com", [], password=PASSWORD)
        username = "nobody"
    who = user(session, username)
    query = restrict_to_visible_rows(sa.select(Customer), Customer, "customer", who)
    assert session.scalars(query).all() == []


def test_superuser_sees_every_customer(client, auth, book):
    everyone = {code for code in book if code != "group"}
    assert _codes_in_api(client, auth.jwt("admin")) == everyone
    auth.login("admin")
    assert _codes_on_list(client, book) == everyone
    assert _codes_in_export(client) == everyone


@pytest.mark.parametrize("username", ["buyer"])
def test_user_with_no_role_granting_customers_is_refused_the_screens_and_api(
    app, client, auth, book, username
):
    """A portal role is refused the back office's login; with a session or token made without
    it, its role still opens nothing."""
    assert "/login" in auth.login(username).location
    with app.app_context():
        user_id = app.appbuilder.sm.find_user(username=username).id
    # This module's fixtures keep an app context open across requests, and with it the `g`
    # where Flask-Login cached the anonymous user of the refused login.
    g.pop("_login_user", None)
    other = app.test_client()
    headers = session_and_token_of(app, other, user_id)
    assert other.get("/customerview/list/").status_code == 403
    assert other.get("/customerview/export/").status_code == 403
    assert other.get("/api/v1/customer/", headers=headers).status_code == 403


def test_sales_rep_is_offered_only_own_customers_in_a_contact_form(client, auth, book):
    auth.login("rep1")
    page = client.get("/contactview/add").get_data(as_text=True)
    assert "Rep one active" in page
    assert "Rep two active" not in page
    assert "Nobody&#39;s active" not in page and "Nobody's active" not in page


def test_sales_rep_api_info_offers_only_own_customers(client, auth, book):
    info = client.get("/api/v1/contact/_info", headers=auth.jwt("rep1")).json
    offered = {
        value["value"]
        for field in info["add_columns"]
        if field["name"] == "customers"
        for value in field["values"]
    }
    assert offered == {"Rep one active", "Rep one pending"}


def test_sales_rep_cannot_link_a_contact_to_another_reps_customer(app, client, auth, book):
    body = {
        "first_name": "Eve",
        "last_name": "Intruder",
        "email": "eve@example.com",
        "company_role": "buyer",
        "customers": [book["R2-ACTIVE"]],
    }
    response = client.post("/api/v1/contact/", json=body, headers=auth.jwt("rep1"))
    assert response.status_code == 422, response.get_data(as_text=True)
    assert response.json["message"] == {"customers": ["No such record."]}
    body["customers"] = [book["R1-ACTIVE"]]
    response = client.post("/api/v1/contact/", json=body, headers=auth.jwt("rep1"))
    assert response.status_code == 201, response.get_data(as_text=True)
