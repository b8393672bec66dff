"""A term spelling keyed with gettext's script modifier (`sr_RS@latin`, Serbian in Latin
script). mailglot.yaml refused the key, advising 'sr_RS@LATIN' (itself refused) or, for
`sr@latin`, plain 'sr' (Cyrillic); and Babel reads `sr_RS@latin` as Cyrillic sr_RS, so the
check advised the Latin spelling for sr_RS and the Cyrillic one keyed `sr` for sr_RS@latin."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.terms import check_terms
from tests.test_locale_modifiers import _serbia
from tests.test_protected_terms import PROMO_LABEL, set_terms, term_findings

SPELLINGS = (
    ("Premium", "sr", "Премијум"),
    ("Premium", "sr_RS@latin", "Premijum"),
    ("Premium", "sr@latin", "Premijum+"),
)


@pytest.mark.parametrize(
    ("locale", "advised"),
    [
        ("sr_RS@latin", "'Premium' or 'Premijum' or 'Premijum+' is missing"),
        ("sr_Latn_RS", "'Premium' or 'Premijum' or 'Premijum+' is missing"),  # the same locale
        ("sr@latin", "'Premium' or 'Premijum+' is missing"),
        ("sr_RS", "'Premium' or 'Премијум' is missing"),
        ("sr_RS@cyrillic", "'Premium' or 'Премијум' is missing"),
    ],
)
def test_each_serbian_locale_is_advised_the_spelling_of_its_script(locale: str, advised: str):
    policy = Policy(locale=locale, protected_terms=("Premium",), term_spellings=SPELLINGS)
    found = check_terms(Pair("Get Premium", "Uzmi paket", policy))
    assert [f.text for f in found] == [advised]


def test_a_language_names_the_locales_of_its_usual_script_only():
    spellings = (("Premium", "zh", "高级版"), ("Premium", "zh_Hant", "高級版"))
    policy = Policy(locale="zh_CN", protected_terms=("Premium",), term_spellings=spellings)
    for locale, advised in (("zh_CN", "'高级版'"), ("zh_TW", "'高級版'")):
        found = check_terms(Pair("Premium", "会员", policy.for_locale(locale)))
        assert [f.text for f in found] == [f"'Premium' or {advised} is missing"]


PROMO = 'msgid "Get 12 months of Streamly Premium for %(price)s instead of %(regular)s."'


def test_a_modifier_key_in_mailglot_yaml_is_read_and_checked(example: Path, cli):
    _serbia(example, "sr_RS@latin")
    assert cli(example, "add-locale", "sr_RS@latin").exit_code == 0
    set_terms(example, "[Streamly, {Premium: {sr: Премијум, sr_RS@latin: Premijum}}]")
    po = "locales/sr_RS@latin/LC_MESSAGES/messages.po"
    lines = (example / po).read_text(encoding="utf-8").splitlines()
    at = lines.index(PROMO)
    lines[at + 1] = 'msgstr "Uzmi 12 meseci Streamly Премијум za %(price)s umesto %(regular)s."'
    (example / po).write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, found = term_findings(example, cli)
    assert code == 0
    assert found == [(po, at + 1, "warning", f"{PROMO_LABEL}: 'Premium' or 'Premijum' is missing")]

    lines[at + 1] = 'msgstr "Uzmi 12 meseci Streamly Premijum za %(price)s umesto %(regular)s."'
    (example / po).write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert term_findings(example, cli) == (0, [])


@pytest.mark.parametrize(
    ("key", "message"),
    [
        ("sr_rs@latin", "locale 'sr_rs@latin' should be written 'sr_RS@latin'"),
        ("sr_RS@Latin", "locale 'sr_RS@Latin' should be written 'sr_RS@latin'"),
        (
            "sr_Latn_RS@latin",
            "sr_Latn_RS@latin names a script twice, in the code and after the '@': write "
            "sr_Latn_RS or sr_RS@latin",
        ),
    ],
)
def test_a_misspelt_modifier_key_is_advised_its_spelling(
    example: Path, cli, key: str, message: str
):
    set_terms(example, f"[{{Premium: {{{key}: Premijum}}}}]")
    result = cli(example, "l10n-status")
    assert result.exit_code == 1
    assert f"l10n.protected_terms[0]: {message} [error: schema]" in result.output, result.output
