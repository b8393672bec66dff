"""After render, the one sequence that every command changing a build runs (`build`, `shots`,
`approve`, and `serve` through `build`): screenshots -> review -> meta.json -> manifest ->
gallery.

Each job's meta.json is written here, once, after its review, from the record the runner
made (or, for a job this run did not render, the record the previous build left); a build
with no screenshot step has its workers review and write it instead (`done` below), since
that review needs nothing from the other jobs.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from mailglot.baseline import reviewed
from mailglot.gallery import write_gallery
from mailglot.manifest import build_manifest, read_manifest, write_manifest
from mailglot.merged_inputs import still_said
from mailglot.output import read_meta, write_meta
from mailglot.plan import Plan
from mailglot.project.loader import Project
from mailglot.records import JobMeta, Manifest, ManifestEntry
from mailglot.results import JobResult
from mailglot.shots import ShotsReport

Shoot = Callable[[Mapping[str, Path]], ShotsReport]  # job id -> folder; the screenshot step


@dataclass(frozen=True)
class Published:
    manifest: Manifest
    metas: Mapping[str, JobMeta]
    shots: ShotsReport | None = None


def publish(
    project: Project,
    out: Path,
    manifest: Manifest,
    metas: Mapping[str, JobMeta],
    review: Collection[str],
    shoot: Shoot | None = None,
    done: Collection[str] = (),
    vouched: Mapping[str, ManifestEntry] | None = None,
    texts: Mapping[str, str] | None = None,
    pages: Mapping[str, str] | None = None,
) -> Published:
    """`review` names the jobs to shoot (with `shoot`), review and write meta.json for; every
    other entry of `manifest` keeps its record. `done`: jobs among them whose worker already
    reviewed them and wrote their meta.json (only when there is no `shoot`). `vouched`:
    unchanged jobs the build state vouches for (buildstate.vouched), with their previous
    entries: neither read nor reviewed, their entry and gallery data kept as they were.
    `texts`: the text part of jobs just built, as their workers made it; `pages`: the
    gallery data of jobs their workers built and reviewed (gallery.job_page). The caller
    holds the build lock."""
    assert shoot is None or not done, "a job shot here cannot have been reviewed before"
    vouched = vouched or {}
    metas = job_metas(out, manifest, metas, skip=vouched)
    targets = [
        e
        for e in manifest.jobs
        if e.id in review and e.rendered and e.id in metas and e.id not in vouched
    ]
    report = None
    diagnostics = manifest.diagnostics
    if shoot is not None:
        report = shoot({e.id: e.place.folder(out) for e in targets if e.place})
        diagnostics += tuple(report.diagnostics)
    entries: dict[str, ManifestEntry] = {}
    for entry in targets:
        meta = metas[entry.id]
        if entry.id not in done:
            meta = metas[entry.id] = reviewed(project, out, meta)
            write_meta(out, meta)
        entries[entry.id] = entry.reviewed(meta.findings, meta.visual)
    for entry in manifest.jobs:
        if (before := vouched.get(entry.id)) is not None:
            entries[entry.id] = entry.reviewed(before.findings, before.visual)
    manifest = Manifest(tuple(entries.get(e.id, e) for e in manifest.jobs), diagnostics)
    write_manifest(out, manifest)
    write_gallery(project, out, manifest, metas, reuse=vouched, fresh=texts, pages=pages)
    return Published(manifest, metas, report)


def publish_results(
    project: Project,
    out: Path,
    plan: Plan,
    results: Sequence[JobResult],
    *,
    partial: bool,
    shoot: Shoot | None = None,
    previous: Manifest | None = None,
    vouched: Mapping[str, ManifestEntry] | None = None,
) -> Published:
    """`publish` for jobs the runner just ran (a build, or the jobs `serve` renders first): their
    manifest entries merged with the previous manifest (`previous`, read here when not
    given), then the after-render sequence."""
    before = previous if previous is not None else read_manifest(out)
    manifest = build_manifest(before, plan, results, partial=partial)
    said = still_said(out, manifest, results)  # merge's warning, for the jobs still merged
    manifest = replace(manifest, diagnostics=(*said, *manifest.diagnostics))
    metas = {r.job.id: r.meta for r in results if r.meta is not None}
    done = {r.job.id for r in results if r.reviewed}
    texts = {r.job.id: r.text for r in results if r.text is not None}
    pages = {r.job.id: r.page for r in results if r.page is not None}
    ids = {r.job.id for r in results}
    return publish(project, out, manifest, metas, ids, shoot, done, vouched, texts, pages)


def job_metas(
    out: Path,
    manifest: Manifest,
    known: Mapping[str, JobMeta] | None = None,
    skip: Collection[str] = (),
) -> dict[str, JobMeta]:
    """The record of every entry with outputs: `known` ones as given, the others read from
    the meta.json an earlier build left (left out when there is none that is readable), but
    for those in `skip`, which the caller does not need."""
    metas = dict(known or {})
    for entry in manifest.jobs:
        if entry.place is not None and entry.id not in metas and entry.id not in skip:
            meta = read_meta(out, entry.place)
            if meta is not None:
                metas[entry.id] = meta
    return metas
