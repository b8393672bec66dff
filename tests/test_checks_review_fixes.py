"""Today's translator checks on cases a review found them wrong on: correct translations they
refused (an error swaps the whole string for the English source, the worst outcome for a
reader) and slips they let through. Every example is written for these tests."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from mailglot.i18n.checks import Pair, Policy, terms
from mailglot.i18n.checks.double_spaces import check_double_spaces, spaces_edits
from mailglot.i18n.checks.french import apply_edits
from mailglot.i18n.checks.lookalikes import check_lookalikes
from mailglot.i18n.checks.text import check_number_reading, check_numbers
from tests.conftest import copy_example

NNBSP = "\u202f"


def texts(check, source: str, translation: str, policy: Policy) -> list[str]:
    return [f.text for f in check(Pair(source, translation, policy))]


# F1: a number the locale reads as one of the source's numbers is that number, written the
# locale's way, even when the source also has the smaller number a misreading would give.
@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("de_DE", "12 months of Premium, 12,000 titles.", "12 Monate Premium, 12.000 Titel."),
        ("pt_BR", "12 months of Premium, 12,000 titles.", "12 meses de Premium, 12.000 títulos."),
        ("es_ES", "2 screens and 2,000 titles", "2 pantallas y 2.000 títulos"),
        ("it_IT", "Top 10: 10,000 viewers", "Top 10: 10.000 spettatori"),
        ("tr_TR", "1,000 points in 1 day", "1 günde 1.000 puan"),
        ("id_ID", "1 account, 5,000 titles", "1 akun, 5.000 judul"),
        ("de_DE", "Get 1 month free and 1,000 bonus points.", "Erhalten Sie 1 Monat gratis und 1.000 Bonuspunkte."),
        ("de_DE", "Rated 4.5 stars by 4,500 viewers", "Mit 4,5 Sternen von 4.500 Zuschauern bewertet"),
        ("pt_BR", "Rated 4.5 stars by 4,500 viewers", "Avaliado com 4,5 estrelas por 4.500 espectadores"),
        ("de_DE", "3 plans: 3,000 titles in each", "3 Tarife: jeweils 3.000 Titel"),
    ],
)  # fmt: skip
def test_a_number_read_as_one_of_the_sources_is_not_misread(locale, source, translation):
    policy = Policy(locale=locale)
    assert texts(check_number_reading, source, translation, policy) == []
    assert texts(check_numbers, source, translation, policy) == []


def test_a_misread_number_is_still_refused_when_the_value_read_is_taken():
    # the German 1,5 is the source's 1.5; the 1,500 left as written reads 1,5 a second time
    policy = Policy(locale="de_DE")
    found = texts(check_number_reading, "1.5 GB for 1,500 songs", "1,5 GB für 1,500 Songs", policy)
    assert found == ["a German reader reads 1,500 as 1,5: write 1.500"]
    # and the source's 12 does not excuse 12,000 kept as written
    found = texts(
        check_number_reading, "12 months, 12,000 titles", "12 Monate, 12,000 Titel", policy
    )
    assert found == ["a German reader reads 12,000 as 12: write 12.000"]


# F2: the script a locale code names is the one its words are written in, not its language's
# usual one (Uzbek and Azerbaijani are usually Latin, Serbian Cyrillic).
@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("uz_Cyrl_UZ", "Streamly Premiumни SMSлар орқали олинг."),
        ("az_Cyrl_AZ", "Јени сериаллар Streamly Premiumда."),
        ("uz_Cyrl", "Streamly Premiumни бугун олинг."),
    ],
)
def test_endings_in_the_script_the_locale_code_names_pass(locale, translation):
    source = "Get Streamly Premium by SMS."
    assert texts(check_lookalikes, source, translation, Policy(locale=locale)) == []


@pytest.mark.parametrize("locale", ["sr_Latn_RS", "sr_Latn", "sr_RS@latin"])
def test_a_cyrillic_ending_in_latin_serbian_is_a_lookalike(locale):
    # "Mes" + Cyrillic "ес" for "Mesec" (month): in Latin Serbian the Cyrillic letters are odd
    found = texts(check_lookalikes, "A month free", "Mesес dana besplatno", Policy(locale=locale))
    assert found == [
        "'Mesес' mixes scripts: U+0435 CYRILLIC SMALL LETTER IE, U+0441 CYRILLIC SMALL "
        "LETTER ES among Latin letters"
    ]


# B2: a character reference is the character in the email; the letters and numbers checks see
# what it shows, and say how it was typed.
def test_a_lookalike_typed_as_a_character_reference_is_found():
    found = texts(check_lookalikes, "Watch on Streamly", "Regarder sur Str&#1077;amly", Policy())
    assert found == [
        "'Strеamly' mixes scripts: U+0435 CYRILLIC SMALL LETTER IE among Latin letters "
        "(typed as character references)"
    ]
    found = texts(check_lookalikes, "New series", "Н&#x6F;вые сериалы", Policy(locale="ru_RU"))
    assert found == [
        "'Нoвые' mixes scripts: U+006F LATIN SMALL LETTER O among Cyrillic letters "
        "(typed as character references)"
    ]


def test_a_number_typed_with_character_references_is_read_as_shown():
    policy = Policy(locale="fr_FR")
    found = texts(check_number_reading, "1,500 titles", "1&#44;500 titres", policy)
    assert found == [f"a French reader reads 1,500 as 1,5: write 1{NNBSP}500"]
    # the locale's own writing through references is the number, not a missing one
    for typed in ("1&#8239;500 titres", "1&#x202F;500 titres", "&#49;&#160;500 titres"):
        assert texts(check_numbers, "1,500 titles", typed, policy) == []
        assert texts(check_number_reading, "1,500 titles", typed, policy) == []
    assert (
        texts(check_lookalikes, "Caf&eacute; &amp; films", "Caf&eacute; &amp; films", policy) == []
    )


# P1: a project may list more terms than a bounded cache held (256): each string recompiled
# every pattern. Now each is compiled once, and only the terms whose first word a string has
# are looked for; what is found is the same for the first, the last and multi-word terms.
def test_a_long_list_of_terms_is_compiled_once_and_each_term_still_found():
    listed = ("Streamly", *(f"Studio {i} Originals" for i in range(600)), "Premium")
    policy = Policy(locale="fr_FR", protected_terms=listed)
    cases = [
        ("Streamly Premium", "Streamly Premium", []),
        ("Streamly Premium", "Streamli Premio", ["'Streamly' is missing (the translation has "
         "'Streamli')", "'Premium' is missing (the translation has 'Premio')"]),
        ("Watch Studio 599 Originals", "Regardez Studio\u00a0599 Originals", []),
        ("Watch Studio 599 Originals", "Regardez STUDIO 599 ORIGINALS", ["'Studio 599 "
         "Originals' is missing (the translation has 'STUDIO 599 ORIGINALS')"]),
        ("WATCH STUDIO 7 ORIGINALS", "REGARDEZ STUDIO 7 ORIGINALS", []),
        ("Watch Studio 7 Originals", "Regardez Studio 7", ["'Studio 7 Originals' is missing"]),
        ("Studio 1 and Studio 2 Originals", "Studio 1 et Studio 2 Originals", []),
    ]  # fmt: skip
    for source, translation, expected in cases:  # twice: the second pass compiles nothing
        assert texts(terms.check_terms, source, translation, policy) == expected
    compiled = terms._pattern.cache_info().misses
    for source, translation, expected in cases:
        assert texts(terms.check_terms, source, translation, policy) == expected
    assert terms._pattern.cache_info().misses == compiled


# P2: a translation is text from outside; one entry names five words or numbers at most, and
# counts the rest in one more finding.
def test_an_entry_names_five_mixed_words_and_counts_the_rest():
    words = ["Str\u0435amly", "Pr\u0435mium", "S\u0435ries", "Fil\u043c", "D\u043eta", "K\u0456ds"]
    text = " ".join([*words, "T\u0435st", "Str\u0435amly", "Dr\u0430ma"])  # one word repeated
    found = texts(check_lookalikes, "Watch", text, Policy())
    assert len(found) == 6
    assert (
        found[0] == "'Strеamly' mixes scripts: U+0435 CYRILLIC SMALL LETTER IE among Latin letters"
    )
    assert [f.split(" mixes")[0] for f in found[:5]] == [repr(w) for w in words[:5]]
    assert found[5] == "…and 3 more words mixing scripts"  # Kіds, Tеst, Drаma


def test_an_entry_names_five_misread_numbers_and_counts_the_rest():
    source = "1,100 1,200 1,300 1,400 1,500 1,600 1,700"
    found = texts(check_number_reading, source, source, Policy(locale="fr_FR"))
    assert found == [
        *(f"a French reader reads 1,{n}00 as 1,{n}: write 1{NNBSP}{n}00" for n in range(1, 6)),
        "…and 2 more numbers a French reader misreads",
    ]


# B1: a word typed partly in the wrong keyboard layout is no Latin name with an ending: a Latin
# run that is no word of the source, keep_as_is or the protected terms, nor an acronym, is a
# name only if it has letters without a twin in the language's script, and its ending letters
# that pass for no Latin one.
@pytest.mark.parametrize(
    ("locale", "source", "translation", "found"),
    [
        ("ru_RU", "New series on Streamly", "Новые Ceриалы на Streamly",
         "'Ceриалы' mixes scripts: U+0043 LATIN CAPITAL LETTER C, U+0065 LATIN SMALL LETTER E "
         "among Cyrillic letters"),
        ("ru_RU", "Your discounts", "Baши скидки",
         "'Baши' mixes scripts: U+0042 LATIN CAPITAL LETTER B, U+0061 LATIN SMALL LETTER A "
         "among Cyrillic letters"),
        ("el_GR", "Discounts", "Ekπτώσεις για όλους",
         "'Ekπτώσεις' mixes scripts: U+0045 LATIN CAPITAL LETTER E, U+006B LATIN SMALL LETTER K "
         "among Greek letters"),
        ("ru_RU", "Black Friday deals", "Скидки Black Fridау",
         "'Fridау' mixes scripts: U+0430 CYRILLIC SMALL LETTER A, U+0443 CYRILLIC SMALL LETTER U "
         "among Latin letters"),
        # one Cyrillic letter on a Latin name the source does not have is still a lookalike
        ("ru_RU", "Watch now", "Смотрите на Streamlyе",
         "'Streamlyе' mixes scripts: U+0435 CYRILLIC SMALL LETTER IE among Latin letters"),
    ],
)  # fmt: skip
def test_a_word_typed_in_the_wrong_layout_is_no_name_with_an_ending(
    locale, source, translation, found
):
    assert texts(check_lookalikes, source, translation, Policy(locale=locale)) == [found]


@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        # endings on the source's names, its acronyms, keep_as_is and protected terms
        ("kk_KZ", "New on Streamly Premium", "Streamlyнің жаңалықтары, Premiumға жазылыңыз"),
        ("tt_RU", "Watch on Streamly", "Streamlyдә карагыз"),
        ("uz_Cyrl_UZ", "Pay by SMS", "SMSлар орқали тўланг"),
        ("kk_KZ", "Open the link", "URLды ашыңыз"),  # an acronym the source does not write
        ("ky_KG", "Watch", "Streamlyда көрүңүз"),  # a protected term
        # F4: a one-letter ending on a known name (Russian, Ukrainian, Armenian)
        ("ru_RU", "Watch on Streamly", "Смотрите на Streamlyе"),
        ("uk_UA", "New on Streamly", "Новинки у Streamlyі"),
        ("hy_AM", "New on Streamly", "Նորույթներ Streamlyի"),
        # a Latin name the source does not have, with an ending that passes for no Latin letters
        ("kk_KZ", "Watch now", "Netflixтің орнына"),
    ],
)
def test_endings_on_latin_names_and_acronyms_pass(locale, source, translation):
    policy = Policy(locale=locale, protected_terms=("Streamly",), keep_as_is=("Streamly",))
    assert texts(check_lookalikes, source, translation, policy) == []


# F3: a number inside a phrase kept as the source writes it (a title in keep_as_is, a protected
# term) or glued to letters (a code) is not the translator's writing of a number.
@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("fr_FR", 'Watch "1,000 Miles" tonight.', "Regardez « 1,000 Miles » ce soir."),
        ("de_DE", 'Watch "1,000 Miles" tonight.', "Sehen Sie „1,000 Miles“ heute Abend."),
        ("fr_FR", "Use the code SAVE1,500 at checkout.", "Saisissez le code SAVE1,500 au paiement."),
        ("de_DE", "Streamly 4,000 Club members", "Mitglieder im Streamly 4,000 Club"),
    ],
)  # fmt: skip
def test_numbers_of_kept_titles_and_codes_pass(locale, source, translation):
    policy = Policy(
        locale=locale, keep_as_is=("1,000 Miles",), protected_terms=("Streamly 4,000 Club",)
    )
    assert texts(check_number_reading, source, translation, policy) == []


def test_a_number_outside_a_kept_title_is_still_read():
    source = 'Watch "1,000 Miles" and 2,500 more titles.'
    translation = "Regardez « 1,000 Miles » et 2,500 autres titres."
    kept = Policy(locale="fr_FR", keep_as_is=("1,000 Miles",))
    assert texts(check_number_reading, source, translation, kept) == [
        f"a French reader reads 2,500 as 2,5: write 2{NNBSP}500"
    ]
    assert texts(check_number_reading, source, translation, Policy(locale="fr_FR")) == [
        f"a French reader reads 1,000 as 1: write 1{NNBSP}000",
        f"a French reader reads 2,500 as 2,5: write 2{NNBSP}500",
    ]


# C1: a spelling is given for a language or locale written as the project's locales are; one
# spelt otherwise is a located error (it was accepted and applied to no locale), and a script
# is compared as CLDR completes it (zh_Hant_TW names the zh_TW locale).
def test_a_spelling_for_a_locale_with_its_script_applies_to_the_locale_without():
    spelt = (("Premium", "zh_Hant_TW", "高級版"), ("Premium", "zh_Hant", "尊享版"))
    policy = Policy(locale="zh_TW", protected_terms=("Premium",), term_spellings=spelt)
    assert texts(terms.check_terms, "Premium plans", "高級版方案", policy) == []
    assert texts(terms.check_terms, "Premium plans", "尊享版方案", policy) == []
    assert texts(terms.check_terms, "Premium plans", "高級版方案", policy.for_locale("zh_CN")) == [
        "'Premium' is missing"
    ]
    # the locale's own spelling is named before its language's
    ja = (("Premium", "ja", "プレミアム"), ("Premium", "ja_JP", "プレミアムプラン"))
    policy = Policy(locale="ja_JP", protected_terms=("Premium",), term_spellings=ja)
    assert texts(terms.check_terms, "Premium plans", "スタンダード", policy) == [
        "'Premium' or 'プレミアムプラン' or 'プレミアム' is missing"
    ]


@pytest.mark.parametrize(
    ("code", "written"),
    [("JA", "ja"), ("ja_jp", "ja_JP"), ("jpn", "ja"), ("zh_hant_tw", "zh_Hant_TW")],
)
def test_a_spelling_for_a_locale_spelt_otherwise_is_a_located_error(
    tmp_path: Path, cli, code, written
):
    project = copy_example(tmp_path / "p")
    settings = project / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    value = f"[Streamly, {{Premium: {{{code}: プレミアム}}}}, Standard]"
    text, count = re.subn(r"(?m)^  protected_terms: .*$", f"  protected_terms: {value}", text)
    assert count == 1
    settings.write_text(text, encoding="utf-8")
    line = text.splitlines().index(f"  protected_terms: {value}") + 1
    result = cli(project, "l10n-status")
    assert result.exit_code == 1
    assert (
        f"mailglot.yaml:{line}: l10n.protected_terms[1]: locale {code!r} should be written "
        f"{written!r} [error: schema]"
    ) in result.output


# F5: names with the endings a language writes onto them.
@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("sv_SE", "New series on Streamly", "Streamlys nya serier"),  # genitive s
        ("da_DK", "New series on Streamly", "Streamlys nye serier"),
        ("nb_NO", "New series on Streamly", "Streamlys nye serier"),
        ("fi_FI", "New on Streamly", "Uutta Streamlyssä"),  # case endings
        ("fi_FI", "Try Premium", "Kokeile Premiumia"),
        ("hu_HU", "Now on Streamly", "Most a Streamlyn"),
        ("de_DE", "Your Streamly Kids profile", "Dein Streamly-Kids-Profil"),  # hyphen coupling
        ("de_DE", "STREAMLY KIDS IS HERE", "STREAMLY-KIDS IST DA"),
    ],
)
def test_names_with_the_endings_their_language_writes_pass(locale, source, translation):
    policy = Policy(locale=locale, protected_terms=("Streamly", "Premium", "Streamly Kids"))
    assert texts(terms.check_terms, source, translation, policy) == []


@pytest.mark.parametrize(
    ("locale", "translation", "found"),
    [
        # a name run into another word where the language writes no such ending
        ("fr_FR", "Les séries de Streamlys", "'Streamly' is missing (the translation has 'Streamlys')"),
        ("sv_SE", "Streamlyfans nya serier", "'Streamly' is missing (the translation has 'Streamlyfans')"),
        ("fi_FI", "Uutta StreamlySsä", "'Streamly' is missing (the translation has 'StreamlySsä')"),
        ("fr_FR", "Le profil Streamly-Kids", "'Streamly Kids' is missing"),  # coupling is German
    ],
)  # fmt: skip
def test_a_name_run_into_another_word_is_still_missing(locale, translation, found):
    policy = Policy(locale=locale, protected_terms=("Streamly", "Streamly Kids"))
    source = "New series on Streamly" if "Kids" not in translation else "The Streamly Kids profile"
    assert texts(terms.check_terms, source, translation, policy) == [found]


# F4: natural spellings that mix scripts: a micro unit typed with the Greek mu, and an ending
# on a lower-case Latin word the source has.
@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("fr_FR", "Enjoy a 10 μs response", "Profitez de 10 μs de latence"),
        ("de_DE", "5 μg", "5 μg"),
        ("el_GR", "Latency under 10 μs", "Καθυστέρηση κάτω από 10 μs"),
        ("kk_KZ", "Sign in by mail", "mailмен кіріңіз"),
    ],
)
def test_natural_mixed_spellings_pass(locale, source, translation):
    assert texts(check_lookalikes, source, translation, Policy(locale=locale)) == []


def test_a_greek_mu_in_a_word_is_still_a_lookalike():
    found = texts(check_lookalikes, "Premium music", "Premiu\u03bc musique", Policy())
    assert found == ["'Premiuμ' mixes scripts: U+03BC GREEK SMALL LETTER MU among Latin letters"]
    # a lower-case Latin word the source does not have takes no ending
    found = texts(check_lookalikes, "Watch", "Смотрите mailмен", Policy(locale="kk_KZ"))
    assert found == [
        "'mailмен' mixes scripts: U+043C CYRILLIC SMALL LETTER EM, U+0435 CYRILLIC SMALL "
        "LETTER IE, U+043D CYRILLIC SMALL LETTER EN among Latin letters"
    ]


# catalog.numbers (older): numbers written as a reader of the locale writes them were refused.
@pytest.mark.parametrize(
    ("locale", "source", "translation"),
    [
        ("ja_JP", "1,500 yen off", "１，５００円引き"),  # full-width digits and comma
        ("hi_IN", "150,000 viewers", "1,50,000 दर्शक"),  # Indian grouping
        ("en_IN", "1,250,000 viewers", "12,50,000 viewers"),
        ("de_CH", "1,500 titles", "1’500 Titel"),  # Swiss grouping, typeset or typed
        ("de_CH", "1,500 titles", "1'500 Titel"),
        ("de_DE", "Ends at 11.30 pm", "Endet um 23.30 Uhr"),  # a 12-hour time, 24-hour clock
        ("fr_FR", "Ends at 11.30 pm", "Se termine à 23 h 30"),
    ],
)
def test_numbers_as_the_locale_writes_them_pass(locale, source, translation):
    policy = Policy(locale=locale)
    assert texts(check_numbers, source, translation, policy) == []
    assert texts(check_number_reading, source, translation, policy) == []


def test_a_wrong_number_in_those_writings_is_still_missing():
    found = texts(check_numbers, "150,000 viewers", "1,50,001 दर्शक", Policy(locale="hi_IN"))
    assert found == ["number 150000 of the source is missing (the translation has 150001)"]
    found = texts(check_numbers, "Ends at 11.30 pm", "Endet um 22.30 Uhr", Policy(locale="de_DE"))
    assert found == ["number 11 of the source is missing (the translation has 22)"]


# B4 (double spaces): a gap as the email shows it, a no-break space typed as a reference or an
# invisible mark between the spaces included; --fix keeps one space and the mark.
@pytest.mark.parametrize(
    ("locale", "translation", "near"),
    [
        ("fr_FR", "Salut&nbsp; toi", "'Salut\\xa0 toi'"),
        ("fr_FR", "Salut &nbsp;toi", "'Salut \\xa0toi'"),
        ("ar_SA", "Streamly \u200f Premium", "'Streamly \\u200f Premium'"),
    ],
)
def test_gaps_through_references_and_invisible_marks_are_found(locale, translation, near):
    found = texts(check_double_spaces, "Hi you", translation, Policy(locale=locale))
    assert found == [
        f"two or more spaces in a row at 1 place(s): {near} (the source text has none)"
    ]


def test_closing_a_gap_keeps_its_invisible_marks():
    text = "Streamly \u200f Premium \u200e\u200e  Standard"
    assert apply_edits(text, spaces_edits(text)) == "Streamly \u200fPremium \u200e\u200eStandard"
    for single in ("Streamly \u200fPremium", "Salut\u00a0toi", "Streamly\u200f Premium"):
        assert texts(check_double_spaces, "Hi you", single, Policy(locale="ar_SA")) == []
        assert spaces_edits(single) == []


# B4 (lookalikes): another form of a Latin letter in a word of Latin letters, same script or
# none, looks the same and searches as another word; a word of such forms alone is on purpose.
@pytest.mark.parametrize(
    ("translation", "found"),
    [
        ("Abonnｅz-vous", "'Abonnｅz' mixes forms: U+FF45 FULLWIDTH LATIN SMALL LETTER E for e"),
        ("Regardez 𝐒treamly", "'𝐒treamly' mixes forms: U+1D412 MATHEMATICAL BOLD CAPITAL S for S"),
        ("Regardez Streamⅼy", "'Streamⅼy' mixes forms: U+217C SMALL ROMAN NUMERAL FIFTY for l"),
        ("Regardez Str&#xFF45;amly", "'Strｅamly' mixes forms: U+FF45 FULLWIDTH LATIN SMALL "
         "LETTER E for e (typed as character references)"),
    ],
)  # fmt: skip
def test_another_form_of_a_latin_letter_in_a_word_is_named(translation, found):
    assert texts(check_lookalikes, "Watch", translation, Policy()) == [found]


@pytest.mark.parametrize(
    ("locale", "translation"),
    [
        ("ja_JP", "Ｓｔｒｅａｍｌｙで見る"),
        ("fr_FR", "Rocky Ⅳ, le 2ᵉ épisode, H₂O, 10 m², les ﬁlms"),
    ],
)
def test_words_written_in_one_other_form_pass(locale, translation):
    assert texts(check_lookalikes, "Watch", translation, Policy(locale=locale)) == []


def test_kept_phrases_are_read_per_policy_not_from_a_stale_one():
    """The words and numbers of keep_as_is and the protected terms are kept once per policy:
    each policy in turn gets its own."""
    named = Policy(locale="ru_RU", protected_terms=("Streamly",))
    bare = Policy(locale="ru_RU")
    titled = Policy(locale="fr_FR", keep_as_is=("1,000 Miles",))
    for _ in range(2):
        assert texts(check_lookalikes, "Watch now", "Смотрите на Streamlyе", named) == []
        assert len(texts(check_lookalikes, "Watch now", "Смотрите на Streamlyе", bare)) == 1
        source, translation = 'Watch "1,000 Miles".', "Regardez « 1,000 Miles »."
        assert texts(check_number_reading, source, translation, titled) == []
        assert (
            len(texts(check_number_reading, source, translation, titled.for_locale("de_DE"))) == 0
        )
        assert len(texts(check_number_reading, source, translation, Policy(locale="fr_FR"))) == 1


def test_a_conversion_stuck_to_a_word_is_a_value_not_a_latin_letter() -> None:
    """'%dновых фильмов' was refused: the d of %d read as a Latin letter in a Russian word."""
    policy = Policy(locale="ru_RU")
    for text in ("%dновых фильмов", "%(count)dновых фильмов", "%5.1fгб свободно"):
        assert list(check_lookalikes(Pair("%d new films", text, policy))) == [], text
    [finding] = check_lookalikes(Pair("%d new films", "%d нoвых фильмов", policy))
    assert finding.text == (
        "'нoвых' mixes scripts: U+006F LATIN SMALL LETTER O among Cyrillic letters"
    )
