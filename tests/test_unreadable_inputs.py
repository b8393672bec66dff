"""Inputs and build state that cannot be read (their permissions): a located error, never a
traceback, and nothing lost. A file a job reads fails the jobs that use it, which keep their
earlier outputs, and the other jobs build; build state the command needs stops it before
anything is written. Permissions apply only without root's override (tests/unreadable.py)."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
import unreadable
from hostile.harness import plant

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
OTHER = {
    "templates/other.mjml.j2": (
        '{% extends "layouts/base.mjml.j2" %}{% block content %}'
        "<mj-text>{{ _('Other') }}</mj-text>{% endblock %}\n"
    ),
    "campaigns/other.yaml": 'template: other.mjml.j2\nmarkets: all\nsubject: "Other"\n',
}
JOBS = ("other/en_US/a", "other/fr_FR/a", "welcome/en_US/a", "welcome/fr_FR/a")


def _outputs(project: Path) -> dict[str, str]:
    build = project / "build"
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(build.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _of(outputs: dict[str, str], job: str) -> dict[str, str]:
    return {k: v for k, v in outputs.items() if k.startswith(job + "/")}


@pytest.fixture
def built(tmp_path: Path):
    planted = plant(tmp_path, OTHER)
    assert planted.run("build", "--no-screenshots").exit_code == 0
    return planted.root


def _touch(project: Path) -> None:
    """Every job out of date (a changed campaign file would change only its own jobs)."""
    settings = project / "mailglot.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")


@pytest.mark.parametrize(
    "rel,mode,shown,failed",
    [
        (PO, 0, PO, ("other/fr_FR/a", "welcome/fr_FR/a")),
        ("locales/fr_FR", 0, "locales/fr_FR/", ("other/fr_FR/a", "welcome/fr_FR/a")),
        (
            "templates/welcome.mjml.j2",
            0,
            "templates/welcome.mjml.j2",
            ("welcome/en_US/a", "welcome/fr_FR/a"),
        ),
        ("templates/layouts", 0, "templates/layouts/", JOBS),
    ],
    ids=["catalog", "locale-folder", "template", "partials-folder"],
)
def test_an_unreadable_input_fails_the_jobs_that_use_it(built: Path, rel, mode, shown, failed):
    before = _outputs(built)
    _touch(built)
    result = unreadable.run_with(built, rel, mode, "build", "--no-screenshots", "--json")
    assert result.returncode == 1
    assert "Traceback" not in result.stdout
    document = json.loads(result.stdout)
    findings = [f for f in document["findings"] if f["code"] == "unreadable"]
    assert {(f["path"], f["severity"], f["message"]) for f in findings} == {
        (shown, "error", "cannot read: Permission denied; not built, earlier outputs kept")
    }
    assert sorted(f["job"] for f in document["findings"] if f["code"] == "unreadable") == sorted(
        failed
    )
    after = _outputs(built)
    for job in failed:  # kept as they were
        assert _of(after, job) == _of(before, job) and _of(after, job), job
    for job in set(JOBS) - set(failed):  # rebuilt
        assert (built / "build" / job / "email.html").is_file()


def test_the_cli_line_names_the_file_and_the_jobs(built: Path):
    _touch(built)
    result = unreadable.run_with(built, PO, 0, "build", "--no-screenshots", "-q")
    assert unreadable.lines(result) == [
        f"{PO}: cannot read: Permission denied; not built, earlier outputs kept "
        "[error: unreadable] (2 jobs: other/fr_FR/a, welcome/fr_FR/a)"
    ]


def test_an_unreadable_calendar_stops_only_what_uses_it(built: Path):
    launch = built / "campaigns/launch.yaml"
    launch.write_text(
        "template: other.mjml.j2\nmarkets: all\nsubject: Launch\nschedule:\n  event: launch\n",
        encoding="utf-8",
    )
    result = unreadable.run_with(
        built, "calendars/events.yaml", 0, "build", "--no-screenshots", "-q"
    )
    assert result.returncode == 1
    assert unreadable.lines(result) == [
        "calendars/events.yaml: cannot read: Permission denied [error: yaml]"
    ]
    assert not (built / "build/launch").exists()
    for job in JOBS:  # they name no event: built
        assert (built / "build" / job / "email.html").is_file()


def test_a_build_folder_that_cannot_be_written_changes_nothing(built: Path):
    before = _outputs(built)
    _touch(built)
    result = unreadable.run_with(built, "build", 0o555, "build", "--no-screenshots")
    assert result.returncode == 1
    assert unreadable.lines(result)[-1] == (
        "mailglot: cannot write build/ (to remove build/.noop.json): Permission denied; "
        "nothing was built"
    )
    assert _outputs(built) == before


@pytest.mark.parametrize("command", [("build", "--no-screenshots"), ("check",)])
def test_an_unreadable_manifest_stops_build_and_check(built: Path, command):
    before = _outputs(built)
    result = unreadable.run_with(built, "build/manifest.json", 0, *command)
    assert result.returncode == 1
    assert unreadable.lines(result) == [
        "build/manifest.json: cannot read: Permission denied; nothing was changed "
        "[error: build-state]"
    ]
    assert _outputs(built) == before


def test_build_state_that_cannot_be_read_counts_as_absent(built: Path):
    """.state.json and .noop.json are caches: the build redoes what they would have saved and
    writes them anew (the state was compared before being replaced: an error at the end)."""
    for name in (".state.json", ".noop.json"):
        (built / "build" / name).chmod(0)
    _touch(built)
    result = unreadable.run(built, "build", "--no-screenshots")
    assert result.returncode == 0, result.stdout
    assert unreadable.lines(result)[-1].startswith("mailglot: 4 built, 0 unchanged")
    for name in (".state.json", ".noop.json"):
        assert (built / "build" / name).stat().st_mode & 0o444
    again = unreadable.run(built, "build", "--no-screenshots")
    assert unreadable.lines(again)[-1].startswith("mailglot: 0 built, 4 unchanged")
