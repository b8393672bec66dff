"""`calendar --ics -` writes the iCalendar to standard output, as `-` means for a file
option (it wrote a file named "-"), in place of the table, so the output pipes into another
tool as it is."""

from __future__ import annotations

import json
from pathlib import Path

import pytest


def test_ics_dash_writes_the_calendar_to_standard_output(
    example: Path, cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli(example, "calendar", "--year", "2027", "--ics", "-")
    assert result.exit_code == 0, result.output
    ics = result.stdout_bytes.decode("utf-8")
    assert ics.startswith("BEGIN:VCALENDAR\r\n") and ics.endswith("END:VCALENDAR\r\n")
    assert "X-WR-CALNAME:Streamly campaigns 2027\r\n" in ics
    assert "market" not in ics.splitlines()[0]  # no table before it
    assert not (tmp_path / "-").exists() and not (example / "-").exists()


def test_ics_dash_with_json_is_refused(example: Path, cli) -> None:
    result = cli(example, "calendar", "--ics", "-", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"]["error"] == (
        "--ics - writes the calendar to standard output, where --json writes its document: "
        "name a file, e.g. --ics calendar.ics"
    )
