"""Writing many rows at once: new rows as fast as each database allows, changes by id, links.

On PostgreSQL through psycopg, rows go in with COPY (the server's bulk loader: 500,000 prices in
a few seconds, where an executemany of INSERTs takes about a minute); elsewhere with one
executemany. Either way on the caller's connection, inside its transaction: a refused file or a
failure later in the import rolls the rows back like any other statement's.
"""

from __future__ import annotations

import sqlalchemy as sa


def insert_rows(connection: sa.Connection, table: sa.Table, rows: list[dict]) -> None:
    """Insert `rows` (dicts with the same keys, column names) into `table`."""
    if not rows:
        return
    if connection.dialect.name != "postgresql" or connection.dialect.driver != "psycopg":
        connection.execute(table.insert(), rows)
        return
    names = list(rows[0])
    preparer = connection.dialect.identifier_preparer
    statement = "COPY {} ({}) FROM STDIN".format(
        preparer.format_table(table), ", ".join(preparer.quote(name) for name in names)
    )
    cursor = connection.connection.driver_connection.cursor()
    with cursor, cursor.copy(statement) as copy:
        for row in rows:
            copy.write_row([row[name] for name in names])


def same_keys(rows: list[dict]) -> list[list[dict]]:
    """Rows grouped by their keys: one executemany binds the same keys in every row."""
    groups: dict[tuple, list[dict]] = {}
    for row in rows:
        groups.setdefault(tuple(sorted(row)), []).append(row)
    return list(groups.values())


def update_by_id(connection: sa.Connection, table: sa.Table, changes: list[dict]) -> None:
    """Each change ({"b_id": the row's id, column: new value...}) as one UPDATE; the changes
    naming the same columns in one executemany."""
    for batch in same_keys(changes):
        names = [key for key in batch[0] if key != "b_id"]
        connection.execute(
            table.update()
            .where(table.c.id == sa.bindparam("b_id"))
            .values({name: sa.bindparam(f"v_{name}") for name in names}),
            [{"b_id": change["b_id"], **{f"v_{n}": change[n] for n in names}} for change in batch],
        )


def replace_links(
    connection: sa.Connection, link: sa.Table, owner: str, target: str, wanted: dict[int, set]
) -> set[int]:
    """Make each owner's links (rows of the association table `link`, columns `owner` and
    `target`) exactly `wanted[owner id]`; the owners whose links changed."""
    stored: dict[int, set] = {owner_id: set() for owner_id in wanted}
    owners = list(wanted)
    for start in range(0, len(owners), 2000):
        part = owners[start : start + 2000]
        for owner_id, target_id in connection.execute(
            sa.select(link.c[owner], link.c[target]).where(link.c[owner].in_(part))
        ):
            stored[owner_id].add(target_id)
    added, removed, changed = [], [], set()
    for owner_id, targets in wanted.items():
        added += [{owner: owner_id, target: t} for t in targets - stored[owner_id]]
        removed += [{"b_owner": owner_id, "b_target": t} for t in stored[owner_id] - targets]
        if targets != stored[owner_id]:
            changed.add(owner_id)
    if added:
        connection.execute(link.insert(), added)
    if removed:
        connection.execute(
            link.delete().where(
                link.c[owner] == sa.bindparam("b_owner"),
                link.c[target] == sa.bindparam("b_target"),
            ),
            removed,
        )
    return changed
