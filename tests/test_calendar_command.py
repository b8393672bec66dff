from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from icalendar import Calendar


def test_calendar_table_and_ics(example: Path, cli, tmp_path: Path):
    ics = tmp_path / "plan.ics"
    result = cli(
        example, "calendar", "--year", "2027", "--market", "US", "--market", "CN", "--ics", str(ics)
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "2027-11-25" in out and "Thanksgiving" in out
    assert "send black_friday" in out
    assert "moved from 2027-11-25 (Thanksgiving Day, a public holiday)" in out
    assert "black_friday (skipped)" in out and "CN does not observe black_friday" in out

    cal = Calendar.from_ical(ics.read_bytes())
    events = {str(e["summary"]): e for e in cal.walk("VEVENT")}
    assert events["Thanksgiving (US)"].decoded("dtstart") == date(2027, 11, 25)
    assert events["Singles' Day (CN)"].decoded("dtstart") == date(2027, 11, 11)
    send = events["Send black_friday (US)"].decoded("dtstart")
    assert send == datetime(2027, 11, 26, 14, 0, tzinfo=UTC)
    assert "Thanksgiving Day" in str(events["Send black_friday (US)"]["description"])
    assert all("dtstamp" in e for e in cal.walk("VEVENT"))


def test_calendar_unknown_market(example: Path, cli):
    result = cli(example, "calendar", "--market", "XX")
    assert result.exit_code == 2
    assert "unknown market 'XX'" in result.output
