"""A locale filter given arguments it does not take is told in the template author's words:
`{{ data.percent|percent("q") }}` said '_filters.<locals>.percent_filter() takes 1 positional
argument but 2 were given', Python's name for the function behind the filter."""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATE = "templates/winback.mjml.j2"
USE = "data.percent|percent"


@pytest.mark.parametrize(
    ("call", "said"),
    [
        ('data.percent|percent("q")', "the percent filter takes no argument; got 1"),
        (
            "data.percent|number(1, 2)",
            "the number filter takes at most 1 argument (decimals); got 2",
        ),
        (
            'data.percent|currency("EUR", "¤#", 3)',
            "the currency filter takes at most 2 arguments (code, format); got 3",
        ),
        (
            'data.percent|currency(kind="EUR")',
            "the currency filter takes no argument named 'kind' (it takes code, format)",
        ),
    ],
)
def test_a_filter_given_what_it_does_not_take(example: Path, cli, call: str, said: str):
    template = example / TEMPLATE
    text = template.read_text(encoding="utf-8")
    assert text.count(USE) == 1
    template.write_text(text.replace(USE, call), encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if "[error: " in line]
    assert errors == [
        f"{TEMPLATE}:8: {said} [error: template] (2 jobs: winback/en_US/a, winback/en_US/b)"
    ]


def test_a_market_writing_its_own_digits_says_the_same(example: Path, cli):
    """A market with `digits: arab` wraps its filters in one that takes anything."""
    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    assert text.count("  digits: latn") == 1
    markets.write_text(text.replace("  digits: latn", "  digits: arab"), encoding="utf-8")
    template = example / TEMPLATE
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace(USE, 'data.percent|percent("q")'), encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "ar_SA")
    errors = [line for line in result.output.splitlines() if "[error: " in line]
    assert errors == [
        f"{TEMPLATE}:8: the percent filter takes no argument; got 1 [error: template] "
        "(2 jobs: winback/ar_SA/a, winback/ar_SA/b)"
    ]
