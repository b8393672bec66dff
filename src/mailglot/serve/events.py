"""What the pages of `mailglot serve` are told, and which emails they are looking at.

One `Hub` per serve: the rebuild loop publishes events (a job re-rendered, the status
changed, the gallery rewritten) and sets the status (errors, jobs still stale); every open
page holds a server-sent-events stream that receives them in order. A single-email page opens
its stream with `?job=<campaign>/<locale>/<variant>`, which is how the loop knows which
emails to render first. The hub also counts each time a page shows a job's email again
(its preview.html fetched, or the pushed email written into its frame), so the loop can hold
back its own work (meta.json, manifest, gallery, the background build) until then.
"""

from __future__ import annotations

import contextlib
import threading
from collections import Counter
from collections.abc import Callable, Collection, Iterator
from typing import Any

HISTORY = 64  # events kept for streams that fall behind between two waits


class Hub:
    def __init__(self) -> None:
        self.generation = 0
        self._events: list[tuple[int, dict[str, Any]]] = []
        self._status: dict[str, Any] = {"errors": [], "stale": [], "shots_stale": [], "busy": False}
        self._viewers: Counter[str] = Counter()
        self._served: Counter[str] = Counter()
        self._changed = threading.Condition()
        self.on_view: Callable[[str], None] = lambda job: None  # a page opened on a job

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
        self.on_view(job)
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

    def served(self, job: str) -> None:
        """A page showing `job` fetched its preview.html, or said it wrote the email it was
        sent into its frame. Counted only for jobs a page is viewing."""
        with self._changed:
            if self._viewers[job]:
                self._served[job] += 1
                self._changed.notify_all()

    def served_counts(self, jobs: Collection[str]) -> dict[str, int]:
        with self._changed:
            return {job: self._served[job] for job in jobs}

    def wait_served(self, since: dict[str, int], timeout: float) -> bool:
        """Wait until each job of `since` that a page is viewing has been served again (its
        count passed the one in `since`), at most `timeout` seconds; whether they all were."""

        def done() -> bool:
            return all(
                self._served[job] > count for job, count in since.items() if self._viewers[job]
            )

        with self._changed:
            return self._changed.wait_for(done, timeout=timeout)
