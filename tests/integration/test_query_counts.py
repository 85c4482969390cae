"""A back-office page asks the database a bounded number of questions, whatever the menu's size.

Counting statements, not timing them: Flask-AppBuilder checks a permission for every menu entry and
button, one query each for roles kept in the database (the superuser's), unless answered from the
request's cache.
"""

from __future__ import annotations

from contextlib import contextmanager

from sqlalchemy import event

from app.extensions import db


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
    assert len(statements) <= 12, "\n".join(statements)


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
