"""`render.timeout_s`: one watchdog thread per process interrupts a render that runs too long.

A thread started for every render cost more than many a render's template (a thread start and
two hand-overs of the interpreter per job); one thread that sleeps until the earliest deadline
of the renders under way costs a lock and a dict entry per render, and wakes about once per
`timeout_s` in a long build. The interruption is an exception raised in the rendering thread
between two bytecodes, so the same limit holds in the serial build, in worker processes and in
`serve`'s rebuild thread (a SIGALRM timer would only work on the main thread).
"""

from __future__ import annotations

import ctypes
import math
import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

REPEAT_S = 0.25  # code that catches every Exception could swallow one interruption


class RenderTimeout(Exception):
    """A template ran longer than `render.timeout_s`."""


_async_exc = ctypes.pythonapi.PyThreadState_SetAsyncExc  # (thread id, exception or NULL)


@dataclass
class _Limit:
    thread: int
    deadline: float  # monotonic; moved on by REPEAT_S after each interruption
    fired: bool = False


class _Watchdog:
    """The renders under way and the one thread that watches their deadlines. Everything is
    read and changed under `cond`'s lock, so an interruption is either delivered inside its
    block or withdrawn before the block is left."""

    def __init__(self) -> None:
        self.cond = threading.Condition(threading.Lock())
        self.limits: dict[int, _Limit] = {}  # by id of the _Limit
        self.wake_at = math.inf  # when the thread means to look next (inf: not started/idle)
        self.thread: threading.Thread | None = None

    def add(self, limit: _Limit) -> None:
        with self.cond:
            self.limits[id(limit)] = limit
            if self.thread is None:
                self.thread = threading.Thread(
                    target=self._run, name="mailglot-time-limit", daemon=True
                )
                self.thread.start()
            if limit.deadline < self.wake_at:
                self.cond.notify()  # it sleeps past this deadline (or without one)

    def remove(self, limit: _Limit) -> None:
        """No wake-up: the thread finds the entry gone when it next looks."""
        with self.cond:
            self.limits.pop(id(limit), None)
            if limit.fired:
                _async_exc(ctypes.c_ulong(limit.thread), None)  # NULL: withdraw one not delivered

    def _run(self) -> None:
        with self.cond:
            while True:
                now = time.monotonic()
                for limit in self.limits.values():
                    if limit.deadline <= now:
                        limit.fired = True
                        limit.deadline = now + REPEAT_S
                        _async_exc(ctypes.c_ulong(limit.thread), ctypes.py_object(RenderTimeout))
                self.wake_at = min((x.deadline for x in self.limits.values()), default=math.inf)
                self.cond.wait(None if self.wake_at == math.inf else self.wake_at - now)


_watchdog = _Watchdog()


def _after_fork() -> None:
    """A forked worker has none of its parent's threads, and a lock held at the fork stays
    held: it starts afresh."""
    global _watchdog
    _watchdog = _Watchdog()


os.register_at_fork(after_in_child=_after_fork)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise RenderTimeout in this thread once `seconds` have passed, until the block is left."""
    limit = _Limit(threading.get_ident(), time.monotonic() + seconds)
    watchdog = _watchdog
    watchdog.add(limit)
    try:
        yield
    finally:
        while True:  # an interruption that lands here, before the lock is taken, is retried
            try:
                watchdog.remove(limit)
                break
            except RenderTimeout:
                continue
