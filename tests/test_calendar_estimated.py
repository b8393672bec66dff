"""A holiday python-holidays names "... (estimated)" (Eid al-Fitr from 2027, read from AE for
SA in the example) keeps that word as a note in `calendar`: the table, --json and the .ics.
The event keeps the name events.yaml gives it."""

from __future__ import annotations

import json
from pathlib import Path

from icalendar import Calendar

NOTE = "estimated by python-holidays: the date may move by a day"


def test_an_estimated_holiday_date_is_noted_in_the_table_json_and_ics(
    example: Path, cli, tmp_path: Path
):
    ics = tmp_path / "plan.ics"
    result = cli(example, "calendar", "--year", "2027", "--market", "SA", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    [row] = [line for line in result.output.splitlines() if "Eid" in line]
    assert row.split() == ["SA", "2027-03-09", "Eid", "al-Fitr", *NOTE.split()]

    result = cli(example, "calendar", "--year", "2027", "--market", "SA", "--json")
    [entry] = [e for e in json.loads(result.stdout)["entries"] if e["id"] == "eid_al_fitr"]
    assert (entry["title"], entry["date"], entry["note"]) == ("Eid al-Fitr", "2027-03-09", NOTE)

    events = {str(e["summary"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert str(events["Eid al-Fitr (SA)"]["description"]) == NOTE
    assert "description" not in events["Black Friday (SA)"]


def test_a_date_python_holidays_has_fixed_has_no_note(example: Path, cli):
    result = cli(example, "calendar", "--year", "2026", "--market", "SA", "--json")
    [entry] = [e for e in json.loads(result.stdout)["entries"] if e["id"] == "eid_al_fitr"]
    assert (entry["date"], entry["note"]) == ("2026-03-20", None)


def test_both_estimated_occurrences_of_2033_are_noted(example: Path, cli):
    result = cli(example, "calendar", "--year", "2033", "--market", "SA", "--json")
    found = [
        (e["date"], e["n"], e["note"])
        for e in json.loads(result.stdout)["entries"]
        if e["id"] == "eid_al_fitr"
    ]
    assert found == [("2033-01-02", 1, NOTE), ("2033-12-23", 2, NOTE)]


def test_a_send_timed_from_an_estimated_event_says_so(example: Path, cli):
    """An `after:` event and a campaign scheduled from it follow the estimated date."""
    events = example / "calendars/events.yaml"
    events.write_text(
        events.read_text(encoding="utf-8")
        + "\neid_sale:\n  name: Eid sale\n  markets:\n"
        + "    SA: {after: {event: eid_al_fitr, days: 2}}\n",
        encoding="utf-8",
    )
    campaign = example / "campaigns/black_friday.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("markets: all", "markets: [SA]").replace(
            "event: black_friday", "event: eid_sale"
        ),
        encoding="utf-8",
    )
    result = cli(example, "calendar", "--year", "2027", "--market", "SA", "--json")
    assert result.exit_code == 0, result.output
    rows = {(e["kind"], e["id"]): e for e in json.loads(result.stdout)["entries"]}
    assert (rows["event", "eid_sale"]["date"], rows["event", "eid_sale"]["note"]) == (
        "2027-03-11",
        NOTE,
    )
    send = rows["send", "black_friday"]
    assert send["date"] == "2027-03-13"  # avoid_holidays: off the Eid holidays to a Saturday
    assert send["note"].startswith(
        "moved from 2027-03-10 (Eid al-Fitr Holiday 2027-03-10 to 2027-03-12, public holidays)"
    )
    assert send["note"].endswith(
        "; the event's date is estimated by python-holidays and may move by a day"
    )
