from __future__ import annotations

import json
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


def test_calendar_in_a_pipe_is_plain_rows(example: Path, cli):
    result = cli(example, "calendar", "--year", "2026", "--market", "CA", "--market", "SA")
    assert result.exit_code == 0, result.output
    assert "\x1b[" not in result.output
    rows = [line.split() for line in result.output.splitlines()]
    assert rows[0] == ["market", "date", "what", "local", "UTC", "note"]
    assert ["CA", "2026-10-12", "Thanksgiving"] in rows
    assert ["CA", "2026-11-26", "send", "black_friday", "09:00", "EST", "14:00Z"] in rows
    assert ["SA", "2026-03-20", "Eid", "al-Fitr"] in rows
    assert ["SA", "2026-11-26", "send", "black_friday", "09:00", "+03", "06:00Z"] in rows
    assert not any(row[0] == "US" for row in rows[1:])


def test_ics_has_one_entry_per_event_and_send(example: Path, cli, tmp_path: Path):
    ics = tmp_path / "all.ics"
    result = cli(example, "calendar", "--year", "2026", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    cal = Calendar.from_ical(ics.read_bytes())
    assert str(cal["x-wr-calname"]) == "Streamly campaigns 2026"
    items = list(cal.walk("VEVENT"))
    uids = [str(e["uid"]) for e in items]
    assert len(uids) == len(set(uids))
    assert "send-black_friday-US-2026@streamly.example" in uids
    by_summary = {str(e["summary"]): e for e in items}
    assert by_summary["Thanksgiving (CA)"].decoded("dtstart") == date(2026, 10, 12)
    assert by_summary["Eid al-Fitr (SA)"].decoded("dtstart") == date(2026, 3, 20)
    assert by_summary["Mother's Day (FR)"].decoded("dtstart") == date(2026, 5, 31)
    sends = {s: e.decoded("dtstart") for s, e in by_summary.items() if s.startswith("Send ")}
    # every market but CN (no Black Friday there) sends the day before, 09:00 local
    assert sends == {
        "Send black_friday (US)": datetime(2026, 11, 27, 14, 0, tzinfo=UTC),  # off Thanksgiving
        "Send black_friday (CA)": datetime(2026, 11, 26, 14, 0, tzinfo=UTC),
        "Send black_friday (GB)": datetime(2026, 11, 26, 9, 0, tzinfo=UTC),
        "Send black_friday (FR)": datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
        "Send black_friday (DE)": datetime(2026, 11, 26, 8, 0, tzinfo=UTC),
        "Send black_friday (MX)": datetime(2026, 11, 26, 15, 0, tzinfo=UTC),
        "Send black_friday (BR)": datetime(2026, 11, 26, 12, 0, tzinfo=UTC),
        "Send black_friday (JP)": datetime(2026, 11, 26, 0, 0, tzinfo=UTC),
        "Send black_friday (SA)": datetime(2026, 11, 26, 6, 0, tzinfo=UTC),
    }


def test_calendar_reports_rule_errors_after_the_table(example: Path, cli):
    events = example / "calendars/events.yaml"
    text = events.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 4
    events.write_text(
        text + "payday:\n  name: Payday\n  markets:\n    US: {weekday: {n: 5, day: monday, "
        "month: 5}}\n",
        encoding="utf-8",
    )
    result = cli(example, "calendar", "--year", "2026", "--market", "US")
    assert result.exit_code == 1
    assert "Thanksgiving" in result.output
    assert (
        f"calendars/events.yaml:{line}: payday: there is no 5th monday in May 2026 (in US)"
        in result.output
    )
    assert cli(example, "calendar", "--year", "2027", "--market", "US").exit_code == 0


def test_calendar_json_is_one_document_with_summary_rows_and_findings(example: Path, cli):
    result = cli(example, "calendar", "--year", "2027", "--market", "US", "--json")
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["command"] == "calendar" and doc["ok"] is True and doc["findings"] == []
    assert doc["summary"] == {
        "year": 2027,
        "markets": ["US"],
        "events": 6,
        "sends": 1,
        "skipped": 0,
        "errors": 0,
        "ics": None,
    }
    assert {
        "market": "US",
        "date": "2027-11-26",
        "kind": "send",
        "id": "black_friday",
        "title": "black_friday",
        "n": 1,
        "local": "2027-11-26T09:00:00-05:00",
        "utc": "2027-11-26T14:00:00+00:00",
        "note": "moved from 2027-11-25 (Thanksgiving Day, a public holiday)",
    } in doc["entries"]
    assert {
        "market": "US",
        "date": "2027-11-25",
        "kind": "event",
        "id": "thanksgiving",
    }.items() <= (next(e for e in doc["entries"] if e["id"] == "thanksgiving").items())


def test_calendar_json_and_quiet_on_errors(example: Path, cli):
    result = cli(example, "calendar", "--market", "XX", "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout) == {
        "command": "calendar",
        "ok": False,
        "summary": {"error": "unknown market 'XX'; known: US, CA, GB, FR, DE, MX, BR, JP, CN, SA"},
        "findings": [],
    }
    events = example / "calendars/events.yaml"
    text = events.read_text(encoding="utf-8")
    line = len(text.splitlines()) + 4
    events.write_text(
        text + "payday:\n  name: Payday\n  markets:\n    US: {weekday: {n: 5, day: monday, "
        "month: 5}}\n",
        encoding="utf-8",
    )
    result = cli(example, "calendar", "--year", "2026", "--market", "US", "--json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["summary"]["errors"] == 1
    assert doc["findings"] == [
        {
            "path": "calendars/events.yaml",
            "line": line,
            "code": "calendar",
            "severity": "error",
            "message": "payday: there is no 5th monday in May 2026 (in US)",
            "job": None,
        }
    ]
    result = cli(example, "calendar", "--year", "2026", "--market", "US", "--quiet")
    assert result.exit_code == 1
    assert result.output == (
        f"calendars/events.yaml:{line}: payday: there is no 5th monday in May 2026 (in US) "
        "[error: calendar]\n"
    )
    assert cli(example, "calendar", "--year", "2027", "--market", "US", "-q").output == ""


def test_ics_goes_only_into_a_folder_that_exists(example: Path, cli, tmp_path: Path):
    """`--ics reports/2027/plan.ics` made reports/ and reports/2027/ without a word, wherever
    a typo pointed (outside the project too); a file in the way said 'File exists'."""
    missing = tmp_path / "reports" / "2027" / "plan.ics"
    result = cli(example, "calendar", "--ics", str(missing))
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: --ics {missing}: the folder {missing.parent} does not exist; create it "
        "first, or give a path in an existing folder\n"
    )
    assert not (tmp_path / "reports").exists()

    (tmp_path / "notes").write_text("mine")
    result = cli(example, "calendar", "--ics", str(tmp_path / "notes" / "plan.ics"), "--json")
    assert result.exit_code == 2
    assert json.loads(result.stdout)["summary"] == {
        "error": f"--ics {tmp_path / 'notes' / 'plan.ics'}: {tmp_path / 'notes'} is a file, "
        "not a folder"
    }
    assert (tmp_path / "notes").read_text() == "mine"

    (tmp_path / "reports").mkdir()
    result = cli(example, "calendar", "--quiet", "--ics", str(tmp_path / "reports" / "plan.ics"))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "reports" / "plan.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")
