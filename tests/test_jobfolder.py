"""jobfolder.py: a new job's folder appears whole and at once, an existing one is updated file
by file (identical files left alone), links below build/ are never followed, and a killed
build's temporary folder is cleaned up by the next build, never taken for a job."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hostile.harness import plant

from mailglot.jobfolder import JobFolder
from mailglot.output import TEMPORARY, OutputError, read_meta
from mailglot.pruning import prune
from mailglot.records import JobPlace
from tests.test_output import sample_meta

PLACE = JobPlace("winback", "fr_FR", "a")
FILES = {"email.html": b"<p>Bonjour</p>", "email.txt": b"Bonjour\r\n", "preview.html": b"<p>"}


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_new_jobs_folder_appears_whole_with_its_meta_json(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    folder = out / PLACE.rel
    with JobFolder(out, PLACE) as job:
        assert job.fresh
        job.write_files(FILES)
        job.write_meta(sample_meta())
        assert not folder.exists()  # nothing to see until the job is whole
        [temporary] = _names(folder.parent)
        assert TEMPORARY.fullmatch(temporary) and temporary.startswith(".a.")
    assert _names(folder.parent) == ["a"]  # renamed into place, no temporary left
    assert _names(folder) == sorted([*FILES, "meta.json"])
    assert all((folder / name).read_bytes() == data for name, data in FILES.items())
    assert read_meta(out, PLACE) == sample_meta()


def test_a_failed_new_job_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    with pytest.raises(RuntimeError), JobFolder(out, PLACE) as job:
        job.write_files(FILES)
        raise RuntimeError("the review failed")
    assert _names(out / "winback/fr_FR") == []


def test_an_existing_folder_is_updated_file_by_file_and_identical_files_are_kept(
    tmp_path: Path,
) -> None:
    out = tmp_path / "build"
    folder = out / PLACE.rel
    folder.mkdir(parents=True)
    (folder / "email.html").write_bytes(FILES["email.html"])
    (folder / "email.txt").write_bytes(b"older text")
    (folder / "phone.png").write_bytes(b"a screenshot")
    same = (folder / "email.html").stat().st_mtime_ns
    with JobFolder(out, PLACE) as job:
        assert not job.fresh
        job.write_files(FILES)
        assert (folder / "email.txt").read_bytes() == FILES["email.txt"]  # at once, whole
    assert (folder / "email.html").stat().st_mtime_ns == same  # identical: not rewritten
    assert _names(folder) == sorted([*FILES, "phone.png"])  # no temporary left
    assert _names(folder.parent) == ["a"]


def test_a_failure_in_an_existing_folder_keeps_the_files_not_yet_rewritten(
    tmp_path: Path,
) -> None:
    out = tmp_path / "build"
    folder = out / PLACE.rel
    folder.mkdir(parents=True)
    (folder / "meta.json").write_bytes(b"{}")
    with pytest.raises(RuntimeError), JobFolder(out, PLACE) as job:
        job.write_files(FILES)
        raise RuntimeError("the review failed")
    assert (folder / "meta.json").read_bytes() == b"{}"
    assert _names(folder.parent) == ["a"]


@pytest.mark.parametrize("link", ["winback", "winback/fr_FR", "winback/fr_FR/a"])
def test_a_link_out_of_build_where_the_job_goes_is_not_followed(tmp_path: Path, link: str) -> None:
    out, outside = tmp_path / "build", tmp_path / "outside"
    outside.mkdir()
    (out / link).parent.mkdir(parents=True, exist_ok=True)
    (out / link).symlink_to(outside)
    with pytest.raises(OutputError) as caught, JobFolder(out, PLACE) as job:
        job.write_files(FILES)
    assert str(caught.value) == (
        f"{out / link} is a link to {outside}, outside build/; mailglot does not write through "
        "it (remove the link)"
    )
    assert list(outside.iterdir()) == []


def test_a_link_that_stays_inside_build_is_written_through_as_before(tmp_path: Path) -> None:
    out = tmp_path / "build"
    (out / "elsewhere/fr_FR").mkdir(parents=True)
    (out / "winback").symlink_to(out / "elsewhere")
    with JobFolder(out, PLACE) as job:
        assert not job.fresh  # the path-based writer
        job.write_files(FILES)
    assert _names(out / "elsewhere/fr_FR/a") == sorted(FILES)


def test_a_file_where_the_jobs_folder_goes_fails_that_job_with_the_usual_message(
    tmp_path: Path,
) -> None:
    out = tmp_path / "build"
    (out / "winback/fr_FR").mkdir(parents=True)
    (out / PLACE.rel).write_text("in the way")
    message = r"cannot write .*/a/email\.html: File exists"
    with pytest.raises(OutputError, match=message), JobFolder(out, PLACE) as job:
        job.write_files(FILES)
    assert _names(out / "winback/fr_FR") == ["a"]


def test_a_folder_that_appears_meanwhile_is_updated_not_replaced(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    folder = out / PLACE.rel
    with JobFolder(out, PLACE) as job:
        job.write_files(FILES)
        folder.mkdir()
        (folder / "email.txt").write_bytes(b"another writer's")
        (folder / "notes.txt").write_bytes(b"theirs")
    assert _names(folder) == sorted([*FILES, "notes.txt"])
    assert (folder / "email.txt").read_bytes() == FILES["email.txt"]
    assert _names(folder.parent) == ["a"]


def test_a_link_that_appears_meanwhile_is_not_followed(tmp_path: Path) -> None:
    out, outside = tmp_path / "build", tmp_path / "outside"
    out.mkdir()
    outside.mkdir()
    with pytest.raises(OutputError, match="outside build/"), JobFolder(out, PLACE) as job:
        job.write_files(FILES)
        (out / PLACE.rel).symlink_to(outside)
    assert list(outside.iterdir()) == []
    assert _names(out / "winback/fr_FR") == ["a"]  # the link; the temporary is gone


def test_prune_removes_temporary_folders_and_never_reports_them(tmp_path: Path) -> None:
    out, outside = tmp_path / "build", tmp_path / "outside"
    (outside / "kept").mkdir(parents=True)
    kept = JobPlace("winback", "fr_FR", "a")
    (out / kept.rel).mkdir(parents=True)
    (out / kept.rel / "meta.json").write_text("{}")
    stale = out / "winback/fr_FR/.a.4242-7.tmp"  # a killed build's, with a meta.json
    stale.mkdir()
    (stale / "meta.json").write_text("{}")
    (out / "broken/de_DE/.b.4242-8.tmp").mkdir(parents=True)  # in a campaign that failed
    (out / "winback/fr_FR/.b.4242-9.tmp").symlink_to(outside / "kept")  # not ours: a link
    assert prune(out, {kept}, {"broken"}) == []
    assert _names(out / "winback/fr_FR") == [".b.4242-9.tmp", "a"]
    assert not (out / "broken").exists()  # its parents were left empty
    assert (outside / "kept").is_dir()


@pytest.mark.parametrize("with_meta", [True, False], ids=["with-meta", "before-meta"])
def test_a_killed_builds_temporary_folder_is_removed_and_never_a_job(
    tmp_path: Path, with_meta: bool
) -> None:
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    build = planted.root / "build"
    job = next(p for p in build.glob("*/*/*") if (p / "meta.json").is_file())
    # A build killed between its worker's writes and the rename, after the campaign changed
    # (a worker only writes a job that is not current, so the next build has work to do).
    stale = job.parent / f".{job.name}.99999-3.tmp"
    stale.mkdir()
    for item in job.iterdir():
        if with_meta or item.name != "meta.json":
            (stale / item.name).write_bytes(item.read_bytes())
    campaign = planted.root / "campaigns" / f"{job.parent.parent.name}.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert not stale.exists()
    assert ".tmp" not in result.output
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    assert all(".tmp" not in j["id"] for j in manifest["jobs"])
    assert ".tmp" not in (build / "gallery-data.js").read_text(encoding="utf-8")


def test_new_folders_get_ordinary_permissions(tmp_path: Path) -> None:
    out = tmp_path / "build"
    out.mkdir()
    old = os.umask(0o027)
    try:
        with JobFolder(out, PLACE) as job:
            job.write_files(FILES)
    finally:
        os.umask(old)
    assert (out / PLACE.rel).stat().st_mode & 0o777 == 0o750
    assert (out / "winback").stat().st_mode & 0o777 == 0o750
    assert (out / PLACE.rel / "email.html").stat().st_mode & 0o777 == 0o640


def test_a_killed_rewrites_temporary_files_are_removed_by_the_next_build(tmp_path: Path) -> None:
    """A build killed while it rewrote a job's files left `.email.html.<pid>-<n>.tmp` in the
    job's folder; no build ever removed it. The next build that writes the job does, and
    nothing else: not a user's file of a like name, not a link (nor what it points to)."""
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    build = planted.root / "build"
    job = next(p for p in build.glob("*/*/*") if (p / "meta.json").is_file())
    stale = [job / ".email.html.99999-3.tmp", job / ".meta.json.99999-4.tmp"]
    for path in stale:
        path.write_bytes(b"half of a file")
    outside = tmp_path / "mine.txt"
    outside.write_text("keep")
    kept = [
        "notes.99999-3.tmp",
        ".email.html.tmp",
        ".My notes.txt.99999-3.tmp",
        "email.html.1-2.tmp",
    ]
    for name in kept:
        (job / name).write_text("mine")
    (job / ".preview.html.99999-5.tmp").symlink_to(outside)
    campaign = planted.root / "campaigns" / f"{job.parent.parent.name}.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert not any(path.exists() for path in stale)
    assert all((job / name).read_text() == "mine" for name in kept)
    assert (job / ".preview.html.99999-5.tmp").is_symlink() and outside.read_text() == "keep"
    assert (job / "email.html").is_file() and (job / "meta.json").is_file()
