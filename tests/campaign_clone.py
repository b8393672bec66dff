"""The example's win-back campaign cloned for the campaign-text tests: sent to US and FR, a
few lines edited, its data.strings replaced from `intro:` on (the keys the test is about), so
each test's line numbers count from a campaign it wrote whole. And the error lines a build
printed, which those tests compare exactly."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from click.testing import Result


def write_clone(
    example: Path, campaign: str, strings: str, edits: Iterable[tuple[str, str]] = ()
) -> None:
    """Write `campaign` (a path in the project): winback.yaml for US and FR, each `(old, new)`
    of `edits` replaced, and `strings` (YAML, indented 4) in place of its data.strings."""
    text = (example / "campaigns/winback.yaml").read_text(encoding="utf-8")
    text = text.replace("markets: all", "markets: [US, FR]")
    for old, new in edits:
        text = text.replace(old, new)
    text = text[: text.index("    intro:")] + strings
    (example / campaign).write_text(text, encoding="utf-8")


def errors(result: Result) -> list[str]:
    """The build's error lines, in the order printed."""
    return [line for line in result.output.splitlines() if "[error: " in line]
