"""PostgreSQL connections that keep their prepared statements from one request to the next.

psycopg prepares a statement once it has run it five times on a connection, so PostgreSQL no
longer plans it each time (planning is much of what a portal request's statements cost: 1.4 ms
of the 1.8 the signed-in account's statement takes). But psycopg forgets every prepared
statement on a ROLLBACK, in case the rollback undid a table they read; and every request that
only reads ends with one, when its session is closed. So no statement stayed prepared past the
request that prepared it: in practice, none was ever run prepared.

A transaction that wrote nothing (PostgreSQL gave it no transaction id: no row written or
locked, no table created) ends the same whether it is committed or rolled back. Such a
transaction is committed, which keeps the statements; any other is rolled back as before.
Asking costs one short round trip, on rollbacks only. What is not a write but does differ: a
session-wide `SET` (not `SET LOCAL`) or a `NOTIFY` in such a transaction now takes effect. The
app uses neither (its settings are `SET LOCAL`, gone with the transaction either way).

A statement kept prepared may be run with a generic plan, made without its parameters' values:
the portal's statements keep to shapes whose generic plans stay good (a constant written into
the SQL rather than bound, for one), and `python -m bench plans` compares them with custom ones.
The connections also run without JIT compilation (see WITHOUT_JIT).
"""

from __future__ import annotations

import psycopg
import sqlalchemy as sa
from psycopg.pq import TransactionStatus

NO_WRITES = "SELECT pg_current_xact_id_if_assigned() IS NULL"


class PreparedStatementsKept(psycopg.Connection):
    """A psycopg connection whose rollback of a transaction that wrote nothing is a commit."""

    def rollback(self) -> None:
        if self.info.transaction_status == TransactionStatus.INTRANS and self._wrote_nothing():
            self.commit()
        else:
            super().rollback()

    def _wrote_nothing(self) -> bool:
        try:
            with self.cursor() as cursor:
                return cursor.execute(NO_WRITES, prepare=False).fetchone()[0] is True
        except psycopg.Error:  # the question failed: the transaction is not one to commit
            return False


# PostgreSQL compiles a statement to machine code (JIT) when its estimated cost passes
# jit_above_cost. A portal statement is costed high when it holds a subquery per row, as the
# visibility rule does for variants: compiling took 120 ms of the 150 that checking a cart of
# 400 lines took, which takes 15 without it. The back office's lists were compiled too (a
# customer list page 54 ms, 36 without). The app's statements read thousands of rows, not the
# millions JIT pays off on, so its connections run without it.
WITHOUT_JIT = "-c jit=off"


def without_jit(engine: sa.Engine) -> None:
    """Open `engine`'s PostgreSQL connections with JIT compilation off (see WITHOUT_JIT)."""
    if engine.dialect.name != "postgresql":
        return

    # First among the connect hooks: keep_prepared_statements' one opens the connection.
    @sa.event.listens_for(engine, "do_connect", insert=True)
    def _options(_dialect, _record, _cargs, cparams):
        cparams["options"] = f"{cparams.get('options', '')} {WITHOUT_JIT}".strip()


def keep_prepared_statements(engine: sa.Engine) -> None:
    """Open `engine`'s connections (psycopg ones) as `PreparedStatementsKept`."""
    if engine.dialect.driver != "psycopg":
        return

    @sa.event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, cargs, cparams):
        return PreparedStatementsKept.connect(*cargs, **cparams)
