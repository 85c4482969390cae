"""Inserting many new rows at once, as fast as each database allows.

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
