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


def _run_with(project: Path, rel: str, mode: int, *args: str):
    path = project / rel
    old = path.stat().st_mode & 0o777
    path.chmod(mode)
    try:
        return unreadable.run(project, *args)
    finally:
        path.chmod(old)


@pytest.mark.parametrize("mode", [0, 0o644], ids=["no-permission", "no-search"])
@pytest.mark.parametrize("command", [("build", "--no-screenshots"), ("check",), ("calendar",)])
def test_an_unreadable_calendars_folder_stops_the_command_and_keeps_outputs(
    built: Path, command, mode
):
    before = _outputs(built)
    result = _run_with(built, "calendars", mode, *command)
    assert result.returncode == 1, result.stdout
    assert unreadable.lines(result)[0] == (
        "calendars/: cannot read: Permission denied [error: unreadable]"
    )
    assert "Traceback" not in result.stdout
    assert sorted(p.name for p in (built / "build").iterdir() if p.is_dir()) == list(BUILT)
    assert _outputs(built) == before
