"""The day a build plans for: today, or SOURCE_DATE_EPOCH for reproducible CI builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli


def test_a_build_plans_the_next_black_friday_from_source_date_epoch(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    # 2027-12-01 00:00 UTC: Black Friday 2027 (26 November) is past, so 2028's is next.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1827619200")
    result = run_cli(example, "build", "--no-screenshots", "--campaign", "black_friday")
    assert result.exit_code == 0, result.output
    meta = (example / "build/black_friday/en_US/a/meta.json").read_text(encoding="utf-8")
    assert '"date": "2028-11-24"' in meta


def test_a_malformed_source_date_epoch_is_a_usage_error(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    result = run_cli(example, "build", "--no-screenshots")
    assert result.exit_code == 2
    assert (
        "SOURCE_DATE_EPOCH='yesterday': expected whole seconds since 1970-01-01 UTC"
        in result.output
    )
    assert not (example / "build").exists()


def test_a_source_date_epoch_past_the_calendars_is_a_usage_error(
    example: Path, monkeypatch: pytest.MonkeyPatch
):
    """9999-12-31 made a campaign on `date: MM-DD` look for next year's, 10000, and end in a
    ValueError traceback."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "253402300799")
    result = run_cli(example, "build", "--no-screenshots")
    assert result.exit_code == 2
    assert result.output == (
        "mailglot: SOURCE_DATE_EPOCH='253402300799' is 9999-12-31: expected a day up to "
        "2100-12-31\n"
    )
    assert not (example / "build").exists()
