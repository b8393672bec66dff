"""An events.yaml mistake stops only the campaigns and markets that use it; the rest builds."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project

TODAY = date(2026, 11, 2)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line(path: Path, needle: str) -> int:
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _markets_planned(plan, campaign: str) -> set[str]:
    return {j.market for j in plan.jobs if j.campaign == campaign}


def test_a_broken_rule_stops_only_its_market(example: Path):
    events = example / "calendars/events.yaml"
    _replace(
        events,
        "GB: {weekday: {n: 4, day: thursday, month: 11}, days: 1}",
        "GB: {weekday: {n: 4, day: thursdy, month: 11}, days: 1}",
    )
    line = _line(events, "day: thursdy")
    project = load_project(example)  # loads: the mistake is kept with its rule
    plan = plan_jobs(project, Selection(), TODAY)
    assert [str(d) for d in plan.failed["black_friday"]] == [
        f"calendars/events.yaml:{line}: black_friday.markets.GB.weekday.day: unknown weekday "
        "'thursdy'; did you mean thursday?"
    ]
    assert _markets_planned(plan, "black_friday") == {
        "US",
        "CA",
        "FR",
        "DE",
        "MX",
        "BR",
        "JP",
        "SA",
    }
    assert {j.campaign for j in plan.jobs} >= {"black_friday", "recommendations", "renewal"}
    assert "recommendations" not in plan.failed


def test_a_rule_after_a_broken_one_fails_with_the_root_error(example: Path):
    events = example / "calendars/events.yaml"
    _replace(events, "US: {holiday: Thanksgiving Day}", "US: {holiday: Thanksgivin Day}")
    line = _line(events, "Thanksgivin Day")
    project = load_project(example)
    plan = plan_jobs(project, Selection(), TODAY)
    # black_friday US is `after: thanksgiving`: it cannot have a date, and says why
    assert [str(d) for d in plan.failed["black_friday"]] == [
        f"calendars/events.yaml:{line}: thanksgiving: no holiday 'Thanksgivin Day' in the US "
        "calendar of python-holidays in 2026; did you mean 'Thanksgiving Day'? (needed to "
        "schedule US)"
    ]
    assert "US" not in _markets_planned(plan, "black_friday")
    assert "GB" in _markets_planned(plan, "black_friday")


def test_an_event_that_does_not_validate_stops_its_campaigns_everywhere(example: Path):
    events = example / "calendars/events.yaml"
    _replace(events, "  name: Black Friday\n", "  nam: Black Friday\n")
    project = load_project(example)
    plan = plan_jobs(project, Selection(), TODAY)
    assert not _markets_planned(plan, "black_friday")
    messages = {str(d) for d in plan.failed["black_friday"]}
    line = _line(events, "nam: Black Friday")
    assert (
        f"calendars/events.yaml:{line}: unknown key 'nam' in black_friday; did you mean 'name'?"
        in messages
    )
    # campaigns without an event schedule, and markets of other events, are untouched
    assert _markets_planned(plan, "recommendations")
    assert "recommendations" not in plan.failed


def test_events_yaml_that_does_not_parse_stops_only_event_campaigns(example: Path):
    (example / "calendars/events.yaml").write_text("black_friday: [\n", encoding="utf-8")
    project = load_project(example)
    assert "black_friday" in project.campaigns  # its event name cannot be checked: kept
    plan = plan_jobs(project, Selection(), TODAY)
    assert not _markets_planned(plan, "black_friday")
    assert all(d.path == "calendars/events.yaml" for d in plan.failed["black_friday"])
    assert _markets_planned(plan, "recommendations")


def test_build_exits_1_and_builds_the_rest(example: Path, cli):
    events = example / "calendars/events.yaml"
    _replace(
        events,
        "GB: {weekday: {n: 4, day: thursday, month: 11}, days: 1}",
        "GB: {weekday: {n: 4, day: thursdy, month: 11}, days: 1}",
    )
    result = cli(
        example,
        "build",
        "--no-screenshots",
        "--campaign",
        "black_friday",
        "--market",
        "GB",
        "--market",
        "FR",
    )
    assert result.exit_code == 1
    line = _line(events, "day: thursdy")
    assert f"calendars/events.yaml:{line}: black_friday.markets.GB.weekday.day" in result.output
    assert (example / "build/black_friday/fr_FR/a/email.html").is_file()
    assert not (example / "build/black_friday/en_GB").exists()
    manifest = json.loads((example / "build/manifest.json").read_text(encoding="utf-8"))
    assert any(j["id"].startswith("black_friday/fr_FR") for j in manifest["jobs"])


def test_calendar_lists_what_works_and_every_rule_error(example: Path, cli):
    events = example / "calendars/events.yaml"
    _replace(events, "MX: {date: 05-10}", "MX: {date: 05-32}")
    line = _line(events, "MX: {date: 05-32}")
    result = cli(example, "calendar", "--year", "2027", "--market", "MX")
    assert result.exit_code == 1
    rows = [row.split() for row in result.output.splitlines()]
    assert ["MX", "2027-02-14", "Valentine's", "Day"] in rows
    assert (
        f"calendars/events.yaml:{line}: mothers_day.markets.MX.date: expected a day of the year "
        "as MM-DD, like 11-11, got '05-32'" in result.output
    )


def test_an_offset_of_years_is_a_located_mistake_not_a_traceback(example: Path, cli):
    """`after: {days: 99999999999}` (or `easter:`) ended every build in an OverflowError from
    the date arithmetic; one of 400,000 days scheduled a Black Friday send in the year 3122."""
    events = example / "calendars/events.yaml"
    _replace(
        events,
        "US: {after: {event: thanksgiving, days: 1}}",
        "US: {after: {event: thanksgiving, days: 99999999999}}",
    )
    line = _line(events, "days: 99999999999")
    project = load_project(example)
    plan = plan_jobs(project, Selection(), TODAY)
    assert [str(d) for d in plan.failed["black_friday"]] == [
        f"calendars/events.yaml:{line}: black_friday.markets.US.after.days: expected a number "
        "of days from -366 to 366, got 99999999999"
    ]
    assert "US" not in _markets_planned(plan, "black_friday")
    assert "GB" in _markets_planned(plan, "black_friday")
    result = cli(example, "build", "--no-screenshots", "--campaign", "black_friday")
    assert result.exit_code == 1 and "Traceback" not in result.output
