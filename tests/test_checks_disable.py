"""`checks.disable` names codes mailglot reports: a typo (`no-such-check`, `linkz`) silenced
nothing, without a word. It is an error at its line, with the closest code."""

from __future__ import annotations

import re
from pathlib import Path

from hostile.harness import lines_of, plant

from mailglot.check_codes import unknown_code
from mailglot.checks.registry import OUTPUT_CHECKS
from mailglot.i18n.checks.registry import CODES

SRC = Path(__file__).resolve().parent.parent / "src/mailglot"
# a code written just before a severity, as a Diagnostic or a Finding is made with it
MADE = re.compile(r'"([a-z0-9-]+(?:\.[a-z0-9-]+)*)",\s*"(?:error|warning|info)"')


def test_a_code_no_check_reports_is_an_error_at_its_line(tmp_path: Path) -> None:
    base = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")
    settings = base + (
        "checks:\n  disable:\n    - links.https\n    - no-such-check\n    - catalog.lookalike\n"
        "    - linkz\n    - catalog.placeholders\n    - layout.overflow\n"
    )
    planted = plant(tmp_path, {"mailglot.yaml": settings})
    result = planted.run("build", "--no-screenshots")
    first = base.count("\n") + 3  # the line of links.https
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if line.startswith("mailglot.yaml")] == [
        f"mailglot.yaml:{first + 1}: checks.disable[1]: unknown check code 'no-such-check' "
        "(codes look like links or catalog.fuzzy) [error: schema]",
        f"mailglot.yaml:{first + 2}: checks.disable[2]: unknown check code "
        "'catalog.lookalike'; did you mean 'catalog.lookalikes'? [error: schema]",
        f"mailglot.yaml:{first + 3}: checks.disable[3]: unknown check code 'linkz'; did you "
        "mean 'links'? [error: schema]",
    ]


def test_every_code_mailglot_reports_may_be_disabled() -> None:
    """The registries' codes, their families, and every code the source writes out as a
    finding's: none is refused."""
    made = {c for path in SRC.rglob("*.py") for c in MADE.findall(path.read_text("utf-8"))}
    made -= {"error", "red", "yellow"}  # severities and their colours, in the same shape
    assert {"catalog.syntax", "build-state", "extract", "catalog.charset"} <= made
    codes = made | set(OUTPUT_CHECKS) | set(CODES) | {"layout", "layout.overflow", "catalog"}
    codes |= {"catalog.placeholders", "links.https", "client.css-grid", "template.timeout"}
    assert {c: unknown_code(c) for c in sorted(codes) if unknown_code(c)} == {}
