"""A folder of the project that cannot be read is one located error on the folder, never a
traceback, and nothing is lost: calendars/ stops every command as campaigns/ does (every job
needs its markets); a folder of catalogs or templates fails the jobs that use it, named once,
not as errors on the files inside it (nor on catalogs that do not exist). Permissions apply
only without root's override (tests/unreadable.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import unreadable

BUILT = ("black_friday", "recommendations", "renewal", "winback")


@pytest.fixture
def built(example: Path, cli) -> Path:
    assert cli(example, "build", "--no-screenshots").exit_code == 0
    return example


def _outputs(project: Path) -> dict[str, str]:
    build = project / "build"
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(build.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _emails(project: Path) -> dict[str, str]:
    """The jobs' files, not the manifest (which says which jobs failed)."""
    return {k: v for k, v in _outputs(project).items() if "/" in k}


@pytest.mark.parametrize("mode", [0, 0o644], ids=["no-permission", "no-search"])
@pytest.mark.parametrize("command", [("build", "--no-screenshots"), ("check",), ("calendar",)])
def test_an_unreadable_calendars_folder_stops_the_command_and_keeps_outputs(
    built: Path, command, mode
):
    before = _outputs(built)
    result = unreadable.run_with(built, "calendars", mode, *command)
    assert result.returncode == 1, result.stdout
    assert unreadable.lines(result)[0] == (
        "calendars/: cannot read: Permission denied [error: unreadable]"
    )
    assert "Traceback" not in result.stdout
    assert sorted(p.name for p in (built / "build").iterdir() if p.is_dir()) == list(BUILT)
    assert _outputs(built) == before


def _said(result) -> list[str]:
    """What the build says, without its progress lines."""
    return [x for x in unreadable.lines(result) if not x.startswith("mailglot: building ")]


KEPT = "cannot read: Permission denied; not built, earlier outputs kept [error: unreadable]"


@pytest.mark.parametrize(
    "rel,mode,said",
    [
        (
            "locales",
            0,
            f"locales/: {KEPT} (58 jobs: black_friday/en_US/a, black_friday/en_US/b, "
            "black_friday/en_CA/a and 55 more (all with --json))",
        ),
        (
            "locales/fr_FR/LC_MESSAGES",
            0o644,
            f"locales/fr_FR/LC_MESSAGES/: {KEPT} (6 jobs: black_friday/fr_FR/a, "
            "black_friday/fr_FR/b, recommendations/fr_FR/a and 3 more (all with --json))",
        ),
        (
            "templates/partials",
            0,
            f"templates/partials/: {KEPT} (70 jobs: black_friday/en_US/a, "
            "black_friday/en_US/b, black_friday/en_XA/a and 67 more (all with --json))",
        ),
    ],
    ids=["locales", "no-search", "partials"],
)
def test_a_folder_of_inputs_is_one_error_on_the_folder(built: Path, rel, mode, said):
    before = _emails(built)
    result = unreadable.run_with(built, rel, mode, "build", "--no-screenshots", "-q")
    assert result.returncode == 1
    assert _said(result) == [said]
    assert _emails(built) == before  # the jobs not built keep theirs, the others unchanged


@pytest.mark.parametrize("mode", [0, 0o311], ids=["no-permission", "not-listed"])
def test_an_unreadable_templates_folder_is_named_not_each_template(built: Path, mode):
    before = _outputs(built)
    result = unreadable.run_with(built, "templates", mode, "build", "--no-screenshots")
    assert result.returncode == 1
    assert _said(result) == ["templates/: cannot read: Permission denied [error: unreadable]"]
    assert _outputs(built) == before


def test_catalog_readers_name_the_folder(built: Path):
    result = unreadable.run_with(built, "locales", 0, "l10n-status")
    assert _said(result)[-1] == "locales/: cannot read: Permission denied [error: unreadable]"
    assert sum("cannot read" in line for line in _said(result)) == 1
    result = unreadable.run_with(built, "locales", 0, "extract")
    assert result.returncode == 1
    assert _said(result) == [
        "locales/: cannot read: Permission denied; no .pot written [error: unreadable]"
    ]


def test_update_names_the_folder_it_cannot_look_into(example: Path):
    """update blamed locales/messages.pot for an unreadable locales/ (a chmod of the file
    would not have helped); every catalog stays as it was."""
    before = {p: p.read_bytes() for p in sorted((example / "locales").rglob("*.po"))}
    result = unreadable.run_with(example, "locales", 0, "update")
    assert (result.returncode, _said(result)) == (
        1,
        ["locales/: cannot read: Permission denied [error: unreadable]"],
    )
    result = unreadable.run_with(example, "locales/fr_FR/LC_MESSAGES", 0o644, "update")
    assert result.returncode == 1
    assert _said(result)[0] == (
        "locales/fr_FR/LC_MESSAGES/: cannot read: Permission denied [error: unreadable]"
    )
    assert {p: p.read_bytes() for p in before} == before
