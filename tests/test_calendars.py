"""Event rules against public calendars, 2026 and 2027 (python-holidays data, real rules), and
every mistake events.yaml or markets.yaml can hold, with its exact message and line."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from dateutil.easter import easter

from mailglot.calendars.rules import RuleError, resolve
from mailglot.errors import ContentError
from mailglot.project.loader import load_project


@pytest.fixture(scope="module")
def project():
    return load_project(Path(__file__).resolve().parent.parent)


@pytest.mark.parametrize(
    ("event", "market", "year", "expected"),
    [
        ("thanksgiving", "US", 2026, date(2026, 11, 26)),
        ("thanksgiving", "US", 2027, date(2027, 11, 25)),
        ("thanksgiving", "CA", 2026, date(2026, 10, 12)),
        ("thanksgiving", "CA", 2027, date(2027, 10, 11)),
        ("black_friday", "US", 2026, date(2026, 11, 27)),
        ("black_friday", "US", 2027, date(2027, 11, 26)),
        ("black_friday", "GB", 2027, date(2027, 11, 26)),
        ("black_friday", "GB", 2024, date(2024, 11, 29)),  # Nov 1 a Friday: the 5th Friday
        ("black_friday", "SA", 2026, date(2026, 11, 27)),  # "White Friday" in ar_SA
        ("cyber_monday", "US", 2026, date(2026, 11, 30)),
        ("cyber_monday", "DE", 2027, date(2027, 11, 29)),
        ("mothers_day", "US", 2026, date(2026, 5, 10)),
        ("mothers_day", "US", 2027, date(2027, 5, 9)),
        ("mothers_day", "GB", 2026, date(2026, 3, 15)),  # Mothering Sunday, Easter - 21
        ("mothers_day", "GB", 2027, date(2027, 3, 7)),
        ("mothers_day", "FR", 2026, date(2026, 5, 31)),
        ("mothers_day", "FR", 2027, date(2027, 5, 30)),
        ("mothers_day", "FR", 2012, date(2012, 6, 3)),  # last Sunday of May was Pentecost
        ("mothers_day", "MX", 2026, date(2026, 5, 10)),
        ("mothers_day", "MX", 2027, date(2027, 5, 10)),
        ("chinese_new_year", "CN", 2026, date(2026, 2, 17)),
        ("chinese_new_year", "CN", 2027, date(2027, 2, 6)),
        ("eid_al_fitr", "SA", 2026, date(2026, 3, 20)),
        ("eid_al_fitr", "SA", 2027, date(2027, 3, 9)),
        ("singles_day", "CN", 2026, date(2026, 11, 11)),
        ("valentines_day", "BR", 2026, date(2026, 6, 12)),  # Dia dos Namorados
        ("christmas", "DE", 2026, date(2026, 12, 25)),
        ("diwali", "GB", 2026, date(2026, 11, 8)),
        ("diwali", "GB", 2027, date(2027, 10, 29)),
    ],
)
def test_event_dates(project, event, market, year, expected):
    assert resolve(project.events, project.markets, event, market, year) == expected


@pytest.mark.parametrize("year", [2026, 2027])
def test_french_mothers_day_is_not_pentecost(project, year):
    day = resolve(project.events, project.markets, "mothers_day", "FR", year)
    assert day.weekday() == 6 and day != easter(year) + timedelta(days=49)


@pytest.mark.parametrize("year", [2026, 2027])
def test_saudi_eid_lies_in_saudi_arabias_own_eid_holidays(project, year):
    day = resolve(project.events, project.markets, "eid_al_fitr", "SA", year)
    saudi = holidays.country_holidays("SA", years=year, language="en_US")
    assert "Eid al-Fitr" in saudi[day]


def test_holidays_are_found_in_every_category(example: Path):
    """Mother's Day is an `unofficial` US holiday: found with no categories: at all."""
    (example / "calendars/events.yaml").write_text(
        "md:\n  name: M\n  markets:\n    US: {holiday: Mother's Day}\n"
        "    GB: {holiday: Mother's Day, country: US, categories: [unofficial]}\n",
        encoding="utf-8",
    )
    project = load_project(example)
    assert resolve(project.events, project.markets, "md", "US", 2027) == date(2027, 5, 9)
    assert resolve(project.events, project.markets, "md", "GB", 2027) == date(2027, 5, 9)


def test_categories_narrow_and_the_error_says_where_it_is(example: Path):
    text = (
        "tg:\n  name: T\n  markets:\n    CA: {holiday: Thanksgiving Day, categories: [optional]}\n"
    )
    assert _resolve_error(example, text, "tg", "CA", 2027) == (
        "calendars/events.yaml:4: tg: no holiday 'Thanksgiving Day' in the CA-ON (optional) "
        "calendar of python-holidays in 2027; python-holidays files it under government, public "
        "there: write categories: [government, public], or leave categories: out to search "
        "them all"
    )


def _events_error(example: Path, text: str) -> list[str]:
    """events.yaml mistakes no longer stop the project: they are kept per rule."""
    (example / "calendars/events.yaml").write_text(text, encoding="utf-8")
    return [str(d) for d in load_project(example).event_errors.all()]


def _resolve_error(example: Path, text: str, event: str, market: str, year: int) -> str:
    """A holiday name is looked up for the year a build needs, not when the project loads."""
    (example / "calendars/events.yaml").write_text(text, encoding="utf-8")
    project = load_project(example)
    with pytest.raises(RuleError) as info:
        resolve(project.events, project.markets, event, market, year)
    return str(info.value.diagnostic(""))


def test_unknown_holiday_name_suggests_the_real_one(example: Path):
    text = "tg:\n  name: T\n  markets:\n    US: {holiday: Thanksgiving}\n"
    assert _resolve_error(example, text, "tg", "US", 2027) == (
        "calendars/events.yaml:4: tg: no holiday 'Thanksgiving' in the US calendar "
        "of python-holidays in 2027; did you mean 'Thanksgiving Day'?"
    )


def test_unknown_holiday_without_a_close_name_lists_them(example: Path):
    text = "x:\n  name: X\n  markets:\n    JP: {holiday: Zzzqqq}\n"
    assert _resolve_error(example, text, "x", "JP", 2026) == (
        "calendars/events.yaml:4: x: no holiday 'Zzzqqq' in the JP calendar of python-holidays "
        "in 2026; its holidays are: "
        "Bank Holiday, New Year's Day, Coming of Age Day, Foundation Day, Emperor's Birthday, Vernal "
        "Equinox Day, Showa Day, Constitution Day, Greenery Day, Children's Day, Substitute "
        "Holiday, Marine Day, Mountain Day, Respect for the Aged Day, National Holiday, "
        "Autumnal Equinox Day, Sports Day, Culture Day, Labor Thanksgiving Day"
    )


def test_unknown_holiday_in_a_subdivision(example: Path):
    text = "x:\n  name: X\n  markets:\n    CA: {holiday: Family Dy}\n"
    assert _resolve_error(example, text, "x", "CA", 2027) == (
        "calendars/events.yaml:4: x: no holiday 'Family Dy' in the CA-ON calendar "
        "of python-holidays in 2027; did you mean 'Family Day'?"
    )


def test_cycle_between_events(example: Path):
    errors = _events_error(
        example,
        (
            "a:\n  name: A\n  markets:\n    US: {after: {event: b, days: 1}}\n"
            "b:\n  name: B\n  markets:\n    US: {after: {event: a, days: 1}}\n"
        ),
    )
    assert errors == [
        "calendars/events.yaml:4: a: cycle between events in US: a -> b -> a",
        "calendars/events.yaml:8: b: cycle between events in US: b -> a -> b",
    ]


def test_misspelt_weekday(example: Path):
    errors = _events_error(
        example, "x:\n  name: X\n  markets:\n    US: {weekday: {n: 2, day: fridya, month: 5}}\n"
    )
    assert errors == [
        "calendars/events.yaml:4: x.markets.US.weekday.day: unknown weekday "
        "'fridya'; did you mean friday?"
    ]


def test_weekday_out_of_range(example: Path):
    errors = _events_error(
        example, "x:\n  name: X\n  markets:\n    US: {weekday: {n: 6, day: friday, month: 5}}\n"
    )
    assert errors == [
        "calendars/events.yaml:4: x.markets.US.weekday.n: n must be 1..5 (nth) or "
        "-1..-5 (from the end of the month), got 6"
    ]


def test_rule_needs_exactly_one_kind(example: Path):
    errors = _events_error(example, "x:\n  name: X\n  markets:\n    US: {date: 05-10, easter: 3}\n")
    assert errors == [
        "calendars/events.yaml:4: x.markets.US: a rule needs exactly one of holiday, "
        "date, weekday, easter, after (got date, easter)"
    ]


def test_unknown_market_unknown_and_unobserved_after(example: Path):
    errors = _events_error(
        example,
        (
            "a:\n  name: A\n  markets:\n    US: {date: 11-01}\n    XX: {date: 11-01}\n"
            "b:\n  name: B\n  markets:\n    FR: {after: {event: a, days: 1}}\n"
            "c:\n  name: C\n  markets:\n    US: {after: {event: aa, days: 1}}\n"
        ),
    )
    assert errors == [
        "calendars/events.yaml:5: a: unknown market 'XX'; markets defined in "
        "calendars/markets.yaml: US, CA, GB, FR, DE, MX, BR, JP, CN, SA",
        "calendars/events.yaml:9: b: after: a is not observed in FR (it lists US, XX)",
        "calendars/events.yaml:13: c: after: unknown event 'aa'; did you mean 'a'?",
    ]


def test_bad_month_day(example: Path):
    errors = _events_error(
        example,
        "x:\n  name: X\n  markets:\n    US: {date: 02-30}\n    FR: {date: 02-29}\n",
    )
    assert errors == [
        "calendars/events.yaml:4: x.markets.US.date: expected a day of the year as "
        "MM-DD, like 11-11, got '02-30'",
        "calendars/events.yaml:5: x.markets.FR.date: 02-29 exists only in leap years; "
        "expected a day that every year has",
    ]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (
            "FR: {weekday: {n: -1, day: sunday, month: 5}, unless: {easter: 49}}",
            "x.markets.FR: unless: needs move_days: (how far to move on a clash)",
        ),
        (
            "FR: {date: 05-01, categories: [optional]}",
            "x.markets.FR: categories, country and subdiv go with holiday:",
        ),
        (
            "US: {holiday: Diwali, country: ZZ}",
            "x: python-holidays has no calendar for 'ZZ'; expected an ISO 3166 country code "
            "like FR",
        ),
        (
            "US: {date: 05-01, colour: red}",
            "unknown key 'colour' in x.markets.US; did you mean 'country'?",
        ),
    ],
)
def test_rule_mistakes(example: Path, rule: str, message: str):
    errors = _events_error(example, f"x:\n  name: X\n  markets:\n    {rule}\n")
    assert errors == [f"calendars/events.yaml:4: {message}"]


def test_holiday_rule_needs_a_calendar(example: Path):
    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    markets.write_text(text.replace("  holidays: {country: JP}\n", ""), encoding="utf-8")
    errors = _events_error(example, "x:\n  name: X\n  markets:\n    JP: {holiday: Foo}\n")
    assert errors == [
        "calendars/events.yaml:4: x: holiday: needs a calendar: give the market "
        "holidays: {country: ...} or the rule a country:"
    ]


def _set_market_holidays(example: Path, value: str) -> int:
    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    old = '  holidays: {country: CA, subdiv: "ON"}   # quoted: YAML reads a bare ON as true'
    markets.write_text(text.replace(old, f"  holidays: {value}"), encoding="utf-8")
    return text.splitlines().index(old) + 1


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '{country: CA, subdiv: "ZZ"}',
            "CA.holidays: python-holidays has no subdivision 'ZZ' for CA; its subdivisions: "
            "AB, BC, MB, NB, NL, NS, NT, NU, ON, PE, QC, SK, YT",
        ),
        (
            "{country: CA, categories: [bank]}",
            "CA.holidays: python-holidays has no 'bank' holidays for CA; its categories: "
            "government, optional, public",
        ),
        (
            "{country: KK}",
            "CA.holidays: python-holidays has no calendar for 'KK'; expected an ISO 3166 "
            "country code like FR",
        ),
    ],
)
def test_market_calendar_must_exist_in_python_holidays(example: Path, value: str, message: str):
    line = _set_market_holidays(example, value)
    with pytest.raises(ContentError) as info:
        load_project(example)
    assert [str(d) for d in info.value.diagnostics] == [f"calendars/markets.yaml:{line}: {message}"]


PAYDAY = """
payday:
  name: Payday
  markets:
    US: {weekday: {n: 5, day: monday, month: 5}}
    FR: {weekday: {n: -1, day: monday, month: 5}}
payday_after:
  name: After payday
  markets:
    US: {after: {event: payday, days: 1}}
    FR: {after: {event: payday, days: 1}}
"""


def test_a_weekday_some_years_lack_is_an_error_where_a_build_needs_it(example: Path, cli):
    """May 2026 has four Mondays, May 2027 five: the rule is fine in 2027 and a located error
    in 2026, for the market that needs it; the other markets still build."""
    events = example / "calendars/events.yaml"
    line = len(events.read_text(encoding="utf-8").splitlines()) + 5
    events.write_text(events.read_text(encoding="utf-8") + PAYDAY, encoding="utf-8")
    (example / "campaigns/payday.yaml").write_text(
        "template: winback.mjml.j2\nmarkets: [US, FR]\nschedule: {event: payday_after}\n"
        'subject: "Hi"\ndata: {percent: 10, months: 1, coupon: X, expires: 2027-01-31, '
        "strings: {intro: Hi}}\n",
        encoding="utf-8",
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "payday", "--year", "2026")
    assert result.exit_code == 1
    assert (
        f"calendars/events.yaml:{line}: payday: there is no 5th monday in May 2026 "
        "(needed to schedule US)"
    ) in result.output
    assert not (example / "build/payday/en_US").exists()
    fr = json.loads((example / "build/payday/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert fr["send_at"] == "2026-05-26T09:00:00+02:00"  # last Monday of May + 1 day
    manifest = json.loads((example / "build/manifest.json").read_text(encoding="utf-8"))
    [failed] = [j for j in manifest["jobs"] if j["id"] == "payday@*"]
    assert failed["findings"][0]["line"] == line

    result = cli(example, "build", "--no-screenshots", "--campaign", "payday", "--year", "2027")
    assert result.exit_code == 0, result.output
    us = json.loads((example / "build/payday/en_US/a/meta.json").read_text(encoding="utf-8"))
    assert us["event"]["date"] == "2027-06-01"  # Monday 31 May 2027 + 1
