"""Helpers and fixtures for the portal's account tests: records, a portal login, real mail.

`sent_mail` points the shared test app's Flask-Mail at the module's SMTP server on loopback
(tests/mailbox.py) for one test, so the account mails really travel over SMTP.
"""

from __future__ import annotations

import datetime

import pytest
import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User
from limits.storage import storage_from_string
from werkzeug.security import generate_password_hash

from app.domain.accounts import give_portal_role
from app.extensions import db
from app.generated.models import Contact, Customer, PortalSettings
from tests.conftest import TEST_REDIS_URL, csrf_token

CONTACT_PASSWORD = "Portal-pass-2026"
VALID_FR_VAT = "FR40303265045"


@pytest.fixture
def sent_mail(app, smtp_server):
    """The mails the app sends during the test, as received by a real SMTP server."""
    state = app.extensions["mail"]
    saved = (state.server, state.port, state.suppress)
    state.server, state.port, state.suppress = "127.0.0.1", smtp_server.port, False
    with smtp_server.lock:
        smtp_server.messages.clear()
        smtp_server.envelopes.clear()
    yield smtp_server
    state.server, state.port, state.suppress = saved


# With TEST_REDIS_URL, this worker's Redis database (tests/conftest.py).
THROTTLE_STORES = ["memory://"] + ([TEST_REDIS_URL] if TEST_REDIS_URL else [])


@pytest.fixture(params=THROTTLE_STORES, ids=lambda uri: uri.partition(":")[0])
def throttled(app, request):
    """Login throttling switched on, counting in memory and (with TEST_REDIS_URL) in Redis, as
    production does, from zero."""
    saved = app.config["RATELIMIT_STORAGE_URI"]
    app.config.update(RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI=request.param)
    app.extensions.pop("portal_throttle", None)
    storage_from_string(request.param).reset()
    yield app
    app.config.update(RATELIMIT_ENABLED=False, RATELIMIT_STORAGE_URI=saved)
    app.extensions.pop("portal_throttle", None)


def _detached(record):
    """A record's loaded values, usable after its app context ends (ids, names, statuses)."""
    db.session.refresh(record)
    db.session.expunge(record)
    return record


def shop_settings(app, **values) -> PortalSettings:
    with app.app_context():
        return _detached(_shop_settings(**values))


def _shop_settings(**values) -> PortalSettings:
    settings = db.session.query(PortalSettings).first() or PortalSettings(
        shop_name="Papeterie Test"
    )
    values.setdefault("staff_email", "staff@seller.example")
    for name, value in values.items():
        setattr(settings, name, value)
    db.session.add(settings)
    db.session.commit()
    return settings


def make_customer(app, code: str = "C001", **values) -> Customer:
    """A customer (active unless told otherwise), saved in an app context of its own: a test's
    requests must not share the app context, or its `g`, with the test."""
    with app.app_context():
        return _detached(_make_customer(code, **values))


def _make_customer(code: str, **values) -> Customer:
    values = {
        "name": f"Librairie {code}",
        "country": "FR",
        "status": "active",
        "language": "en",
        **values,
    }
    customer = Customer(code=code, **values)
    db.session.add(customer)
    db.session.commit()
    return customer


def make_contact(app, customers, email: str, **kwargs) -> Contact:
    with app.app_context():
        return _detached(_make_contact(customers, email, **kwargs))


def _make_contact(
    customers,
    email: str,
    company_role: str = "buyer",
    password: str | None = CONTACT_PASSWORD,
    **values,
) -> Contact:
    """A contact with a login account (active, with `password`, unless password is None)."""
    customers = customers if isinstance(customers, list) else [customers]
    customers = [db.session.get(Customer, c.id) for c in customers]
    first, _, last = email.partition("@")[0].partition(".")
    contact = Contact(
        first_name=values.pop("first_name", first.title()),
        last_name=values.pop("last_name", (last or "Tester").title()),
        email=email,
        company_role=company_role,
        status="active" if password else "invited",
        **values,
    )
    contact.customers.extend(customers)
    user = User(
        username=email,
        email=email,
        first_name=contact.first_name,
        last_name=contact.last_name,
        active=bool(password),
        password=generate_password_hash(password) if password else None,
        created_on=datetime.datetime.now(),
        changed_on=datetime.datetime.now(),
    )
    contact.user = user
    db.session.add_all([user, contact])
    give_portal_role(db.session, contact)
    db.session.commit()
    return contact


def read(app, question):
    """Ask the database, in an app context of its own: `read(app, lambda: db.session.get(...))`."""
    with app.app_context():
        return question()


def count(app, model) -> int:
    return read(app, lambda: db.session.scalar(sa.select(sa.func.count()).select_from(model)))


def status_of(app, model, pk) -> str:
    return read(app, lambda: db.session.get(model, pk.id if hasattr(pk, "id") else pk).status)


def save(app, record):
    with app.app_context():
        db.session.add(record)
        db.session.commit()
        return _detached(record)


def portal_login(client, email: str, password: str = CONTACT_PASSWORD):
    token = csrf_token(client, "/portal/login")
    return client.post(
        "/portal/login", data={"email": email, "password": password, "csrf_token": token}
    )


def portal_logout(client):
    token = csrf_token(client, "/portal/company")
    return client.post("/portal/logout", data={"csrf_token": token})


def post_form(client, form_url: str, data: dict, post_url: str | None = None):
    """Submit the form at `form_url` as a browser would: with its CSRF token."""
    data = {**data, "csrf_token": csrf_token(client, form_url)}
    return client.post(post_url or form_url, data=data)


def text(response) -> str:
    return response.get_data(as_text=True)
