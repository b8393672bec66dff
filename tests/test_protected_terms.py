"""Protected terms (`l10n.protected_terms`, the brand's name by default): a translation keeps
each brand or product name of its source exactly, as peers' glossary checks do. Read from the
example's real catalogs, as a translator's mistakes would be planted in them."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mailglot.i18n.checks import CHECKS, CODES, Pair, Policy
from mailglot.i18n.checks.policy import project_policy
from mailglot.i18n.checks.terms import check_terms
from mailglot.project.loader import load_project
from tests.conftest import copy_example, within

DE = "locales/de_DE/LC_MESSAGES/messages.po"
JA = "locales/ja_JP/LC_MESSAGES/messages.po"
AR = "locales/ar_SA/LC_MESSAGES/messages.po"
PROMO_DE = 'msgstr "Hol dir 12 Monate Streamly Premium für %(price)s statt %(regular)s."'
PROMO_JA = 'msgstr "Streamly Premium 12か月分が、通常%(regular)sのところ%(price)sに。"'
PLANS_AR = 'msgstr "ينطبق الخصم على الباقتين الشهريتين Standard وPremium. يمكنك الإلغاء في أي وقت."'
PROMO_LABEL = "'Get 12 months of Streamly Premium for %(price)s...'"


def plant(project: Path, po: str, old: str, new: str, comment: str = "") -> int:
    """Replace one msgstr line of a catalog; return the line of its entry's msgid."""
    path = project / po
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index(old)
    lines[index] = new
    if comment:
        lines.insert(index - 1, comment)
        index += 1
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index  # 1-based line of the msgid, just above the msgstr


def set_terms(project: Path, value: str) -> None:
    settings = project / "mailglot.yaml"
    text = re.sub(r"(?m)^  protected_terms:.*\n", "", settings.read_text(encoding="utf-8"))
    settings.write_text(text.replace("l10n:\n", f"l10n:\n  protected_terms: {value}\n"), "utf-8")


def term_findings(project: Path, cli) -> tuple[int, list[tuple[str, int, str, str]]]:
    result = cli(project, "l10n-status", "--json")
    data = json.loads(result.stdout)
    found = [
        (p["path"], p["line"], p["severity"], p["message"])
        for locale in data["locales"]
        for p in locale["problems"]
        if p["code"] == "catalog.terms"
    ]
    return result.exit_code, found


def test_the_example_keeps_its_brand_and_plan_names_in_every_locale(example: Path, cli):
    """By default the brand's name; the example's plan names too once listed. Japanese writes
    'Premiumが' and 'Standardプラン', Arabic 'وPremium': names joined to words of another script
    as those languages write them."""
    assert term_findings(example, cli) == (0, [])
    set_terms(example, "[Streamly, Premium, Standard]")
    assert term_findings(example, cli) == (0, [])


def test_a_misspelt_brand_is_named_with_what_the_translation_has(example: Path, cli):
    line = plant(
        example,
        DE,
        PROMO_DE,
        'msgstr "Hol dir 12 Monate Streamli Premium für %(price)s statt %(regular)s."',
    )
    code, found = term_findings(example, cli)
    assert code == 0  # a warning: the translation is still used
    assert found == [
        (
            DE,
            line,
            "warning",
            f"{PROMO_LABEL}: 'Streamly' is missing (the translation has 'Streamli')",
        )
    ]
    result = cli(example, "l10n-status")
    assert (
        f"{DE}:{line}: warning: {PROMO_LABEL}: 'Streamly' is missing (the translation has "
        "'Streamli') [catalog.terms]" in result.output
    )
    assert f"    fix: {CODES['catalog.terms'].hint}" in result.output


def test_the_build_reports_it_and_still_uses_the_translation(example: Path, cli):
    line = plant(
        example,
        DE,
        PROMO_DE,
        'msgstr "Hol dir 12 Monate STREAMLY Premium für %(price)s statt %(regular)s."',
    )
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "de_DE"
    )
    assert result.exit_code == 0
    meta = json.loads((example / "build/black_friday/de_DE/a/meta.json").read_text("utf-8"))
    found = [
        (f["path"], f["line"], f["message"])
        for f in meta["findings"]
        if f["code"] == "catalog.terms"
    ]
    assert found == [
        (DE, line, f"{PROMO_LABEL}: 'Streamly' is missing (the translation has 'STREAMLY')")
    ]
    assert "12 Monate STREAMLY Premium" in (
        example / "build/black_friday/de_DE/a/email.txt"
    ).read_text("utf-8")


def test_listed_product_names_translated_or_transliterated(example: Path, cli):
    set_terms(example, "[Streamly, Premium, Standard]")
    ja = plant(
        example,
        JA,
        PROMO_JA,
        'msgstr "ストリームリー プレミアム 12か月分が、通常%(regular)sのところ%(price)sに。"',
    )
    ar = plant(
        example,
        AR,
        PLANS_AR,
        'msgstr "ينطبق الخصم على الباقتين الشهريتين Standard وPremio. يمكنك الإلغاء في أي وقت."',
    )
    plans = "'The discount applies to the monthly Standard an...'"
    assert term_findings(example, cli) == (
        0,
        [
            (JA, ja, "warning", f"{PROMO_LABEL}: 'Streamly' is missing"),
            (JA, ja, "warning", f"{PROMO_LABEL}: 'Premium' is missing"),
            (AR, ar, "warning", f"{plans}: 'Premium' is missing (the translation has 'Premio')"),
        ],
    )


def test_an_empty_list_checks_nothing_and_an_accept_comment_one_entry(example: Path, cli):
    wrong = 'msgstr "Hol dir 12 Monate Streamli Premium für %(price)s statt %(regular)s."'
    plant(example, DE, PROMO_DE, wrong, comment="# mailglot-accept: catalog.terms")
    assert term_findings(example, cli) == (0, [])
    off = copy_example(example.parent / "off")
    plant(off, DE, PROMO_DE, wrong)
    set_terms(off, "[]")
    assert term_findings(off, cli) == (0, [])


TERMS = Policy(locale="de_DE", protected_terms=("Streamly", "Premium"))


def messages(source: str, translation: str, locale: str = "de_DE") -> list[str]:
    pair = Pair(source, translation, TERMS.for_locale(locale))
    return [f.text for f in check_terms(pair)]


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("de_DE", "Streamly's new shows", "Streamlys neue Serien"),  # German genitive
        ("fr_FR", "The Streamly offer", "L'offre Streamly"),
        ("tr_TR", "Streamly's shows", "Streamly'nin dizileri"),
        ("de_DE", "A Streamly plan", "Ein Streamly-Abo"),
        ("ja_JP", "Streamly Premium for %(price)s", "Streamly Premiumが%(price)sに"),
        ("zh_CN", "Get Streamly", "立即获取Streamly"),
        ("ar_SA", "Premium with Streamly", "وPremium مع \u2068Streamly\u2069"),
        ("ar_SA", "Premium with Streamly", "\u200fوPremium مع \u200eStreamly\u200e"),
        ("de_DE", "STREAMLY IS BACK", "STREAMLY IST ZURÜCK"),  # capitals where the source has them
        ("de_DE", "STREAMLY IS BACK", "Streamly ist zurück"),
        ("de_DE", "Streamly&nbsp;Premium", "Streamly\u00a0Premium"),
        ("de_DE", "<b>Streamly</b> Premium", "<b>Streamly</b> Premium"),
        ("de_DE", "Streamly is here. It has more.", "Streamly ist da. Streamly hat mehr."),
        ("de_DE", "Visit streamly.example", "Besuche streamly.example"),  # no term: lower case
    ],
)
def test_kept_terms(locale: str, source: str, translation: str):
    assert messages(source, translation, locale) == []


@pytest.mark.parametrize(
    ("locale", "source", "translation", "expected"),
    [
        ("de_DE", "Streamly Premium", "Streamly premium", ["'Premium' is missing (the translation has 'premium')"]),
        ("fr_FR", "Streamly's new shows", "Les nouveautés de Streamlys", ["'Streamly' is missing (the translation has 'Streamlys')"]),
        ("de_DE", "Streamly fans", "Streamlyfans", ["'Streamly' is missing (the translation has 'Streamlyfans')"]),
        ("ja_JP", "Streamly", "Ｓｔｒｅａｍｌｙ", ["'Streamly' is missing (the translation has 'Ｓｔｒｅａｍｌｙ')"]),
        ("de_DE", "Streamly and Streamly Premium", "Streamly und Premium", ["'Streamly' is missing 1 of the 2 times the source text has it"]),
        ("de_DE", "Visit Streamly", "Besuche %(brand)s auf https://Streamly.example/de", ["'Streamly' is missing"]),
        ("de_DE", "Visit Streamly", 'Besuche <a title="Streamly">uns</a>', ["'Streamly' is missing"]),
        ("de_DE", "Streamly Premium", "Streamly Prämie", ["'Premium' is missing"]),
    ],
)  # fmt: skip
def test_missing_terms(locale: str, source: str, translation: str, expected: list[str]):
    assert messages(source, translation, locale) == expected


def test_a_source_without_the_term_asks_nothing_and_a_policy_without_terms_checks_nothing():
    assert messages("Your plan", "Dein Streamli-Abo") == []
    assert list(check_terms(Pair("Streamly", "Streamli", Policy(locale="de_DE")))) == []


def test_the_hint_and_severity():
    assert CODES["catalog.terms"].severity == "warning"
    assert not CODES["catalog.terms"].protected


def test_a_spelling_a_language_uses_instead_is_accepted_for_that_language_only(example: Path, cli):
    set_terms(example, "[Streamly, {Premium: {ja: プレミアム}}]")
    ja = 'msgstr "Streamly プレミアムプラン12か月分が、通常%(regular)sのところ%(price)sに。"'
    ja_line = plant(example, JA, PROMO_JA, ja)
    de = plant(
        example,
        DE,
        PROMO_DE,
        'msgstr "Hol dir 12 Monate Streamly Prämie für %(price)s statt %(regular)s."',
    )
    assert term_findings(example, cli) == (
        0,
        [(DE, de, "warning", f"{PROMO_LABEL}: 'Premium' is missing")],
    )
    plant(
        example,
        JA,
        ja,
        'msgstr "Streamly プレミア12か月分が、通常%(regular)sのところ%(price)sに。"',
    )
    assert term_findings(example, cli)[1] == [
        (DE, de, "warning", f"{PROMO_LABEL}: 'Premium' is missing"),
        (
            JA,
            ja_line,
            "warning",
            f"{PROMO_LABEL}: 'Premium' or 'プレミアム' is missing (the translation has 'プレミア')",
        ),
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            '[Streamly, " Premium"]',
            "l10n.protected_terms[1]: expected a name on one line without outer spaces, got "
            "' Premium'",
        ),
        (
            "[Streamly, {Premium: {ja: プレミアム}, Standard: {}}]",
            "l10n.protected_terms[1]: expected a name or a name with its spelling per language "
            "or locale, like {Premium: {ja: プレミアム}}, got {'Premium': {'ja': 'プレミアム'}, "
            "'Standard': {}}",
        ),
        (
            "[{Premium: {ja-JP: プレミアム}}]",
            "l10n.protected_terms[0]: locale 'ja-JP' should be written 'ja_JP' (gettext form)",
        ),
        ("Streamly", "l10n.protected_terms: expected a list, got 'Streamly'"),
    ],
)
def test_a_wrong_entry_is_a_located_schema_error(example: Path, cli, value: str, message: str):
    set_terms(example, value)
    line = (
        (example / "mailglot.yaml")
        .read_text("utf-8")
        .splitlines()
        .index(f"  protected_terms: {value}")
    )
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert f"mailglot.yaml:{line + 1}: {message} [error: schema]" in result.output


def test_spellings_in_scripts_that_attach_particles_to_a_name_are_found_inside_words():
    policy = Policy(
        locale="ar_SA",
        protected_terms=("Premium",),
        term_spellings=(("Premium", "ar", "بريميوم"), ("Premium", "ko_KR", "프리미엄")),
    )
    ar = Pair("Standard and Premium plans", "باقتا ستاندرد والبريميوم", policy)
    assert list(check_terms(ar)) == []
    ko = Pair("Premium plans", "프리미엄은 최고입니다", policy.for_locale("ko_KR"))
    assert list(check_terms(ko)) == []
    ko_language_only = Pair("Premium plans", "프리미엄은", policy.for_locale("ko_KP"))
    assert [f.text for f in check_terms(ko_language_only)] == ["'Premium' is missing"]


def test_long_translations_are_read_in_linear_time():
    """A translation is text from outside: 100 KB of near-misses or of short words is read in
    well under a second (`within` bounds it generously for a loaded machine)."""
    near = " ".join(f"Streaml{chr(0x61 + i % 24)}{i}" for i in range(10_000))
    for text in (near, "a " * 50_000, "Streamlyy" * 11_000, "<!--" * 25_000):
        with within(10):
            found = messages("Streamly Premium", text)
        assert found[0].startswith("'Streamly' is missing")


def test_terms_are_compared_in_one_normal_form_and_invisible_characters_are_refused(
    example: Path, cli
):
    decomposed = Policy(locale="fr_FR", protected_terms=("Cafe\u0301 Plus",))
    assert list(check_terms(Pair("Try Café Plus", "Essayez Café Plus", decomposed))) == []
    set_terms(example, '["Stream\\u00adly"]')
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert (
        "l10n.protected_terms[0]: expected a name without invisible characters, got "
        "'Stream\\xadly' [error: schema]" in result.output
    )


def test_protected_terms_may_stay_as_they_are_and_the_brand_is_the_default(example: Path):
    """A string made only of protected names ('Streamly Premium') is no untranslated string:
    the names also count as `keep_as_is` words."""
    settings = example / "mailglot.yaml"
    text = settings.read_text("utf-8")
    text = re.sub(r"(?m)^  protected_terms:.*\n", "", text)  # unset: the brand's name
    settings.write_text(
        text.replace("  keep_as_is: [Streamly, Premium, ", "  keep_as_is: ["), "utf-8"
    )
    policy = project_policy(load_project(example))
    assert policy.protected_terms == ("Streamly",)  # brand.name
    assert "Streamly" in policy.keep_as_is and "Premium" not in policy.keep_as_is
    set_terms(example, "[Streamly, {Premium: {ja: プレミアム}}]")
    policy = project_policy(load_project(example))
    assert policy.protected_terms == ("Streamly", "Premium")
    assert policy.term_spellings == (("Premium", "ja", "プレミアム"),)
    unchanged = Pair("Streamly Premium", "Streamly Premium", policy.for_locale("de_DE"))
    assert [f.code for check in CHECKS for f in check(unchanged)] == []
