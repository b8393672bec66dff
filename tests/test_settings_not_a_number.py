"""A bounded number typed as YAML's `.nan` or `.inf` (or one too large to hold, which YAML
reads as infinity) was told against the bound: 'render.timeout_s: expected at most 3600, got
nan'. It is now told as no number at all, at its line, and the earlier outputs are kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from hostile.harness import lines_of, plant

SETTINGS = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")
LINE = len(SETTINGS.splitlines()) + 2  # timeout_s, under the render: added at the end


@pytest.mark.parametrize(
    ("typed", "got"),
    [
        (".nan", ".nan (YAML's 'not a number')"),
        (".inf", "infinity (.inf in YAML, or a number too large to hold)"),
        ("1.0e+999", "infinity (.inf in YAML, or a number too large to hold)"),
        ("-.inf", "-infinity (-.inf in YAML, or a number too large to hold)"),
    ],
)
def test_a_number_that_is_no_number_is_told_so(tmp_path: Path, typed: str, got: str):
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    before = planted.digests()
    settings = SETTINGS.rstrip("\n") + f"\nrender:\n  timeout_s: {typed}\n"
    (planted.root / "mailglot.yaml").write_text(settings, encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert (result.exit_code, lines_of(result)) == (
        1,
        [f"mailglot.yaml:{LINE}: render.timeout_s: expected a number, got {got} [error: schema]"],
    )
    assert planted.digests() == before


def test_a_number_past_its_bound_is_still_told_against_it(tmp_path: Path):
    planted = plant(tmp_path, {})
    settings = SETTINGS.rstrip("\n") + "\nrender:\n  timeout_s: 5000\n"
    (planted.root / "mailglot.yaml").write_text(settings, encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert lines_of(result) == [
        f"mailglot.yaml:{LINE}: render.timeout_s: expected at most 3600, got 5000 [error: schema]"
    ]
