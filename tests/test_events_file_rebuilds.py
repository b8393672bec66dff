"""calendars/events.yaml is an input of the campaigns that name an event only: made
unreadable, then readable again, or edited, it rebuilt every job of the project (its digest was
in every job's key), though only black_friday names an event in the example."""

from __future__ import annotations

from pathlib import Path

import unreadable

EVENTS = "calendars/events.yaml"


def _lines(result) -> list[str]:
    """What the build says, without its progress lines."""
    return [x for x in unreadable.lines(result) if not x.startswith("mailglot: building ")]


def _summary(result) -> str:
    return _lines(result)[-1]


def test_an_unreadable_events_file_rebuilds_no_job_that_names_no_event(example: Path, cli):
    assert cli(example, "build", "--no-screenshots").exit_code == 0
    events = example / EVENTS
    events.chmod(0)
    try:
        during = unreadable.run(example, "build", "--no-screenshots")
    finally:
        events.chmod(0o644)
    assert during.returncode == 1
    assert _lines(during)[0] == f"{EVENTS}: cannot read: Permission denied [error: yaml]"
    assert _summary(during).startswith(
        "mailglot: 0 built, 48 unchanged, 1 campaign(s) with errors, 1 error(s)"
    )
    after = unreadable.run(example, "build", "--no-screenshots")
    assert after.returncode == 0, after.stdout
    assert _summary(after).startswith("mailglot: 0 built, 70 unchanged, 1 skipped, 0 error(s)")


def test_an_edited_events_file_rebuilds_the_jobs_of_the_campaign_naming_an_event(
    example: Path, cli
):
    assert cli(example, "build", "--no-screenshots").exit_code == 0
    events = example / EVENTS
    events.write_text(
        events.read_text(encoding="utf-8") + "\nlaunch:\n  name: Launch\n  markets:\n"
        "    US: {date: 03-01}\n",
        encoding="utf-8",
    )
    result = cli(example, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("mailglot: 22 built, 48 unchanged, 1 skipped")
