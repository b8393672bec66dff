"""`checks.disable: [catalog.untranslated]` was told "did you mean 'catalog.unlisted'?" (a
catalog no locale lists): the untranslated strings are l10n.missing. Natural names of a
check filed under another family point at its code."""

from __future__ import annotations

from pathlib import Path

from hostile.harness import lines_of, plant

from mailglot.check_codes import ALIASES, unknown_code


def test_a_natural_name_points_at_the_code_that_reports_it(tmp_path: Path) -> None:
    base = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")
    settings = base + "checks:\n  disable:\n    - catalog.untranslated\n    - catalog.stale\n"
    planted = plant(tmp_path, {"mailglot.yaml": settings})
    result = planted.run("build", "--no-screenshots")
    first = base.count("\n") + 3
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if line.startswith("mailglot.yaml")] == [
        f"mailglot.yaml:{first}: checks.disable[0]: unknown check code "
        "'catalog.untranslated'; did you mean 'l10n.missing'? [error: schema]",
        f"mailglot.yaml:{first + 1}: checks.disable[1]: unknown check code 'catalog.stale'; "
        "did you mean 'l10n.stale'? [error: schema]",
    ]


def test_every_alias_points_at_a_code_that_may_be_disabled() -> None:
    assert all(unknown_code(code) is None for code in ALIASES.values())
    assert all(unknown_code(alias) is not None for alias in ALIASES)
