"""Valid records and API payloads for every entity of model.yaml, so tests follow the model.

Rows are written directly with SQLAlchemy (fast, no screen involved); payloads are what a REST
client would send. Every value is distinct per call where the model asks for uniqueness.
"""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
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


def screen(entity: Entity | str) -> str:
    """The URL prefix of an entity's back-office screen: /customerview."""
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    return f"/{entity.view_name.lower()}"


def api(entity: Entity | str) -> str:
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    return f"/api/v1/{entity.name}/"


def valid_value(field: Field, serial: int) -> Any:
    """A value of `field` that every check of the model accepts, distinct per `serial`."""
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
    raise AssertionError(f"no test value for type {t!r}: teach tests/integration/records.py")


def _needed(entity: Entity) -> list[Field]:
    together = {name for group in entity.unique_together for name in group}
    return [
        f
        for f in entity.fields.values()
        if not f.is_relation
        and f.type not in ("image", "file")
        and (f.required or f.unique or f.name in together)
    ]


def make_row(session, entity: Entity | str, **values):
    """A row of `entity` with every required field valid; `values` override (relations too)."""
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    serial = next(_SERIAL)
    data = {f.name: valid_value(f, serial) for f in _needed(entity)}
    data.update(values)
    row = model_class(entity)(**data)
    session.add(row)
    session.flush()
    return row


def payload(entity: Entity | str, **values) -> dict[str, Any]:
    """A JSON body creating a valid `entity` through its REST API."""
    entity = MODEL.entities[entity] if isinstance(entity, str) else entity
    serial = next(_SERIAL)
    data = {f.name: _json(valid_value(f, serial)) for f in _needed(entity)}
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
