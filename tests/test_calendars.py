"""Event rules against public calendars, 2026 and 2027 (python-holidays data, real rules)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from mailglot.calendars.rules import resolve
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
        ("cyber_monday", "US", 2026, date(2026, 11, 30)),
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
    ],
)
def test_event_dates(project, event, market, year, expected):
    assert resolve(project.events, project.markets, event, market, year) == expected


def _events_error(example: Path, text: str) -> list[str]:
    (example / "calendars/events.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as info:
        load_project(example)
    return [str(d) for d in info.value.diagnostics]


def test_unknown_holiday_name_suggests_the_real_one(example: Path):
    errors = _events_error(example, "tg:\n  name: T\n  markets:\n    US: {holiday: Thanksgiving}\n")
    assert errors == [
        "calendars/events.yaml:4: tg: no holiday 'Thanksgiving' in the US calendar "
        "of python-holidays; did you mean 'Thanksgiving Day'?"
    ]


def test_cycle_between_events(example: Path):
    errors = _events_error(
        example,
        (
            "a:\n  name: A\n  markets:\n    US: {after: {event: b, days: 1}}\n"
            "b:\n  name: B\n  markets:\n    US: {after: {event: a, days: 1}}\n"
        ),
    )
    assert errors[0] == "calendars/events.yaml:4: a: cycle between events: a -> b -> a"


def test_impossible_weekday(example: Path):
    errors = _events_error(
        example, "x:\n  name: X\n  markets:\n    US: {weekday: {n: 2, day: fridya, month: 5}}\n"
    )
    assert errors == [
        "calendars/events.yaml:4: x.markets.US.weekday.day: unknown weekday "
        "'fridya'; did you mean friday?"
    ]
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


def test_unknown_market_and_unobserved_after(example: Path):
    errors = _events_error(
        example,
        (
            "a:\n  name: A\n  markets:\n    US: {date: 11-01}\n    XX: {date: 11-01}\n"
            "b:\n  name: B\n  markets:\n    FR: {after: {event: a, days: 1}}\n"
        ),
    )
    assert errors[0].startswith("calendars/events.yaml:5: a: unknown market 'XX'; markets")
    assert errors[1] == "calendars/events.yaml:9: b: after: a is not observed in FR"


def test_bad_month_day(example: Path):
    errors = _events_error(example, "x:\n  name: X\n  markets:\n    US: {date: 02-30}\n")
    assert errors == [
        "calendars/events.yaml:4: x.markets.US.date: expected a day of the year as "
        "MM-DD, like 11-11, got '02-30'"
    ]


def test_market_calendar_must_exist_in_python_holidays(example: Path):
    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    markets.write_text(text.replace('subdiv: "ON"', 'subdiv: "ZZ"'), encoding="utf-8")
    line = (
        text.splitlines().index(
            '  holidays: {country: CA, subdiv: "ON"}   # quoted: YAML reads a bare ON as true'
        )
        + 1
    )
    with pytest.raises(ContentError) as info:
        load_project(example)
    assert [str(d) for d in info.value.diagnostics] == [
        f"calendars/markets.yaml:{line}: CA.holidays: python-holidays cannot build CA-ZZ: "
        "Entity `CA` does not have subdivision ZZ"
    ]
