"""End to end: the example project, built once, checked the way a reviewer would."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

NBSP = "\u00a0"


def job(root: Path, campaign: str, locale: str, variant: str = "a") -> Path:
    return root / "build" / campaign / locale / variant


def meta(root: Path, campaign: str, locale: str, variant: str = "a") -> dict:
    return json.loads((job(root, campaign, locale, variant) / "meta.json").read_text("utf-8"))


def html(root: Path, campaign: str, locale: str, name: str = "email.html") -> str:
    return (job(root, campaign, locale) / name).read_text("utf-8")


def text(root: Path, campaign: str, locale: str) -> str:
    return (job(root, campaign, locale) / "email.txt").read_text("utf-8")


def test_every_job_built_without_errors(example_build: Path):
    manifest = json.loads((example_build / "build/manifest.json").read_text())
    statuses = {j["status"] for j in manifest["jobs"] if "path" in j}
    assert statuses <= {"built", "unchanged"}
    errors = [
        f for j in manifest["jobs"] for f in j.get("findings", []) if f["severity"] == "error"
    ]
    assert errors == []
    locales = {j["locale"] for j in manifest["jobs"] if "path" in j}
    assert {
        "en_US",
        "en_GB",
        "fr_FR",
        "de_DE",
        "es_MX",
        "pt_BR",
        "ja_JP",
        "zh_CN",
        "ar_SA",
        "en_XA",
        "ar_XB",
    } <= locales


def test_every_output_file_exists(example_build: Path):
    folder = job(example_build, "winback", "ja_JP", "b")
    for name in ("email.mjml", "email.html", "preview.html", "email.txt", "email.eml", "meta.json"):
        assert (folder / name).is_file(), name


@pytest.mark.parametrize(
    ("locale", "lang", "direction"),
    [
        ("ar_SA", "ar-SA", "rtl"),
        ("ar_XB", "ar-XB", "rtl"),
        ("pt_BR", "pt-BR", "ltr"),
        ("zh_CN", "zh-CN", "ltr"),
    ],
)
def test_html_lang_and_direction(example_build: Path, locale: str, lang: str, direction: str):
    assert f'<html lang="{lang}" dir="{direction}"' in html(
        example_build, "recommendations", locale
    )
    data = meta(example_build, "recommendations", locale)
    assert (data["lang"], data["dir"]) == (lang, direction)


@pytest.mark.parametrize(
    ("locale", "price"),
    [
        ("en_US", "$17.99"),
        ("en_GB", "£12.99"),
        ("fr_FR", f"13,49{NBSP}€"),
        ("de_DE", f"13,99{NBSP}€"),
        ("ja_JP", "￥1,980"),
        ("pt_BR", f"R${NBSP}55,90"),
        ("es_MX", "$299.00"),
    ],
)
def test_price_in_each_markets_currency(example_build: Path, locale: str, price: str):
    assert price in text(example_build, "renewal", locale)


def test_dates_as_each_locale_writes_them(example_build: Path):
    assert "December 15, 2026" in text(example_build, "renewal", "en_US")
    assert "15 December 2026" in text(example_build, "renewal", "en_GB")
    assert "15 décembre 2026" in text(example_build, "renewal", "fr_FR")
    assert "15. Dezember 2026" in text(example_build, "renewal", "de_DE")
    assert "2026年12月15日" in text(example_build, "renewal", "ja_JP")


@pytest.mark.parametrize(
    ("locale", "sentence"),
    [  # US and Canadian style set a full date off with a comma after the year; British none
        ("en_US", "renews automatically on December 15, 2026, for $17.99 a month."),
        ("en_CA", "renews automatically on December 15, 2026, for $20.99 a month."),
        ("en_GB", "renews automatically on 15 December 2026 for £12.99 a month."),
    ],
)
def test_a_date_inside_an_english_sentence(example_build: Path, locale: str, sentence: str):
    assert sentence in text(example_build, "renewal", locale)


def test_plural_forms(example_build: Path):
    digest = text(example_build, "recommendations", "en_US")
    assert "3 new episodes" in digest
    assert "1 new episode\n" in digest or "1 new episode " in digest
    assert "8 new episodes" in digest
    assert "3 series you follow have new episodes." in digest


def test_merge_tags_in_delivered_html_and_samples_in_preview(example_build: Path):
    delivered = html(example_build, "winback", "en_US")
    preview = html(example_build, "winback", "en_US", "preview.html")
    assert "It's been a while, {{first_name}}" in delivered
    assert 'href="{{unsubscribe_url}}"' in delivered
    assert "It&#39;s been a while, Alex" in preview or "It's been a while, Alex" in preview
    assert 'href="https://streamly.example/u/sample"' in preview
    assert "{{" not in preview
    data = meta(example_build, "winback", "en_US", "a")
    assert data["subject"] == "{{first_name}}, your watchlist misses you"
    assert data["subject_preview"] == "Alex, your watchlist misses you"
    assert meta(example_build, "winback", "en_US", "b")["subject"] == "Come back for 50% off"


def test_inlined_styles_and_responsive_media_queries(example_build: Path):
    page = html(example_build, "winback", "de_DE")
    # `.mg-code div { letter-spacing: 3px }` was an inline mj-style: it is on the element now
    assert re.search(
        r"<td[^>]*class=\"mg-code\"[^>]*>\s*<div style=[^>]*letter-spacing: ?3px", page
    )
    assert "@media only screen and (max-width: 479px)" in page
    assert "@media (prefers-color-scheme: dark)" in page


def test_text_part_reads_well(example_build: Path):
    body = text(example_build, "winback", "en_US")
    assert "Claim my offer <https://streamly.example/comeback?code=COMEBACK50>" in body
    assert "Unsubscribe <{{unsubscribe_url}}>" in body
    assert "Streamly Inc., 100 Main Street, Springfield, IL 62701, USA" in body
    assert "<div" not in body and "<td" not in body


def test_pseudo_locale_is_accented_and_longer(example_build: Path):
    subject = meta(example_build, "renewal", "en_XA")["subject"]
    assert subject.startswith("[") and subject.endswith("]")
    assert "Ýöûŕ þļàñ ŕéñéŵš öñ Dec 15, 2026" in subject
    source = "There's nothing you need to do: you'll keep watching without interruption."
    [line] = [x for x in text(example_build, "renewal", "en_XA").splitlines() if "ñöţĥîñĝ" in x]
    assert line.startswith("[Ţĥéŕé'š ñöţĥîñĝ ýöû ñééđ ţö đö: ýöû'ļļ ķééþ ŵàţçĥîñĝ ŵîţĥöûţ")
    assert line.endswith("~]")
    assert 1.3 * len(source) < len(line) < 1.5 * len(source)


def test_legal_address_per_market(example_build: Path):
    assert "Streamly SAS, 10 rue de la Paix, 75002 Paris, France" in text(
        example_build, "renewal", "fr_FR"
    )
    assert "ストリームリー株式会社" in text(example_build, "renewal", "ja_JP")


@pytest.mark.parametrize(
    ("campaign", "locale", "variant", "subject"),
    [
        ("winback", "fr_FR", "a", "{{first_name}}, votre liste vous attend"),
        ("winback", "fr_FR", "b", "-50\u00a0% pour votre retour"),
        ("renewal", "de_DE", "a", "Dein Abo verlängert sich am 15.12.2026"),
        ("black_friday", "ar_SA", "a", "الجمعة البيضاء: خصم 40% على سنة كاملة"),
        ("recommendations", "ja_JP", "a", "{{first_name}}さんへ：新着エピソードのお知らせ"),
        ("renewal", "pt_BR", "a", "Seu plano será renovado em 15 de dez. de 2026"),
        ("winback", "es_MX", "b", "Regresa con 50% de descuento"),
        ("recommendations", "zh_CN", "a", "{{first_name}}，您关注的剧集更新了"),
    ],
)
def test_translated_subjects(example_build: Path, campaign, locale, variant, subject):
    assert meta(example_build, campaign, locale, variant)["subject"] == subject


def test_translated_body_and_plurals(example_build: Path):
    french = text(example_build, "winback", "fr_FR")
    assert (
        "Revenez dès aujourd'hui et profitez de 50\u00a0% de réduction sur vos 3 premiers mois."
        in french
    )
    german = text(example_build, "recommendations", "de_DE")
    assert "3 neue Folgen" in german
    assert "Dokumentation · 1 neue Folge\n" in german
    arabic = text(example_build, "recommendations", "ar_SA")
    assert "3 حلقات جديدة" in arabic  # few
    assert "حلقة جديدة واحدة" in arabic  # one
    assert "8 حلقات جديدة" in arabic


def test_no_untranslated_strings_in_the_example(example_build: Path):
    manifest = json.loads((example_build / "build/manifest.json").read_text())
    missing = [
        f for j in manifest["jobs"] for f in j.get("findings", []) if f["code"] == "l10n.missing"
    ]
    assert missing == []
