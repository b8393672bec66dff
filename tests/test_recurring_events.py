"""Events that come twice in a Gregorian year: Eid al-Fitr on 2 January and 23 December 2033.

Expected dates are Saudi Arabia's Eid al-Fitr (1 Shawwal, Umm al-Qura calendar) as announced
for 2020-2025 and published in the Umm al-Qura tables for later years; not python-holidays.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from icalendar import Calendar

from mailglot.calendars import campaign_timing
from mailglot.calendars.public_holidays import first_days
from mailglot.calendars.rules import occurrences
from mailglot.project.loader import load_project

EID_AL_FITR = {
    2020: [date(2020, 5, 24)],
    2021: [date(2021, 5, 13)],
    2022: [date(2022, 5, 2)],
    2023: [date(2023, 4, 21)],
    2024: [date(2024, 4, 10)],
    2025: [date(2025, 3, 30)],
    2026: [date(2026, 3, 20)],
    2028: [date(2028, 2, 26)],
    2029: [date(2029, 2, 14)],
    2032: [date(2032, 1, 14)],
    2033: [date(2033, 1, 2), date(2033, 12, 23)],
    2034: [date(2034, 12, 12)],  # a lunar year (354 days) after 23 December 2033
}

CAMPAIGN = """\
template: promo.mjml.j2
markets: [SA]
schedule:
  event: eid_al_fitr
  offset_days: -1
  local_time: "20:00"
subject: "Eid offer"
data:
  percent: 20
  price: 9.99
  strings:
    headline: "Eid Mubarak"
"""


@pytest.fixture(scope="module")
def project():
    return load_project(Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize("year", sorted(EID_AL_FITR))
def test_every_occurrence_of_the_year(project, year: int):
    assert (
        occurrences(project.events, project.markets, "eid_al_fitr", "SA", year)
        == (EID_AL_FITR[year])
    )


def test_a_holiday_block_is_one_occurrence_from_its_first_day():
    block = [date(2033, 1, 2), date(2033, 1, 3), date(2033, 1, 4)]
    again = [date(2033, 12, 23), date(2033, 12, 24)]
    assert first_days(again + block) == [date(2033, 1, 2), date(2033, 12, 23)]


@pytest.mark.parametrize(
    ("today", "event_day", "send"),
    [
        (date(2032, 12, 20), date(2033, 1, 2), "2033-01-01T20:00:00+03:00"),
        (date(2033, 1, 2), date(2033, 1, 2), "2033-01-01T20:00:00+03:00"),  # on the day
        (date(2033, 1, 3), date(2033, 12, 23), "2033-12-22T20:00:00+03:00"),
        (date(2033, 12, 24), date(2034, 12, 12), "2034-12-11T20:00:00+03:00"),
    ],
)
def test_a_campaign_sends_for_the_next_occurrence(
    example: Path, today: date, event_day: date, send: str
):
    (example / "campaigns/eid.yaml").write_text(CAMPAIGN, encoding="utf-8")
    project = load_project(example)
    timing = campaign_timing(project, project.campaigns["eid"], "SA", today)
    assert timing.event.date == event_day
    assert timing.send_at.isoformat() == send
    assert timing.days_left == (event_day - today).days


def test_a_pinned_year_takes_its_next_occurrence_or_its_first(example: Path):
    (example / "campaigns/eid.yaml").write_text(CAMPAIGN, encoding="utf-8")
    project = load_project(example)
    campaign = project.campaigns["eid"]
    mid_year = campaign_timing(project, campaign, "SA", date(2033, 6, 1), 2033)
    assert mid_year.event.date == date(2033, 12, 23)
    ahead = campaign_timing(project, campaign, "SA", date(2030, 6, 1), 2033)
    assert ahead.event.date == date(2033, 1, 2)


def test_calendar_lists_each_occurrence_and_its_send(example: Path, cli, tmp_path: Path):
    (example / "campaigns/eid.yaml").write_text(CAMPAIGN, encoding="utf-8")
    ics = tmp_path / "2033.ics"
    result = cli(example, "calendar", "--year", "2033", "--market", "SA", "--ics", str(ics))
    assert result.exit_code == 0, result.output
    rows = [row.split() for row in result.output.splitlines()]
    estimated = [
        "estimated",
        "by",
        "python-holidays:",
        "the",
        "date",
        "may",
        "move",
        "by",
        "a",
        "day",
    ]
    sent = [
        "the",
        "event's",
        "date",
        "is",
        "estimated",
        "by",
        "python-holidays",
        "and",
        "may",
        "move",
        "by",
        "a",
        "day",
    ]
    assert ["SA", "2033-01-02", "Eid", "al-Fitr", *estimated] in rows
    assert ["SA", "2033-12-23", "Eid", "al-Fitr", *estimated] in rows
    assert ["SA", "2033-01-01", "send", "eid", "20:00", "+03", "17:00Z", *sent] in rows
    assert ["SA", "2033-12-22", "send", "eid", "20:00", "+03", "17:00Z", *sent] in rows
    items = {str(e["uid"]): e for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")}
    assert items["event-eid_al_fitr-SA-2033@streamly.example"].decoded("dtstart") == date(
        2033, 1, 2
    )
    assert items["event-eid_al_fitr-SA-2033-2@streamly.example"].decoded("dtstart") == date(
        2033, 12, 23
    )
    assert "send-eid-SA-2033@streamly.example" in items
    assert "send-eid-SA-2033-2@streamly.example" in items
