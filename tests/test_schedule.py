"""Campaign schedules: send times per market, DST, holidays, skipped markets, the year."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from mailglot.calendars import Skip, Timing, campaign_timing
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
    assert t.send_at.astimezone().utcoffset() is not None


@pytest.mark.parametrize(
    ("day", "utc_hour"),
    [("2026-03-07", 14), ("2026-03-08", 13), ("2026-10-31", 13), ("2026-11-01", 14)],
)
def test_utc_follows_daylight_saving(example: Path, day: str, utc_hour: int):
    t = _timing(example, f"  date: {day}\n  local_time: '09:00'", "US")
    assert t.send_at.astimezone(__import__("datetime").UTC).hour == utc_hour


def test_send_moved_off_a_public_holiday(example: Path):
    t = _timing(example, "  date: 2026-12-25\n  local_time: '10:00'\n  avoid_holidays: true", "DE")
    # 25 and 26 December are both public holidays in Germany
    assert t.send_at.date() == date(2026, 12, 27)
    assert t.note == (
        "moved from 2026-12-25 (Christmas Day, Second Day of Christmas, a public holiday)"
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
    assert before.event.date == date(2026, 11, 27)
    after = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 28))
    assert after.event.date == date(2027, 11, 26)
    fixed = _timing(example, "  event: black_friday", "FR", today=date(2026, 11, 28), year=2026)
    assert fixed.event.date == date(2026, 11, 27)


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


def test_templates_see_the_translated_event(example_build: Path):
    sa = json.loads((example_build / "build/black_friday/ar_SA/a/meta.json").read_text())
    assert sa["event"]["name"] == "الجمعة البيضاء"
    fr = (example_build / "build/black_friday/fr_FR/a/email.txt").read_text()
    assert (
        "Black Friday : le 27 novembre 2026. L'offre prend fin à minuit ce jour-là." in fr
        or "Black Friday : le 26 novembre 2027" in fr
    )


def test_unknown_event_in_a_campaign(example: Path):
    (example / "campaigns/test.yaml").write_text(
        CAMPAIGN.format(markets="all", schedule="  event: blackfriday"), encoding="utf-8"
    )
    project = load_project(example)
    assert str(project.campaign_errors["test"][0]).startswith(
        "campaigns/test.yaml:4: unknown event 'blackfriday'; events defined in "
        "calendars/events.yaml: thanksgiving, black_friday,"
    )
