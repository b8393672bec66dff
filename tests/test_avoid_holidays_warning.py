"""`avoid_holidays: true` for a market with no holiday calendar moved nothing, without a word:
the author read the send as kept off public holidays. It is one warning at the campaign's
`avoid_holidays` line, naming the market and the calendar to add, shown once by `build`
(a no-op rebuild too), `check` and `calendar`; the sends are as before."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli

WARNING = (
    "campaigns/black_friday.yaml:8: warning: avoid_holidays: market JP has no holiday "
    "calendar, so its sends are never moved off a public holiday; add holidays: {country: JP} "
    "to JP in calendars/markets.yaml [calendar.no-holidays]"
)


def _drop_calendar(project: Path, line: str) -> None:
    markets = project / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    assert text.count(line) == 1
    markets.write_text(text.replace(line, ""), encoding="utf-8")


def test_build_check_and_calendar_each_say_it_once(example: Path) -> None:
    _drop_calendar(example, "  holidays: {country: JP}\n")
    for _ in range(2):  # the second build changes nothing: its report is replayed
        built = run_cli(example, "build", "--no-screenshots")
        assert built.exit_code == 0, built.output
        assert built.output.splitlines().count(WARNING) == 1
        assert built.output.splitlines()[-1].startswith("mailglot: ")
        assert ", 0 error(s), 1 warning(s) -> " in built.output.splitlines()[-1]
    checked = run_cli(example, "check")
    assert checked.exit_code == 0
    assert checked.output.splitlines().count(WARNING) == 1
    shown = run_cli(example, "calendar", "--year", "2026", "--market", "JP")
    assert shown.exit_code == 0
    assert shown.output.splitlines().count(WARNING) == 1
    assert "JP      2026-11-26  send black_friday  09:00 JST" in shown.output  # not moved
    document = json.loads(run_cli(example, "calendar", "--json").stdout)
    assert document["ok"] is True
    assert [f["code"] for f in document["findings"]] == ["calendar.no-holidays"]
    assert document["findings"][0]["line"] == 8
    assert run_cli(example, "calendar", "--quiet").output == ""


def test_several_markets_and_a_code_python_holidays_lacks(example: Path) -> None:
    (example / "campaigns/launch.yaml").write_text(
        "template: renewal.mjml.j2\n"
        "markets: [XX, FR, GB]\n"
        "schedule:\n"
        "  date: 05-08\n"
        "  avoid_holidays: true   # 8 May is a public holiday in France\n"
        'subject: "Hello"\n',
        encoding="utf-8",
    )
    (example / "calendars/markets.yaml").write_text(
        (example / "calendars/markets.yaml").read_text(encoding="utf-8")
        + 'XX:\n  locales: [fr_BE]\n  timezone: Europe/Brussels\n  currency: EUR\n  address: "x"\n',
        encoding="utf-8",
    )
    _drop_calendar(example, "  holidays: {country: GB}\n")
    # (exit 1: the example's other campaigns mail every market and have no price for XX)
    shown = run_cli(example, "calendar", "--year", "2026", "--market", "FR")
    assert (
        "campaigns/launch.yaml:5: warning: avoid_holidays: markets XX, GB have no holiday "
        "calendar, so their sends are never moved off a public holiday; add holidays: "
        "{country: GB} to GB in calendars/markets.yaml, and give XX a holidays: calendar in "
        "calendars/markets.yaml (python-holidays has none under the code XX: write the country "
        "it follows, like {country: FR}) [calendar.no-holidays]"
    ) in shown.output.splitlines()
    assert "moved from 2026-05-08 (Victory Day, a public holiday)" in shown.output  # FR moves


def test_checks_disable_silences_it(example: Path) -> None:
    _drop_calendar(example, "  holidays: {country: JP}\n")
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("disable: []", "disable: [calendar.no-holidays]"), encoding="utf-8"
    )
    shown = run_cli(example, "calendar", "--market", "JP")
    assert shown.exit_code == 0
    assert "avoid_holidays" not in shown.output
