"""Run jobs serially or in a process pool through the same function, so both give the same bytes.

Worker processes die with their build, however it dies: each asks the kernel for SIGKILL when
its parent goes (Linux PR_SET_PDEATHSIG) and checks that the parent is still the one that
forked it, so a cancelled CI job leaves no orphan rendering on, holding files or the lock.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import fields, replace
from pathlib import Path
from typing import TYPE_CHECKING

from mailglot.baseline import review_job
from mailglot.buildstate import job_stamp
from mailglot.checks.registry import check_output
from mailglot.errors import Diagnostic, silence
from mailglot.gallery import IMAGES_OFF, images_off, job_page
from mailglot.jobfolder import JobFolder
from mailglot.machine import usable_cpus
from mailglot.output import BUILD_DIR, OutputError, read_meta
from mailglot.plan import Job
from mailglot.previous import Previous
from mailglot.render.mjml import MjmlFailure, native_panic
from mailglot.render.template import TemplateFailure
from mailglot.results import JobResult

if TYPE_CHECKING:  # the renderer pulls in MRML, css-inline, premailer and lxml: only for work
    from mailglot.render.pipeline import Renderer


def render_and_write(renderer: Renderer, out: Path, job: Job, final: bool = False) -> JobResult:
    """The worker: render one job, check it, write its files whole (meta.json comes after
    review); failures keep the old outputs. `final`: no screenshot step follows, so the
    review needs nothing from other jobs and the worker does it and writes meta.json itself
    (still once, still last), instead of leaving a serial step per job to the parent.
    images-off.html is made here from the preview in memory, not read back from disk."""
    started = time.perf_counter()
    try:
        rendered = renderer.render(job)
    except BaseException as exc:  # one job's surprise must not stop the others
        if not isinstance(exc, Exception) and not native_panic(exc):
            raise  # Ctrl-C, a worker told to exit
        previous = read_meta(out, job.place)
        return JobResult(job, "failed", previous, (_failure(job, exc),), _since(started))
    findings = [
        *rendered.findings,
        *check_output(
            renderer.project,
            job.place,
            BUILD_DIR,
            rendered.files["email.html"].decode(),
            text := rendered.files["email.txt"].decode(),
            rendered.meta,
        ),
    ]
    kept = tuple(silence(findings, renderer.project.settings.checks.disable))
    preview = rendered.files["preview.html"]
    try:
        with JobFolder(out, job.place) as folder:
            folder.write_files({**rendered.files, IMAGES_OFF: images_off(preview, encoded=True)})
            if final:  # `baseline.reviewed`, with one copy of the record instead of two
                kept, visual = review_job(renderer.project, out, job.place, kept, folder.fresh)
                meta = replace(rendered.meta, findings=kept, visual=visual)
                folder.write_meta(meta)
            else:
                meta = replace(rendered.meta, findings=kept)
    except OutputError as exc:  # a read-only folder, a link out of build/: this job only
        diag = Diagnostic(
            job.place.in_build(BUILD_DIR), None, "output", "error", f"{exc}; nothing written"
        )
        return JobResult(job, "failed", read_meta(out, job.place), (diag,), _since(started))
    if final:  # the gallery's data and the build state's stamp too (nothing else writes
        # the folder in this build): the text part then need not cross to the parent
        page = job_page(meta, text)
        stamp = job_stamp(os.fspath(out), job)
        return JobResult(
            job,
            "built",
            meta,
            meta.findings,
            _since(started),
            reviewed=True,
            page=page,
            stamp=stamp,
        )
    return JobResult(job, "built", meta, meta.findings, _since(started), text=text)


def _failure(job: Job, exc: BaseException) -> Diagnostic:
    if isinstance(exc, TemplateFailure):
        return exc.diagnostic
    if isinstance(exc, MjmlFailure):
        return Diagnostic(f"templates/{job.template}", None, "mjml", "error", str(exc))
    return Diagnostic(
        f"campaigns/{job.campaign}.yaml",
        None,
        "internal",
        "error",
        f"{job.id} could not be rendered: {type(exc).__name__}: {exc}",
    )


def _since(started: float) -> float:
    return time.perf_counter() - started


_worker: tuple[Renderer, Path, bool, Sequence[Job]] | None = None  # set by _init per process
PR_SET_PDEATHSIG = 1
# What a worker sends back for a job: its JobResult's fields but the job, which the build
# already holds (see _execute).
_SENT = tuple(f.name for f in fields(JobResult) if f.name != "job")


def die_with_parent(parent: int) -> None:
    """SIGKILL this process when its parent dies (Linux), and leave now if it already has."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def _init(renderer: Renderer, out: Path, final: bool, parent: int, jobs: Sequence[Job]) -> None:
    global _worker
    die_with_parent(parent)
    _worker = (renderer, out, final, jobs)


def _task(batch: range) -> list[tuple[object, ...]]:
    """The jobs at `batch` of the jobs the worker was forked with: a job crosses to a worker
    as its number and comes back as its result without it (a job pickled one way and again
    in its result the other way was ~0.05 ms of CPU a job, half of it the parent's)."""
    assert _worker is not None
    renderer, out, final, jobs = _worker
    sent = []
    for index in batch:
        result = render_and_write(renderer, out, jobs[index], final)
        sent.append(tuple(getattr(result, name) for name in _SENT))
    return sent


def default_workers(pending: int) -> int:
    # A fork costs ~30 ms; below a handful of jobs one process is faster.
    return max(1, min(usable_cpus(), pending // 6))


def run_jobs(
    make_renderer: Callable[[], Renderer],
    out: Path,
    jobs: Iterable[Job],
    workers: int | None,
    on_result: Callable[[JobResult], None] = lambda r: None,
    final: bool = False,
    known: Mapping[str, JobResult] | None = None,
) -> list[JobResult]:
    """Skip jobs whose outputs are current; render the rest with a renderer made only then.
    `final`: no screenshot step follows (see `render_and_write`). `known`: results of jobs
    the build state vouches for, taken as they are (no meta.json read)."""
    results: list[JobResult] = []
    pending: list[Job] = []
    damaged: dict[str, Diagnostic] = {}
    with Previous(out) as previous:
        for job in jobs:
            result = known.get(job.id) if known else None
            if result is None:
                meta, note = previous.look(job)
                if meta is not None:
                    result = JobResult(job, "unchanged", meta, meta.findings)
                elif note is not None:
                    damaged[job.id] = note
            if result is not None:
                results.append(result)
                on_result(result)
            else:
                pending.append(job)
    if not pending:
        return results
    n = workers if workers else default_workers(len(pending))
    for result in _execute(make_renderer(), out, pending, n, final):
        if result.job.id in damaged:
            result = replace(result, notes=(damaged[result.job.id],))
        results.append(result)
        on_result(result)
    return results


def _execute(
    renderer: Renderer, out: Path, jobs: list[Job], workers: int, final: bool
) -> Iterator[JobResult]:
    if workers <= 1 or len(jobs) <= 1:
        for job in jobs:
            yield render_and_write(renderer, out, job, final)
        return
    size = max(1, len(jobs) // (workers * 4))
    batches = job_batches(jobs, size, tapered(len(jobs), workers, size))
    for locale, market in shared_locales(jobs, batches):
        renderer.environment(locale, market)
    ctx = multiprocessing.get_context("fork")  # the workers get the jobs as they are forked
    args = (renderer, out, final, os.getpid(), jobs)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init, initargs=args) as pool:
        sent = (fields_ for batch in pool.map(_task, batches) for fields_ in batch)
        for job, fields_ in zip(jobs, sent, strict=True):
            yield JobResult(job, **dict(zip(_SENT, fields_, strict=True)))  # type: ignore[arg-type]


def job_batches(
    jobs: Sequence[Job], size: int, limit: Callable[[int], int] | None = None
) -> list[range]:
    """The jobs cut into batches of at most `size` (the pool hands a worker one at a time),
    in order, each locale's run of jobs kept whole in one batch when it fits: a locale whose
    jobs are all in one batch has its environment made by the worker that renders them.
    `limit`: the largest batch that may start at a job's number, instead of `size`
    (`tapered`)."""
    most = limit or (lambda start: size)
    batches: list[range] = []
    open_ = range(0)  # the batch being filled
    cap = 0  # its limit
    start = 0
    while start < len(jobs):
        end = start + 1
        while end < len(jobs) and jobs[end].locale == jobs[start].locale:
            end += 1  # the run of one locale: [start, end)
        if open_ and len(open_) + end - start <= cap:
            open_ = range(open_.start, end)
        else:
            if open_:
                batches.append(open_)
            piece = start
            cap = most(piece)
            while end - piece > cap:  # a run longer than a batch: cut in pieces
                batches.append(range(piece, piece + cap))
                piece += cap
                cap = most(piece)
            open_ = range(piece, end)
        start = end
    if open_:
        batches.append(open_)
    return batches


def tapered(total: int, workers: int, size: int) -> Callable[[int], int]:
    """Batches that shrink as the jobs left do (guided scheduling): a batch starting at job
    `start` holds at most an eighth of the jobs left per worker pair, never fewer than
    `_SMALLEST` (nor more than `size`). With batches of one size, the worker that took the
    last one rendered on alone for up to a whole batch (at 10,000 jobs, 1,250 of them, over
    two seconds) while the other was idle; shrinking ones end both workers' work within a
    few jobs of each other, and the build process gets its results as they come."""
    smallest = min(size, _SMALLEST)
    share = workers * 4

    def most(start: int) -> int:
        return max(smallest, min(size, -(-(total - start) // share)))

    return most


_SMALLEST = 16  # jobs: a batch's round trip through the pool is well under one job's time


def shared_locales(jobs: Sequence[Job], batches: Sequence[range]) -> list[tuple[str, str]]:
    """The locales (with their market) whose environment the build process makes before
    forking: those with jobs in more than one batch, which more than one worker may need
    and every worker then inherits. The others are made by the one worker that renders
    them, as a single process makes them, while the other workers render: when one
    campaign changed, its jobs are a batch or two per locale, and the build process made
    every locale's environment (its catalogs read and checked) alone, its workers idle."""
    first: dict[tuple[str, str], int] = {}
    shared: set[tuple[str, str]] = set()
    for number, batch in enumerate(batches):
        for index in batch:
            which = (jobs[index].locale, jobs[index].market)
            if first.setdefault(which, number) != number:
                shared.add(which)
    return sorted(shared)
