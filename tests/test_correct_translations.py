"""Correct translations are used, not refused or warned about: bidi isolates around a name in
Arabic, a 12-hour time written on the 24-hour clock, German "Sie sie", a brand's "!" kept on the
brand by `--fix`; a word joiner is not French spacing (and `--fix` replaces it). Each case edits
the example's real catalogs (and campaign, where the source text has to say it)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailglot.i18n.checks.base import Pair, Policy
from mailglot.i18n.checks.french import apply_edits, spacing_edits
from mailglot.i18n.checks.style import check_doubled_words
from mailglot.i18n.checks.text import check_invisible, check_numbers

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
DE = "locales/de_DE/LC_MESSAGES/messages.po"
AR = "locales/ar_SA/LC_MESSAGES/messages.po"
CAMPAIGN = "campaigns/black_friday.yaml"
SUBJECT_AR = 'msgstr "{first_name}، وصل أفضل أسعارنا لهذا العام"'
FSI, PDI = "\u2068", "\u2069"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def status(cli, project: Path, *args: str) -> tuple[int, list[str]]:
    result = cli(project, "l10n-status", *args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output.splitlines()


def findings(lines: list[str], rel: str) -> list[str]:
    return [line for line in lines if line.startswith(f"{rel}:")]


# Bidi isolates


def test_isolates_around_a_name_in_an_arabic_subject_are_used(example, cli):
    edit(example, AR, SUBJECT_AR, f'msgstr "{FSI}{{first_name}}{PDI}، وصل أفضل أسعارنا لهذا العام"')
    code, out = status(cli, example)
    assert code == 0, out
    assert findings(out, AR) == []
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "ar_SA"
    )
    assert result.exit_code == 0, result.output
    meta = json.loads((example / "build/black_friday/ar_SA/b/meta.json").read_text("utf-8"))
    assert meta["subject"] == f"{FSI}{{{{first_name}}}}{PDI}، وصل أفضل أسعارنا لهذا العام"
    assert meta["subject_preview"].startswith(f"{FSI}Alex{PDI}، ")  # not the English subject


@pytest.mark.parametrize(
    ("written", "named"),
    [
        (f"{FSI}{{first_name}}", "U+2068 FIRST STRONG ISOLATE"),  # never closed
        (f"{{first_name}}{PDI}", "U+2069 POP DIRECTIONAL ISOLATE"),  # closes nothing
        (
            "\u202d{first_name}\u202c",
            "U+202D LEFT-TO-RIGHT OVERRIDE, U+202C POP DIRECTIONAL FORMATTING",
        ),
    ],
)
def test_unbalanced_isolates_and_overrides_are_still_refused(example, cli, written, named):
    edit(example, AR, SUBJECT_AR, f'msgstr "{written}، وصل أفضل أسعارنا لهذا العام"')
    line = line_of(example, AR, 'msgid "{first_name}, our best price')
    code, out = status(cli, example)
    assert code == 1
    assert findings(out, AR) == [
        f"{AR}:{line}: '{{first_name}}, our best price of the year is here': invisible "
        f"characters not in the source: {named}; the source text is used "
        "[error: catalog.invisible]"
    ]


@pytest.mark.parametrize(
    ("translation", "locale"),
    [
        (f"Salut {FSI}{{first_name}}{PDI} !", "fr_FR"),
        (f"\u2067{FSI}{{first_name}}{PDI} مرحبا{PDI}", "ar_SA"),  # nested
        (f"{FSI}{{a}}{PDI} {FSI}{{b}}{PDI}", "he_IL"),
    ],
)
def test_balanced_isolates_pass_in_every_direction(translation: str, locale: str) -> None:
    pair = Pair("Hi {first_name}", translation, Policy(locale=locale))
    assert list(check_invisible(pair)) == []


# 12-hour and 24-hour clocks


@pytest.mark.parametrize(
    ("rel", "translation"),
    [
        (FR, "12 mois de Premium à prix réduit. Offre valable jusqu'au Black Friday à 23 h 59."),
        (DE, "12 Monate Premium zum Sparpreis. Nur bis Black Friday, 23:59 Uhr."),
    ],
)
def test_a_12_hour_time_on_the_24_hour_clock_is_the_same_time(example, cli, rel, translation):
    old = "12 months of Premium for less. Offer ends at midnight on Black Friday."
    new = "12 months of Premium for less. Offer ends at 11:59 PM on Black Friday."
    edit(example, CAMPAIGN, old, new)
    edit(example, rel, f'msgid "{old}"', f'msgid "{new}"')
    path = example / rel
    text = path.read_text(encoding="utf-8")
    start = text.index(f'msgid "{new}"')
    end = text.index("\n", text.index("msgstr", start))
    path.write_text(text[:start] + f'msgid "{new}"\nmsgstr "{translation}"' + text[end:], "utf-8")
    _, out = status(cli, example)
    assert findings(out, rel) == []


@pytest.mark.parametrize(
    ("source", "translation", "locale", "missing"),
    [
        ("Ends at 11:59 PM", "Se termine à 23 h 59", "fr_FR", None),
        ("Ends at 11:59 p.m.", "Endet um 23:59 Uhr", "de_DE", None),
        ("Doors open at 7pm", "Ouverture à 19 h", "fr_FR", None),
        ("Ends at 12 AM", "Se termine à 0 h", "fr_FR", None),
        ("Ends at 23:59", "Ends at 11:59 PM", "en_GB", None),  # and back
        ("Ends at 11:59 PM", "Endet um 22:59 Uhr", "de_DE", "11"),  # another time
        ("Save 11 PM", "Économisez 11", "fr_FR", None),
        ("11 PM, 11 items", "23 h, 23 articles", "fr_FR", "11"),  # one 11 is not a time
    ],
)
def test_numbers_read_a_12_hour_time_as_its_24_hour_time(source, translation, locale, missing):
    found = list(check_numbers(Pair(source, translation, Policy(locale=locale))))
    if missing is None:
        assert found == []
    else:
        assert found and found[0].text.startswith(f"number {missing} of the source is missing")


# German "Sie sie"


def test_german_sie_sie_is_not_a_doubled_word(example, cli):
    edit(
        example,
        DE,
        'msgstr "Dein Profil und deine Merkliste sind genau so, wie du sie zurückgelassen hast."',
        'msgstr "Ihr Profil und Ihre Merkliste sind genau dort, wo Sie sie gelassen haben."',
    )
    code, out = status(cli, example)
    assert code == 0 and findings(out, DE) == []


@pytest.mark.parametrize(
    ("text", "doubled"),
    [
        ("wo Sie sie gelassen haben", None),
        ("weil sie sie kennt", None),
        ("Den den Film sehen", "Den den"),  # the capital of a sentence: the same word
        ("Gut. Der der Film", None),  # "der der" is a legit relative-clause double
        ("Sehen Sie den den Film", "den den"),
        ("den Den Film", None),  # a capital inside a sentence: another word
    ],
)
def test_german_words_written_in_another_case_are_other_words(text: str, doubled) -> None:
    found = list(check_doubled_words(Pair("x", text, Policy(locale="de_DE"))))
    assert [f.text for f in found] == ([f"doubled word: {doubled!r}"] if doubled else [])


def test_french_case_does_not_make_another_word() -> None:
    found = list(check_doubled_words(Pair("x", "Le le film", Policy(locale="fr_FR"))))
    assert [f.text for f in found] == ["doubled word: 'Le le'"]


# French spacing: a word joiner is not a space; a brand keeps its mark


def test_a_word_joiner_before_a_mark_is_refused_and_fix_makes_it_a_space(example, cli):
    old = 'msgstr "Toutes les séries, tous les films, en 4K, pendant un an."'
    edit(example, FR, old, 'msgstr "Toutes les séries, tous les films, en 4K\u2060!"')
    line = line_of(example, FR, 'msgid "Every series, every film')
    code, out = status(cli, example)
    assert code == 1
    found = findings(out, FR)
    assert (
        f"{FR}:{line}: 'Every series, every film, in 4K, for a whole year.': invisible "
        "characters not in the source: U+2060 WORD JOINER; the source text is used "
        "[error: catalog.invisible]"
    ) in found
    assert (
        f"{FR}:{line}: warning: 'Every series, every film, in 4K, for a whole year.': no "
        "no-break space at 1 place(s): 's, en 4K\\u2060!' [catalog.french-spacing]"
    ) in found
    code, out = status(cli, example, "--fix")
    assert code == 0, out
    text = (example / FR).read_text(encoding="utf-8")
    assert 'msgstr "Toutes les séries, tous les films, en 4K\u202f!"' in text
    assert not any("catalog.invisible" in x or "french-spacing" in x for x in findings(out, FR))


def test_fix_leaves_a_brands_mark_on_the_brand(example, cli):
    old = "Every series, every film, in 4K, for a whole year."
    new = "Every series, every film, in 4K. Add us to your Yahoo! Mail contacts!"
    edit(example, CAMPAIGN, old, new)
    edit(example, FR, f'msgid "{old}"', f'msgid "{new}"')
    edit(
        example,
        FR,
        'msgstr "Toutes les séries, tous les films, en 4K, pendant un an."',
        'msgstr "Toutes les séries, tous les films, en 4K. Ajoutez-nous à vos contacts Yahoo! '
        'Mail!"',
    )
    code, out = status(cli, example, "--fix")
    assert code == 0, out
    text = (example / FR).read_text(encoding="utf-8")
    assert "à vos contacts Yahoo! Mail\u202f!" in text
    _, out = status(cli, example)
    assert findings(out, FR) == []


@pytest.mark.parametrize(
    ("text", "source", "fixed"),
    [
        ("Ouvrez Yahoo! Mail", "Open Yahoo! Mail", "Ouvrez Yahoo! Mail"),
        (
            "Jouez à Jeopardy! ce soir!",
            "Play Jeopardy! tonight!",
            "Jouez à Jeopardy! ce soir\u202f!",
        ),
        ("Bienvenue!", "Welcome!", "Bienvenue\u202f!"),  # not the source's word: spaced
        ("Yahoo !", "Yahoo!", "Yahoo\u202f!"),  # spaced by the translator: kept spaced
        ("Note:", "Note:", "Note\u00a0:"),  # only ! and ? stay on a name
        ("Bonjour \u2060!", "Hi!", "Bonjour\u202f!"),  # space and joiner: one no-break space
        ("Bonjour\u202f\u2060!", "Hi!", "Bonjour\u202f\u2060!"),  # spaced: the joiner is text's
        ("«\u2060mot\u2060»", "x", "«\u00a0mot\u00a0»"),
    ],
)
def test_spacing_edits(text: str, source: str, fixed: str) -> None:
    assert apply_edits(text, spacing_edits(text, "fr_FR", source)) == fixed
