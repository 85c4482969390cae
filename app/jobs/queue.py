"""Hands jobs to RQ when REDIS_URL is set, else runs them in the request's process after commit.

Either way a job is handed over only once the transaction that caused it has committed, so a job
never reads data that is rolled back, and a rolled-back change sends no mail. Savepoints count: a
job enqueued inside a savepoint that is rolled back is dropped with it, and releasing a savepoint
hands nothing over (SQLAlchemy signals `after_commit` for a released savepoint too).
"""

from __future__ import annotations

import functools
import importlib
import logging
from collections.abc import Callable
from typing import Any

from flask import Flask, current_app, has_app_context
from sqlalchemy import event
from sqlalchemy.orm import Session, scoped_session

log = logging.getLogger(__name__)
_PENDING = "portal_pending_jobs"


def init_jobs(app: Flask) -> None:
    app.extensions["portal_jobs"] = {"redis_url": app.config.get("REDIS_URL", "")}


def job(func: Callable) -> Callable:
    """Marks a job function: it runs inside an app context even under a bare `rq worker`."""

    @functools.wraps(func)
    def run(*args, **kwargs):
        if has_app_context():
            return func(*args, **kwargs)
        from app import create_app

        with create_app().app_context():
            return func(*args, **kwargs)

    return run


def redis_connection(url: str | None = None):
    from redis import Redis

    return Redis.from_url(url or current_app.config["REDIS_URL"])


def rq_queue(url: str | None = None):
    from rq import Queue

    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection(url))


def enqueue(function: str, *args: Any, session: Session | None = None, **kwargs: Any) -> None:
    """Run `function` ('package.module:name') once the current transaction commits.

    With no transaction in progress it is handed over at once.
    """
    session = session or _default_session()
    if isinstance(session, scoped_session):
        session = session()  # the request's own session, not the registry handing it out
    if session is not None and session.in_transaction():
        # Remember the innermost transaction: rolling it (or one around it) back drops the job.
        transaction = session.get_nested_transaction() or session.get_transaction()
        session.info.setdefault(_PENDING, []).append((transaction, function, args, kwargs))
        return
    _hand_over(current_app._get_current_object(), function, args, kwargs)


def _default_session() -> Session | None:
    from app.extensions import db

    return db.session() if has_app_context() else None


def _hand_over(app: Flask, function: str, args: tuple, kwargs: dict) -> None:
    if app.config.get("REDIS_URL"):
        from redis.exceptions import RedisError

        try:
            with app.app_context():
                rq_queue().enqueue(function.replace(":", "."), *args, **kwargs)
            return
        except RedisError:
            # The change that caused the job has committed and must not look failed. Until the
            # outbox (DESIGN.md) keeps jobs for a later retry, do the work here rather than lose it.
            log.warning("Redis unreachable: running job %s in-process", function, exc_info=True)
    with app.app_context():
        try:
            resolve(function)(*args, **kwargs)
        except Exception:  # the request that caused it has committed: log, never undo it
            log.exception("in-process job %s failed", function)


def resolve(function: str) -> Callable:
    module, _, name = function.partition(":")
    return getattr(importlib.import_module(module), name)


@event.listens_for(Session, "after_commit")
def _run_pending_jobs(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint was released: the work is not committed until the outermost commit
    pending = session.info.pop(_PENDING, [])
    if not pending:
        return
    app = current_app._get_current_object()
    for _transaction, function, args, kwargs in pending:
        _hand_over(app, function, args, kwargs)


@event.listens_for(Session, "after_soft_rollback")
def _drop_pending_jobs(session: Session, previous_transaction) -> None:
    forget_rolled_back(session, _PENDING, previous_transaction)


def forget_rolled_back(session: Session, key: str, previous_transaction) -> None:
    """Drop from `session.info[key]` (a list of items, each starting with the transaction it was
    written in) what was written in `previous_transaction`, just rolled back, or within it;
    everything once no transaction is left."""
    if not session.in_transaction():
        session.info.pop(key, None)
        return
    written = session.info.get(key)
    if written:
        session.info[key] = [item for item in written if not _inside(item[0], previous_transaction)]


def _inside(transaction, outer) -> bool:
    """Whether `transaction` is `outer` or was begun within it."""
    while transaction is not None:
        if transaction is outer:
            return True
        transaction = transaction.parent
    return False
