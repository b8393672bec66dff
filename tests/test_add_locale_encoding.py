"""add-locale with a locale written as `locale -a` and $LANG write it, encoding included:
C.UTF-8 was told to be written C.UTF_8 (then refused as no language), en_US.UTF-8 to be
written en_US.UTF_8, and following that made locales/en_US.UTF_8/."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("locale", ["C.UTF-8", "POSIX.UTF-8", "C.utf8"])
def test_the_posix_locale_with_an_encoding_is_no_language_at_once(
    example: Path, cli, locale: str
) -> None:
    result = cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {locale} names no language (it is the POSIX 'no locale', which Babel reads "
        "as en_US_POSIX): give a language and its territory, such as en_US or sr_Latn_RS\n"
    )


@pytest.mark.parametrize(("locale", "code"), [("en_US.UTF-8", "en_US"), ("pt_BR.utf8", "pt_BR")])
def test_a_locale_with_an_encoding_is_told_the_code_alone(
    example: Path, cli, locale: str, code: str
) -> None:
    before = sorted(p.name for p in (example / "locales").iterdir())
    result = cli(example, "add-locale", locale)
    assert result.exit_code == 2
    encoding = locale.split(".")[1]
    assert result.output == (
        f"mailglot: {locale} names an encoding (.{encoding}) after the locale; catalogs are "
        f"always UTF-8: write {code}\n"
    )
    assert sorted(p.name for p in (example / "locales").iterdir()) == before
