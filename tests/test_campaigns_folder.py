"""A campaigns/ folder that is missing, not a folder or unreadable stops the command with an
error and prunes nothing: it was read as "no campaign", and a whole build then deleted every
earlier output and exited 0."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import unreadable

BUILT = ("black_friday", "recommendations", "renewal", "winback")


@pytest.fixture
def built(example: Path, cli) -> Path:
    assert cli(example, "build", "--no-screenshots").exit_code == 0
    return example


def _outputs(project: Path) -> dict[str, bytes]:
    build = project / "build"
    return {
        p.relative_to(build).as_posix(): p.read_bytes()
        for p in sorted(build.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


def _folders(project: Path) -> list[str]:
    return sorted(p.name for p in (project / "build").iterdir() if p.is_dir())


@pytest.mark.parametrize(
    "make,message",
    [
        (
            lambda c: shutil.move(c, c.with_name("campaigns.bak")),
            "campaigns/: missing: expected a folder holding one file per campaign "
            "(campaigns/<id>.yaml) [error: schema]",
        ),
        (
            lambda c: (shutil.rmtree(c), c.write_text("", encoding="utf-8")),
            "campaigns/: expected a folder holding one file per campaign (campaigns/<id>.yaml), "
            "found a file [error: schema]",
        ),
    ],
    ids=["missing", "a-file"],
)
def test_no_campaigns_folder_is_an_error_and_prunes_nothing(built: Path, cli, make, message):
    before = _outputs(built)
    make(built / "campaigns")
    for command in (("build", "--no-screenshots"), ("extract",), ("check",)):
        result = cli(built, *command)
        assert result.exit_code == 1, (command, result.output)
        assert result.output.splitlines()[0] == message, command
    assert _folders(built) == list(BUILT)
    assert _outputs(built) == before


def test_an_unreadable_campaigns_folder_is_an_error_and_prunes_nothing(built: Path):
    before = _outputs(built)
    (built / "campaigns").chmod(0)
    try:
        result = unreadable.run(built, "build", "--no-screenshots")
    finally:
        (built / "campaigns").chmod(0o755)
    assert result.returncode == 1, result.stdout
    assert unreadable.lines(result)[0] == (
        "campaigns/: cannot read: Permission denied [error: unreadable]"
    )
    assert "Traceback" not in result.stdout
    assert _folders(built) == list(BUILT)
    assert _outputs(built) == before
