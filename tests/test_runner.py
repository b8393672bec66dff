"""runner.py: which jobs are current, what a job's record holds after rendering and output
checks, and what a failure keeps."""

from __future__ import annotations

import errno
import os
from datetime import date
from pathlib import Path

import pytest

from mailglot import jobfolder
from mailglot.gallery import IMAGES_OFF, IMAGES_OFF_CSS, images_off, write_images_off
from mailglot.output import BUILD_DIR, OUTPUT_FILES, read_meta, write_meta
from mailglot.plan import Selection, plan_jobs
from mailglot.previous import is_current
from mailglot.project.loader import load_project
from mailglot.render.pipeline import Renderer
from mailglot.runner import render_and_write, run_jobs

TODAY = date(2026, 11, 2)


def winback_fr(root: Path):
    project = load_project(root)
    plan = plan_jobs(project, Selection(("winback",), ("fr_FR",)), TODAY)
    return project, plan.jobs


def test_a_rendered_job_has_its_files_and_a_record_but_no_meta_json_yet(example: Path) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    result = render_and_write(Renderer(project), out, job)
    assert result.status == "built" and result.meta is not None
    assert result.meta.subject_preview == "Alex, votre liste vous attend"
    assert result.meta.key == job.key and result.meta.place == job.place
    assert result.findings == result.meta.findings
    folder = job.place.folder(out)
    written = (set(OUTPUT_FILES) - {"meta.json"}) | {"images-off.html"}  # the gallery's copy
    assert sorted(p.name for p in folder.iterdir()) == sorted(written)
    assert is_current(out, job) is None  # not built until its meta.json is written
    write_meta(out, result.meta)
    assert is_current(out, job) == result.meta


def test_a_job_is_current_only_with_the_same_key_and_every_output(example: Path) -> None:
    project, jobs = winback_fr(example)
    out = example / BUILD_DIR
    results = run_jobs(lambda: Renderer(project), out, jobs, 1)
    for r in results:
        assert r.meta is not None
        write_meta(out, r.meta)
    assert [r.status for r in run_jobs(lambda: Renderer(project), out, jobs, 1)] == [
        "unchanged",
        "unchanged",
    ]
    (jobs[0].place.folder(out) / "email.txt").unlink()
    assert is_current(out, jobs[0]) is None
    (jobs[1].place.folder(out) / "meta.json").write_text("{", encoding="utf-8")
    assert is_current(out, jobs[1]) is None  # a corrupt record: rebuilt, never an error


def test_output_checks_run_and_checks_disable_applies(example: Path) -> None:
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("max_html_bytes: 102000", "max_html_bytes: 1000"), encoding="utf-8"
    )
    project, [job, _] = winback_fr(example)
    result = render_and_write(Renderer(project), example / BUILD_DIR, job)
    [clipping] = [f for f in result.findings if f.code == "size.clipping"]
    assert clipping.path == "build/winback/fr_FR/a/email.html"
    assert result.meta is not None and clipping in result.meta.findings
    settings.write_text(
        text.replace("disable: []", "disable: [size]").replace("102000", "1000"), encoding="utf-8"
    )
    project, [job, _] = winback_fr(example)
    silenced = render_and_write(Renderer(project), example / BUILD_DIR, job)
    assert "size.clipping" not in {f.code for f in silenced.findings}


def test_a_failed_job_keeps_its_previous_outputs_and_record(example: Path) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    first = render_and_write(Renderer(project), out, job)
    assert first.meta is not None
    write_meta(out, first.meta)
    html = (job.place.folder(out) / "email.html").read_bytes()
    template = example / "templates" / job.template
    source = template.read_text(encoding="utf-8")
    template.write_text(source.replace("{{ data.coupon }}", "{{ data.no_such_value }}", 1))
    project, [job, _] = winback_fr(example)
    failed = render_and_write(Renderer(project), out, job)
    assert failed.status == "failed"
    assert failed.meta == read_meta(out, job.place) == first.meta  # the previous build's
    [why] = failed.findings
    assert (why.path, why.line, why.severity) == (f"templates/{job.template}", 14, "error")
    assert why.message == (
        "data.no_such_value is not set in campaigns/winback.yaml: add no_such_value: under "
        "data:, or test `data.no_such_value is defined` first"
    )
    assert (job.place.folder(out) / "email.html").read_bytes() == html


def test_with_no_screenshot_step_the_worker_reviews_and_writes_meta_json(example: Path) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    approved = example / "approved" / job.place.rel
    approved.mkdir(parents=True)
    (approved / "phone.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # a baseline from an earlier review
    result = render_and_write(Renderer(project), out, job, final=True)
    assert result.status == "built" and result.reviewed and result.meta is not None
    assert result.meta.visual is not None and result.meta.visual.baseline  # the review ran
    assert not result.meta.visual.current  # never shot
    assert read_meta(out, job.place) == result.meta  # written, so the job now counts as built
    assert is_current(out, job) == result.meta
    assert result.findings == result.meta.findings


def test_images_off_is_made_from_the_preview_in_memory_as_the_gallery_makes_it(
    example: Path,
) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    render_and_write(Renderer(project), out, job)
    folder = job.place.folder(out)
    made = (folder / IMAGES_OFF).read_bytes()
    assert IMAGES_OFF_CSS.encode() + b"</head>" in made
    (folder / IMAGES_OFF).unlink()
    write_images_off(folder, out)  # the gallery's fill-in, from the file on disk
    assert (folder / IMAGES_OFF).read_bytes() == made
    # what reading the preview as text gives: one newline spelling, whatever the preview has
    assert images_off(b"<head></head>a\r\nb\rc") == images_off(b"<head></head>a\nb\nc")


def test_a_rebuilt_job_rewrites_an_images_off_html_that_does_not_match_its_preview(
    example: Path,
) -> None:
    """The worker compares bytes, not dates: an images-off.html newer than its preview but
    not made from it (hand-edited, or by an older mailglot) is replaced."""
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    render_and_write(Renderer(project), out, job)
    target = job.place.folder(out) / IMAGES_OFF
    made = target.read_bytes()
    target.write_bytes(b"<p>stale</p>")
    later = target.stat().st_mtime_ns + 10**9
    os.utime(target, ns=(later, later))
    render_and_write(Renderer(project), out, job)
    assert target.read_bytes() == made


def test_a_new_jobs_folder_appears_with_every_file_and_no_temporary(example: Path) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    result = render_and_write(Renderer(project), out, job, final=True)
    assert result.status == "built"
    folder = job.place.folder(out)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*OUTPUT_FILES, IMAGES_OFF])
    assert sorted(p.name for p in folder.parent.iterdir()) == [job.place.variant]
    assert read_meta(out, job.place) == result.meta


def test_a_new_job_that_cannot_be_written_leaves_no_folder_and_no_temporary(
    example: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    project, [job, _] = winback_fr(example)
    out = example / BUILD_DIR
    out.mkdir()  # as the build's lock makes it
    calls = []

    def disk_full(fd: int, data: bytes) -> None:
        calls.append(data)
        if len(calls) == 3:
            os.close(fd)
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_write_all(fd, data)

    real_write_all = jobfolder.write_all
    monkeypatch.setattr(jobfolder, "write_all", disk_full)
    result = render_and_write(Renderer(project), out, job, final=True)
    assert result.status == "failed" and result.meta is None
    [why] = result.findings
    assert why.message == (
        f"cannot write {job.place.folder(out)}/preview.html: No space left on device; "
        "nothing written"
    )
    assert list(job.place.folder(out).parent.iterdir()) == []  # no job, no temporary
