"""previous.py: the one read of each job's meta.json before a build renders anything gives
the same answers as the path-based functions, follows no link, and leaves no descriptor."""

from __future__ import annotations

import dataclasses
import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from mailglot import previous as previous_module
from mailglot.output import BUILD_DIR, write_meta
from mailglot.plan import Job, Selection, plan_jobs
from mailglot.previous import Previous, damaged_meta, is_current
from mailglot.project.loader import load_project
from mailglot.records import JobMeta
from mailglot.render.pipeline import Renderer
from mailglot.runner import run_jobs

TODAY = date(2026, 11, 2)


def _built(example: Path):
    project = load_project(example)
    jobs = plan_jobs(project, Selection(("winback", "renewal")), TODAY).jobs
    out = example / BUILD_DIR
    for result in run_jobs(lambda: Renderer(project), out, jobs, 1):
        assert result.meta is not None
        write_meta(out, result.meta)
    return out, list(jobs)


def _open_descriptors() -> int:
    return len(os.listdir("/proc/self/fd"))


def test_every_state_of_a_job_folder_gets_the_path_based_answer(
    example: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out, jobs = _built(example)
    assert len(jobs) >= 18
    folders = [job.place.folder(out) for job in jobs]
    outside = tmp_path / "outside"
    outside.mkdir()
    # one job per state; the others stay current
    (folders[0] / "email.txt").unlink()  # an output deleted by hand
    (folders[1] / "meta.json").write_text("{", "utf-8")  # cut short
    (folders[2] / "meta.json").write_bytes(b"\xff\xfe")  # not UTF-8
    (folders[3] / "meta.json").write_text('{"campaign": 1}', "utf-8")  # not mailglot's
    meta = (folders[4] / "meta.json").read_text("utf-8")
    (folders[4] / "meta.json").write_text(meta.replace('"key": "', '"key": "x'), "utf-8")
    (folders[5] / "email.html").unlink()
    (folders[5] / "email.html").mkdir()  # a folder where a file should be
    (folders[6] / "email.txt").rename(outside / "email.txt")
    (folders[6] / "email.txt").symlink_to(outside / "email.txt")  # an output that is a link
    shutil.rmtree(folders[7])  # never built
    (folders[8] / "meta.json").unlink()  # rendered, never finished
    other = folders[9].parent  # a locale folder that is a link inside build/
    shutil.move(other, out / "moved")
    other.symlink_to(out / "moved")
    expected = []
    for job in jobs:
        meta = is_current(out, job)
        expected.append((meta, None if meta is not None else damaged_meta(out, job)))
    handed_over: list[str] = []

    def path_based(out: Path, job: Job) -> JobMeta | None:
        handed_over.append(job.id)
        return is_current(out, job)

    monkeypatch.setattr(previous_module, "is_current", path_based)
    before = _open_descriptors()
    with Previous(out) as previous:
        got = [previous.look(job) for job in jobs]
    assert _open_descriptors() == before
    assert got == expected
    # only the unusual folders take the path-based way: a folder for a file, a link
    linked = {job.id for job in jobs if job.place.folder(out).parent == other}
    assert set(handed_over) == {jobs[5].id, jobs[6].id} | linked
    current = [i for i, (meta, _) in enumerate(got) if meta is not None]
    damaged = [i for i, (_, note) in enumerate(got) if note is not None]
    assert damaged == [1, 2, 3]
    assert all(got[i][1].path == f"build/{jobs[i].place.rel}/meta.json" for i in damaged)
    assert 6 in current  # a link to a file is still that file, as before
    assert {0, 1, 2, 3, 4, 5, 7, 8}.isdisjoint(current)
    assert set(range(10, len(jobs))) <= set(current)


def test_a_meta_json_that_is_a_link_is_never_read(example: Path, tmp_path: Path) -> None:
    """A link could lead out of the project: the job is rebuilt rather than trusted, even when
    the file it leads to is the job's genuine record."""
    out, jobs = _built(example)
    folder = jobs[0].place.folder(out)
    (folder / "meta.json").rename(tmp_path / "meta.json")
    (folder / "meta.json").symlink_to(tmp_path / "meta.json")
    with Previous(out) as previous:
        assert previous.look(jobs[0]) == (None, None)
        assert previous.look(jobs[1])[0] is not None
    assert is_current(out, jobs[0]) is None and damaged_meta(out, jobs[0]) is None


def test_a_cold_build_and_a_build_folder_that_is_a_link(example: Path, tmp_path: Path) -> None:
    project = load_project(example)
    jobs = plan_jobs(project, Selection(("winback",)), TODAY).jobs
    with Previous(example / BUILD_DIR) as previous:  # no build/ yet
        assert {previous.look(job) for job in jobs} == {(None, None)}
    out, jobs = _built(example)
    shutil.move(out, tmp_path / "real")
    out.symlink_to(tmp_path / "real")  # followed by the path-based answer, as before
    with Previous(out) as previous:
        got = [previous.look(job) for job in jobs]
    assert got == [(is_current(out, job), None) for job in jobs]


def test_a_changed_key_is_stale_not_damaged(example: Path) -> None:
    out, jobs = _built(example)
    changed = [dataclasses.replace(job, key="0" * 64) for job in jobs[:3]]
    with Previous(out) as previous:
        assert [previous.look(job) for job in changed] == [(None, None)] * 3
        assert all(previous.look(job)[0] is not None for job in jobs[:3])
