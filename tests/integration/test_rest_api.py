"""The REST API: JWT login, listing with filters and ordering, showing, creating, refusing bad
input field by field, never leaking a password hash, and a throttled login.

Flask-AppBuilder answers a body that fails validation with 422 and {"message": {field: [...]}};
these tests hold every refusal to that shape, so a client can show the message next to the field.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import prison
import pytest
import sqlalchemy as sa
from flask_appbuilder import ModelRestApi
from flask_jwt_extended import create_access_token

from app.extensions import db
from app.generated.models import Contact, Customer, CustomerGroup, LibraryBudget
from tests.conftest import PASSWORD, make_app
from tests.integration.records import API_ENTITIES, count, make_row, payload, user

LOGIN = "/api/v1/security/login"


def _q(**args) -> dict[str, str]:
    return {"q": prison.dumps(args)}


# ---------------------------------------------------------------- logging in


def test_api_login_returns_a_token_that_opens_the_api(client):
    body = {"username": "admin", "password": PASSWORD, "provider": "db"}
    response = client.post(LOGIN, json=body)
    assert response.status_code == 200
    token = response.json["access_token"]
    listing = client.get("/api/v1/customer/", headers={"Authorization": f"Bearer {token}"})
    assert listing.status_code == 200


def test_api_login_with_a_wrong_password_is_refused(client):
    response = client.post(LOGIN, json={"username": "admin", "password": "wrong", "provider": "db"})
    assert response.status_code == 401
    assert "access_token" not in response.json


def test_api_refuses_a_garbled_token_with_401(client):
    response = client.get("/api/v1/customer/", headers={"Authorization": "Bearer abc.def.ghi"})
    assert response.status_code == 401


def test_api_refuses_a_token_with_a_forged_signature_with_401(client, auth):
    token = auth.jwt("rep1")["Authorization"].removeprefix("Bearer ")
    header, body, signature = token.split(".")
    forged = f"{header}.{body}.{signature[::-1]}"
    response = client.get("/api/v1/customer/", headers={"Authorization": f"Bearer {forged}"})
    assert response.status_code == 401


def test_api_refuses_an_expired_token_with_401(app, client, session):
    with app.test_request_context():
        token = create_access_token(
            identity=str(user(session, "admin").id), expires_delta=dt.timedelta(seconds=-1)
        )
    response = client.get("/api/v1/customer/", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401


def test_api_refuses_the_token_of_a_deactivated_user_with_401(app, client, auth, session):
    sm = app.appbuilder.sm
    sm.add_user(
        "leaver",
        "Leaving",
        "Rep",
        "leaver@example.com",
        [sm.find_role("sales_rep")],
        password=PASSWORD,
    )
    headers = auth.jwt("leaver")
    assert client.get("/api/v1/customer/", headers=headers).status_code == 200
    leaver = user(session, "leaver")
    leaver.active = False
    session.commit()
    assert client.get("/api/v1/customer/", headers=headers).status_code == 401


# ---------------------------------------------------------------- reading


@pytest.fixture
def customers(session):
    """Three customers of two groups; rep1 looks after two of them."""
    rep1 = user(session, "rep1")
    retail = make_row(session, "customer_group", name="Retail")
    schools = make_row(session, "customer_group", name="Schools")
    rows = [
        make_row(
            session,
            "customer",
            code="C-ACME",
            name="Acme Books",
            status="active",
            group=retail,
            sales_rep=rep1,
            email="orders@acme.example",
        ),
        make_row(
            session,
            "customer",
            code="C-BETA",
            name="Beta Library",
            status="pending",
            group=schools,
            sales_rep=rep1,
        ),
        make_row(
            session,
            "customer",
            code="C-ZETA",
            name="Zeta ACME Trading",
            status="active",
            group=retail,
        ),
    ]
    session.commit()
    return {row.code: row.id for row in rows}


def test_api_lists_customers_matching_a_filter_in_the_order_asked(client, auth, customers):
    headers = auth.jwt("admin")
    query = _q(
        filters=[{"col": "name", "opr": "ct", "value": "acme"}],
        order_column="name",
        order_direction="desc",
    )
    response = client.get("/api/v1/customer/", query_string=query, headers=headers)
    assert response.status_code == 200
    assert response.json["count"] == 2
    assert [r["code"] for r in response.json["result"]] == ["C-ZETA", "C-ACME"]


def test_api_filters_customers_by_status_and_group(client, auth, session, customers):
    headers = auth.jwt("admin")
    retail = session.scalars(sa.select(CustomerGroup).where(CustomerGroup.name == "Retail")).one()
    query = _q(
        filters=[
            {"col": "status", "opr": "eq", "value": "active"},
            {"col": "group", "opr": "rel_o_m", "value": retail.id},
        ],
        order_column="code",
        order_direction="asc",
    )
    response = client.get("/api/v1/customer/", query_string=query, headers=headers)
    assert [r["code"] for r in response.json["result"]] == ["C-ACME", "C-ZETA"]
    assert all(r["group"] == {"id": retail.id, "name": "Retail"} for r in response.json["result"])


def test_api_pages_through_a_list(client, auth, customers):
    headers = auth.jwt("admin")
    query = _q(order_column="code", order_direction="asc", page=1, page_size=2)
    response = client.get("/api/v1/customer/", query_string=query, headers=headers)
    assert response.json["count"] == 3
    assert [r["code"] for r in response.json["result"]] == ["C-ZETA"]


def test_api_refuses_to_order_by_a_column_it_does_not_offer(client, auth, customers):
    headers = auth.jwt("admin")
    query = _q(order_column="private_message", order_direction="asc")
    response = client.get("/api/v1/customer/", query_string=query, headers=headers)
    assert response.status_code == 400


def test_api_shows_a_customer_with_its_group_and_sales_rep_by_name(client, auth, customers):
    headers = auth.jwt("admin")
    response = client.get(f"/api/v1/customer/{customers['C-ACME']}", headers=headers)
    assert response.status_code == 200
    shown = response.json["result"]
    assert shown["code"] == "C-ACME"
    assert shown["email"] == "orders@acme.example"
    assert shown["group"]["name"] == "Retail"
    assert shown["sales_rep"]["username"] == "rep1"
    assert set(shown["sales_rep"]) == {"id", "username"}


def test_api_answers_404_for_a_customer_that_does_not_exist(client, auth):
    response = client.get("/api/v1/customer/999999", headers=auth.jwt("admin"))
    assert response.status_code == 404


# ---------------------------------------------------------------- writing


def test_api_creates_a_customer_from_valid_data(client, auth, session):
    rep1 = user(session, "rep1").id
    group = make_row(session, "customer_group").id
    session.commit()
    body = {
        "code": "C-NEW",
        "name": "New Books",
        "status": "active",
        "country": "BE",
        "language": "fr",
        "email": "buy@new.example",
        "phone": "+32 2 123 45 67",
        "website": "https://new.example",
        "credit_limit": "1500.50",
        "payment_days": 45,
        "customer_since": "2024-09-01",
        "group": group,
        "sales_rep": rep1,
    }
    response = client.post("/api/v1/customer/", json=body, headers=auth.jwt("admin"))
    assert response.status_code == 201, response.get_data(as_text=True)
    session.expire_all()
    row = session.get(Customer, response.json["id"])
    assert (row.code, row.status, row.country, row.language) == ("C-NEW", "active", "BE", "fr")
    assert row.credit_limit == Decimal("1500.50")
    assert row.payment_days == 45
    assert row.customer_since == dt.date(2024, 9, 1)
    assert (row.group_id, row.sales_rep_id) == (group, rep1)


def test_api_edits_a_customer(client, auth, session, customers):
    pk = customers["C-BETA"]
    response = client.put(
        f"/api/v1/customer/{pk}",
        json={"status": "active", "credit_limit": 900},
        headers=auth.jwt("admin"),
    )
    assert response.status_code == 200, response.get_data(as_text=True)
    session.expire_all()
    row = session.get(Customer, pk)
    assert (row.status, row.credit_limit, row.code) == ("active", Decimal("900"), "C-BETA")


BAD_CUSTOMERS = [
    pytest.param({"status": "closed"}, "status", id="unknown-enum-value"),
    pytest.param({"code": None}, "code", id="missing-required-field"),
    pytest.param({"payment_days": "thirty"}, "payment_days", id="text-for-an-integer"),
    pytest.param({"credit_limit": "lots"}, "credit_limit", id="text-for-money"),
    pytest.param({"name": 12345}, "name", id="number-for-text"),
    pytest.param({"credit_limit": "-1"}, "credit_limit", id="negative-credit-limit"),
    pytest.param({"payment_days": 400}, "payment_days", id="payment-days-over-365"),
    pytest.param({"code": "C" * 33}, "code", id="code-over-max-length"),
    pytest.param({"private_message": "x" * 2001}, "private_message", id="text-over-max-length"),
    pytest.param({"email": "not-an-email"}, "email", id="invalid-email"),
    pytest.param({"website": "not a url"}, "website", id="invalid-url"),
    pytest.param({"phone": "call me"}, "phone", id="invalid-phone"),
    pytest.param({"country": "XX"}, "country", id="unknown-country"),
    pytest.param({"language": "xx"}, "language", id="unknown-language"),
    pytest.param({"customer_since": "yesterday"}, "customer_since", id="invalid-date"),
    pytest.param({"sales_rep": 999999}, "sales_rep", id="unknown-sales-rep"),
    pytest.param({"code": "C-TAKEN"}, "code", id="duplicate-code"),
    pytest.param({"password": "x"}, "password", id="unknown-field"),
]


@pytest.mark.parametrize(("change", "field"), BAD_CUSTOMERS)
def test_api_refuses_a_bad_customer_naming_the_field_and_creates_nothing(
    client, auth, session, change, field
):
    make_row(session, "customer", code="C-TAKEN")
    session.commit()
    body = {"code": "C-NEW", "name": "New Books", "status": "active", "country": "FR", **change}
    body = {k: v for k, v in body.items() if v is not None}
    response = client.post("/api/v1/customer/", json=body, headers=auth.jwt("admin"))
    assert response.status_code == 422, response.get_data(as_text=True)
    message = response.json["message"]
    assert list(message) == [field], message
    assert all(isinstance(text, str) and text for text in message[field])
    assert count(session, "customer") == 1


@pytest.mark.parametrize(("change", "field"), BAD_CUSTOMERS[:-1])
def test_api_refuses_a_bad_edit_naming_the_field_and_changes_nothing(
    client, auth, session, change, field
):
    make_row(session, "customer", code="C-TAKEN")
    row = make_row(session, "customer", code="C-MINE", name="Mine", credit_limit=Decimal("10"))
    session.commit()
    before = _columns(row)
    response = client.put(f"/api/v1/customer/{row.id}", json=change, headers=auth.jwt("admin"))
    if field == "code" and change["code"] is None:
        # PUT leaves out what it does not change; an explicit null for a required field:
        assert response.status_code == 422
        assert "code" in response.json["message"]
    else:
        assert response.status_code == 422, response.get_data(as_text=True)
        assert list(response.json["message"]) == [field], response.json
    session.expire_all()
    assert _columns(session.get(Customer, row.id)) == before


def _columns(row) -> dict:
    return {c.key: getattr(row, c.key) for c in sa.inspect(type(row)).column_attrs}


def test_api_refuses_a_second_budget_with_the_same_code_for_a_customer(client, auth, session):
    customer = make_row(session, "customer")
    session.commit()
    body = {"customer": customer.id, "code": "2027-FICTION", "total": "5000", "remaining": "0"}
    headers = auth.jwt("admin")
    assert client.post("/api/v1/library_budget/", json=body, headers=headers).status_code == 201
    response = client.post("/api/v1/library_budget/", json=body, headers=headers)
    assert response.status_code == 422, response.get_data(as_text=True)
    assert set(response.json["message"]) == {"customer", "code"}
    assert session.scalar(sa.select(sa.func.count()).select_from(LibraryBudget)) == 1


def test_api_refuses_a_customer_whose_vat_number_is_invalid_for_its_country(client, auth, session):
    body = {"code": "C-VAT", "name": "Boekhandel", "country": "BE", "vat_number": "BE0403019262"}
    response = client.post("/api/v1/customer/", json=body, headers=auth.jwt("admin"))
    assert response.status_code == 422
    assert response.json["message"] == {
        "vat_number": [
            "BE0403019262 is not a valid VAT number for Belgium: its check digits do not match."
        ]
    }
    assert session.scalar(sa.select(sa.func.count()).select_from(Customer)) == 0


def test_api_names_the_customer_already_holding_a_code(client, auth, session):
    make_row(session, "customer", code="C-TAKEN", name="Librairie Dupont")
    session.commit()
    body = {"code": "C-TAKEN", "name": "Another", "country": "FR"}
    response = client.post("/api/v1/customer/", json=body, headers=auth.jwt("admin"))
    assert response.status_code == 422
    assert response.json["message"] == {"code": ["Already used by Librairie Dupont."]}


def test_api_edit_may_keep_a_records_own_unique_values(client, auth, session):
    group = make_row(session, "customer_group", name="Retail")
    session.commit()
    response = client.put(
        f"/api/v1/customer_group/{group.id}",
        json={"name": "Retail", "hide_prices": True},
        headers=auth.jwt("admin"),
    )
    assert response.status_code == 200, response.get_data(as_text=True)


SMUGGLED = [
    pytest.param(
        {"group": {"id": 777, "name": "Made up", "hide_prices": True}}, "group", id="customer-group"
    ),
    pytest.param(
        {"contacts": [{"id": 555, "first_name": "X", "last_name": "Y", "email": "x@example.com"}]},
        "contacts",
        id="contact",
    ),
    pytest.param(
        {
            "sales_rep": {
                "id": 999,
                "username": "intruder",
                "first_name": "In",
                "last_name": "Truder",
                "email": "in@example.com",
                "password": "known-hash",
                "active": True,
            }
        },
        "sales_rep",
        id="user",
    ),
]


def _population(session) -> tuple[int, int, int]:
    from flask_appbuilder.security.sqla.models import User

    return tuple(
        session.scalar(sa.select(sa.func.count()).select_from(m))
        for m in (CustomerGroup, Contact, User)
    )


@pytest.mark.parametrize(("change", "field"), SMUGGLED)
def test_sales_rep_cannot_create_other_records_through_a_customer_edit(
    client, auth, session, change, field
):
    """marshmallow turns an unknown related id into a new record; the API must refuse it."""
    row = make_row(session, "customer", sales_rep=user(session, "rep1"))
    session.commit()
    before = _population(session)
    response = client.put(f"/api/v1/customer/{row.id}", json=change, headers=auth.jwt("rep1"))
    assert response.status_code == 422, response.get_data(as_text=True)
    assert list(response.json["message"]) == [field]
    session.expire_all()
    assert _population(session) == before


@pytest.mark.parametrize(("change", "field"), SMUGGLED)
def test_api_cannot_create_other_records_through_a_new_customer(
    client, auth, session, change, field
):
    before = _population(session)
    response = client.post(
        "/api/v1/customer/", json=payload("customer", **change), headers=auth.jwt("admin")
    )
    assert response.status_code == 422, response.get_data(as_text=True)
    assert list(response.json["message"]) == [field]
    assert _population(session) == before
    assert count(session, "customer") == 0


def test_api_links_existing_records_by_id(client, auth, session):
    group = make_row(session, "customer_group")
    contact = make_row(session, "contact")
    session.commit()
    body = payload("customer", group=group.id, contacts=[contact.id])
    response = client.post("/api/v1/customer/", json=body, headers=auth.jwt("admin"))
    assert response.status_code == 201, response.get_data(as_text=True)
    session.expire_all()
    row = session.get(Customer, response.json["id"])
    assert row.group_id == group.id and [c.id for c in row.contacts] == [contact.id]


def test_api_database_refusal_is_a_422_without_sql(app, client, auth, session, monkeypatch):
    """Should the database still refuse (a race past the checks), the client gets no SQL text."""
    from app.backoffice import views

    monkeypatch.setattr(views, "unique_conflicts", lambda *args, **kwargs: {})
    make_row(session, "customer", code="C-RACE")
    session.commit()
    response = client.post(
        "/api/v1/customer/", json=payload("customer", code="C-RACE"), headers=auth.jwt("admin")
    )
    assert response.status_code == 422
    text = response.get_data(as_text=True)
    assert "INSERT" not in text and "constraint" not in text.lower()
    assert count(session, "customer") == 1


# ---------------------------------------------------------------- the password-hash trap


def _keys(value) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _assert_no_password(response, hashes: list[str]):
    assert response.status_code in (200, 201), response.get_data(as_text=True)
    text = response.get_data(as_text=True)
    assert "password" not in _keys(response.json)
    for secret in hashes:
        assert secret not in text
    assert "pbkdf2:" not in text and "scrypt:" not in text


def test_no_api_response_contains_a_password_or_its_hash(app, client, auth, session):
    """Every REST API (generated and Flask-AppBuilder's), its list, every record and _info."""
    rep1 = user(session, "rep1")
    make_row(session, "customer", sales_rep=rep1)
    for entity in API_ENTITIES:
        make_row(session, entity)
    session.commit()
    hashes = [u.password for u in session.scalars(sa.select(type(rep1)))]
    assert all(hashes)
    headers = auth.jwt("admin")
    apis = [v for v in app.appbuilder.baseviews if isinstance(v, ModelRestApi)]
    assert {e.name for e in API_ENTITIES} <= {a.resource_name for a in apis}
    for rest in apis:
        base = f"/api/v1/{rest.resource_name}/"
        listing = client.get(base, query_string=_q(page_size=100), headers=headers)
        _assert_no_password(listing, hashes)
        _assert_no_password(client.get(f"{base}_info", headers=headers), hashes)
        for pk in listing.json["ids"]:
            _assert_no_password(client.get(f"{base}{pk}", headers=headers), hashes)


def test_customer_api_never_returns_the_sales_reps_password(client, auth, session):
    rep1 = user(session, "rep1")
    hashes = [rep1.password]
    headers = auth.jwt("admin")
    created = client.post(
        "/api/v1/customer/", json=payload("customer", sales_rep=rep1.id), headers=headers
    )
    _assert_no_password(created, hashes)
    pk = created.json["id"]
    _assert_no_password(
        client.put(f"/api/v1/customer/{pk}", json={"sales_rep": rep1.id}, headers=headers), hashes
    )
    for query in (
        _q(columns=["sales_rep", "code"]),
        _q(columns=["sales_rep.password"]),
        _q(keys=["label_columns", "description_columns"]),
    ):
        _assert_no_password(
            client.get("/api/v1/customer/", query_string=query, headers=headers), hashes
        )
        _assert_no_password(
            client.get(f"/api/v1/customer/{pk}", query_string=query, headers=headers), hashes
        )
    # A sales representative's own view of their customers, through the row scope.
    _assert_no_password(client.get("/api/v1/customer/", headers=auth.jwt("rep1")), hashes)


# ---------------------------------------------------------------- a throttled login


@pytest.fixture
def throttled_app(backend_app, tmp_path):
    """A second app on the same database, with throttling on as in production."""

    def build(**overrides):
        url = backend_app.config["SQLALCHEMY_DATABASE_URI"]
        built = make_app(tmp_path, url, RATELIMIT_ENABLED=True, **overrides)
        apps.append(built)
        return built

    apps = []
    yield build
    for built in apps:
        with built.app_context():
            db.session.remove()
            db.engine.dispose()


def _attempt(client, address="192.0.2.1", password="wrong"):
    return client.post(
        LOGIN,
        json={"username": "rep1", "password": password, "provider": "db"},
        environ_base={"REMOTE_ADDR": address},
    )


def test_api_login_is_throttled_after_ten_attempts_in_five_minutes(throttled_app):
    client = throttled_app().test_client()
    answers = [_attempt(client).status_code for _ in range(10)]
    assert answers == [401] * 10
    refused = _attempt(client, password=PASSWORD)
    assert refused.status_code == 429
    assert "access_token" not in refused.get_data(as_text=True)
    assert refused.is_json and refused.json["message"]
    # Another address is not held back by this one's attempts.
    assert _attempt(client, address="192.0.2.99", password=PASSWORD).status_code == 200


def test_api_login_limit_follows_api_login_rate_limit(throttled_app):
    client = throttled_app(API_LOGIN_RATE_LIMIT="2 per 1 minute").test_client()
    assert [_attempt(client, password=PASSWORD).status_code for _ in range(3)] == [200, 200, 429]


def test_api_login_is_not_throttled_when_rate_limiting_is_off(app, client):
    assert app.config["RATELIMIT_ENABLED"] is False
    answers = {_attempt(client).status_code for _ in range(12)}
    assert answers == {401}


def test_api_throttle_does_not_hold_back_the_rest_of_the_api(throttled_app):
    client = throttled_app(API_LOGIN_RATE_LIMIT="1 per 1 minute").test_client()
    token = json.loads(_attempt(client, password=PASSWORD).get_data())["access_token"]
    assert _attempt(client, password=PASSWORD).status_code == 429
    headers = {"Authorization": f"Bearer {token}"}
    assert {client.get("/api/v1/customer/", headers=headers).status_code for _ in range(5)} == {200}


def _schema_fields(schema, path=()) -> dict:
    """Each field of a schema and of its nested schemas: its name and its marshmallow class."""
    found = {}
    for name, field in schema.fields.items():
        found[(*path, name)] = type(field).__name__
        nested = getattr(field, "inner", field)
        if type(nested).__name__ == "Nested":
            found.update(_schema_fields(nested.schema, (*path, name)))
    return found


def test_api_schemas_are_the_ones_flask_appbuilder_would_build(app):
    """app/backoffice/api_schemas.py builds them faster; the fields must stay exactly the same."""
    from flask_appbuilder.api.convert import Model2SchemaConverter

    from app.backoffice.views import BackOfficeRestApi

    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        pytest.skip("the schemas do not depend on the database")
    apis = [v for v in app.appbuilder.baseviews if isinstance(v, BackOfficeRestApi)]
    assert apis
    with app.app_context():
        for api in apis:
            plain = Model2SchemaConverter(api.datamodel, api.validators_columns)
            # As ModelRestApi._init_model_schemas converts them: adding and editing not nested.
            for columns, nested, built in (
                (api.list_columns, True, api.list_model_schema),
                (api.add_columns, False, api.add_model_schema),
                (api.edit_columns, False, api.edit_model_schema),
                (api.show_columns, True, api.show_model_schema),
            ):
                expected = plain.convert(columns, nested=nested)
                assert _schema_fields(built) == _schema_fields(expected), type(api).__name__
