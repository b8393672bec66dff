"""A send moved off public holidays names each holiday once (python-holidays names each day of
Saudi Arabia's Eid al-Fitr alike), with the days that were its own when it skipped several:
in the schedule, `calendar` (table and --json) and the built email's meta.json."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.test_schedule import _timing

EID = (
    "moved from 2026-03-20 (Eid al-Fitr Holiday 2026-03-20 to 2026-03-22 and observed "
    "2026-03-23 to 2026-03-24, public holidays)"
)


def _sa_campaign(example: Path, day: str) -> None:
    campaign = example / "campaigns/black_friday.yaml"
    text = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        text.replace("markets: all", "markets: [SA]")
        .replace("event: black_friday", f"date: {day}")
        .replace("  offset_days: -1            # the day before, in each market\n", ""),
        encoding="utf-8",
    )


def test_eid_is_said_once_with_its_days(example: Path):
    t = _timing(example, "  date: 2026-03-20\n  avoid_holidays: true", "SA")
    assert t.send_at.date() == date(2026, 3, 25)
    assert t.note == EID


def test_only_observed_days_keep_python_holidays_name(example: Path):
    t = _timing(example, "  date: 2026-03-23\n  avoid_holidays: true", "SA")
    assert t.note == (
        "moved from 2026-03-23 (Eid al-Fitr Holiday (observed) 2026-03-23 to 2026-03-24, "
        "public holidays)"
    )


def test_an_observed_day_before_the_holiday_says_which_day_is_which(example: Path):
    # Christmas 2027 is a Saturday: the US observes it on Friday the 24th
    t = _timing(example, "  date: 2027-12-24\n  avoid_holidays: true", "US")
    assert t.send_at.date() == date(2027, 12, 26)
    assert t.note == (
        "moved from 2027-12-24 (Christmas Day 2027-12-25 and observed 2027-12-24, "
        "public holidays)"
    )


def test_one_day_off_reads_as_before(example: Path):
    t = _timing(example, "  date: 2027-12-24\n  avoid_holidays: true", "GB")
    assert t.note is None
    t = _timing(example, "  date: 2026-05-08\n  avoid_holidays: true", "FR")
    assert t.note == "moved from 2026-05-08 (Victory Day, a public holiday)"


def test_calendar_and_meta_show_the_note_once(example: Path, cli):
    _sa_campaign(example, "2026-03-20")
    result = cli(example, "calendar", "--year", "2026", "--market", "SA", "--json")
    assert result.exit_code == 0, result.output
    [send] = [e for e in json.loads(result.stdout)["entries"] if e["kind"] == "send"]
    assert (send["date"], send["note"]) == ("2026-03-25", EID)
    table = cli(example, "calendar", "--year", "2026", "--market", "SA").output
    [row] = [line for line in table.splitlines() if "send black_friday" in line]
    assert row.rstrip().endswith(EID)

    built = cli(example, "build", "--year", "2026", "--no-screenshots")
    assert built.exit_code == 0, built.output
    metas = sorted((example / "build").glob("black_friday/**/meta.json"))
    assert metas
    assert {json.loads(m.read_text(encoding="utf-8"))["send_note"] for m in metas} == {EID}
