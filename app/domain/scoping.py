"""Which rows a user may see: the one scoping rule used by screens, APIs, exports and the portal.

Roles and their row rules come from model.yaml (app/generated/roles.py). A role whose permission
on an entity has no row rule sees every row; a role with rules sees the rows matching all of them;
a user holding several roles sees the union. The superuser sees everything, a user with no role
granting the entity sees nothing.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import RelationshipProperty

from app.generated.roles import ROLES, SUPERUSER_ROLE

# Entities some role sees only part of.
ROW_SCOPED_ENTITIES = frozenset(
    entity
    for role in ROLES.values()
    for entity, permission in role["permissions"].items()
    if permission["rows"]
)


def visible_rows_condition(model_class: type, entity: str, user: Any) -> sa.ColumnElement | None:
    """A WHERE condition limiting `model_class` to what `user` may see; None when unrestricted."""
    role_names = [role.name for role in getattr(user, "roles", None) or []]
    if SUPERUSER_ROLE in role_names:
        return None
    conditions = []
    for name in role_names:
        permission = ROLES.get(name, {}).get("permissions", {}).get(entity)
        if not permission or not permission["actions"]:
            continue
        if not permission["rows"]:
            return None
        rules = permission["rows"].items()
        conditions.append(sa.and_(*(_rule(model_class, p, v, user) for p, v in rules)))
    # Nothing, as a condition SQLAlchemy does not fold: `and_(false(), ...)` would drop the
    # other conditions, a related list's join among them, and warn of a cartesian product.
    return sa.or_(*conditions) if conditions else sa.literal(False).is_(True)


def restrict_to_visible_rows(query, model_class: type, entity: str, user: Any):
    """`query` (a Query or a Select) narrowed to the rows of `entity` that `user` may see."""
    condition = visible_rows_condition(model_class, entity, user)
    return query if condition is None else query.filter(condition)


def _rule(model_class: type, path: str, value: Any, user: Any) -> sa.ColumnElement:
    first, _, rest = path.partition(".")
    prop = sa.inspect(model_class).attrs[first]
    if isinstance(prop, RelationshipProperty) and rest:
        inner = _rule(prop.mapper.class_, rest, value, user)
        attribute = getattr(model_class, first)
        return attribute.any(inner) if prop.uselist else attribute.has(inner)
    if isinstance(prop, RelationshipProperty):
        # `sales_rep: current_user`: compare the foreign key, no join needed.
        column = next(iter(prop.local_columns))
        return model_class.__table__.c[column.name] == _value(value, user)
    return getattr(model_class, first) == _value(value, user)


def _value(value: Any, user: Any) -> Any:
    if value == "current_user":
        return getattr(user, "id", None)
    return value
