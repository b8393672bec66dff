"""Campaign schedules: send times per market, DST, holidays, skipped markets, the year."""

from __future__ import annotations

import json
from datetime import UTC, date, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from mailglot.calendars import Skip, Timing, campaign_timing
from mailglot.calendars.scheduling import local_time
from mailglot.project.loader import load_project

CAMPAIGN = """\
template: winback.mjml.j2
markets: {markets}
schedule:
{schedule}
subject: "Hello {{first_name}}"
data:
  percent: 10
  months: 1
  coupon: X
  expires: 2027-01-31
  strings:
    intro: "Hi"
"""


def _timing(
    example: Path, schedule: str, market: str, today=date(2026, 1, 10), year=None, markets="all"
):
    (example / "campaigns/test.yaml").write_text(
        CAMPAIGN.format(markets=markets, schedule=schedule), encoding="utf-8"
    )
    project = load_project(example)
    assert "test" not in project.campaign_errors, project.campaign_errors
    return campaign_timing(project, project.campaigns["test"], market, today, year)


def test_nine_local_on_the_day_dst_starts(example: Path):
    t = _timing(example, "  date: 2026-03-08\n  local_time: '09:00'", "US")
    assert t.send_at.isoformat() == "2026-03-08T09:00:00-04:00"


@pytest.mark.parametrize(
    ("written", "sent"),
    [
        ("'09:00'", "09:00"),
        ("09:00", "09:00"),
        ("9:00", "09:00"),
        ("'9:30'", "09:30"),
        ("21:05", "21:05"),
    ],
)
def test_local_time_quoted_or_not(example: Path, written: str, sent: str):
    """Unquoted, YAML 1.1 reads 9:30 as a base-60 number (570); mailglot reads it as text."""
    t = _timing(example, f"  date: 2026-03-07\n  local_time: {written}", "US")
    assert t.send_at.isoformat() == f"2026-03-07T{sent}:00-05:00"


@pytest.mark.parametrize(
    ("market", "day", "utc"),
    [
        ("US", "2026-03-07", "2026-03-07T14:00:00+00:00"),
        ("US", "2026-03-08", "2026-03-08T13:00:00+00:00"),  # EDT starts at 02:00 that day
        ("US", "2026-10-31", "2026-10-31T13:00:00+00:00"),
        ("US", "2026-11-01", "2026-11-01T14:00:00+00:00"),  # back to EST at 02:00
        ("FR", "2026-03-29", "2026-03-29T07:00:00+00:00"),  # CEST starts that night
        ("GB", "2026-10-25", "2026-10-25T09:00:00+00:00"),  # BST ends that night
        ("BR", "2026-11-01", "2026-11-01T12:00:00+00:00"),  # Brazil has no DST since 2019
    ],
)
def test_utc_follows_daylight_saving(example: Path, market: str, day: str, utc: str):
    t = _timing(example, f"  date: {day}\n  local_time: '09:00'", market)
    assert t.send_at.astimezone(UTC).isoformat() == utc


def test_a_time_the_clocks_skip_is_sent_an_hour_later(example: Path):
    t = _timing(example, "  date: 2026-03-08\n  local_time: '02:30'", "US")
    assert t.send_at.isoformat() == "2026-03-08T03:30:00-04:00"
    assert t.note == (
        "02:30 does not exist on 2026-03-08 in America/New_York (clocks go forward): sent at 03:30"
    )


@pytest.mark.parametrize(
    ("market", "day", "sent", "note"),
    [
        # US clocks go back at 02:00 EDT on the first Sunday of November
        (
            "US",
            "2026-11-01",
            "2026-11-01T01:30:00-04:00",
            "01:30 happens twice on 2026-11-01 in America/New_York (clocks go back): sent at "
            "the first, 01:30 EDT (05:30 UTC), not the second, 01:30 EST (06:30 UTC)",
        ),
        # the EU at 01:00 UTC on the last Sunday of October: 02:30 is repeated in Paris
        (
            "FR",
            "2027-10-31",
            "2027-10-31T02:30:00+02:00",
            "02:30 happens twice on 2027-10-31 in Europe/Paris (clocks go back): sent at "
            "the first, 02:30 CEST (00:30 UTC), not the second, 02:30 CET (01:30 UTC)",
        ),
    ],
)
def test_a_time_the_clocks_repeat_is_the_first_with_a_note(
    example: Path, market: str, day: str, sent: str, note: str
):
    local = "02:30" if market == "FR" else "01:30"
    t = _timing(example, f"  date: {day}\n  local_time: '{local}'", market)
    assert t.send_at.isoformat() == sent
    assert t.send_at.fold == 0
    assert t.note == note


def test_no_note_an_hour_away_from_the_change(example: Path):
    t = _timing(example, "  date: 2026-11-01\n  local_time: '02:30'", "US")
    assert t.send_at.isoformat() == "2026-11-01T02:30:00-05:00" and t.note is None


def test_quoted_full_date_is_a_date(example: Path):
    t = _timing(example, "  date: '2026-03-08'\n  local_time: '09:00'", "US")
    assert t.send_at.isoformat() == "2026-03-08T09:00:00-04:00"


def test_send_moved_off_a_public_holiday(example: Path):
    t = _timing(example, "  date: 2026-12-25\n  local_time: '10:00'\n  avoid_holidays: true", "DE")
    # 25 and 26 December are both public holidays in Germany
    assert t.send_at.date() == date(2026, 12, 27)
    assert t.note == (
        "moved from 2026-12-25 (Christmas Day 2026-12-25, Second Day of Christmas 2026-12-26, "
        "public holidays)"
    )
    t = _timing(example, "  date: 2026-12-25\n  local_time: '10:00'", "DE")
    assert t.send_at.date() == date(2026, 12, 25) and t.note is None


def test_event_offset_and_days_left(example: Path):
    t = _timing(example, "  event: mothers_day\n  offset_days: -3", "GB", today=date(2026, 3, 1))
    assert isinstance(t, Timing)
    assert t.event.date == date(2026, 3, 15)
    assert t.send_at.date() == date(2026, 3, 12)
    assert t.days_left == 14


def test_next_occurrence_from_the_build_date(example: Path):
    before = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 23))
    assert (before.event.date, before.days_left) == (date(2026, 11, 27), 4)
    # on the day itself it is still this year's (a promotion can say "today")
    same_day = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 27))
    assert (same_day.event.date, same_day.days_left) == (date(2026, 11, 27), 0)
    after = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 28))
    assert after.event.date == date(2027, 11, 26)
    fixed = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 28), year=2026)
    assert fixed.event.date == date(2026, 11, 27)
    pinned = _timing(example, "  event: black_friday\n  year: 2028", "FR", year=2026)
    assert pinned.event.date == date(2028, 11, 24)


def test_month_day_schedule_takes_the_next_one(example: Path):
    t = _timing(example, "  date: 12-01\n  local_time: '08:30'", "JP", today=date(2026, 12, 2))
    assert t.send_at.isoformat() == "2027-12-01T08:30:00+09:00"
    assert t.event is None and t.days_left is None


def test_bad_schedule_dates(example: Path):
    for value, message in [
        (
            "02-29",
            "schedule.date: 02-29 exists only in leap years; expected a day that every "
            "year has, or a full YYYY-MM-DD",
        ),
        ("'2026-02-30'", "schedule.date: expected YYYY-MM-DD or MM-DD, got '2026-02-30'"),
    ]:
        (example / "campaigns/test.yaml").write_text(
            CAMPAIGN.format(markets="all", schedule=f"  date: {value}"), encoding="utf-8"
        )
        project = load_project(example)
        assert [str(d) for d in project.campaign_errors["test"]] == [
            f"campaigns/test.yaml:4: {message}"
        ]


def test_market_without_the_event_is_skipped(example: Path):
    t = _timing(example, "  event: thanksgiving", "FR")
    assert isinstance(t, Skip)
    assert t.reason == "FR does not observe thanksgiving (calendars/events.yaml lists US, CA)"


def test_thanksgiving_campaign_for_us_ca_fr(example: Path, cli):
    (example / "campaigns/thanks.yaml").write_text(
        CAMPAIGN.format(
            markets="[US, CA, FR]", schedule="  event: thanksgiving\n  offset_days: -2"
        ),
        "utf-8",
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "thanks", "--year", "2027")
    assert result.exit_code == 0, result.output
    us = json.loads((example / "build/thanks/en_US/a/meta.json").read_text())
    ca = json.loads((example / "build/thanks/en_CA/a/meta.json").read_text())
    assert (us["event"]["date"], us["send_at"], us["send_at_utc"]) == (
        "2027-11-25",
        "2027-11-23T09:00:00-05:00",
        "2027-11-23T14:00:00Z",
    )
    assert (ca["event"]["date"], ca["send_at"]) == ("2027-10-11", "2027-10-09T09:00:00-04:00")
    assert not (example / "build/thanks/fr_FR").exists()
    manifest = json.loads((example / "build/manifest.json").read_text())
    [fr] = [j for j in manifest["jobs"] if j["id"] == "thanks@FR"]
    assert fr["status"] == "skipped"
    assert fr["reason"] == "FR does not observe thanksgiving (calendars/events.yaml lists US, CA)"


def test_templates_see_the_translated_event(example: Path, cli):
    """The promotion says when Black Friday is, in each language, with the locale's date."""
    result = cli(
        example,
        "build",
        "--no-screenshots",
        "--campaign",
        "black_friday",
        "--year",
        "2027",
        *("--locale", "fr_FR", "--locale", "ar_SA", "--locale", "ja_JP", "--locale", "de_DE"),
    )
    assert result.exit_code == 0, result.output
    expected = {
        "fr_FR": ("Black Friday", "26 novembre 2027"),
        "ar_SA": ("الجمعة البيضاء", "26 نوفمبر 2027"),  # "White Friday" in Saudi Arabia
        "ja_JP": ("ブラックフライデー", "2027年11月26日"),
        "de_DE": ("Black Friday", "26. November 2027"),
    }
    for locale, (name, day) in expected.items():
        job = example / "build/black_friday" / locale / "a"
        meta = json.loads((job / "meta.json").read_text(encoding="utf-8"))
        assert meta["event"]["name"] == name
        assert meta["event"]["date"] == "2027-11-26"
        [line] = [
            x for x in (job / "email.txt").read_text(encoding="utf-8").splitlines() if day in x
        ]
        assert name in line


def test_unknown_event_in_a_campaign(example: Path):
    (example / "campaigns/test.yaml").write_text(
        CAMPAIGN.format(markets="all", schedule="  event: blackfriday"), encoding="utf-8"
    )
    project = load_project(example)
    assert [str(d) for d in project.campaign_errors["test"]] == [
        "campaigns/test.yaml:4: unknown event 'blackfriday'; did you mean 'black_friday'?"
    ]
    (example / "campaigns/test.yaml").write_text(
        CAMPAIGN.format(markets="all", schedule="  event: summer_sale"), encoding="utf-8"
    )
    assert [str(d) for d in load_project(example).campaign_errors["test"]] == [
        "campaigns/test.yaml:4: unknown event 'summer_sale'; events defined in "
        "calendars/events.yaml: thanksgiving, black_friday, cyber_monday, singles_day, "
        "valentines_day, mothers_day, christmas, chinese_new_year, eid_al_fitr, diwali"
    ]


# US clocks go back at 02:00 on the first Sunday of November (Energy Policy Act of 2005)
US_FALL_BACK = [
    "2020-11-01", "2021-11-07", "2022-11-06", "2023-11-05", "2024-11-03", "2025-11-02",
    "2026-11-01", "2027-11-07", "2028-11-05", "2029-11-04", "2030-11-03", "2031-11-02",
    "2032-11-07", "2033-11-06", "2034-11-05",
]  # fmt: skip


@pytest.mark.parametrize("day", US_FALL_BACK)
def test_every_us_fall_back_2020_2034_notes_the_repeated_hour(day: str):
    zone = ZoneInfo("America/New_York")
    sent, note = local_time(date.fromisoformat(day), time(1, 30), zone)
    assert sent.utcoffset() == timedelta(hours=-4) and sent.fold == 0
    assert note is not None and note.startswith(f"01:30 happens twice on {day}")
    before = date.fromisoformat(day) - timedelta(days=7)
    assert local_time(before, time(1, 30), zone)[1] is None
