"""The recorded build state: a no-op whole build writes nothing, and anything that could
change an output sends the build back through the ordinary incremental path."""

from __future__ import annotations

from pathlib import Path

from mailglot.build import BuildOptions, build
from mailglot.buildstate import STATE
from tests.conftest import TODAY
from tests.test_shard import small_project

OPTIONS = BuildOptions(workers=1, screenshots=False, today=TODAY)


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
