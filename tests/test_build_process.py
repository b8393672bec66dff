"""What the build process does itself at scale, and the shortcuts that keep it small: each is
checked against what the plain way gives."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from mailglot import buildstate, gallery
from mailglot.build import BuildOptions, build
from mailglot.errors import Diagnostic
from mailglot.plan import Job, Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.publish import job_metas
from mailglot.render.pipeline import Renderer
from mailglot.runner import job_batches, run_jobs, shared_locales, tapered
from tests.conftest import copy_example

TODAY = date(2026, 11, 2)


def _jobs(*locales: str) -> list[Job]:
    """Jobs that differ in their locale only (shared_locales looks at nothing else)."""
    return [Job("c", loc, "a", f"m-{loc}", "t", None, (), "k") for loc in locales]  # type: ignore[arg-type]


def test_jobs_are_cut_in_batches_that_keep_a_locales_run_whole_when_it_fits() -> None:
    jobs = _jobs("fr", "fr", "de", "de", "de", "es", "es", "it")
    cut = job_batches(jobs, 3)
    assert [list(b) for b in cut] == [[0, 1], [2, 3, 4], [5, 6, 7]]
    assert shared_locales(jobs, cut) == []  # each made by the worker that renders it
    cut = job_batches(jobs, 2)  # de's three jobs cannot be in one batch
    assert [list(b) for b in cut] == [[0, 1], [2, 3], [4], [5, 6], [7]]
    assert shared_locales(jobs, cut) == [("de", "m-de")]
    assert [list(b) for b in job_batches(jobs, 100)] == [list(range(8))]
    assert [list(b) for b in job_batches(jobs, 1)] == [[i] for i in range(8)]
    spread = _jobs("fr", "fr", "de", "de") * 3  # a whole build: every locale in every batch
    cut = job_batches(spread, 4)
    assert [list(b) for b in cut] == [[0, 1, 2, 3], [4, 5, 6, 7], [8, 9, 10, 11]]
    assert shared_locales(spread, cut) == [("de", "m-de"), ("fr", "m-fr")]
    assert job_batches([], 3) == []


def test_batches_shrink_towards_the_end_so_both_workers_finish_together() -> None:
    """A cold build's batches (runner.tapered): the first as large as before, then each an
    eighth of what is left per two workers, the last few the smallest; every job once, in
    order, a locale's run whole."""
    jobs = [
        j
        for c in range(500)
        for loc in _jobs(*[f"l{i}" for i in range(10)])
        for j in (replace(loc, campaign=f"c{c}"), replace(loc, campaign=f"c{c}", variant="b"))
    ]
    size = len(jobs) // 8
    cut = job_batches(jobs, size, tapered(len(jobs), 2, size))
    assert [j for b in cut for j in b] == list(range(len(jobs)))
    sizes = [len(b) for b in cut]
    assert sizes[:3] == [1250, 1094, 956] and sizes[-8:] == [16] * 7 + [12]
    assert sizes == sorted(sizes, reverse=True)
    assert all(jobs[b.start].locale != jobs[b.start - 1].locale for b in cut[1:])  # runs whole
    few = jobs[:20]  # one campaign changed: as before
    assert job_batches(few, 2, tapered(20, 2, 2)) == job_batches(few, 2)


def test_one_campaigns_jobs_render_in_a_pool_as_one_process_renders_them(tmp_path: Path) -> None:
    """One campaign's jobs, as a rebuild after it changed runs them: each locale's pair in a
    chunk of its own, its environment made in the worker, never in the build process; every
    result is the one a single process makes."""
    results = []
    for name, workers in (("one", 1), ("two", 2)):
        root = copy_example(tmp_path / name)
        project = load_project(root)
        jobs = plan_jobs(project, Selection(("winback",)), TODAY).jobs
        assert (
            len({j.locale for j in jobs}) > 4
            and shared_locales(jobs, job_batches(jobs, len(jobs) // 8)) == []
        )
        renderer = Renderer(project)
        made = run_jobs(lambda r=renderer: r, root / "build", jobs, workers, final=True)
        assert [r.job for r in made] == jobs
        if workers == 2:
            assert renderer._envs == {}  # made by the workers
        results.append([replace(r, seconds=0.0, stamp=None) for r in made])  # when, where
    assert {r.status for r in results[0]} == {"built"}
    assert results[0] == results[1]


def test_the_page_data_workers_encode_is_the_data_the_gallery_makes(tmp_path: Path) -> None:
    """A cold build's workers encode each job's gallery data (gallery.job_page): the page is
    byte for byte the one made from the records and text parts on disk, and a worker's page
    is placed only for the entry it was encoded for."""
    root = copy_example(tmp_path / "p")
    out = root / "build"
    report = build(root, BuildOptions(workers=2, screenshots=False, today=TODAY))
    assert report.results and all(r.page is not None and r.text is None for r in report.results)
    made = (out / gallery.DATA).read_bytes()
    project = load_project(root)
    metas = job_metas(out, report.manifest)
    gallery.write_gallery(project, out, report.manifest, metas)  # every job's data anew
    assert (out / gallery.DATA).read_bytes() == made
    # a page placed for another entry (failed, stale, other findings) is not taken
    first = report.manifest.jobs[0]
    assert first.place is not None
    pages = {first.id: '{"planted": true}'}
    for entry in (
        first,
        replace(first, kind="failed"),
        replace(first, stale=True),
        replace(first, findings=(Diagnostic("x", None, "c", "warning", "m"),)),
    ):
        manifest = replace(report.manifest, jobs=(entry, *report.manifest.jobs[1:]))
        own = {**metas, first.id: replace(metas[first.id], findings=first.findings)}
        gallery.write_gallery(project, out, manifest, own, pages=pages)
        placed = b'{"planted": true}' in (out / gallery.DATA).read_bytes()
        assert placed is (entry is first), entry


def test_a_cold_build_records_the_stamps_a_fresh_look_gives(tmp_path: Path) -> None:
    """The workers stamp the folders they have written (buildstate.job_stamp), so the build
    process does not look at 10,000 folders again: what it records must be what looking
    gives once the build is over, and the next build finds every job as recorded."""
    root = copy_example(tmp_path / "p")
    out = root / "build"
    options = BuildOptions(workers=2, screenshots=False, today=TODAY)
    report = build(root, options)
    assert all(r.stamp is not None for r in report.results)
    state = json.loads((out / buildstate.STATE).read_text(encoding="utf-8"))
    assert state["metas"] == buildstate._metas(out, report.plan.jobs)
    assert {job.id: job.key for job in report.plan.jobs} == {
        job_id: stamp[2] for job_id, stamp in state["metas"].items()
    }
    campaign = root / "campaigns/winback.yaml"
    campaign.write_text(campaign.read_text("utf-8") + "\n# edited\n", "utf-8")
    again = build(root, options)  # not a no-op: every other job is vouched for, none read
    vouched = buildstate.vouched(
        out, again.plan, state, buildstate.review_fingerprint(load_project(root), screenshots=False)
    )
    built = {r.job.id for r in again.results if r.status == "built"}
    assert built and all(job_id.startswith("winback/") for job_id in built)
    assert set(vouched) == {job.id for job in again.plan.jobs} - built
