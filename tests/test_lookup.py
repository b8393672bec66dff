"""`holiday:` rules found wherever python-holidays files them, checked 2020-2034 against dates
written from the published rules (not from python-holidays), and the message a name that is
not there produces."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from mailglot.calendars.rules import RuleError, occurrences
from mailglot.project.loader import load_project

# Canada's Thanksgiving: the second Monday of October (Holidays Act, R.S.C. 1985, c. H-5)
CANADIAN_THANKSGIVING = [
    date(2020, 10, 12), date(2021, 10, 11), date(2022, 10, 10), date(2023, 10, 9),
    date(2024, 10, 14), date(2025, 10, 13), date(2026, 10, 12), date(2027, 10, 11),
    date(2028, 10, 9), date(2029, 10, 8), date(2030, 10, 14), date(2031, 10, 13),
    date(2032, 10, 11), date(2033, 10, 10), date(2034, 10, 9),
]  # fmt: skip
# Patriots' Day (Massachusetts, Maine): the third Monday of April
PATRIOTS_DAY = [
    date(2020, 4, 20), date(2021, 4, 19), date(2022, 4, 18), date(2023, 4, 17),
    date(2024, 4, 15), date(2025, 4, 21), date(2026, 4, 20), date(2027, 4, 19),
    date(2028, 4, 17), date(2029, 4, 16), date(2030, 4, 15), date(2031, 4, 21),
    date(2032, 4, 19), date(2033, 4, 18), date(2034, 4, 17),
]  # fmt: skip
# Japan's Coming of Age Day: the second Monday of January (Happy Monday law, since 2000)
COMING_OF_AGE_DAY = [
    date(2020, 1, 13), date(2021, 1, 11), date(2022, 1, 10), date(2023, 1, 9),
    date(2024, 1, 8), date(2025, 1, 13), date(2026, 1, 12), date(2027, 1, 11),
    date(2028, 1, 10), date(2029, 1, 8), date(2030, 1, 14), date(2031, 1, 13),
    date(2032, 1, 12), date(2033, 1, 10), date(2034, 1, 9),
]  # fmt: skip


def _project(example: Path, events: str, national_canada: bool = False):
    if national_canada:  # the whole country, as a user who mails all of Canada writes it
        markets = example / "calendars/markets.yaml"
        text = markets.read_text(encoding="utf-8")
        markets.write_text(text.replace('subdiv: "ON"', "categories: []"), encoding="utf-8")
    (example / "calendars/events.yaml").write_text(events, encoding="utf-8")
    project = load_project(example)
    assert not project.event_errors.all(), project.event_errors.all()
    return project


def _dates(project, event: str, market: str) -> list[date]:
    out = []
    for year in range(2020, 2035):
        out += occurrences(project.events, project.markets, event, market, year)
    return out


def _error(project, event: str, market: str, year: int) -> str:
    with pytest.raises(RuleError) as info:
        occurrences(project.events, project.markets, event, market, year)
    return str(info.value.diagnostic(""))


def test_canadas_thanksgiving_nationally_is_found_under_government(example: Path):
    """python-holidays files it under `government` for Canada as a whole (issue 13)."""
    project = _project(
        example, "tg:\n  name: T\n  markets:\n    CA: {holiday: Thanksgiving Day}\n", True
    )
    assert project.markets["CA"].holidays.subdiv is None
    assert _dates(project, "tg", "CA") == CANADIAN_THANKSGIVING


def test_the_example_market_finds_it_in_ontario(example: Path):
    project = load_project(example)
    assert _dates(project, "thanksgiving", "CA") == CANADIAN_THANKSGIVING


def test_categories_narrow_and_say_where_the_name_is(example: Path):
    project = _project(
        example,
        "tg:\n  name: T\n  markets:\n    CA: {holiday: Thanksgiving Day, categories: [optional]}\n",
        True,
    )
    assert _error(project, "tg", "CA", 2027) == (
        "calendars/events.yaml:4: tg: no holiday 'Thanksgiving Day' in the CA (optional) "
        "calendar of python-holidays in 2027; python-holidays files it under government there: "
        "write categories: [government], or leave categories: out to search them all"
    )
    fixed = _project(
        example,
        "tg:\n  name: T\n  markets:\n    CA: {holiday: Thanksgiving Day, categories: [government]}\n",
    )
    assert _dates(fixed, "tg", "CA") == CANADIAN_THANKSGIVING


def test_a_subdivisions_holiday_says_which_subdivisions_have_it(example: Path):
    project = _project(example, "pd:\n  name: P\n  markets:\n    US: {holiday: Patriots' Day}\n")
    assert _error(project, "pd", "US", 2026) == (
        'calendars/events.yaml:4: pd: no holiday "Patriots\' Day" in the US calendar of '
        "python-holidays in 2026; it is a holiday of MA, ME in US: add subdiv: with the one you "
        "mean to the rule (e.g. subdiv: MA)"
    )
    fixed = _project(
        example, "pd:\n  name: P\n  markets:\n    US: {holiday: Patriots' Day, subdiv: MA}\n"
    )
    assert _dates(fixed, "pd", "US") == PATRIOTS_DAY


def test_another_countrys_holiday_says_which_countries_have_it(example: Path):
    project = _project(example, "dw:\n  name: D\n  markets:\n    GB: {holiday: Diwali}\n")
    message = _error(project, "dw", "GB", 2027)
    assert message.startswith(
        "calendars/events.yaml:4: dw: no holiday 'Diwali' in the GB calendar of python-holidays "
        "in 2027; it is in the calendars of "
    )
    assert "IN" in message.split("calendars of ")[1].split(":")[0]
    assert message.endswith("add country: with the one you mean to the rule (e.g. country: FJ)")


def test_a_subdiv_code_yaml_reads_as_a_boolean_is_refused(example: Path):
    (example / "calendars/events.yaml").write_text(
        "x:\n  name: X\n  markets:\n    CA: {holiday: Family Day, subdiv: ON}\n", encoding="utf-8"
    )
    assert [str(d) for d in load_project(example).event_errors.all()] == [
        "calendars/events.yaml:4: x.markets.CA.subdiv: YAML reads ON, NO, YES and OFF as "
        'true/false: quote the code, e.g. subdiv: "ON"'
    ]


def test_names_do_not_depend_on_the_machines_language(example: Path, tmp_path: Path):
    """python-holidays names holidays in the language of LANG when none is asked for: a
    Japanese machine with an empty cache must still find 'Coming of Age Day'."""
    (example / "calendars/events.yaml").write_text(
        "ca:\n  name: C\n  markets:\n    JP: {holiday: Coming of Age Day}\n", encoding="utf-8"
    )
    probe = (
        "import sys; from pathlib import Path\n"
        "from mailglot.project.loader import load_project\n"
        "from mailglot.calendars.rules import occurrences\n"
        "p = load_project(Path(sys.argv[1]))\n"
        "print(' '.join(str(d) for y in range(2020, 2035) "
        "for d in occurrences(p.events, p.markets, 'ca', 'JP', y)))\n"
    )
    env = {
        **os.environ,
        "LANG": "ja_JP.UTF-8",
        "LANGUAGE": "ja",
        "LC_ALL": "ja_JP.UTF-8",
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    out = subprocess.run(
        [sys.executable, "-c", probe, str(example)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert out == [d.isoformat() for d in COMING_OF_AGE_DAY]
