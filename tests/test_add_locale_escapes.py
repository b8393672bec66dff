"""add-locale says what it was given with terminal control escaped, as every other message
does: `add-locale $'fr\x1b[31m'` coloured the rest of the terminal red, and a typed line
break started a line of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_cli

EXPECTED = "expected one like fr_FR, pt_BR or sr_RS@latin (as gettext names catalog folders)"


@pytest.mark.parametrize(
    ("locale", "shown"),
    [
        ("fr\x1b[31m", "fr\\x1b[31m"),
        ("fr\x1b]0;title\x07", "fr\\x1b]0;title\\x07"),
        ("fr_FR\u202e", "fr_FR\\u202e"),
        ("fr\rmailglot: created", "fr\\x0dmailglot: created"),
        ("fr\nmailglot: created", "fr\\x0amailglot: created"),
        ("fr\tFR", "fr\\x09FR"),
    ],
)
def test_a_control_sequence_in_the_argument_is_shown_escaped(
    example: Path, locale: str, shown: str
) -> None:
    result = run_cli(example, "add-locale", locale)
    assert (result.exit_code, result.output) == (
        2,
        f"mailglot: {shown} is not a locale code: {EXPECTED}\n",
    )
    as_json = run_cli(example, "add-locale", locale, "--json")
    assert json.loads(as_json.stdout)["summary"]["error"] == (
        f"{shown} is not a locale code: {EXPECTED}"
    )


def test_a_posix_locale_with_a_control_sequence_is_shown_escaped(example: Path) -> None:
    result = run_cli(example, "add-locale", "C.\x1b[2J")
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: C.\\x1b[2J names no language (it is the POSIX 'no locale', which Babel "
        "reads as en_US_POSIX): give a language and its territory, such as en_US or sr_Latn_RS\n",
    )
