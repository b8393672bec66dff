"""`mailglot add-locale L` with a locale that has no catalog of its own."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import add_market


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


def test_add_locale_json_names_the_file_and_the_plural_rule(example: Path, cli) -> None:
    add_market(example, "PL", "pl_PL", "Europe/Warsaw", "PLN", list_locale=False)
    result = cli(example, "add-locale", "pl_PL", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == (
        "add-locale",
        True,
        [],
    )
    summary = document["summary"]
    assert summary["locale"] == "pl_PL"
    assert summary["file"] == "locales/pl_PL/LC_MESSAGES/messages.po"
    assert summary["plurals"] == 3
    assert summary["plural_rule"].startswith("nplurals=3; plural=")
    header = (example / summary["file"]).read_text(encoding="utf-8").replace('"\n"', "")
    assert f"Plural-Forms: {summary['plural_rule']}" in header  # the header, unwrapped
    assert summary["listed"] == "added"
    assert "pl_PL" in (example / "mailglot.yaml").read_text()
    assert result.stderr == ""

    add_market(example, "IT", "it_IT", "Europe/Rome", "EUR", list_locale=False)
    quiet = cli(example, "add-locale", "it_IT", "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    assert (example / "locales/it_IT/LC_MESSAGES/messages.po").is_file()


def test_a_locale_no_market_mails_is_not_listed_until_one_does(example: Path, cli) -> None:
    """`add-locale sr_Latn_RS` listed it in mailglot.yaml, and every build then stopped at
    'locale sr_Latn_RS belongs to no market': the catalog is started, the list left alone, and
    what is left to do is said (with --quiet too)."""
    settings = (example / "mailglot.yaml").read_bytes()
    result = cli(example, "add-locale", "sr_Latn_RS")
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "mailglot: created locales/sr_Latn_RS/LC_MESSAGES/messages.po",
        "mailglot: sr_Latn_RS is not listed in `locales:` of mailglot.yaml yet: no market in "
        "calendars/markets.yaml mails it (a build stops on such a locale); add it to one "
        "market's locales there, then to `locales:` in mailglot.yaml",
        "next: translate locales/sr_Latn_RS/LC_MESSAGES/messages.po, then `mailglot l10n-status`",
    ]
    assert (example / "mailglot.yaml").read_bytes() == settings
    assert (example / "locales/sr_Latn_RS/LC_MESSAGES/messages.po").is_file()
    assert cli(example, "build", "--no-screenshots", "--campaign", "winback").exit_code == 0
    quiet = cli(example, "add-locale", "it_IT", "-q")
    assert quiet.exit_code == 0 and quiet.output.startswith("mailglot: it_IT is not listed")
    document = json.loads(cli(example, "add-locale", "nl_NL", "--json").stdout)
    assert document["summary"]["listed"] == "no market"


@pytest.mark.parametrize("locale", ["C", "POSIX", "C.UTF_8"])
def test_the_posix_locale_is_no_language(example: Path, cli, locale: str) -> None:
    """Babel reads C and POSIX as en_US_POSIX: the catalog said `Language: en_US_POSIX`."""
    result = cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: {locale} names no language (it is the POSIX 'no locale', which Babel reads "
        "as en_US_POSIX): give a language and its territory, such as en_US or sr_Latn_RS\n"
    )
    assert not (example / "locales" / locale).exists()


@pytest.mark.parametrize(
    "locale,error",
    [
        ("fr_FR", "locales/fr_FR/LC_MESSAGES/messages.po exists already"),
        ("xx_YY", "unknown locale 'xx_YY'"),
        ("en_XA", "en_XA is a pseudo-locale"),
    ],
)
def test_add_locale_json_when_it_cannot_add(example: Path, cli, locale: str, error: str) -> None:
    result = cli(example, "add-locale", locale, "--json")
    assert result.exit_code == 2, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == (
        "add-locale",
        False,
        [],
    )
    assert error in document["summary"]["error"]
    assert result.stderr == ""
    quiet = cli(example, "add-locale", locale, "-q")
    assert quiet.exit_code == 2 and error in quiet.output
