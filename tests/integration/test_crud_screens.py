"""Every generated entity: an administrator adds, lists, edits and deletes a record on screen."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
import sqlalchemy as sa
from PIL import Image

from app.extensions import db
from app.generated import models
from generators.loader import load_model
from tests.conftest import csrf_token
from tests.integration.records import (
    CHECKED,
    NEEDS_TARGETS,
    checked_value,
    make_row,
    new_user,
    screen_allows,
)

MODEL = load_model("model.yaml")
ENTITIES = list(MODEL.entities.values())


def _value(field, tag: str):
    """A valid value of a field's type, distinct per `tag`."""
    t = field.type
    if t in ("string", "text"):
        text = f"{field.name}-{tag}"
        if field.name == "ean" or field.min_length:
            text = "97820700" + ("1" if tag == "one" else "2") * 5
        return text[: field.length] if field.length else text
    if t == "integer":
        return field.min if field.min is not None else (3 if tag == "one" else 4)
    if t in ("decimal", "money"):
        return "12.5" if tag == "one" else "7.25"
    if t == "boolean":
        return True
    if t == "date":
        return "2025-03-01"
    if t == "datetime":
        return "2025-03-01 10:30:00"
    if t == "time":
        return "14:00" if tag == "one" else "15:30"
    if t == "enum":
        return list(field.values)[0 if tag == "one" else -1]
    if t == "email":
        return f"{tag}@example.com"
    if t == "url":
        return f"https://example.com/{tag}"
    if t == "phone":
        return "+33 1 23 45 67 89"
    if t == "country":
        return "BE" if tag == "one" else "FR"
    if t == "language":
        return "fr" if tag == "one" else "nl"
    if t == "json":
        return f'{{"colour": "{tag}"}}'
    return None


def _upload(field, tag: str):
    """A small real file for a required image or file input."""
    if field.type == "image":
        out = io.BytesIO()
        Image.new("RGB", (4, 4), "red").save(out, "PNG")
        return (io.BytesIO(out.getvalue()), f"{tag}.png")
    return (io.BytesIO(b"%PDF-1.4 price conditions"), f"{tag}.pdf")


def _form(session, entity, tag: str) -> dict:
    data = {}
    which = 0 if tag == "one" else 1
    for field in entity.fields.values():
        if field.type in ("image", "file"):
            if field.required:
                data[field.name] = _upload(field, tag)
            continue
        if field.type == "has_many":
            continue
        if field.type == "belongs_to":
            if field.target == "user" and field.required:
                data[field.name] = str(new_user(session, 900 + which).id)
                continue
            if field.target == "user" or field.target == entity.name:
                continue
            if checked_value(entity, field, which, "") is None:
                continue
            data[field.name] = str(make_row(session, field.target).id)
        elif field.type == "many_to_many":
            if field.name in NEEDS_TARGETS.get(entity.name, ()):
                data[field.name] = [str(make_row(session, field.target).id)]
        else:
            value = checked_value(entity, field, which, _value(field, tag))
            if field.type == "boolean":
                if value:
                    data[field.name] = "y"
            else:
                data[field.name] = str(value)
    for field in entity.translatable_fields:
        data[f"{field.name}_fr"] = f"{field.name} en français {tag}"
    return data


@pytest.mark.parametrize("entity", ENTITIES, ids=[e.name for e in ENTITIES])
def test_admin_adds_lists_edits_and_deletes_a_record(app, client, auth, entity):
    cls = getattr(models, entity.class_name)
    base = f"/{entity.view_name.lower()}"
    auth.login("admin")
    if not screen_allows(entity, "add"):
        _read_only_screen(app, client, entity, base)
        return
    with app.app_context():
        data = _form(db.session, entity, "one")
        db.session.commit()

    data["csrf_token"] = csrf_token(client, f"{base}/add")
    response = client.post(f"{base}/add", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        row = db.session.scalars(sa.select(cls).order_by(cls.id.desc())).first()
        assert row is not None
        pk = row.id
        for field in entity.translatable_fields:
            assert getattr(row, f"{field.name}_fr") == f"{field.name} en français one"

    listing = client.get(f"{base}/list/")
    if entity.singleton:
        # The list of the one settings record is that record.
        assert listing.status_code == 302
        assert listing.headers["Location"].endswith(f"{base}/show/{pk}")
    else:
        assert listing.status_code == 200
        assert f"{base}/show/{pk}" in listing.get_data(as_text=True)

    with app.app_context():
        changed = _form(db.session, entity, "two")
        db.session.commit()
    changed["csrf_token"] = csrf_token(client, f"{base}/edit/{pk}")
    response = client.post(f"{base}/edit/{pk}", data=changed)
    assert response.status_code == 302, response.get_data(as_text=True)[:3000]
    with app.app_context():
        row = db.session.get(cls, pk)
        editable = [
            f
            for f in entity.fields.values()
            if f.name not in entity.admin.read_only and f.name not in CHECKED.get(entity.name, {})
        ]
        # A text or a number, else a language (a user's preferences have nothing else).
        edited = next(
            (f for f in editable if f.type in ("string", "integer", "money")), None
        ) or next(f for f in editable if f.type == "language")
        expected = _value(edited, "two")
        if edited.type == "money":
            expected = Decimal(expected)
        assert getattr(row, edited.name) == expected

    shown = client.get(f"{base}/show/{pk}")
    assert shown.status_code == 200

    token = csrf_token(client, f"{base}/edit/{pk}")
    response = client.post(f"{base}/delete/{pk}", data={"csrf_token": token})
    assert response.status_code == 302
    with app.app_context():
        # The one settings record stays: it can be changed, never deleted.
        assert (db.session.get(cls, pk) is None) is not entity.singleton


def _read_only_screen(app, client, entity, base) -> None:
    """Records the application writes (the outbox) are listed and shown, never made by hand."""
    with app.app_context():
        pk = make_row(db.session, entity).id
        db.session.commit()
    assert f"{base}/show/{pk}" in client.get(f"{base}/list/").get_data(as_text=True)
    assert client.get(f"{base}/show/{pk}").status_code == 200
    for url in (f"{base}/add", f"{base}/edit/{pk}", f"{base}/delete/{pk}"):
        assert client.get(url).status_code == 403, url
