"""Where a running import says how far it is, for the progress page and its JSON.

Not in the `import_run` row: on SQLite the apply transaction holds the database's one write lock
until it commits, so a progress update from the same job would need a second writer, which waits
for that very lock. So progress lives beside the database: in Redis when REDIS_URL is set (the
job runs in an RQ worker, the page is served by another process), else in this process's memory
(the embedded default is one process: the job runs in a thread of the web server). The row gets
the final counts in the apply transaction itself. Progress is advisory: lost (a restart), the
page shows the run's status without figures.
"""

from __future__ import annotations

import threading
import time

from flask import current_app

_LOCAL: dict[int, dict] = {}
_LOCK = threading.Lock()
_KEEP_SECONDS = 24 * 3600


def _key(run_id: int) -> str:
    return f"portal:import-progress:{run_id}"


def report(run_id: int, phase: str, done: int, total: int | None) -> None:
    """Record that `done` of `total` rows (None: not known yet) are through `phase`
    ('checking' or 'applying'); the phase's start time is kept for the time left."""
    now = time.time()
    url = current_app.config.get("REDIS_URL")
    if url:
        from app.jobs.queue import redis_connection

        redis = redis_connection(url)
        key = _key(run_id)
        started = redis.hget(key, f"started:{phase}")
        mapping = {
            "phase": phase,
            "done": done,
            "total": -1 if total is None else total,
            "beat": now,
        }
        if started is None:
            mapping[f"started:{phase}"] = now
        redis.hset(key, mapping=mapping)
        redis.expire(key, _KEEP_SECONDS)
        return
    with _LOCK:
        entry = _LOCAL.setdefault(run_id, {})
        entry.setdefault(f"started:{phase}", now)
        entry.update(phase=phase, done=done, total=total, beat=now)


def progress_of(run_id: int) -> dict | None:
    """{'phase', 'done', 'total', 'seconds_left'} of a run, or None when nothing was reported
    (not started, or forgotten). `seconds_left` is None until it can be estimated."""
    url = current_app.config.get("REDIS_URL")
    if url:
        from app.jobs.queue import redis_connection

        raw = redis_connection(url).hgetall(_key(run_id))
        if not raw:
            return None
        entry = {k.decode(): v.decode() for k, v in raw.items()}
        phase = entry["phase"]
        total = int(entry["total"])
        started = float(entry.get(f"started:{phase}", time.time()))
        done = int(entry["done"])
        total = None if total < 0 else total
    else:
        with _LOCK:
            entry = dict(_LOCAL.get(run_id) or {})
        if not entry:
            return None
        phase, done, total = entry["phase"], entry["done"], entry["total"]
        started = entry[f"started:{phase}"]
    elapsed = time.time() - started
    seconds_left = None
    if total and done and elapsed > 0.5:
        seconds_left = round(elapsed / done * max(total - done, 0))
    return {"phase": phase, "done": done, "total": total, "seconds_left": seconds_left}


def last_beat(run_id: int) -> float | None:
    """When the run last reported (a Unix time), or None: nothing reported where this process
    can see it (not started, finished, or its runner stopped with this process)."""
    url = current_app.config.get("REDIS_URL")
    if url:
        from app.jobs.queue import redis_connection

        beat = redis_connection(url).hget(_key(run_id), "beat")
        return float(beat) if beat is not None else None
    with _LOCK:
        return (_LOCAL.get(run_id) or {}).get("beat")


def forget(run_id: int) -> None:
    """Drop a finished run's progress (its row holds the outcome)."""
    url = current_app.config.get("REDIS_URL")
    if url:
        from app.jobs.queue import redis_connection

        redis_connection(url).delete(_key(run_id))
        return
    with _LOCK:
        _LOCAL.pop(run_id, None)
