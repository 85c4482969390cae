"""What the outbox (app/jobs/outbox.py) needs of RQ and of job functions.

The connection to Redis and the portal's queue (REDIS_URL, RQ_QUEUE), the `job` decorator that
gives a job an app context under a bare `rq worker`, and the bookkeeping that drops what was
written in a rolled-back transaction or savepoint. Every job goes through the outbox, so that it
is committed with the change causing it and run until it succeeds.
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable

from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session


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
    """The process's client of Redis at `url` (default: REDIS_URL). One per address, kept:
    its connections are reused, where a new client opened a connection for every hand-over."""
    return _redis_client(url or current_app.config["REDIS_URL"])


@functools.cache
def _redis_client(url: str):
    from redis import Redis

    # A Redis host that does not answer must not hold a request (handing over after a commit)
    # for the system's TCP timeout: the outbox keeps the entry and the relay tries again.
    # (redis-py opens new connections in a forked child, such as an RQ work horse.)
    return Redis.from_url(url, socket_connect_timeout=5)


def rq_queue(url: str | None = None):
    from rq import Queue

    return Queue(current_app.config["RQ_QUEUE"], connection=redis_connection(url))


def resolve(function: str) -> Callable:
    """The function named 'package.module:name'."""
    module, _, name = function.partition(":")
    return getattr(importlib.import_module(module), name)


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
