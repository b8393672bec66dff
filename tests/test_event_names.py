"""An event name the catalog lacks: the holiday's own name in python-holidays for the locale
(the official names: Noël, Erster Weihnachtstag, Navidad), before the English source."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from mailglot.calendars import EventOccurrence
from mailglot.render.context import event_name


def _german(msgid: str) -> str:
    return {"Christmas": "Weihnachten"}.get(msgid, msgid)


def _untranslated(msgid: str) -> str:
    return msgid


XMAS = EventOccurrence(
    "christmas",
    "Christmas",
    date(2027, 12, 25),
    (("fr_FR", "Noël"), ("de_DE", "Erster Weihnachtstag")),
)


def test_the_catalog_wins():
    assert event_name(XMAS, "de_DE", "en_US", _german) == "Weihnachten"


def test_without_a_translation_the_holidays_own_name():
    assert event_name(XMAS, "fr_FR", "en_US", _untranslated) == "Noël"


def test_a_locale_of_the_source_language_keeps_the_source():
    british = EventOccurrence("christmas", "Christmas", date(2027, 12, 25), (("en_GB", "X"),))
    assert event_name(british, "en_GB", "en_US", _untranslated) == "Christmas"


def test_no_holiday_name_for_the_locale_falls_back_to_the_source():
    assert event_name(XMAS, "ja_JP", "en_US", _untranslated) == "Christmas"


XMAS_CAMPAIGN = """\
template: promo.mjml.j2
markets: [FR, DE, MX, GB]
schedule:
  event: christmas
  offset_days: -3
subject: "Holiday offer"
data:
  percent: 25
  annual_price: 99
  regular_price: 149
  strings:
    season: "Holidays"
    tagline: "A year of films"
"""


def _untranslate(example: Path, locale: str, msgid: str) -> None:
    po = example / f"locales/{locale}/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines(keepends=True)
    i = lines.index(f'msgid "{msgid}"\n')
    lines[i + 1] = 'msgstr ""\n'
    po.write_text("".join(lines), encoding="utf-8")


def test_built_emails_name_the_holiday_in_the_locale(example: Path, cli):
    for locale in ("fr_FR", "de_DE", "es_MX"):
        _untranslate(example, locale, "Christmas")
    (example / "campaigns/xmas.yaml").write_text(XMAS_CAMPAIGN, encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "xmas", "--year", "2027")
    assert result.exit_code == 0, result.output

    def html(locale: str) -> str:
        return (example / f"build/xmas/{locale}/a/email.html").read_text(encoding="utf-8")

    assert "Noël" in html("fr_FR")
    assert "Erster Weihnachtstag" in html("de_DE")
    assert "Navidad" in html("es_MX")
    assert "Christmas" in html("en_GB")
    assert "Christmas" not in html("fr_FR")
