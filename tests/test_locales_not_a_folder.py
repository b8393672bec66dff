"""A file named `locales` where the catalogs' folder should be is one error for every command,
as a file-shaped campaigns/ is: it was read as 'no catalogs', and a build made every email in
the source language (a warning per locale), replacing the translated ones, while `update` and
`add-locale` asked for an `extract` that could not write. Nothing is pruned or rewritten."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import copy_example, run_cli

MESSAGE = (
    "locales/: expected a folder holding each locale's catalog "
    "(locales/<locale>/LC_MESSAGES/messages.po) and the template (locales/messages.pot), "
    "found {found} [error: schema]"
)
COMMANDS = (
    ("build", "--no-screenshots"),
    ("check",),
    ("extract",),
    ("update",),
    ("l10n-status",),
    ("add-locale", "it_IT"),
    ("calendar",),
)


def _outputs(project: Path) -> dict[str, bytes]:
    build = project / "build"
    return {
        p.relative_to(build).as_posix(): p.read_bytes()
        for p in sorted(build.rglob("*"))
        if p.is_file() and not p.name.startswith(".")
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_example(tmp_path_factory.mktemp("locales") / "example")
    assert run_cli(project, "build", "--no-screenshots").exit_code == 0
    return project


@pytest.mark.parametrize(
    "make,found",
    [
        (lambda p: p.write_text("fr_FR\n", encoding="utf-8"), "a file"),
        (lambda p: p.symlink_to("translations"), "a link to translations, which does not exist"),
    ],
    ids=["a-file", "a-link-to-nothing"],
)
def test_every_command_names_it_and_nothing_is_rewritten(built: Path, make, found: str) -> None:
    before = _outputs(built)
    locales = built / "locales"
    shutil.move(locales, built / "locales.bak")
    make(locales)
    try:
        for command in COMMANDS:
            result = run_cli(built, *command)
            assert result.exit_code == 1, (command, result.output)
            assert result.output.splitlines() == [MESSAGE.format(found=found)], command
        assert _outputs(built) == before
        assert locales.is_symlink() or locales.read_text(encoding="utf-8") == "fr_FR\n"
    finally:
        locales.unlink()
        shutil.move(built / "locales.bak", locales)
    rebuilt = run_cli(built, "build", "--no-screenshots")
    assert rebuilt.exit_code == 0 and "0 built, 70 unchanged" in rebuilt.output
