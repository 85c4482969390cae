"""Keeping the garbage collector's cycle detection out of bulk work that makes no cycles.

The collector walks every container object a process holds: during a bulk computation that
holds hundreds of thousands of them (the numbers, tuples, dicts and quotes of 10,000 prices), a
full collection walks them all, and one such pass took 116 to 123 ms of a 10,000-triple pricing
that otherwise takes 210 to 350 ms (bench/ordering.py prints the collector's passes per case).
Those objects hold no reference cycles, so nothing is lost by waiting: reference counting frees
them as before, and any cyclic garbage made meanwhile is collected once the pause ends.

The pause is the whole process's (the collector is), so nested and concurrent pauses are counted:
the collector comes back when the last one ends, and only if it ran when the first began.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_pauses = 0
_resume = False


@contextmanager
def collection_paused() -> Iterator[None]:
    """No automatic cycle collection inside the block (see the module's docstring)."""
    global _pauses, _resume
    with _lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1
    try:
        yield
    finally:
        with _lock:
            _pauses -= 1
            if _pauses == 0 and _resume:
                gc.enable()
