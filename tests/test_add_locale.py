"""`mailglot add-locale L` with a locale that has no catalog of its own."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.mark.parametrize("locale", ["en_XA", "ar_XB"])
def test_a_pseudo_locale_gets_no_catalog(example: Path, cli, locale: str) -> None:
    """Babel knows no en_XA: add-locale ended in an UnknownLocaleError traceback."""
    assert cli(example, "extract").exit_code == 0
    settings = (example / "mailglot.yaml").read_bytes()
    result = cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {locale} is a pseudo-locale, generated from the source catalog and never "
        "translated: list it under pseudo_locales in mailglot.yaml instead\n"
    )
    assert not (example / "locales" / locale).exists()
    assert (example / "mailglot.yaml").read_bytes() == settings
