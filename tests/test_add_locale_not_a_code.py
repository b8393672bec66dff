"""add-locale with something that is no locale code (a path, a space) says so: `../x` was
told it 'names an encoding (../x) after the locale'. A locale as $LANG writes it keeps its
own message, a script modifier after the encoding kept in the code to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli

EXPECTED = "expected one like fr_FR, pt_BR or sr_RS@latin (as gettext names catalog folders)"


def _files(project: Path) -> list[str]:
    return sorted(p.relative_to(project).as_posix() for p in project.rglob("*"))


@pytest.mark.parametrize("locale", ["../x", "x.y", "a/b", "fr FR", "en_US.", ".UTF-8", ""])
def test_what_is_no_locale_code_is_said_to_be_none(example: Path, locale: str) -> None:
    before = _files(example.parent)
    result = run_cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == f"mailglot: {locale or repr(locale)} is not a locale code: {EXPECTED}\n"
    assert _files(example.parent) == before


@pytest.mark.parametrize(
    ("locale", "encoding", "code"),
    [
        ("en_US.UTF-8", ".UTF-8", "en_US"),
        ("sr_RS.UTF-8@latin", ".UTF-8", "sr_RS@latin"),
        ("de_DE.ISO-8859-15@euro", ".ISO-8859-15", "de_DE"),
    ],
)
def test_a_locale_with_an_encoding_is_told_the_code_to_write(
    example: Path, locale: str, encoding: str, code: str
) -> None:
    before = _files(example)
    result = run_cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {locale} names an encoding ({encoding}) after the locale; catalogs are "
        f"always UTF-8: write {code}\n"
    )
    assert _files(example) == before
