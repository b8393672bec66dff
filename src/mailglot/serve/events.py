"""What the pages of `mailglot serve` are told, and which emails they are looking at.

One `Hub` per serve: the rebuild loop publishes events (a job re-rendered, the status
changed, the gallery rewritten) and sets the status (errors, jobs still stale); every open
page holds a server-sent-events stream that receives them in order. A single-email page opens
its stream with `?job=<campaign>/<locale>/<variant>`, which is how the loop knows which
emails to render first.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Iterator
from typing import Any

HISTORY = 64  # events kept for streams that fall behind between two waits


class Hub:
    def __init__(self) -> None:
        self.generation = 0
        self._events: list[tuple[int, dict[str, Any]]] = []
        self._status: dict[str, Any] = {"errors": [], "stale": [], "shots_stale": [], "busy": False}
        self._viewers: Counter[str] = Counter()
        self._changed = threading.Condition()

    def publish(self, event: dict[str, Any]) -> None:
        with self._changed:
            self.generation += 1
            self._events = [*self._events[-HISTORY + 1 :], (self.generation, event)]
            self._changed.notify_all()

    def set_status(self, **fields: Any) -> None:
        """Update the status and tell every page (only when something changed)."""
        with self._changed:
            new = {**self._status, **fields}
            if new == self._status:
                return
            self._status = new
        self.publish({"type": "status", **new})

    def status(self) -> dict[str, Any]:
        with self._changed:
            return dict(self._status)

    def wait(self, seen: int, timeout: float) -> tuple[list[dict[str, Any]], int]:
        """Events after generation `seen` (waiting up to `timeout` for one), and the newest
        generation."""
        with self._changed:
            self._changed.wait_for(lambda: self.generation != seen, timeout=timeout)
            return [e for g, e in self._events if g > seen], self.generation

    @contextlib.contextmanager
    def viewing(self, job: str) -> Iterator[None]:
        """Count a page looking at `job` while its stream is open."""
        if not job:
            yield
            return
        with self._changed:
            self._viewers[job] += 1
        try:
            yield
        finally:
            with self._changed:
                self._viewers[job] -= 1
                if self._viewers[job] <= 0:
                    del self._viewers[job]

    def viewed(self) -> list[str]:
        with self._changed:
            return sorted(self._viewers)
