"""A back-office page asks the database a bounded number of questions, whatever the menu's size.

Counting statements, not timing them: Flask-AppBuilder checks a permission for every menu entry and
button, one query each for roles kept in the database (the superuser's), unless answered from the
request's cache.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db
from tests.integration.records import make_row, user


@contextmanager
def counted_statements(app):
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_superusers_list_page_checks_permissions_with_one_query(app, client, auth):
    auth.login("admin")
    client.get("/customerview/list/")
    with counted_statements(app) as statements:
        assert client.get("/customerview/list/").status_code == 200
    permission_checks = [s for s in statements if "ab_permission_view" in s]
    assert len(permission_checks) == 1
    # The user and roles (3), the page and its count (2), the tags of the page's rows (1), the
    # options of the four relation filters (2 each: group, tags, representative, level), and the
    # page's language (2: the user's saved language, none here, then the shop's default).
    assert len(statements) <= 16, "\n".join(statements)


def test_permissions_removed_from_a_role_take_effect_on_the_next_request(app, client, auth):
    auth.login("admin")
    assert client.get("/customerview/list/").status_code == 200
    with app.app_context():
        sm = app.appbuilder.sm
        role = sm.find_role("admin")
        kept = [p.id for p in role.permissions]
        role.permissions = [p for p in role.permissions if p.view_menu.name != "CustomerView"]
        sm.session.commit()
    try:
        assert client.get("/customerview/list/").status_code == 403
    finally:
        with app.app_context():
            sm = app.appbuilder.sm
            role = sm.find_role("admin")
            role.permissions = [sm.session.get(sm.permissionview_model, pk) for pk in kept]
            sm.session.commit()


def test_customer_list_statements_do_not_grow_with_its_rows(app, client, auth, session):
    """Tags, group and representative of every row come with the page, not one query a row."""
    tag = make_row(session, "customer_tag", name="School")
    group = make_row(session, "customer_group")

    def add_customers(n):
        for _ in range(n):
            make_row(session, "customer", tags=[tag], group=group, sales_rep=user(session, "rep1"))
        session.commit()

    add_customers(2)
    auth.login("admin")
    client.get("/customerview/list/")
    with counted_statements(app) as few:
        assert client.get("/customerview/list/").status_code == 200
    add_customers(20)
    client.get("/customerview/list/")  # warm up as above: the login's user is loaded once
    with counted_statements(app) as many:
        assert client.get("/customerview/list/").status_code == 200
    extra = [s for s in many if s not in few]
    assert len(many) == len(few), "\n".join(s[:300] for s in extra)
