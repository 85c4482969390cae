"""Unique values checked before the database refuses them, so the message can name the field.

A unique column or a `unique_together` of model.yaml is a database constraint; left to the
database, a duplicate becomes an IntegrityError (a 500 on the API, raw SQL flashed on a screen).
The screens and the API ask here first. The database constraint still holds for a race between
two saves: the callers turn that refusal into a plain message too.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm import Session


def unique_sets(model_class: type) -> list[tuple[tuple[str, sa.Column], ...]]:
    """Each unique constraint of the model's table as ((field name, column), ...), in order.

    A foreign-key column is named by its relation (`group`, not `group_id`): the name forms and
    API bodies use.
    """
    table = model_class.__table__
    mapper = sa.inspect(model_class)
    by_column = {}
    for prop in mapper.column_attrs:
        for column in prop.columns:
            by_column[column] = prop.key
    for rel in mapper.relationships:
        if rel.direction is sa.orm.MANYTOONE:
            for column in rel.local_columns:
                by_column[column] = rel.key
    column_sets = [
        tuple(c.columns) for c in table.constraints if isinstance(c, sa.UniqueConstraint)
    ]
    column_sets += [(c,) for c in table.columns if c.unique]
    column_sets += [tuple(i.columns) for i in table.indexes if i.unique]
    found, seen = [], set()
    for columns in column_sets:
        key = tuple(c.name for c in columns)
        if key not in seen and all(c in by_column for c in columns):
            seen.add(key)
            found.append(tuple((by_column[c], c) for c in columns))
    return found


def unique_conflicts(
    session: Session,
    model_class: type,
    value_of: Callable[[str], Any],
    *,
    exclude_pk: Any = None,
    labels: Mapping[str, Any] | None = None,
) -> dict[str, list[str]]:
    """{field: [message]} for each unique constraint another row already holds these values of.

    `value_of(field)` gives the value about to be saved (a related record for a relation);
    `exclude_pk` is the row being edited. A constraint with a blank value is not checked, as
    SQL lets blanks repeat.
    """
    labels = labels or {}
    pk = sa.inspect(model_class).primary_key[0]
    problems: dict[str, list[str]] = {}
    with session.no_autoflush:
        for fields in unique_sets(model_class):
            values = [_stored(value_of(name)) for name, _column in fields]
            if any(v is None or v == "" for v in values):
                continue
            pairs = zip(fields, values, strict=True)
            query = sa.select(model_class).where(*(column == v for (_name, column), v in pairs))
            if exclude_pk is not None:
                query = query.where(pk != exclude_pk)
            other = session.scalars(query.limit(1)).first()
            if other is None:
                continue
            if len(fields) == 1:
                # Naming the holder lets the user find it ("Already used by Librairie Dupont.").
                message = _("Already used by %(record)s.", record=str(other) or f"#{other.id}")
            else:
                names = ", ".join(str(labels.get(name, name)) for name, _column in fields)
                message = _("Another record already has the same %(fields)s.", fields=names)
            for name, _column in fields:
                problems.setdefault(name, []).append(message)
    return problems


def _stored(value: Any) -> Any:
    """What the column holds for `value`: a related record stands for its primary key."""
    if value is None or isinstance(value, str | int | float):
        return value
    state = sa.inspect(value, raiseerr=False)
    if state is not None and hasattr(state, "identity"):
        return state.identity[0] if state.identity else None
    return value
