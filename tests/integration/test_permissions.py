"""The permission matrix, read from model.yaml: every role x entity x action, on screen and API.

Allowed and refused are what model.yaml declares, so the test cannot drift from the model. Each
role logs in once (screen session and JWT) for the whole module; the rows the actions point at
are created once and are visible to every role's row rules, so a refusal here is a permission
refusal, never a row-scope 404.

What Flask-AppBuilder answers when it refuses:
- a screen, to a logged-in user: 403 (its `has_access` aborts);
- a screen, to an anonymous visitor: 302 to /login/?next=<the page>;
- the REST API, to a valid JWT without the permission: 403; without a token: 401.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
import sqlalchemy as sa

from app.extensions import db
from tests.conftest import (
    PASSWORD,
    USERS,
    Auth,
    _empty_seller_tables,
    csrf_token,
    session_and_token_of,
)
from tests.integration.records import (
    API_ENTITIES,
    ENTITIES,
    MODEL,
    api,
    make_row,
    meeting_rule,
    model_class,
    payload,
    screen,
    screen_allows,
)

SCREEN_ACTIONS = ("list", "show", "add", "edit", "delete", "export")
# On PostgreSQL the matrix runs for the entities some role sees only part of (tests/conftest.py).
POSTGRESQL_ENTITIES = {
    name for role in MODEL.roles.values() for name, p in role.permissions.items() if p.rows
}
API_ACTIONS = ("list", "show", "add", "edit", "delete")
ROLES = list(MODEL.roles.values())


def is_allowed(role_name: str, entity_name: str, action: str) -> bool:
    """What model.yaml declares: the superuser may do all, portal roles nothing."""
    role = MODEL.roles[role_name]
    if role.superuser:
        return True
    if role.area != "back_office":
        return False
    permission = role.permissions.get(entity_name)
    return permission is not None and action in permission.actions


def _username(role_name: str) -> str:
    """The fixture user holding exactly this role, or one the matrix creates for it."""
    for username, roles in USERS.items():
        if roles == [role_name]:
            return username
    return f"matrix_{role_name}"


def _row_values(session, entity, users: dict[str, object]) -> dict:
    """Field values meeting every role's row rules on `entity`, so every role sees the row."""
    values = {}
    for role in ROLES:
        permission = role.permissions.get(entity.name)
        for path, value in (permission.rows if permission else {}).items():
            wanted = users[role.name] if value == "current_user" else value
            first, meeting = meeting_rule(session, entity, path, wanted)
            assert first not in values, f"teach the matrix to combine rules on {first}"
            values[first] = meeting
    return values


@pytest.fixture(scope="module")
def matrix(backend_app):
    """One logged-in screen client and one JWT per role; one visible row per entity."""
    app = backend_app
    with app.app_context():
        sm = app.appbuilder.sm
        users = {}
        for role in ROLES:
            name = _username(role.name)
            found = sm.find_user(username=name)
            if found is None:
                found = sm.add_user(
                    name,
                    "Matrix",
                    role.name,
                    f"{name}@example.com",
                    [sm.find_role(role.name)],
                    password=PASSWORD,
                )
            users[role.name] = found
        rows = {}
        for entity in ENTITIES:
            values = _row_values(db.session, entity, users)
            rows[entity.name] = make_row(db.session, entity, **values)
        db.session.commit()
        pks = {name: row.id for name, row in rows.items()}
        user_ids = {role: u.id for role, u in users.items()}
        db.session.remove()

    screens, tokens, jwts = {}, {}, {}
    for role in ROLES:
        client = app.test_client()
        auth = Auth(client)
        # The session's CSRF token outlives the login, so a refused role still gets one.
        tokens[role.name] = csrf_token(client, "/login/")
        response = auth.login(_username(role.name))
        if role.area == "portal":
            # The back office's door is closed to portal contacts (their login is
            # /portal/login). The matrix still checks that their roles open nothing, should a
            # session or a token of theirs ever reach the back office: both are made directly.
            assert "/login" in response.location, role.name
            screens[role.name] = client
            jwts[role.name] = session_and_token_of(app, client, user_ids[role.name])
            continue
        assert response.status_code == 302 and "/login" not in response.location, role.name
        screens[role.name] = client
        jwts[role.name] = auth.jwt(_username(role.name))
    yield SimpleNamespace(
        app=app, screens=screens, tokens=tokens, jwts=jwts, pks=pks, user_ids=user_ids
    )
    _empty_seller_tables(app)


def _throwaway(matrix, entity) -> int:
    """A fresh row (visible to every role) for an action that deletes it."""
    with matrix.app.app_context():
        sm = matrix.app.appbuilder.sm
        users = {role: sm.get_user_by_id(uid) for role, uid in matrix.user_ids.items()}
        row = make_row(db.session, entity, **_row_values(db.session, entity, users))
        db.session.commit()
        pk = row.id
        db.session.remove()
    return pk


def _exists(matrix, entity, pk) -> bool:
    with matrix.app.app_context():
        found = db.session.get(model_class(entity), pk) is not None
        db.session.remove()
    return found


def _cases(actions, entities):
    return [
        pytest.param(role.name, entity, action, id=f"{role.name}-{entity.name}-{action}")
        for role in ROLES
        for entity in entities
        for action in actions
    ]


@pytest.mark.parametrize(("role", "entity", "action"), _cases(SCREEN_ACTIONS, ENTITIES))
def test_each_role_may_use_exactly_the_screens_model_yaml_grants(matrix, role, entity, action):
    client = matrix.screens[role]
    base = screen(entity)
    pk = matrix.pks[entity.name]
    allowed = is_allowed(role, entity.name, action) and screen_allows(entity, action)

    if action == "delete":
        # The one settings record is refused deletion even to those allowed to delete.
        pk = pk if entity.singleton else _throwaway(matrix, entity)
        response = client.post(f"{base}/delete/{pk}", data={"csrf_token": matrix.tokens[role]})
        if allowed:
            assert response.status_code == 302
            assert _exists(matrix, entity, pk) is entity.singleton
        else:
            assert response.status_code == 403
            assert _exists(matrix, entity, pk)
        return

    url = {
        "list": f"{base}/list/",
        "show": f"{base}/show/{pk}",
        "add": f"{base}/add",
        "edit": f"{base}/edit/{pk}",
        "export": f"{base}/export/",
    }[action]
    response = client.get(url)
    if allowed and entity.singleton and action == "list":
        # A singleton's list is its one record.
        assert response.status_code == 302 and response.location.endswith(f"/show/{pk}")
        return
    assert response.status_code == (200 if allowed else 403), url
    if allowed and action == "export":
        assert response.mimetype == "text/csv"


@pytest.mark.parametrize(("role", "entity", "action"), _cases(API_ACTIONS, API_ENTITIES))
def test_each_role_may_use_exactly_the_api_calls_model_yaml_grants(matrix, role, entity, action):
    client = matrix.screens[role]
    headers = matrix.jwts[role]
    url = api(entity)
    pk = matrix.pks[entity.name]
    allowed = is_allowed(role, entity.name, action)

    if action == "list":
        response = client.get(f"{url}?q=(page_size:100)", headers=headers)
        assert response.status_code == (200 if allowed else 403)
        if allowed:
            assert pk in response.json["ids"]
    elif action == "show":
        response = client.get(f"{url}{pk}", headers=headers)
        assert response.status_code == (200 if allowed else 403)
    elif action == "add":
        with matrix.app.app_context():
            sm = matrix.app.appbuilder.sm
            users = {role: sm.get_user_by_id(uid) for role, uid in matrix.user_ids.items()}
            # Related records the role may see, so that a refusal can only be a permission's.
            scoped = {
                name: [r.id for r in value] if isinstance(value, list) else value.id
                for name, value in _row_values(db.session, entity, users).items()
            }
            body = payload(entity, db.session, **scoped)
            db.session.commit()
            db.session.remove()
        response = client.post(url, json=body, headers=headers)
        # A second settings record is refused to anyone allowed to add one.
        expected = (422 if entity.singleton else 201) if allowed else 403
        assert response.status_code == expected, response.get_data(as_text=True)
    elif action == "edit":
        # Writing a required field back unchanged (or nothing): a valid edit for every entity.
        fields = [
            f
            for f in entity.fields.values()
            if f.required
            and f.type in ("string", "integer")
            and f.name not in entity.admin.read_only
        ]
        body = {}
        with matrix.app.app_context():
            if fields:
                row = db.session.get(model_class(entity), pk)
                body = {fields[0].name: getattr(row, fields[0].name)}
            db.session.remove()
        response = client.put(f"{url}{pk}", json=body, headers=headers)
        assert response.status_code == (200 if allowed else 403), response.get_data(as_text=True)
    elif entity.singleton:
        response = client.delete(f"{url}{pk}", headers=headers)
        assert response.status_code == (422 if allowed else 403)
        assert _exists(matrix, entity, pk)
    else:
        pk = _throwaway(matrix, entity)
        response = client.delete(f"{url}{pk}", headers=headers)
        assert response.status_code == (200 if allowed else 403)
        assert _exists(matrix, entity, pk) is not allowed


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.name for e in ENTITIES])
def test_anonymous_visitor_is_sent_to_the_login_page_from_every_screen(matrix, entity):
    client = matrix.app.test_client()
    token = csrf_token(client, "/login/")
    base = screen(entity)
    pk = matrix.pks[entity.name]
    for url in (
        f"{base}/list/",
        f"{base}/show/{pk}",
        f"{base}/add",
        f"{base}/edit/{pk}",
        f"{base}/export/",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        location = urlsplit(response.location)
        assert location.path == "/login/"
        assert parse_qs(location.query)["next"] == [f"http://localhost{url}"]
    response = client.post(f"{base}/delete/{pk}", data={"csrf_token": token})
    assert response.status_code == 302
    assert urlsplit(response.location).path == "/login/"
    assert _exists(matrix, entity, pk)


@pytest.mark.parametrize("entity", API_ENTITIES, ids=[e.name for e in API_ENTITIES])
def test_api_without_a_token_answers_401_to_every_call(matrix, entity):
    client = matrix.app.test_client()
    url = api(entity)
    pk = matrix.pks[entity.name]
    calls = [
        client.get(url),
        client.get(f"{url}{pk}"),
        client.get(f"{url}_info"),
        client.post(url, json=payload(entity)),
        client.put(f"{url}{pk}", json={}),
        client.delete(f"{url}{pk}"),
    ]
    assert [r.status_code for r in calls] == [401] * len(calls)
    assert _exists(matrix, entity, pk)


def test_screen_session_does_not_open_the_api(matrix):
    """The generated APIs take JWTs only: a logged-in browser cannot be driven through them."""
    client = matrix.screens[MODEL.superuser_role.name]
    entity = API_ENTITIES[0]
    assert client.get(api(entity)).status_code == 401


@pytest.mark.parametrize("role", [r.name for r in ROLES if r.area != "back_office"])
def test_portal_user_is_refused_the_back_office_home_menu(matrix, role):
    """A portal contact logs in, but the back office shows them no entity in its menu."""
    body = matrix.screens[role].get("/").get_data(as_text=True)
    for entity in ENTITIES:
        assert f'href="{screen(entity)}/list/' not in body


def test_every_role_of_model_yaml_has_a_user_in_the_matrix(matrix):
    with matrix.app.app_context():
        sm = matrix.app.appbuilder.sm
        for role in ROLES:
            user = sm.find_user(username=_username(role.name))
            assert [r.name for r in user.roles] == [role.name]
        assert db.session.scalar(sa.select(sa.func.count()).select_from(model_class(ENTITIES[0])))
        db.session.remove()
