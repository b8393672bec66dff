"""gettext's script modifiers: `sr_RS@latin` is Serbian in Latin script. Babel reads the
modifier away and makes the locale Cyrillic, so the email said '15. децембар 2026.', and the
code went as it was into `lang` and Content-Language ('sr-RS@latin', no BCP 47 tag). Now
@latin and @cyrillic give the script (sr-Latn-RS, dates as sr_Latn_RS writes them) with the
catalog under its own name; any other modifier (`de_CH@euro`) is refused where it is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import add_market, run_cli


def _serbia(project: Path, locale: str) -> None:
    add_market(project, "RS", locale, "Europe/Belgrade", "RSD", "Beograd", list_locale=False)
    renewal = project / "campaigns/renewal.yaml"
    text = renewal.read_text(encoding="utf-8")
    renewal.write_text(text.replace("SA: 54.99}", "SA: 54.99, RS: 1299}"), encoding="utf-8")


@pytest.mark.parametrize(
    ("locale", "lang", "comment", "language", "date"),
    [
        (
            "sr_RS@latin",
            "sr-Latn-RS",
            "# Serbian (Latin, Serbia) translations for Streamly.",
            "sr_Latn_RS",
            "15. decembar 2026.",
        ),
        (
            "sr_RS@cyrillic",
            "sr-Cyrl-RS",
            "# Serbian (Cyrillic, Serbia) translations for Streamly.",
            "sr_Cyrl_RS",
            "15. децембар 2026.",
        ),
    ],
)
def test_a_script_modifier_builds_in_its_script(
    example: Path, locale: str, lang: str, comment: str, language: str, date: str
) -> None:
    _serbia(example, locale)
    added = run_cli(example, "add-locale", locale)
    assert added.exit_code == 0, added.output
    assert added.output.splitlines()[:2] == [
        f"mailglot: created locales/{locale}/LC_MESSAGES/messages.po",
        f"mailglot: added {locale} to locales in mailglot.yaml",
    ]
    catalog = (example / f"locales/{locale}/LC_MESSAGES/messages.po").read_text("utf-8")
    assert catalog.splitlines()[0] == comment
    assert f'"Language: {language}\\n"' in catalog.splitlines()
    built = run_cli(
        example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", locale
    )
    assert built.exit_code == 0, built.output
    assert "1 built, 0 unchanged, 0 error(s)" in built.output
    assert "lang-dir" not in built.output
    out = example / "build/renewal" / locale / "a"
    text = (out / "email.txt").read_text(encoding="utf-8")
    assert f"renews automatically on {date}, for 1.299,00\u00a0RSD a month." in text
    html = (out / "email.html").read_text(encoding="utf-8")
    assert f'<html lang="{lang}" dir="ltr"' in html
    assert "@" not in html.partition("<html")[2].partition(">")[0]
    eml = (out / "email.eml").read_bytes()
    assert f"\r\nContent-Language: {lang}\r\n".encode() in eml
    assert f'"lang": "{lang}"' in (out / "meta.json").read_text(encoding="utf-8")


EURO = "de_CH@euro: the @euro modifier changes nothing mailglot formats; write de_CH"
REFUSED = [
    ("de_CH@euro", EURO),
    (
        "ca_ES@valencia",
        "ca_ES@valencia: mailglot reads only the script modifiers @latin and @cyrillic "
        "(sr_RS@latin is Serbian in Latin script), not @valencia; write ca_ES",
    ),
    (
        "be_BY@latin",
        "be_BY@latin: CLDR has no Belarusian in Latin script (be_Latn_BY) to write dates and "
        "numbers with; write be_BY",
    ),
    ("de_CH@latin", "de_CH@latin: German is written in Latin script; write de_CH"),
    (
        "sr_Latn_RS@latin",
        "sr_Latn_RS@latin names a script twice, in the code and after the '@': write "
        "sr_Latn_RS or sr_RS@latin",
    ),
    ("sr_rs@latin", "locale 'sr_rs@latin' should be written 'sr_RS@latin'"),
    ("sr_RS@Latin", "locale 'sr_RS@Latin' should be written 'sr_RS@latin'"),
    ("sr_RS@", "sr_RS@ ends in '@' with no modifier after it; write sr_RS"),
]


@pytest.mark.parametrize(("locale", "message"), REFUSED)
def test_add_locale_refuses_other_modifiers(example: Path, locale: str, message: str) -> None:
    before = sorted(p.name for p in (example / "locales").iterdir())
    result = run_cli(example, "add-locale", locale)
    assert result.exit_code == 2
    assert result.output == f"mailglot: {message}\n"
    assert sorted(p.name for p in (example / "locales").iterdir()) == before


def test_a_modifier_is_refused_at_its_line_in_the_settings_and_the_markets(
    example: Path,
) -> None:
    settings = example / "mailglot.yaml"
    original = settings.read_text(encoding="utf-8")
    settings.write_text(original.replace("ar_SA]", "ar_SA, de_CH@euro]"), encoding="utf-8")
    result = run_cli(example, "check")
    assert result.exit_code == 1
    assert f"mailglot.yaml:9: locales: {EURO} [error: schema]" in result.output.splitlines()
    settings.write_text(original, encoding="utf-8")
    add_market(example, "CH", "de_CH@euro", "Europe/Zurich", "CHF", list_locale=False)
    result = run_cli(example, "check")
    assert result.exit_code == 1
    line = len((example / "calendars/markets.yaml").read_text("utf-8").splitlines()) - 3
    assert (
        f"calendars/markets.yaml:{line}: CH.locales: {EURO} [error: schema]"
        in result.output.splitlines()
    )
