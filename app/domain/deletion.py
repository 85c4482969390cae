"""Whether a record may be deleted: model.yaml's `on_delete: restrict`, checked before the database.

The database's foreign keys say the same on PostgreSQL, but SQLite does not enforce them, and a
refusal found here can say in the user's words what is in the way.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.orm import Session


def records_in_the_way(session: Session, record: Any) -> list[tuple[str, int]]:
    """(relation name, count) of the rows whose restricting reference keeps `record` alive."""
    blocking = []
    for relation in sa.inspect(type(record)).relationships:
        if (
            not relation.uselist
            or relation.secondary is not None
            or relation.passive_deletes != "all"
        ):
            continue
        child = relation.mapper.class_
        (local, remote), *_ = relation.local_remote_pairs
        count = session.scalar(
            sa.select(sa.func.count())
            .select_from(child)
            .where(remote == getattr(record, local.key))
        )
        if count:
            blocking.append((relation.key, count))
    return blocking
