"""The no-op answer given before the project is loaded (noop.py): it is given only when
nothing a build depends on has moved, and it reports what the ordinary build would."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest

from mailglot import noop
from mailglot.build import BuildOptions, BuildReport, _as_no_op, build
from mailglot.errors import Diagnostic
from mailglot.results import JobResult
from tests.conftest import TODAY
from tests.test_shard import small_project

GATE = noop.Options(screenshots=False, year=None, today=TODAY)


def built(cli, project: Path, *args: str):
    result = cli(project, "build", "--no-screenshots", *args)
    assert result.exit_code in (0, 1), result.output
    return result


def findings(result) -> list[str]:
    """What a build printed, but the progress lines (their rates differ from run to run)."""
    return [line for line in result.stderr.splitlines() if "building " not in line]


def test_after_a_whole_build_the_next_is_answered_as_the_ordinary_build_would(
    tmp_path: Path, cli
) -> None:
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    assert noop.replay(project, GATE) is not None
    answered = built(cli, project)
    answered_json = built(cli, project, "--json").stdout
    (project / "build" / noop.NOOP).unlink()  # the ordinary path, which records it again
    ordinary = built(cli, project)
    (project / "build" / noop.NOOP).unlink()
    ordinary_json = built(cli, project, "--json").stdout
    assert findings(answered) == findings(ordinary)
    assert "0 built, 9 unchanged" in answered.stderr
    assert json.loads(answered_json) == json.loads(ordinary_json)
    assert answered.exit_code == ordinary.exit_code


def test_strict_is_applied_to_the_recorded_findings(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Voici comment bien démarrer."', 'msgstr ""'), "utf-8")
    assert built(cli, project).exit_code == 0
    assert noop.replay(project, GATE) is not None
    strict = built(cli, project, "--strict")
    assert strict.exit_code == 1
    assert "2 error(s), 0 warning(s)" in strict.stderr
    assert "the source text is used [error: l10n.missing] (3 jobs:" in strict.stderr
    (project / "build" / noop.NOOP).unlink()
    assert findings(built(cli, project, "--strict")) == findings(strict)


def _edit(path: Path) -> Callable[[Path], None]:
    def change(project: Path) -> None:
        target = project / path
        target.write_text(target.read_text(encoding="utf-8") + "\n", encoding="utf-8")

    return change


def _same_size_edit(project: Path) -> None:
    """One letter changed, the size kept and the mtime put back: the ctime still moves."""
    target = project / "campaigns/welcome.yaml"
    st = target.stat()
    text = target.read_text(encoding="utf-8")
    target.write_text(text.replace("Welcome to Acme", "Welcome to Acmf", 1), encoding="utf-8")
    os.utime(target, ns=(st.st_atime_ns, st.st_mtime_ns))


def _new_template(project: Path) -> None:
    (project / "templates/unused.mjml.j2").write_text("<mjml></mjml>", encoding="utf-8")


def _approved(project: Path) -> None:
    (project / "approved").mkdir(exist_ok=True)
    (project / "approved/note.txt").write_text("x", encoding="utf-8")


def _output_removed(project: Path) -> None:
    (project / "build/welcome/fr_FR/a/email.txt").unlink()


def _stray_job(project: Path) -> None:
    """A job folder the plan does not have: a whole build would prune it."""
    (project / "build/welcome/fr_FR/z").mkdir()
    (project / "build/welcome/fr_FR/z/meta.json").write_text("{}", encoding="utf-8")


def _stray_campaign(project: Path) -> None:
    (project / "build/gone/fr_FR/a").mkdir(parents=True)
    (project / "build/gone/fr_FR/a/meta.json").write_text("{}", encoding="utf-8")


def _link(project: Path) -> None:
    (project / "templates/elsewhere").symlink_to(project.parent)


CHANGES = {
    "campaign": _edit(Path("campaigns/welcome.yaml")),
    "campaign, same size and mtime": _same_size_edit,
    "catalog": _edit(Path("locales/fr_FR/LC_MESSAGES/messages.po")),
    "settings": _edit(Path("mailglot.yaml")),
    "template added": _new_template,
    "approved baseline": _approved,
    "output removed": _output_removed,
    "job folder added in build/": _stray_job,
    "campaign folder with a job added in build/": _stray_campaign,
    "a link in the project": _link,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_anything_moved_sends_the_build_down_the_ordinary_path(
    tmp_path: Path, cli, change: Callable[[Path], None]
) -> None:
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    assert noop.replay(project, GATE) is not None
    change(project)
    assert noop.replay(project, GATE) is None


def test_another_day_other_options_or_a_partial_build_are_not_answered(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    assert noop.replay(project, GATE) is not None
    assert noop.replay(project, noop.Options(False, None, TODAY + timedelta(days=1))) is None
    assert noop.replay(project, noop.Options(True, None, TODAY)) is None
    assert noop.replay(project, noop.Options(False, 2027, TODAY)) is None
    built(cli, project, "--campaign", "welcome")  # may change outputs: the answer is dropped
    assert not (project / "build" / noop.NOOP).exists()
    assert noop.replay(project, GATE) is None


def test_a_removed_output_is_built_again_through_the_cli(tmp_path: Path, cli) -> None:
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    _output_removed(project)
    again = built(cli, project)
    assert "1 built, 8 unchanged" in again.stderr
    assert (project / "build/welcome/fr_FR/a/email.txt").is_file()


def test_folders_in_build_that_hold_no_job_keep_the_answer(tmp_path: Path, cli) -> None:
    """`mailglot export` writes build/exports/, a packaging tool may leave build/lib/: a
    whole build prunes neither, so they do not stop the no-op answer."""
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    (project / "build/exports/ses").mkdir(parents=True)
    (project / "build/exports/ses/welcome.json").write_text("{}", encoding="utf-8")
    (project / "build/lib/pkg/sub").mkdir(parents=True)
    assert noop.replay(project, GATE) is not None
    assert "0 built, 9 unchanged" in built(cli, project).stderr
    assert (project / "build/exports/ses/welcome.json").is_file()


def test_a_package_installed_or_upgraded_is_not_answered(
    tmp_path: Path, cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A new python-holidays can move a send date: the ordinary build decides."""
    site = tmp_path / "site"
    (site / "holidays-0.1.dist-info").mkdir(parents=True)
    monkeypatch.syspath_prepend(str(site))
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    assert noop.replay(project, GATE) is not None
    (site / "holidays-0.1.dist-info").rename(site / "holidays-0.2.dist-info")
    assert noop.replay(project, GATE) is None


@pytest.mark.parametrize(
    "damage",
    [
        lambda out: (out / noop.NOOP).write_text("{not json", encoding="utf-8"),
        lambda out: (out / noop.NOOP).write_text(
            (out / noop.NOOP).read_text(encoding="utf-8").replace('"findings"', '"x"'),
            encoding="utf-8",
        ),
        lambda out: (out / noop.STATE).write_text(
            json.dumps({"format": 3, "metas": {"../../../etc": [1, 2, "k", 3]}}),
            encoding="utf-8",
        ),
    ],
    ids=["noop unreadable", "noop report damaged", "state with a foreign job id"],
)
def test_damaged_records_take_the_ordinary_path_without_a_traceback(
    tmp_path: Path, cli, damage: Callable[[Path], None]
) -> None:
    project = small_project(tmp_path, cli, "p")
    built(cli, project)
    damage(project / "build")
    assert noop.replay(project, GATE) is None
    again = built(cli, project)
    assert again.exit_code == 0
    assert "0 built, 9 unchanged" in again.stderr


def test_the_recorded_report_is_the_one_an_unchanged_rebuild_makes(tmp_path: Path, cli) -> None:
    """The replay recorded after a build (taken from the manifest alone) equals the report
    of a rebuild that finds every job unchanged, finding by finding and job by job."""
    project = small_project(tmp_path, cli, "p")
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Voici comment bien démarrer."', 'msgstr ""'), "utf-8")
    (project / "campaigns/broken.yaml").write_text("template: [\n", encoding="utf-8")
    options = BuildOptions(workers=1, screenshots=False, today=TODAY)
    first = build(project, options)
    assert first.failed_campaigns == ("broken",) and first.jobs_by_finding()
    out = project / "build"
    recorded = noop.Replay.from_dict(json.loads((out / noop.NOOP).read_text())["report"], out)
    entries = first.manifest.by_id()
    unchanged = [
        JobResult(job, "unchanged", None, entries[job.id].findings) for job in first.plan.jobs
    ]
    expected = BuildReport(first.project, first.plan, unchanged, first.manifest).replay()
    assert recorded == expected
    assert max(len(jobs) for _, jobs in recorded.findings) == 3  # the untranslated entry
    assert any(d.path == "campaigns/broken.yaml" and not jobs for d, jobs in recorded.findings)
    browser = Diagnostic("build", None, "screenshots", "warning", "no browser found")
    shot = replace(first.manifest, diagnostics=(browser,))  # a build-wide finding too
    expected = BuildReport(first.project, first.plan, unchanged, shot).replay()
    assert _as_no_op(first.plan, shot, out) == expected
    assert expected.findings[-1] == (browser, ())
