"""Issue 10, build state: damaged or foreign files in build/, links out of it, folders that
cannot be written, permissions, and builds killed with their workers running. Each case: the
exact message, nothing outside the project touched, the other jobs built."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from hostile.corpus import Link
from hostile.harness import Planted, lines_of, plant

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project

OTHER = {  # a second campaign, so one can break while the other must still build
    "campaigns/other.yaml": (
        "template: welcome.mjml.j2\nmarkets: [US]\nsubject: Another one\n"
        "data: {strings: {intro: Hi, tip: Tip}}\n"
    )
}


def _built(tmp: Path, files: dict | None = None) -> tuple[Planted, dict[str, str]]:
    planted = plant(tmp, {**OTHER, **(files or {})})
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    return planted, planted.snapshot()


def _printed(expected: str, result) -> bool:
    return any(line == expected or line.startswith(expected + " [") for line in lines_of(result))


def _touch_campaign(planted: Planted) -> None:
    """Change the welcome campaign so that its jobs are rendered again."""
    path = planted.root / "campaigns/welcome.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


@pytest.mark.parametrize(
    "damage",
    [b'{"key": "cut sho', b"\xff\xfe\x00", b"[]", b'{"campaign": 5, "findings": "x"}'],
    ids=["cut-short", "not-utf8", "a-list", "foreign-shape"],
)
def test_damaged_meta_is_absent_with_one_warning(tmp_path: Path, damage: bytes) -> None:
    planted, _ = _built(tmp_path)
    (planted.root / "build/welcome/fr_FR/a/meta.json").write_bytes(damage)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert _printed(
        "build/welcome/fr_FR/a/meta.json: warning: unreadable (damaged, or not written by this "
        "mailglot); treated as absent, the job is rebuilt",
        result,
    ), result.output
    meta = json.loads((planted.root / "build/welcome/fr_FR/a/meta.json").read_text())
    assert meta["locale"] == "fr_FR"  # rewritten whole
    again = planted.run("build", "--no-screenshots")
    assert "unreadable" not in again.output  # one warning, not one per build
    assert "0 built, 3 unchanged" in again.output


@pytest.mark.parametrize(
    "name,damage",
    [
        ("manifest.json", b"\xff\xfe garbage"),
        ("manifest.json", b'{"jobs": 5}'),
        ("welcome/fr_FR/a/shots.json", b"{not json"),
        (".lock", b"left by a build that died"),
    ],
    ids=["manifest-bad-bytes", "manifest-foreign-shape", "shots-state-corrupt", "stale-lock"],
)
def test_damaged_build_files_are_never_fatal(tmp_path: Path, name: str, damage: bytes) -> None:
    planted, before = _built(tmp_path)
    (planted.root / "build" / name).write_bytes(damage)
    _touch_campaign(planted)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    manifest = json.loads((planted.root / "build/manifest.json").read_text())
    assert {j["id"] for j in manifest["jobs"]} >= {"welcome/fr_FR/a", "other/en_US/a"}
    before.pop("project/campaigns/welcome.yaml")
    after = planted.snapshot()
    after.pop("project/campaigns/welcome.yaml")
    assert after == before


@pytest.mark.parametrize(
    "damage", [b"\xff\xfe garbage", b'{"jobs": 5}', b"[]"], ids=["bad-bytes", "foreign", "a-list"]
)
def test_damaged_manifest_is_absent_with_one_warning(tmp_path: Path, damage: bytes) -> None:
    planted, _ = _built(tmp_path)
    (planted.root / "build/manifest.json").write_bytes(damage)
    shown = planted.run("check")
    assert shown.exit_code == 2 and "Traceback" not in shown.output
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    warning = (
        "build/manifest.json: warning: unreadable (damaged, or not written by this mailglot); "
        "treated as absent, a new one is written"
    )
    assert _printed(warning, result), result.output
    assert lines_of(result).count(warning) <= 1 and result.output.count("unreadable") == 1
    manifest = json.loads((planted.root / "build/manifest.json").read_text())
    assert {j["id"] for j in manifest["jobs"]} == {
        "welcome/en_US/a",
        "welcome/fr_FR/a",
        "other/en_US/a",
    }
    again = planted.run("build", "--no-screenshots")
    assert "unreadable" not in again.output  # once, not on every build
    assert "0 built, 3 unchanged" in again.output


def test_campaign_folder_linked_outside_receives_nothing(tmp_path: Path) -> None:
    planted, before = _built(tmp_path)
    build = planted.root / "build"
    for path in sorted((build / "welcome").rglob("*"), reverse=True):
        path.rmdir() if path.is_dir() else path.unlink()
    (build / "welcome").rmdir()
    (build / "welcome").symlink_to(planted.outside / "keep")
    before = planted.snapshot()
    _touch_campaign(planted)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert _printed(
        f"build/welcome/fr_FR/a: {build}/welcome is a link to {planted.outside}/keep, outside "
        "build/; mailglot does not write through it (remove the link); nothing written",
        result,
    ), result.output
    assert sorted(p.name for p in (planted.outside / "keep").iterdir()) == ["file.txt"]
    assert planted.built("other/en_US/a")
    after = planted.snapshot()
    before.pop("project/campaigns/welcome.yaml")
    after.pop("project/campaigns/welcome.yaml")
    assert after == before


def test_pruning_removes_links_never_what_they_point_to(tmp_path: Path) -> None:
    planted, _ = _built(tmp_path)
    build = planted.root / "build"
    # a stale job folder that is a link, and a stale campaign folder that is a link
    (build / "welcome/de_DE").mkdir()
    (planted.outside / "job").mkdir()
    (planted.outside / "job/meta.json").write_text("{}")
    (build / "welcome/de_DE/a").symlink_to(planted.outside / "job")
    (planted.outside / "camp/en_US/a").mkdir(parents=True)
    (planted.outside / "camp/en_US/a/meta.json").write_text("{}")
    (build / "gone").symlink_to(planted.outside / "camp")
    before = planted.snapshot()
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert not (build / "welcome/de_DE").exists()  # the link went, and its empty parent
    assert (planted.outside / "job/meta.json").is_file()  # what it pointed to stayed
    assert (planted.outside / "camp/en_US/a/meta.json").is_file()
    after = planted.snapshot()
    assert {k: v for k, v in after.items() if k.startswith("outside/")} == {
        k: v for k, v in before.items() if k.startswith("outside/")
    }


def test_unwritable_job_folder_fails_that_job_only(tmp_path: Path) -> None:
    planted, _ = _built(tmp_path)
    folder = planted.root / "build/welcome/fr_FR/a"
    for path in folder.iterdir():
        path.unlink()
    folder.rmdir()
    folder.write_text("a file where the job's folder should be\n")  # unwritable even as root
    _touch_campaign(planted)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert _printed(
        f"build/welcome/fr_FR/a: cannot write {folder}/email.mjml: File exists; nothing written",
        result,
    ), result.output
    assert planted.built("welcome/en_US/a") and planted.built("other/en_US/a")
    manifest = json.loads((planted.root / "build/manifest.json").read_text())
    status = {j["id"]: (j.get("status") or j.get("kind"), j.get("stale")) for j in manifest["jobs"]}
    assert status["welcome/fr_FR/a"] == ("failed", True)
    assert status["welcome/en_US/a"][0] == "built"


def test_outputs_get_ordinary_permissions(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        planted, _ = _built(tmp_path)
    finally:
        os.umask(old)
    for name in ("email.html", "email.txt", "email.eml", "meta.json"):
        mode = (planted.root / "build/welcome/fr_FR/a" / name).stat().st_mode & 0o777
        assert mode == 0o644, (name, oct(mode))
    assert (planted.root / "build/manifest.json").stat().st_mode & 0o777 == 0o644


SLOW_TEMPLATE = (
    '{% extends "layouts/base.mjml.j2" %}{% block content %}'
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    "{% endblock %}\n"
)


def test_killed_build_takes_its_workers_and_its_lock_with_it(tmp_path: Path) -> None:
    settings = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text()
    planted = plant(
        tmp_path,
        {
            "templates/welcome.mjml.j2": SLOW_TEMPLATE,
            "mailglot.yaml": settings + "render: {timeout_s: 60}\n",
        },
    )
    cmd = [sys.executable, "-m", "mailglot", "--project", str(planted.root), "build"]
    parent = subprocess.Popen([*cmd, "--no-screenshots", "--jobs", "2"])
    workers: list[int] = []
    for _ in range(300):  # wait until both workers render
        children = Path(f"/proc/{parent.pid}/task/{parent.pid}/children")
        workers = [int(p) for p in children.read_text().split()] if children.exists() else []
        if len(workers) >= 2:
            break
        time.sleep(0.1)
    assert len(workers) >= 2, "the build never started its workers"
    parent.send_signal(signal.SIGKILL)  # as CI does when it cancels a job
    parent.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(Path(f"/proc/{w}").exists() for w in workers):
        time.sleep(0.1)
    alive = [
        w
        for w in workers
        if Path(f"/proc/{w}/status").exists()
        and "zombie" not in Path(f"/proc/{w}/status").read_text()
    ]
    assert not alive, f"workers outlived their build: {alive}"
    (planted.root / "templates/welcome.mjml.j2").write_text(
        (Path(__file__).parent / "hostile/base/templates/welcome.mjml.j2").read_text()
    )
    done = subprocess.run([*cmd, "--no-screenshots"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


def test_links_out_of_the_project_are_never_read(tmp_path: Path) -> None:
    """The plan hashes a marker for them, serve's digests too, update and extract refuse them;
    nothing outside the project changes."""
    planted = plant(
        tmp_path,
        {
            "../outside/stolen.po": 'msgid ""\nmsgstr ""\n',
            "locales/messages.pot": 'msgid ""\nmsgstr ""\n',  # extract refuses to write one
            "locales/fr_FR/LC_MESSAGES/messages.po": Link("stolen.po"),
            "templates/partial.mjml.j2": Link("secret.mjml.j2"),
            "templates/welcome.mjml.j2": '{% include "partial.mjml.j2" %}\n',
        },
    )
    before = planted.snapshot()
    project = load_project(planted.root)
    plan = plan_jobs(project, Selection(), date(2026, 11, 1))
    inputs = dict(next(j for j in plan.jobs if j.id == "welcome/fr_FR/a").inputs)
    assert inputs["locales/fr_FR/LC_MESSAGES/messages.po"] == (
        f"outside the project: {planted.outside}/stolen.po"
    )
    assert inputs["templates/partial.mjml.j2"] == (
        f"outside the project: {planted.outside}/secret.mjml.j2"
    )
    extract = planted.run("extract")
    assert extract.exit_code == 1
    assert _printed(
        f"templates/partial.mjml.j2: a link to {planted.outside}/secret.mjml.j2, outside the "
        "project; mailglot does not read it (copy the file into the project instead)",
        extract,
    ), extract.output
    update = planted.run("update")
    assert (
        "locales/fr_FR/LC_MESSAGES/messages.po: a link to "
        f"{planted.outside}/stolen.po, outside the project; mailglot does not read it (copy the "
        "file into the project instead)"
    ) in update.output
    for result in (update, extract):
        assert "Traceback" not in result.output and "Permission denied" not in result.output
    assert extract.output.splitlines()[-1].startswith("mailglot: no .pot written")
    assert planted.snapshot() == before


def test_a_lock_file_linked_out_of_the_project_is_never_written(tmp_path: Path) -> None:
    """build/.lock planted as a link to a file elsewhere: the build opened it with "w" and
    emptied that file."""
    planted, _ = _built(tmp_path)
    lock = planted.root / "build/.lock"
    lock.unlink()
    lock.symlink_to(planted.outside / "keep/file.txt")
    before = planted.snapshot()
    _touch_campaign(planted)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    outside = f"{planted.outside.name}/keep/file.txt"
    assert planted.snapshot()[outside] == before[outside]
    assert lock.is_file() and not lock.is_symlink()


def test_a_templates_folder_linked_out_of_the_project_is_never_read(tmp_path: Path) -> None:
    """templates/ as a link to a folder elsewhere was read like the project's own (only a
    template that was itself a link was refused): its content reached every email."""
    planted = plant(tmp_path, {})
    elsewhere = planted.outside / "templates"
    shutil.copytree(planted.root / "templates", elsewhere)
    welcome = elsewhere / "welcome.mjml.j2"
    welcome.write_text(welcome.read_text(encoding="utf-8") + "FROM-ELSEWHERE\n", "utf-8")
    shutil.rmtree(planted.root / "templates")
    (planted.root / "templates").symlink_to(elsewhere, target_is_directory=True)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert _printed(
        f"campaigns/welcome.yaml:1: template 'welcome.mjml.j2': templates/ is a link to "
        f"{elsewhere}, outside the project; mailglot does not read it (copy the templates into "
        "the project)",
        result,
    ), result.output
    built = [p for p in (planted.root / "build").rglob("*") if p.is_file()]
    assert not any(b"FROM-ELSEWHERE" in p.read_bytes() for p in built)
    assert not list((planted.root / "build").glob("welcome/*/*/email.html"))


def test_a_file_where_build_goes_is_named(tmp_path: Path) -> None:
    """It said 'cannot use .../build for the build: File exists'."""
    planted = plant(tmp_path, {"build": "my notes\n"})
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert lines_of(result) == [
        f"mailglot: {planted.root / 'build'} is a file, not a folder: move it away; the build "
        "goes there"
    ]
    assert (planted.root / "build").read_text(encoding="utf-8") == "my notes\n"
