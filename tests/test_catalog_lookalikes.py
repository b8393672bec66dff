"""catalog.lookalikes: a letter of another script inside a word ("Strеamly" with a Cyrillic е,
"пpемиум" with a Latin p) is refused, named by code point and Unicode name, and the email
shows the source text; real text that mixes scripts the way its language writes (Japanese
kana next to a Latin brand, Arabic with a Latin name, French with no-break spaces, Ⅳ, ², ｱ)
passes. Each case edits the example's real catalogs, or writes a real .po file."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.i18n.catalogs import load_locale_catalog
from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.lookalikes import check_lookalikes

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
JA = "locales/ja_JP/LC_MESSAGES/messages.po"
AR = "locales/ar_SA/LC_MESSAGES/messages.po"
PREMIUM_FR = "Profitez de 12 mois de Streamly Premium pour %(price)s au lieu de %(regular)s."
CYRILLIC_E = "\u0435"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def line_of(project: Path, rel: str, needle: str) -> int:
    text = (project / rel).read_text(encoding="utf-8")
    return text[: text.index(needle)].count("\n") + 1


def findings(output: str, rel: str, code: str = "catalog.lookalikes") -> list[str]:
    """The lines `l10n-status` prints for `rel` with `code` (a refused string may also fail
    other checks, whose findings are theirs to test)."""
    return [
        line
        for line in output.splitlines()
        if line.startswith(f"{rel}:") and line.endswith(f"{code}]")
    ]


def test_a_cyrillic_letter_in_a_brand_is_refused_and_the_email_shows_the_source(example, cli):
    edit(example, FR, PREMIUM_FR, PREMIUM_FR.replace("Streamly", f"Str{CYRILLIC_E}amly"))
    line = line_of(example, FR, 'msgid "Get 12 months of Streamly Premium')
    result = cli(example, "l10n-status")
    assert result.exit_code == 1, result.output
    assert findings(result.output, FR) == [
        f"{FR}:{line}: 'Get 12 months of Streamly Premium for %(price)s...': "
        f"'Str{CYRILLIC_E}amly' mixes scripts: U+0435 CYRILLIC SMALL LETTER IE among Latin "
        "letters; the source text is used [error: catalog.lookalikes]"
    ]
    built = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "fr_FR"
    )
    assert "catalog.lookalikes" in built.output
    html = (example / "build/black_friday/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Get 12 months of Streamly Premium for" in html
    assert f"Str{CYRILLIC_E}amly" not in html and "Profitez de 12 mois" not in html


def test_a_greek_omicron_in_a_word_of_a_japanese_string_is_named(example, cli):
    old = 'msgstr "Streamly Premium 12か月分が、通常%(regular)sのところ%(price)sに。"'
    edit(example, JA, old, old.replace("Premium 12", "Premi\u03bfumの12"))
    line = line_of(example, JA, 'msgid "Get 12 months of Streamly Premium')
    result = cli(example, "l10n-status")
    assert findings(result.output, JA) == [
        f"{JA}:{line}: 'Get 12 months of Streamly Premium for %(price)s...': "
        "'Premi\u03bfum' mixes scripts: U+03BF GREEK SMALL LETTER OMICRON among Latin letters; "
        "the source text is used [error: catalog.lookalikes]"
    ]


def test_japanese_and_arabic_with_latin_names_and_french_spacing_are_used(example, cli):
    # Latin brand names written against kana (no space), full-width Latin, a Roman numeral
    # and half-width katakana; Arabic with a Latin name after the kashida; French no-break
    # spaces and superscript ordinals.
    edit(
        example,
        JA,
        'msgstr "Premiumが12か月分おトクに。ブラックフライデー当日23:59まで。"',
        'msgstr "Ｐｒｅｍｉｕｍが12か月分おトクに。Ⅳ期ｾｰﾙ、ブラックフライデー当日23:59まで。"',
    )
    edit(
        example,
        AR,
        'msgstr "12 شهرًا من Premium بسعر أقل. ينتهي العرض بنهاية يوم الجمعة البيضاء."',
        'msgstr "12 شهرًا من بـPremium بسعر أقل. ينتهي العرض بنهاية يوم الجمعة البيضاء."',
    )
    edit(
        example,
        FR,
        'msgstr "12 mois de Premium à prix réduit. Offre valable jusqu\'au Black Friday à minuit."',
        "msgstr \"12\u00a0mois de Premium à prix réduit, le 2ᵉ\u202f! Offre valable jusqu'au "
        'Black Friday à minuit."',
    )
    result = cli(example, "l10n-status")
    assert result.exit_code == 0, result.output
    assert "catalog.lookalikes" not in result.output


def write_po(root: Path, locale: str, msgid: str, msgstr: str, comment: str = "") -> None:
    path = root / "locales" / locale / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n'
        f'"Language: {locale}\\n"\n\n{comment}msgid "{msgid}"\nmsgstr "{msgstr}"\n',
        encoding="utf-8",
    )


def screened(root: Path, locale: str) -> list[tuple[int | None, str, str]]:
    catalog = load_locale_catalog(root, locale, "en_US", Policy(locale=locale))
    return [(d.line, d.severity, d.message) for d in catalog.diagnostics]


def test_latin_letters_in_a_russian_word_are_refused(tmp_path: Path) -> None:
    write_po(
        tmp_path, "ru_RU", "Premium for a year", "\u041fp\u0435\u043c\u0438\u0443\u043c на год"
    )
    assert screened(tmp_path, "ru_RU") == [
        (
            6,
            "error",
            "'Premium for a year': 'Пpемиум' mixes scripts: U+0070 LATIN SMALL LETTER P among "
            "Cyrillic letters; the source text is used",
        )
    ]


def test_a_mixed_word_the_source_has_and_an_accepted_one_pass(tmp_path: Path) -> None:
    write_po(tmp_path, "ru_RU", "Watch ΣTREAM now", "Смотрите ΣTREAM сейчас")
    assert screened(tmp_path, "ru_RU") == []
    write_po(
        tmp_path,
        "fr_FR",
        "Watch now",
        "Regardez Ωmega",
        comment="# mailglot-accept: catalog.lookalikes\n",
    )
    assert screened(tmp_path, "fr_FR") == []


@pytest.mark.parametrize(
    ("locale", "text", "found"),
    [
        ("fr_FR", "Passez à Premіum", "'Premіum' mixes scripts: U+0456 CYRILLIC SMALL LETTER "
         "BYELORUSSIAN-UKRAINIAN I among Latin letters"),
        ("ja_JP", "Strеamlyのプラン", "'Strеamly' mixes scripts: U+0435 CYRILLIC SMALL LETTER "
         "IE among Latin letters"),
        ("ru_RU", "Cмотрите", "'Cмотрите' mixes scripts: U+0043 LATIN CAPITAL LETTER C among "
         "Cyrillic letters"),
        ("el_GR", "Δείτε τo Streamly", "'τo' mixes scripts: U+006F LATIN SMALL LETTER O among "
         "Greek letters"),
        ("en_GB", "Watch Streamlу", "'Streamlу' mixes scripts: U+0443 CYRILLIC SMALL LETTER U "
         "among Latin letters"),
        # a Latin M in the Bulgarian unit "МБ"; Thai letters typed into a Khmer word ("watch
        # new films", with Thai ภา for Khmer ភា: the two scripts' letters look alike)
        ("bg_BG", "Изтеглянето заема 350 MБ", "'MБ' mixes scripts: U+004D LATIN CAPITAL "
         "LETTER M among Cyrillic letters"),
        ("km_KH", "មើលภาពយន្តថ្មីៗ", "'មើលภาពយន្តថ្មីៗ' mixes scripts: U+0E20 THAI CHARACTER "
         "PHO SAMPHAO, U+0E32 THAI CHARACTER SARA AA among Khmer letters"),
        # an ending written on a Latin name is Cyrillic, but a French text's is not French
        ("fr_FR", "Votre Streamlyом", "'Streamlyом' mixes scripts: U+043E CYRILLIC SMALL LETTER "
         "O, U+043C CYRILLIC SMALL LETTER EM among Latin letters"),
    ],
)  # fmt: skip
def test_each_odd_letter_is_named_among_the_words_script(locale, text, found) -> None:
    assert [f.text for f in check_lookalikes(Pair("Watch", text, Policy(locale=locale)))] == [found]


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("ja_JP", "Streamlyプレミアムで4K作品をお楽しみください"),  # Latin + kana + Han, no spaces
        ("ja_JP", "Ｓｔｒｅａｍｌｙ、ﾌﾟﾚﾐｱﾑ、ファイナルファンタジーⅣ、Tシャツ、ー"),
        ("zh_CN", "卡拉OK和Streamly会员"),
        ("ko_KR", "K팝과 Streamly프리미엄"),
        ("ar_SA", "استمتع بـStreamly الآن، ١٢ شهرًا"),
        ("he_IL", "הירשמו לStreamly היום"),
        ("th_TH", "ดูStreamlyพรีเมียม"),
        ("ru_RU", "Смотрите Streamly-ТВ и 4K-фильмы, уже 2-й сезон"),
        ("uk_UA", "Дивіться п\u02bcять серій"),  # the Ukrainian apostrophe is Common
        # an ending on a Latin name: Kazakh genitive and dative, Tatar locative and dative
        ("kk_KZ", "Streamlyнің жаңа сериалдары, Premiumға жазылыңыз"),
        ("tt_RU", "Streamlyдә яңа сериаллар, Premiumга язылыгыз"),
        ("fr_FR", "Le 2ᵉ épisode, 10\u202fµg, x², Ⅳ, naïve\u00a0!"),
        ("fr_FR", "Déjà vu, cafe\u0301"),  # a combining accent is Inherited
        ("de_DE", "Straße, Ärger, Œuvre"),
        ("vi_VN", "Xem phim ở Streamly"),
        ("fr_FR", '<a href="https://str\u0435amly.example">ici</a> {first_name}'),
    ],
)
def test_text_mixing_scripts_as_its_language_writes_passes(locale, text) -> None:
    assert list(check_lookalikes(Pair("Watch", text, Policy(locale=locale)))) == []
