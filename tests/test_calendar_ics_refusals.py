"""`calendar --ics FILE` never replaces a project input or a file that is not an earlier
export: `--ics mailglot.yaml` used to replace the settings with a calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

ELSEWHERE = "write the calendar to a file of its own, e.g. --ics calendar.ics"


@pytest.mark.parametrize(
    ("rel", "what"),
    [
        ("mailglot.yaml", "would replace mailglot.yaml, a project input"),
        ("calendars/events.yaml", "would write into calendars/, which holds project input"),
        ("campaigns/plan.ics", "would write into campaigns/, which holds project input"),
        ("locales/plan.ics", "would write into locales/, which holds project input"),
        ("templates/plan.ics", "would write into templates/, which holds project input"),
    ],
)
def test_a_project_input_is_never_replaced(example: Path, cli, rel: str, what: str):
    target = example / rel
    before = target.read_bytes() if target.exists() else None
    result = cli(example, "calendar", "--quiet", "--ics", str(target))
    assert result.exit_code == 2
    assert result.output.splitlines() == [f"mailglot: --ics {target}: {what}; {ELSEWHERE}"]
    assert (target.read_bytes() if target.exists() else None) == before


def test_a_link_into_the_project_inputs_is_refused(example: Path, cli, tmp_path: Path):
    link = tmp_path / "plan.ics"
    link.symlink_to(example / "mailglot.yaml")
    settings = (example / "mailglot.yaml").read_bytes()
    result = cli(example, "calendar", "--quiet", "--ics", str(link))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"mailglot: --ics {link}: would replace mailglot.yaml, a project input; {ELSEWHERE}"
    ]
    assert link.is_symlink() and (example / "mailglot.yaml").read_bytes() == settings


def test_only_an_earlier_export_is_replaced(example: Path, cli, tmp_path: Path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my notes\n", encoding="utf-8")
    result = cli(example, "calendar", "--quiet", "--ics", str(notes))
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        f"mailglot: --ics {notes}: the file is there and is not an iCalendar (it does not "
        "start with BEGIN:VCALENDAR); mailglot replaces only an earlier export: name a new "
        "file, or move this one away first"
    ]
    assert notes.read_text(encoding="utf-8") == "my notes\n"
    plan = tmp_path / "plan.ics"
    for _ in range(2):  # a new file, then the export it is
        result = cli(example, "calendar", "--quiet", "--ics", str(plan), "--year", "2027")
        assert result.exit_code == 0, result.output
    assert plan.read_bytes().startswith(b"BEGIN:VCALENDAR")
