"""A job's result after the runner: the record that crosses from running jobs to
publishing them and to the build's report. Its own module, so that what only reads results
(the manifest, a no-op build's report) does not import the runner and what it renders and
checks with."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from mailglot.errors import Diagnostic
from mailglot.plan import Job
from mailglot.records import JobMeta

Status = Literal["built", "unchanged", "failed"]


@dataclass(frozen=True)
class JobResult:
    """One job after rendering and output checks, before screenshots and review. `meta` is
    this build's record for a built job; for an unchanged or failed one, what the previous
    build left (None when there is nothing readable)."""

    job: Job
    status: Status
    meta: JobMeta | None
    findings: tuple[Diagnostic, ...] = ()  # a failure's reason, else the meta's findings
    seconds: float = 0.0
    notes: tuple[Diagnostic, ...] = ()  # about this build only (a damaged meta.json), not kept
    reviewed: bool = False  # reviewed and meta.json written by the worker (see render_and_write)
    text: str | None = None  # a built job's text part, for the gallery (not read back from disk)
    page: str | None = None  # a built and reviewed job's gallery data, as its worker encoded it
    stamp: list[Any] | None = None  # buildstate's, taken by the worker that wrote meta.json
