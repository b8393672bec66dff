"""The recorded build state: a no-op whole build writes nothing, and anything that could
change an output sends the build back through the ordinary incremental path."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mailglot import buildstate, gallery, previous, publish, runner
from mailglot.build import BuildOptions, build
from mailglot.buildstate import STATE
from mailglot.output import read_meta
from mailglot.plan import Job, Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.records import JobMeta, JobPlace
from tests.conftest import TODAY
from tests.test_shard import files_under, small_project

OPTIONS = BuildOptions(workers=1, screenshots=False, today=TODAY)
PROMO = {f"promo/{locale}/{v}" for locale in ("en_US", "fr_FR", "en_XA") for v in "ab"}


def stamps(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_mtime_ns for p in out.rglob("*.json")}


def test_a_noop_whole_build_reads_the_manifest_and_writes_nothing(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    first = build(project, OPTIONS)
    assert {r.status for r in first.results} == {"built"}
    out = project / "build"
    assert (out / STATE).is_file()
    before = stamps(out)
    again = build(project, OPTIONS)
    assert {r.status for r in again.results} == {"unchanged"}
    assert stamps(out) == before  # not even the manifest was rewritten
    assert again.diagnostics == first.diagnostics  # the same findings reported


def test_anything_that_could_change_an_output_takes_the_ordinary_path(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    out = project / "build"

    meta = out / "welcome/fr_FR/a/meta.json"
    meta.write_text("{broken")  # damaged by hand: rebuilt
    report = build(project, OPTIONS)
    assert {r.job.id for r in report.results if r.status == "built"} == {"welcome/fr_FR/a"}

    asset = project / "templates/assets/new.png"
    asset.parent.mkdir(parents=True, exist_ok=True)
    asset.write_bytes(b"\x89PNG")  # assets change screenshots: not a no-op
    before = (out / "manifest.json").stat().st_mtime_ns
    report = build(project, OPTIONS)
    assert {r.status for r in report.results} == {"unchanged"}
    assert (out / "manifest.json").stat().st_mtime_ns != before  # went through publish

    template = project / "templates/welcome.mjml.j2"
    template.write_text(template.read_text().replace("{{ _(", "{{ _(nope("))
    report = build(project, OPTIONS)
    assert any(r.status == "failed" for r in report.results)
    assert not (out / STATE).exists()  # failed jobs are retried by the next build
    assert any(r.status == "failed" for r in build(project, OPTIONS).results)


def test_partial_and_shard_builds_forget_the_state(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    assert cli(project, "build", "--no-screenshots", "--campaign", "promo").exit_code == 0
    assert not (project / "build" / STATE).exists()


def test_a_changed_campaign_reads_no_other_job_and_builds_what_an_ordinary_build_does(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    promo = project / "campaigns/promo.yaml"
    promo.write_text(promo.read_text().replace("Hello from Acme", "Hi from Acme"))
    twin = _twin_without_state(project, tmp_path / "twin")
    read = _count_meta_reads(monkeypatch)
    report = build(project, OPTIONS)
    assert {r.job.id for r in report.results if r.status == "built"} == PROMO
    assert not [p for p in read if p.startswith("welcome/")]  # vouched for: not even read
    read.clear()
    build(twin, OPTIONS)
    assert [p for p in read if p.startswith("welcome/")]  # the ordinary path reads them
    assert files_under(project / "build") == files_under(twin / "build")


@pytest.mark.parametrize(
    "change",
    ["baseline", "meta", "template", "catalog", "settings", "asset", "deleted"],
)
def test_what_the_state_cannot_vouch_for_is_read_again(tmp_path: Path, cli, change: str) -> None:
    """After each change (and a changed promo campaign), the rebuild gives exactly what a
    build without a recorded state gives."""
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    out = project / "build"
    if change == "baseline":  # a baseline approved for an unchanged job: its review changes
        base = project / "approved/welcome/fr_FR/a"
        base.mkdir(parents=True)
        (base / "phone.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    elif change == "meta":  # a job's record rewritten since (same key): it is read again
        meta = out / "welcome/en_US/a/meta.json"
        meta.write_text(meta.read_text().replace('"subject": "', '"subject": "Edited: '))
    elif change == "template":
        template = project / "templates/welcome.mjml.j2"
        template.write_text(template.read_text() + "\n")
    elif change == "catalog":
        catalog = project / "locales/fr_FR/LC_MESSAGES/messages.po"
        catalog.write_text(catalog.read_text() + '\nmsgid "Unused"\nmsgstr "Inutilisé"\n')
    elif change == "settings":
        settings = project / "mailglot.yaml"
        settings.write_text(settings.read_text() + "\n# a comment\n")
    elif change == "asset":
        (project / "templates/assets").mkdir(exist_ok=True)
        (project / "templates/assets/logo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    elif change == "deleted":  # an output removed by hand: that job is built again
        (out / "welcome/fr_FR/a/email.txt").unlink()
    promo = project / "campaigns/promo.yaml"
    promo.write_text(promo.read_text().replace("Hello from Acme", "Hi from Acme"))
    twin = _twin_without_state(project, tmp_path / "twin")
    ours, theirs = build(project, OPTIONS), build(twin, OPTIONS)
    assert files_under(out) == files_under(twin / "build")
    assert [(r.job.id, r.status) for r in ours.results] == [
        (r.job.id, r.status) for r in theirs.results
    ]
    assert ours.diagnostics == theirs.diagnostics
    if change == "baseline":
        manifest = json.loads((out / "manifest.json").read_text())
        [entry] = [e for e in manifest["jobs"] if e["id"] == "welcome/fr_FR/a"]
        assert entry["visual"]["baseline"] is True


def _twin_without_state(project: Path, twin: Path) -> Path:
    shutil.copytree(project, twin, symlinks=True)
    (twin / "build" / STATE).unlink()
    return twin


def _count_meta_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Job paths whose meta.json the build reads, wherever it reads them from."""
    read: list[str] = []

    def counting(out: Path, place: JobPlace) -> JobMeta | None:
        read.append(place.rel)
        return read_meta(out, place)

    for module in (runner, publish, gallery, previous):
        monkeypatch.setattr(module, "read_meta", counting)
    reading = previous._meta

    def counting_bytes(raw: bytes, job: Job) -> JobMeta | None:  # the runner's one read
        read.append(job.place.rel)
        return reading(raw, job)

    monkeypatch.setattr(previous, "_meta", counting_bytes)
    return read


@pytest.mark.parametrize(
    ("planted", "only_planned"),
    [
        ("welcome/fr_FR/zz/", False),  # a job folder the plan does not have
        ("welcome/xx_XX/", False),  # a locale folder
        ("gone/", False),  # a campaign folder
        ("welcome/fr_FR/notes.txt", True),  # a file is not a job
        ("welcome/fr_FR/.cache/", True),  # nor a hidden folder
        ("welcome/fr_FR/link->", False),  # a link is pruned like a folder
    ],
)
def test_a_folder_the_plan_does_not_have_is_seen_at_every_level(
    tmp_path: Path, cli, planted: str, only_planned: bool
) -> None:
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    out = project / "build"
    plan = plan_jobs(load_project(project), Selection(), TODAY)
    assert buildstate._only_planned(out, plan)
    target = out / planted.removesuffix("/").removesuffix("->")
    if planted.endswith("->"):
        target.symlink_to(tmp_path)
    elif planted.endswith("/"):
        target.mkdir(parents=True)
    else:
        target.write_text("x")
    assert buildstate._only_planned(out, plan) is only_planned
    again = build(project, OPTIONS)
    assert (again.count("unchanged") == len(plan.jobs)) and (out / STATE).is_file()


def test_an_output_removed_by_hand_is_built_again_by_the_next_whole_build(
    tmp_path: Path, cli
) -> None:
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    text = project / "build/welcome/fr_FR/a/email.txt"
    before = text.read_bytes()
    text.unlink()  # nothing else changed: not a no-op all the same
    report = build(project, OPTIONS)
    assert {r.job.id for r in report.results if r.status == "built"} == {"welcome/fr_FR/a"}
    assert text.read_bytes() == before
    assert {r.status for r in build(project, OPTIONS).results} == {"unchanged"}


def test_a_rebuild_records_the_state_a_fresh_look_gives(tmp_path: Path, cli) -> None:
    """Jobs vouched for keep the stamps they were vouched for: the same as looking again."""
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    promo = project / "campaigns/promo.yaml"
    promo.write_text(promo.read_text().replace("Hello from Acme", "Hi from Acme"))
    build(project, OPTIONS)
    out = project / "build"
    plan = plan_jobs(load_project(project), Selection(), TODAY)
    state = json.loads((out / STATE).read_text())
    assert state["metas"] == buildstate._metas(out, plan.jobs)
    assert {r.status for r in build(project, OPTIONS).results} == {"unchanged"}


def test_a_job_changed_after_it_was_vouched_for_is_looked_at_again(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A meta.json rewritten while a build runs (after the build vouched for its job) is not
    recorded as what that build left: the next build reads it again."""
    project = small_project(tmp_path, cli, "p")
    build(project, OPTIONS)
    out = project / "build"
    meta = out / "welcome/en_US/a/meta.json"
    promo = project / "campaigns/promo.yaml"
    promo.write_text(promo.read_text().replace("Hello from Acme", "Hi from Acme"))
    vouched = buildstate.vouched

    def then_edited(*args: object) -> dict[str, buildstate.Stamp]:
        found = vouched(*args)  # type: ignore[arg-type]
        assert "welcome/en_US/a" in found
        meta.write_text(meta.read_text().replace('"subject": "', '"subject": "Edited: '))
        return found

    monkeypatch.setattr(buildstate, "vouched", then_edited)
    build(project, OPTIONS)
    monkeypatch.undo()
    read = _count_meta_reads(monkeypatch)
    build(project, OPTIONS)
    assert "welcome/en_US/a" in read
