"""markets.yaml: the per-market settings that shape output (digits)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.errors import ContentError
from mailglot.project.loader import load_project


def test_the_example_writes_saudi_prices_in_latin_digits(example: Path):
    project = load_project(example)
    assert project.markets["SA"].digits == "latn"
    assert project.markets["FR"].digits == "default"


def test_unknown_digits_are_a_located_error(example: Path):
    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8").replace("digits: latn", "digits: roman")
    markets.write_text(text, encoding="utf-8")
    line = next(i for i, s in enumerate(text.splitlines(), 1) if "digits: roman" in s)
    with pytest.raises(ContentError) as info:
        load_project(example)
    [message] = [str(d) for d in info.value.diagnostics]
    assert message.startswith(
        f"calendars/markets.yaml:{line}: SA.digits: unknown digits 'roman'; expected latn (0-9), "
        "arab (٠-٩), default (CLDR's for the locale) or another CLDR numbering system: arabext, "
    )


def test_a_built_saudi_email_uses_the_markets_digits(example: Path, cli):
    args = ("build", "--no-screenshots", "--campaign", "black_friday", "--market", "SA")
    assert cli(example, *args).exit_code == 0
    text = (example / "build/black_friday/ar_SA/a/email.txt").read_text(encoding="utf-8")
    assert "395.88\u00a0ر.س." in text  # the annual price, Latin digits (digits: latn)
    markets = example / "calendars/markets.yaml"
    markets.write_text(
        markets.read_text(encoding="utf-8").replace("digits: latn", "digits: arab"), "utf-8"
    )
    assert cli(example, *args).exit_code == 0
    text = (example / "build/black_friday/ar_SA/a/email.txt").read_text(encoding="utf-8")
    assert "٣٩٥٫٨٨\u00a0ر.س." in text and "395.88" not in text
