"""Run jobs serially or in a process pool through the same function, so both give the same bytes."""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mailglot.checks import check_output
from mailglot.errors import Diagnostic
from mailglot.output import job_dir, read_meta, write_job
from mailglot.plan import Job
from mailglot.render.mjml import MjmlFailure
from mailglot.render.template import TemplateFailure

if TYPE_CHECKING:  # the renderer pulls in premailer, lxml and html2text: only load them for work
    from mailglot.render.pipeline import Renderer

Status = Literal["built", "unchanged", "failed"]
OUTPUT_FILES = ("email.mjml", "email.html", "preview.html", "email.txt", "email.eml", "meta.json")


@dataclass
class JobResult:
    job: Job
    status: Status
    findings: list[Diagnostic] = field(default_factory=list)
    seconds: float = 0.0
    visual: dict[str, Any] = field(default_factory=dict)  # screenshots and baseline review


def is_current(out: Path, job: Job) -> tuple[bool, list[Diagnostic]]:
    meta = read_meta(out, job)
    if not meta or meta.get("key") != job.key:
        return False, []
    folder = job_dir(out, job)
    if not all((folder / name).is_file() for name in OUTPUT_FILES):
        return False, []
    return True, [Diagnostic(**f) for f in meta.get("findings", [])]


def render_and_write(renderer: Renderer, out: Path, job: Job) -> JobResult:
    """The worker: render one job, check it, write it whole; failures keep the old outputs."""
    started = time.perf_counter()
    try:
        rendered = renderer.render(job)
    except TemplateFailure as exc:
        return JobResult(job, "failed", [exc.diagnostic], time.perf_counter() - started)
    except MjmlFailure as exc:
        diag = Diagnostic(f"templates/{job.template}", None, "mjml", "error", str(exc))
        return JobResult(job, "failed", [diag], time.perf_counter() - started)
    except Exception as exc:  # one job's surprise must not stop the others
        diag = Diagnostic(
            f"campaigns/{job.campaign}.yaml",
            None,
            "internal",
            "error",
            f"{job.id} could not be rendered: {type(exc).__name__}: {exc}",
        )
        return JobResult(job, "failed", [diag], time.perf_counter() - started)

    job_path = f"build/{job.campaign}/{job.locale}/{job.variant}"
    findings = rendered.findings + check_output(
        renderer.project,
        job_path,
        job.market,
        rendered.files["email.html"].decode(),
        rendered.files["email.txt"].decode(),
        rendered.meta,
    )
    silenced = set(renderer.project.settings.checks.disable)
    findings = [f for f in findings if f.code not in silenced]
    rendered.meta["findings"] = [f.to_dict() for f in findings]
    write_job(out, job, rendered.files, rendered.meta)
    return JobResult(job, "built", findings, time.perf_counter() - started)


_worker: tuple[Renderer, Path] | None = None  # set once per pool process by _init


def _init(renderer: Renderer, out: Path) -> None:
    global _worker
    _worker = (renderer, out)


def _task(job: Job) -> JobResult:
    assert _worker is not None
    return render_and_write(_worker[0], _worker[1], job)


def default_workers(pending: int) -> int:
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    # A fork costs ~30 ms; below a handful of jobs one process is faster.
    return max(1, min(cpus or 1, pending // 6))


def run_jobs(
    make_renderer: Callable[[], Renderer],
    out: Path,
    jobs: Iterable[Job],
    workers: int | None,
    on_result: Callable[[JobResult], None] = lambda r: None,
) -> list[JobResult]:
    """Skip jobs whose outputs are current; render the rest with a renderer made only then."""
    results: list[JobResult] = []
    pending: list[Job] = []
    for job in jobs:
        current, findings = is_current(out, job)
        if current:
            result = JobResult(job, "unchanged", findings)
            results.append(result)
            on_result(result)
        else:
            pending.append(job)
    if not pending:
        return results
    n = workers if workers else default_workers(len(pending))
    for result in _execute(make_renderer(), out, pending, n):
        results.append(result)
        on_result(result)
    return results


def _execute(renderer: Renderer, out: Path, jobs: list[Job], workers: int) -> Iterator[JobResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield render_and_write(renderer, out, job)
        return
    # Build each locale's environment before forking so every worker inherits it.
    for locale, market in sorted({(j.locale, j.market) for j in jobs}):
        renderer.environment(locale, market)
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        workers, mp_context=ctx, initializer=_init, initargs=(renderer, out)
    ) as pool:
        yield from pool.map(_task, jobs, chunksize=max(1, len(jobs) // (workers * 4)))
