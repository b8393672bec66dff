"""`extract` with calendars/events.yaml (or a campaign file) made a folder says it is a folder,
as the build does, where its summary said the source 'could not be parsed'; no .pot is
written, the one there is kept."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

POT = "locales/messages.pot"
FOLDER = "a folder, not a file; mailglot reads a YAML file here [error: yaml]"
REFUSED = (
    "mailglot: no .pot written (locales/messages.pot left as it was): {n}; "
    "fix the lines above first (an update would make their translations obsolete)"
)


def _folder_in_place(project: Path, rel: str) -> None:
    (project / rel).unlink()
    (project / rel).mkdir()


def test_an_events_file_that_is_a_folder_is_named_as_one(example: Path) -> None:
    pot = (example / POT).read_bytes()
    _folder_in_place(example, "calendars/events.yaml")
    result = run_cli(example, "extract")
    assert result.exit_code == 1
    assert result.output.splitlines() == [
        f"calendars/events.yaml: {FOLDER}",
        REFUSED.format(n="1 source is a folder"),
    ]
    assert (example / POT).read_bytes() == pot
    built = run_cli(example, "build", "--no-screenshots", "--campaign", "black_friday")
    assert f"calendars/events.yaml: {FOLDER}" in built.output.splitlines()  # the same words
    document = json.loads(run_cli(example, "extract", "--json").stdout)
    assert (document["ok"], document["summary"]["unread"]) == (False, 1)


def test_folders_and_a_syntax_error_are_told_apart(example: Path) -> None:
    _folder_in_place(example, "calendars/events.yaml")
    _folder_in_place(example, "campaigns/renewal.yaml")
    template = example / "templates/winback.mjml.j2"
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = run_cli(example, "extract")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == REFUSED.format(
        n="2 sources are folders and 1 could not be parsed"
    )
