"""The build, as a table of contents: load -> plan -> render and check -> screenshots -> review
-> meta.json -> manifest -> gallery. Each step lives in its own module; this one only wires
them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mailglot import buildstate, noop
from mailglot.errors import Diagnostic
from mailglot.manifest import damaged_manifest, read_manifest
from mailglot.output import BUILD_DIR, build_lock, read_meta
from mailglot.plan import Plan, Selection, plan_jobs
from mailglot.project.loader import Project, load_project
from mailglot.pruning import Pruning
from mailglot.records import Manifest, ManifestEntry
from mailglot.results import JobResult
from mailglot.shard import Shard, ShardRecord, take_shard, write_record

if TYPE_CHECKING:
    from mailglot.publish import Published
    from mailglot.render.pipeline import Renderer
    from mailglot.shots import ShotsReport


@dataclass(frozen=True)
class BuildOptions:
    selection: Selection = field(default_factory=Selection)
    workers: int | None = None
    screenshots: bool = True
    strict: bool = False
    year: int | None = None
    today: date | None = None  # required by build(): the caller passes the clock
    shard: Shard | None = None  # build --shard K/N: one CI runner's share


@dataclass(frozen=True)
class BuildReport(noop.Judged):
    project: Project
    plan: Plan
    results: list[JobResult]
    manifest: Manifest  # as written, after review
    strict: bool = False
    shots: ShotsReport | None = None
    notes: tuple[Diagnostic, ...] = ()  # about this build only (a damaged manifest.json)

    @cached_property
    def diagnostics(self) -> list[Diagnostic]:
        """Every finding once, campaign errors first (a locale's catalog problems show in all of
        its jobs but are reported once). Made once per report: the summary asks several
        times, and a build of 10,000 jobs has as many results to go through."""
        entries = self.manifest.by_id()
        seen: dict[Diagnostic, None] = {}
        for problems in self.plan.failed.values():
            seen.update(dict.fromkeys(problems))
        seen.update(dict.fromkeys(self.plan.warnings))
        for r in self.results:
            entry = entries.get(r.job.id)
            found = entry.findings if entry else r.findings
            if found:  # most jobs have none: no dict made for them
                seen.update(dict.fromkeys(found))
            if r.notes:  # about this build only
                seen.update(dict.fromkeys(r.notes))
        seen.update(dict.fromkeys(self.manifest.diagnostics))
        seen.update(dict.fromkeys(self.notes))
        return list(seen)

    def jobs_by_finding(self) -> dict[Diagnostic, list[str]]:
        """The jobs each finding was made in, so the same finding in many jobs prints once
        with a count (findings.group_findings)."""
        entries = self.manifest.by_id()
        jobs: dict[Diagnostic, list[str]] = {}
        for r in self.results:
            job_id = r.job.id
            entry = entries.get(job_id)
            for f in entry.findings if entry else r.findings:
                jobs.setdefault(f, []).append(job_id)
        return jobs

    def count(self, status: str) -> int:
        return sum(1 for r in self.results if r.status == status)

    @property
    def skipped(self) -> int:
        return len(self.plan.skipped)

    @property
    def failed_campaigns(self) -> tuple[str, ...]:
        return tuple(sorted(self.plan.failed))

    @property
    def out(self) -> Path:
        return self.project.root / BUILD_DIR

    def replay(self) -> noop.Replay:
        """What a build that changes nothing after this one reports (noop.py)."""
        jobs = self.jobs_by_finding()
        return noop.Replay(
            tuple((d, tuple(jobs.get(d, ()))) for d in self.diagnostics),
            len(self.plan.jobs),
            self.skipped,
            self.failed_campaigns,
            self.out,
        )


Progress = Callable[[JobResult], None]


def build(
    start: Path,
    options: BuildOptions = BuildOptions(),
    on_planned: Callable[[int], None] = lambda n: None,
    on_result: Progress = lambda r: None,
    on_shots_planned: Callable[[int], None] = lambda n: None,
    on_shot: Callable[[object], None] = lambda o: None,
) -> BuildReport:
    project = load_project(start)
    if options.today is None:
        raise TypeError("BuildOptions.today is required: library code never reads the clock")
    plan = plan_jobs(project, options.selection, options.today, options.year)
    record = None
    if options.shard is not None:
        jobs, record = take_shard(plan.jobs, options.shard)
        plan = replace(plan, jobs=jobs)
    on_planned(len(plan.jobs))
    out = project.root / BUILD_DIR
    everything = options.selection.everything and record is None
    with build_lock(out):
        previous = read_manifest(out)
        notes = (note,) if (note := damaged_manifest(out, previous)) else ()
        state = buildstate.read_state(out) if everything else {}
        looks = buildstate.review_fingerprint(project, options.screenshots) if everything else None
        stamp = buildstate.fingerprint(plan, looks) if looks is not None else None
        gate = noop.Options(options.screenshots, options.year, options.today)
        if stamp is not None and (same := _as_before(project, plan, out, stamp, state, previous)):
            for result in same.results:
                on_result(result)
            noop.record(out, gate, same.replay())
            return replace(same, strict=options.strict)
        noop.forget(out)
        vouched, untouched = _vouched(out, plan, state, looks, previous, options.screenshots)
        shots = (on_shots_planned, on_shot) if options.screenshots else None
        results, published = _work(
            project, plan, options, previous, vouched, on_result, shots, everything, record
        )
        if everything or record is not None:
            write_record(out, record)  # for `mailglot merge`; a whole build drops a stale one
        complete = not any(r.status == "failed" for r in results) and not (
            published.shots and published.shots.failed
        )
        stamped = {r.job.id: r.stamp for r in results if r.stamp is not None}
        buildstate.record(out, stamp if complete else None, looks, plan.jobs, untouched | stamped)
        if complete and stamp is not None:
            noop.record(out, gate, _as_no_op(plan, published.manifest, out))
    return BuildReport(
        project, plan, results, published.manifest, options.strict, published.shots, notes
    )


def _work(
    project: Project,
    plan: Plan,
    options: BuildOptions,
    previous: Manifest | None,
    vouched: Mapping[str, ManifestEntry],
    on_result: Progress,
    shots: tuple[Callable[[int], None], Callable[[object], None]] | None,
    everything: bool,
    record: ShardRecord | None,
) -> tuple[list[JobResult], Published]:
    """The build past the no-op check: run the jobs, prune, publish. Only this part needs
    the runner, its checks and the screenshot step: imported here, they are never loaded
    by a no-op rebuild (a fifth of its time)."""
    from mailglot.publish import publish_results
    from mailglot.runner import run_jobs
    from mailglot.shots import shoot_built

    out = project.root / BUILD_DIR
    pruning = None
    if everything:  # what pruning removes, looked for before the workers write anything
        pruning = Pruning.find(out, {job.place for job in plan.jobs}, set(plan.failed))
    results = run_jobs(
        lambda: _renderer(project),
        out,
        plan.jobs,
        options.workers,
        on_result,
        final=shots is None,  # no screenshot step: the workers review and write meta.json
        known={
            **{
                job.id: JobResult(job, "unchanged", None, vouched[job.id].findings)
                for job in plan.jobs
                if job.id in vouched
            },
            **not_built(plan, out),
        },
    )
    if pruning is not None:
        pruning.remove()

    def shoot(folders: Mapping[str, Path]) -> ShotsReport:
        assert shots is not None
        return shoot_built(project, out, folders, *shots)

    published = publish_results(
        project,
        out,
        plan,
        results,
        partial=not everything and record is None,  # a shard's manifest is its share
        shoot=shoot if shots is not None else None,
        previous=previous,
        vouched=vouched,
    )
    return results, published


def not_built(plan: Plan, out: Path) -> dict[str, JobResult]:
    """Jobs with an input file that cannot be read (plan.Plan.unreadable) fail unrendered,
    keeping what the last build left (also serve's own re-render of the emails on screen)."""
    if not plan.unreadable:
        return {}
    return {
        job.id: JobResult(job, "failed", read_meta(out, job.place), plan.unreadable[job.id])
        for job in plan.jobs
        if job.id in plan.unreadable
    }


def _as_before(
    project: Project,
    plan: Plan,
    out: Path,
    stamp: str,
    state: dict[str, Any],
    manifest: Manifest | None,
) -> BuildReport | None:
    """The report of a whole build that would change nothing, from the manifest as it is."""
    if manifest is None or not buildstate.unchanged(out, stamp, plan, state):
        return None
    entries = manifest.by_id()
    if any(job.id not in entries for job in plan.jobs):
        return None
    results = [JobResult(job, "unchanged", None, entries[job.id].findings) for job in plan.jobs]
    return BuildReport(project, plan, results, manifest)


def _as_no_op(plan: Plan, manifest: Manifest, out: Path) -> noop.Replay:
    """What the next build reports if nothing changed: the replay of the report `_as_before`
    would make, taken from the manifest without a result per job (10,000 records made and
    gone through twice, for the few findings they hold)."""
    entries = manifest.by_id()
    jobs: dict[Diagnostic, list[str]] = {}
    for problems in plan.failed.values():
        for d in problems:
            jobs.setdefault(d, [])
    for d in plan.warnings:
        jobs.setdefault(d, [])
    for job in plan.jobs:
        job_id = job.id
        entry = entries.get(job_id)
        for f in entry.findings if entry is not None else ():
            jobs.setdefault(f, []).append(job_id)
    for d in manifest.diagnostics:
        jobs.setdefault(d, [])
    return noop.Replay(
        tuple((d, tuple(ids)) for d, ids in jobs.items()),
        len(plan.jobs),
        len(plan.skipped),
        tuple(sorted(plan.failed)),
        out,
    )


def _vouched(
    out: Path,
    plan: Plan,
    state: dict[str, Any],
    looks: str | None,
    previous: Manifest | None,
    screenshots: bool,
) -> tuple[dict[str, ManifestEntry], dict[str, buildstate.Stamp]]:
    """Unchanged jobs the build state vouches for, with their previous manifest entries and
    the build-state stamps they were vouched for (see buildstate.vouched). Builds with
    screenshots take the ordinary path: the screenshot step decides for itself which jobs
    to shoot."""
    if screenshots or looks is None or previous is None:
        return {}, {}
    entries = previous.by_id()
    stamps = buildstate.vouched(out, plan, state, looks)
    kept = {
        job_id: entry
        for job_id in stamps
        if (entry := entries.get(job_id)) is not None and entry.rendered and not entry.stale
    }
    return kept, {job_id: stamps[job_id] for job_id in kept}


def _renderer(project: Project) -> Renderer:
    """Imported on demand: a no-op rebuild never loads MRML, css-inline, premailer or lxml."""
    from mailglot.render.pipeline import Renderer

    return Renderer(project)
