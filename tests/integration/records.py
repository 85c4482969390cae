"""Valid records and API payloads for every entity of model.yaml, so tests follow the model.

Rows are written directly with SQLAlchemy (fast, no screen involved); payloads are what a REST
client would send. Every value is distinct per call where the model asks for uniqueness.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from importlib import import_module
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from flask_appbuilder.security.sqla.models import User

from app.generated import models
from generators.loader import load_model
from generators.schema import Entity, Field

MODEL = load_model(Path(__file__).resolve().parents[2] / "model.yaml")
ENTITIES = list(MODEL.entities.values())
API_ENTITIES = [e for e in ENTITIES if e.api]
_SERIAL = itertools.count(1)


def model_class(entity: Entity | str):
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    return getattr(models, entity.class_name)


def screen_allows(entity: Entity, action: str) -> bool:
    """Whether the entity's screen offers `action` at all: a hand-written base view may narrow
    it (the outbox is read-only), whatever the roles grant."""
    view = getattr(import_module(f"app.generated.views.{entity.name}"), entity.view_name)
    offered = getattr(view, "base_permissions", None)
    return not offered or f"can_{action}" in offered


def screen(entity: Entity | str) -> str:
    """The URL prefix of an entity's back-office screen: /customerview."""
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    return f"/{entity.view_name.lower()}"


def api(entity: Entity | str) -> str:
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    return f"/api/v1/{entity.name}/"


def ean13(serial: int) -> str:
    """A distinct EAN-13 with a correct check digit (the article check verifies it)."""
    body = f"200{serial:09d}"
    odd, even = sum(map(int, body[::2])), sum(map(int, body[1::2]))
    return body + str((10 - (odd + 3 * even) % 10) % 10)


# Fields whose generic value the record checks would refuse, by name.
_BY_NAME = {"ean": ean13, "currency": lambda serial: "EUR"}


def valid_value(field: Field, serial: int) -> Any:
    """A value of `field` that every check of the model accepts, distinct per `serial`."""
    if field.name in _BY_NAME:
        return _BY_NAME[field.name](serial)
    t = field.type
    if t in ("string", "text"):
        if field.min_length:
            digits = str(10 ** (field.min_length - 1) + serial)
            return digits[: field.length] if field.length else digits
        text = f"{field.name}-{serial}"
        return text[-field.length :] if field.length and len(text) > field.length else text
    if t == "integer":
        value = field.min if field.min is not None else 1
        return min(value, field.max) if field.max is not None else value
    if t in ("decimal", "money"):
        value = Decimal(str(field.min)) + 1 if field.min is not None else Decimal("1")
        return min(value, Decimal(str(field.max))) if field.max is not None else value
    if t == "boolean":
        return False
    if t == "date":
        return dt.date(2025, 3, 1)
    if t == "datetime":
        return dt.datetime(2025, 3, 1, 10, 30, tzinfo=dt.UTC)
    if t == "time":
        return dt.time(14, 0)
    if t == "enum":
        return next(iter(field.values))
    if t == "email":
        return f"person{serial}@example.com"
    if t == "url":
        return f"https://example.com/{serial}"
    if t == "phone":
        return "+33 1 23 45 67 89"
    if t == "country":
        return "FR"
    if t == "language":
        return MODEL.default_language
    if t == "json":
        return {"serial": serial}
    if t in ("image", "file"):
        # The stored file name; tests that open the file upload a real one instead.
        return f"{field.name}-{serial}.{'png' if t == 'image' else 'pdf'}"
    raise AssertionError(f"no test value for type {t!r}: teach tests/integration/records.py")


def _needed(entity: Entity) -> list[Field]:
    together = {name for group in entity.unique_together for name in group}
    return [
        f
        for f in entity.fields.values()
        if not f.is_relation
        and (f.type not in ("image", "file") or f.required)
        and (f.required or f.unique or f.name in together)
    ]


# Values the record checks of model.yaml (app/domain) accept where a generic value would not,
# per entity and field; each field has two, so a test can save one and then change to the other.
# None leaves the field empty (one of several mutually exclusive relations).
CHECKED: dict[str, dict[str, tuple]] = {
    "portal_settings": {
        "currency": ("EUR", "USD"),
        "primary_colour": ("#1F6FEB", "#0B7A3B"),
        "accent_colour": ("#F59E0B", "#7C3AED"),
    },
    # The generic countries are BE, then FR.
    "customer": {"vat_number": ("BE0403019261", "FR40303265045")},
    "access_request": {"vat_number": ("BE0403019261", "FR40303265045")},
    "address": {"kind": ("both", "both")},
    "article": {"ean": ("9782070360246", "9782070408504")},
    "exclusion": {"group": (None, None), "family": (None, None)},
    "price_list": {"group": (None, None), "customer": (None, None)},
    "order_discount": {"customer": (None, None)},
    "shipping_rule": {"customer": (None, None), "warehouse": (None, None)},
    "document": {
        "audience": ("customer", "customer"),
        "group": (None, None),
    },
    "promotion": {"kind": ("percentage", "percentage")},
    # One of app.domain.mail_texts.EDITABLE_MAILS, not any string.
    "mail_text": {"mail": ("invitation", "password_reset")},
}
# Many-to-many relations a record must name at least one target of (a promotion's articles).
NEEDS_TARGETS: dict[str, tuple[str, ...]] = {"promotion": ("articles",)}
# Relations a record's checks want set (an exclusion hides an article from a customer), and the
# values they want, beyond the model's required fields.
LINKED: dict[str, tuple[str, ...]] = {
    "exclusion": ("customer", "article"),
    "price_list": ("price_level",),
    "promotion": ("articles",),
    "document": ("customer",),
}
CHECK_VALUES: dict[str, dict[str, Any]] = {
    "delivery_round": {"monday": True},
    "document": {"audience": "customer"},
    "address": {"kind": "both"},
    "promotion": {"kind": "percentage", "percentage": Decimal("10")},
}


def checked_value(entity: Entity, field: Field, which: int, default: Any) -> Any:
    """`default`, unless the entity's checks want CHECKED[entity][field][which]."""
    choices = CHECKED.get(entity.name, {}).get(field.name)
    return default if choices is None else choices[which]


def make_row(session, entity: Entity | str, **values):
    """A row of `entity` with every required field valid; `values` override (relations too).

    A required relation not given is made too, so a price gets its price list and article.
    """
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    serial = next(_SERIAL)
    data = {f.name: valid_value(f, serial) for f in _needed(entity)}
    data.update({k: v for k, v in CHECK_VALUES.get(entity.name, {}).items() if k not in values})
    data.update(values)
    for field in _linked(entity):
        if field.name not in data:
            target = make_row(session, field.target)
            data[field.name] = [target] if field.type == "many_to_many" else target
    for field in _required_users(entity):
        # A record that must belong to a user (a user's preferences, one per user): a login
        # of its own, removed with the test's other users.
        data.setdefault(field.name, new_user(session, serial))
    row = model_class(entity)(**data)
    session.add(row)
    session.flush()
    return row


def _required_users(entity: Entity) -> list[Field]:
    return [
        f
        for f in entity.fields.values()
        if f.type == "belongs_to" and f.required and f.target == "user"
    ]


def new_user(session, serial: int) -> User:
    """A login of its own for a record that must belong to one user (a user's preferences)."""
    now = dt.datetime.now()
    login = User(
        username=f"someone{serial}",
        email=f"someone{serial}@example.com",
        first_name="Some",
        last_name=f"One {serial}",
        active=True,
        created_on=now,
        changed_on=now,
    )
    session.add(login)
    session.flush()
    return login


def _linked(entity: Entity) -> list[Field]:
    """Relations a valid record points at: required ones and those its checks want."""
    return [
        f
        for f in entity.fields.values()
        if (f.type == "belongs_to" and f.required and f.target != "user")
        or f.name in LINKED.get(entity.name, ())
    ]


def payload(entity: Entity | str, session=None, **values) -> dict[str, Any]:
    """A JSON body creating a valid `entity` through its REST API.

    With a session, the records its relations need are made (and flushed) and named by id.
    """
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    serial = next(_SERIAL)
    data = {
        f.name: _json(valid_value(f, serial))
        for f in _needed(entity)
        # Files are uploaded on the screens, not sent as JSON; read-only fields are not taken.
        if f.type not in ("image", "file") and f.name not in entity.admin.read_only
    }
    data.update(CHECK_VALUES.get(entity.name, {}))
    if session is not None:
        for field in _linked(entity):
            target = make_row(session, field.target).id
            data[field.name] = [target] if field.type == "many_to_many" else target
    data.update(values)
    return data


def _json(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    return value


def count(session, entity: Entity | str) -> int:
    cls = model_class(entity)
    return session.scalar(sa.select(sa.func.count()).select_from(cls))


def user(session, username: str) -> User:
    return session.scalars(sa.select(User).where(User.username == username)).one()


def meeting_rule(session, entity: Entity, path: str, value) -> tuple[str, Any]:
    """The value of a row rule's first field that makes `path` equal `value`.

    For `customer.sales_rep` and a user: a new customer that user represents; for
    `customers.sales_rep` (many-to-many), a list holding one.
    """
    first, _, rest = path.partition(".")
    if not rest:
        return first, value
    field = entity.fields[first]
    target = MODEL.entities[field.target]
    name, inner = meeting_rule(session, target, rest, value)
    row = make_row(session, target, **{name: inner})
    return first, [row] if field.type == "many_to_many" else row
