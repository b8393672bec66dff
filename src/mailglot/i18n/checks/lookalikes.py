"""Letters from another script inside a word: Cyrillic "е" in "Strеamly", Latin "p" in a
Russian "пpемиум". Such a word looks right to every reviewer, yet search, the brand's spelling
and spam filters (to which it is a disguised word, as in phishing) see another word.

A word's letters are read by their Unicode Script property (the `regex` module's data, as
current as Unicode; the standard library has none). Common and Inherited characters (digits,
punctuation, ー, combining accents, ², ½) belong to every script and are skipped. What may mix
follows Unicode's "moderately restrictive" level (UTS #39, 5.2): Han, Hiragana, Katakana,
Hangul and Bopomofo separate words here, as the spaces Chinese, Japanese and Korean do not
write ("Streamlyプレミアム" is two words), and Latin may mix with one other recommended script
("Streamlyพรีเมียม", Hebrew "לStreamly") except the ones whose letters pass for Latin:
Cyrillic and Greek, and Armenian (օ, ս, ց) added here. A Latin name with an ending of the
language on it ("Streamlyнің") is a word of that language, not a lookalike.
A mixed word the source text has, or one of `l10n.keep_as_is`, is the brand's own spelling.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from functools import cache, lru_cache

import regex
from babel import Locale, UnknownLocaleError
from babel.core import get_global

from mailglot.i18n.checks.base import (
    Finding,
    Pair,
    decode_references,
    visible_text,
    without_links,
)

# UAX #31 table 5: the scripts in customary modern use (UTS #39 names them "recommended").
RECOMMENDED = frozenset(
    {
        "Arab", "Armn", "Beng", "Bopo", "Cyrl", "Deva", "Ethi", "Geor", "Grek", "Gujr",
        "Guru", "Hang", "Hani", "Hebr", "Hira", "Kana", "Khmr", "Knda", "Laoo", "Latn",
        "Mlym", "Mymr", "Orya", "Sinh", "Taml", "Telu", "Thaa", "Thai", "Tibt",
    }
)  # fmt: skip
PASS_FOR_LATIN = frozenset({"Cyrl", "Grek", "Armn"})
NO_SCRIPT = frozenset({"Zyyy", "Zinh", "Zzzz"})  # Common, Inherited, Unknown
# A word: letters, marks and digits, with the East Asian scripts splitting words (see above).
WORD = regex.compile(
    r"(?V1)[[\p{L}\p{M}\p{N}]--[\p{sc=Hani}\p{sc=Hira}\p{sc=Kana}\p{sc=Hang}\p{sc=Bopo}]]+"
)
LETTER = frozenset({"Lu", "Ll", "Lt", "Lm", "Lo", "Mn", "Mc", "Me"})
# A unit with the prefix micro typed with the Greek mu (the micro sign U+00B5 is the same
# letter to a reader): "10 μs", "5 μg".
MICRO_UNIT = regex.compile(r"\u03bc(?:s|g|m|l|L|A|V|W|F|Hz|mol|mAh|Wh)")
# Words named per entry, at most: a translation is text from outside, and one of 85 KB of mixed
# words printed 14,000 lines; the rest are counted in one more finding.
LISTED = 5


@cache
def _script_codes() -> tuple[str, ...]:
    """The ISO 15924 codes of the scripts CLDR names, the likely ones first: `script_of`
    tries them in this order (compiling all of them up front cost ~60 ms a process)."""
    first = ("Latn", "Cyrl", "Grek", "Zyyy", "Zinh", "Arab", "Hebr", "Hani", "Hira", "Kana")
    return (*first, *sorted(set(Locale("en").scripts) - set(first)))


@cache
def _is_in(code: str) -> regex.Pattern[str] | None:
    """A pattern matching a character of script `code`; None for a code that is no Unicode
    script (a variant such as Hans or Latf, or one not encoded)."""
    try:
        return regex.compile(rf"\p{{sc={code}}}")
    except regex.error:
        return None


@lru_cache(maxsize=16384)
def script_of(char: str) -> str:
    """The ISO 15924 code of a letter's script ("Latn"); "Zyyy" for what is no letter or mark,
    and for the Common and Inherited ones ("Zinh"), which belong to no one script."""
    if char.isascii():
        return "Latn" if char.isalpha() else "Zyyy"
    if unicodedata.category(char) not in LETTER:
        return "Zyyy"
    for code in _script_codes():
        pattern = _is_in(code)
        if pattern is not None and pattern.match(char):
            return code
    return "Zzzz"


def script_name(code: str) -> str:
    return str(Locale("en").scripts.get(code, code))


def may_mix(scripts: set[str]) -> bool:
    """Whether one word may hold letters of these scripts (East Asian ones split words)."""
    if len(scripts) <= 1:
        return True
    if len(scripts) > 2 or "Latn" not in scripts:
        return False
    (other,) = scripts - {"Latn"}
    return other in RECOMMENDED and other not in PASS_FOR_LATIN


# A %-conversion, named or not, stands for a value: `%dновых` is a count and a Russian word,
# not a word with a Latin "d" (a `%%` is a percent sign; a space flag is left out, as "50 %
# de" is text).
_CONVERSION = re.compile(
    r"%%|%(?:\([^)]*\))?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[hlL]?[diouxXeEfFgGcrsa]"
)


def _words(text: str) -> Iterator[str]:
    text = _CONVERSION.sub(lambda m: m[0] if m[0] == "%%" else " ", text)
    text = without_links(visible_text(decode_references(text)))
    if text.isascii() or _no_suspect(text):
        return
    yield from WORD.findall(text)


# Scripts whose letters never stand in a word (`WORD`): they split words.
SPLITTING = frozenset({"Hani", "Hira", "Kana", "Hang", "Bopo"})


def _no_suspect(text: str) -> bool:
    """Whether no word of `text` can be a suspect, judged from its distinct characters
    (`_harmless`). Most translations (French with its accents, Arabic with Latin names) are
    so, and are not cut into words at all."""
    return _harmless(frozenset("".join(NON_ASCII.findall(text))))


NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@lru_cache(maxsize=4096)
def _harmless(chars: frozenset[str]) -> bool:
    """Whether words made of ASCII and of `chars` are never suspects: every word's scripts are
    among these (Latin counted in, as ASCII letters may be there), and what may mix in a set
    of scripts may mix in any part of it; and no character is another form of an ASCII
    letter."""
    scripts = ({script_of(c) for c in chars} | {"Latn"}) - NO_SCRIPT - SPLITTING
    return may_mix(scripts) and not any(_other_form(c) for c in chars)


@lru_cache(maxsize=16384)
def _other_form(char: str) -> bool:
    """A character that is another form of an ASCII letter (`_other_forms`)."""
    return _ascii_letter(unicodedata.normalize("NFKC", char))


def _runs(word: str) -> list[tuple[str, str]]:
    """The word cut where its script changes: [(script, letters)], digits and marks kept
    with the letters before them."""
    runs: list[tuple[str, str]] = []
    for c in word:
        script = script_of(c)
        if runs and (script in NO_SCRIPT or script == runs[-1][0]):
            runs[-1] = (runs[-1][0], runs[-1][1] + c)
        elif script not in NO_SCRIPT:
            runs.append((script, c))
    return runs


# Per script that passes for Latin: the Latin letters with a twin in it, and its own letters
# that pass for lower-case Latin ones. A word made of such letters on both sides of the change
# of script is a slip of the keyboard layout, not a name with an ending ("Ceриалы", "Fridау").
LATIN_TWINS = {
    "Cyrl": frozenset("ABCEHIJKMOPSTXYacehijopsxy"),
    "Grek": frozenset("ABEHIKMNOPTXYZaiknopuvxy"),
    "Armn": frozenset("OSUghnoqu"),
}
PASS_AS_LATIN = {
    "Cyrl": frozenset("аеорсухіјѕһԁԛԝӏ"),
    "Grek": frozenset("αικνουχηρ"),
    "Armn": frozenset("օսցհոզ"),
}


def name_with_ending(word: str, script: str, known: frozenset[str] = frozenset()) -> bool:
    """A Latin name or acronym with an ending of the language written on it, as Kazakh,
    Kyrgyz, Tatar or Cyrillic Uzbek inflect one ("SMSлар", "Streamlyнің"): two runs, a Latin
    one of two or more letters, then lower-case letters of the locale's `script`. A `known`
    name (a word of the source, `keep_as_is` or the protected terms) takes any such ending
    (Russian "Streamlyе", Kazakh "mailмен"), and so does an acronym if the ending has two
    letters or more ("SMSлар"). Any other Latin run needs a capital, two letters of ending,
    and must not be made only of letters with a twin in `script`, nor its ending only of
    letters passing for Latin ones: such a word is one typed in the wrong keyboard layout
    ("Ceриалы", "Black Fridау"). A lookalike is one letter in a word of another script
    ("Strеamly", "Cмотрите")."""
    runs = _runs(word)
    if len(runs) != 2 or runs[0][0] != "Latn" or runs[1][0] != script:
        return False
    (_, name), (_, ending) = runs
    latin = [c for c in name if c.isalpha()]
    letters = [c for c in ending if c.isalpha()]
    if len(latin) < 2 or not letters or any(c.isupper() for c in letters):
        return False
    bare = "".join(latin)
    if name in known or bare in known:
        return True  # Russian "Streamlyе", Kazakh "mailмен" after the source's "mail"
    if len(letters) < 2 or not any(c.isupper() for c in latin):
        return False
    if bare.isupper():
        return True  # an acronym: "SMSлар", "PDFтің"
    twins, passing = LATIN_TWINS.get(script, frozenset()), PASS_AS_LATIN.get(script, frozenset())
    return not set(latin) <= twins and not set(letters) <= passing


def _mixed(text: str, script: str, known: frozenset[str] = frozenset()) -> list[str]:
    """The words mixing scripts, each once, in order."""
    return _kept(_suspects(text), script, known)


def _kept(suspects: list[tuple[str, bool]], script: str, known: frozenset[str]) -> list[str]:
    """The suspects that mix scripts for good: not a `known` name with an ending."""
    return [
        word
        for word, other_forms in suspects
        if other_forms or not name_with_ending(word, script, known)
    ]


def _suspects(text: str) -> list[tuple[str, bool]]:
    """(word, whether it mixes forms) for each word of the text that mixes scripts or forms,
    each once, in order (a dict: a list's `in` was quadratic). A word mixing scripts alone may
    still be a name with an ending (`_kept`)."""
    seen: dict[str, tuple[bool, bool]] = {}
    for word in _words(text):
        if not word.isascii() and word not in seen:
            seen[word] = _word_verdict(word)
    return [(word, other) for word, (mixes, other) in seen.items() if mixes or other]


@lru_cache(maxsize=16384)
def _word_verdict(word: str) -> tuple[bool, bool]:
    """(mixes scripts that may not mix, mixes forms) for one word, once per process: the same
    words come back in every entry of a catalog."""
    if MICRO_UNIT.fullmatch(word):
        return False, False
    scripts = {script_of(c) for c in word} - NO_SCRIPT
    return not may_mix(scripts), bool(_other_forms(word))


def _other_forms(word: str) -> list[str]:
    """Letters in a word of ASCII letters that are another form of an ASCII one: full-width
    ("Abonnｅz"), mathematical ("𝐒treamly"), a Roman numeral ("Streamⅼy"). Same script or
    none, they look the same and search as another word. A word of such forms alone (Japanese
    "Ｓｔｒｅａｍｌｙ", "Ⅳ", the French ordinal "2ᵉ") is written so on purpose."""
    if unicodedata.is_normalized("NFKC", word) or not any(
        c.isascii() and c.isalpha() for c in word
    ):
        return []
    return [c for c in word if not c.isascii() and _ascii_letter(unicodedata.normalize("NFKC", c))]


def _ascii_letter(text: str) -> bool:
    return len(text) == 1 and text.isascii() and text.isalpha()


def known_names(pair: Pair) -> frozenset[str]:
    """The Latin words a translation may put an ending on: the source's words, those of
    `keep_as_is` and of the protected terms."""
    kept = _kept_words((*pair.policy.keep_as_is, *pair.policy.protected_terms))
    return kept | _ascii_words(decode_references(pair.source))


@lru_cache(maxsize=64)
def _kept_words(phrases: tuple[str, ...]) -> frozenset[str]:
    """The words of the project's kept phrases, once per policy (a project may list 1,000)."""
    return frozenset(w for phrase in phrases for w in _ascii_words(phrase))


def _ascii_words(text: str) -> frozenset[str]:
    return frozenset(w for w in WORD.findall(text) if w.isascii())


@cache
def language_script(language: str) -> str:
    """The script a language is usually written in (CLDR's likely subtags: el -> Grek)."""
    likely = str(get_global("likely_subtags").get(language, ""))
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else ""


@cache
def locale_script(locale: str) -> str:
    """The script a locale is written in: the one its code names (uz_Cyrl_UZ, sr_Latn_RS, or
    gettext's sr_RS@latin), else its language's usual one (uz is Latin, sr Cyrillic)."""
    modifier = locale.partition("@")[2].lower()
    if modifier in ("latin", "cyrillic"):
        return "Latn" if modifier == "latin" else "Cyrl"
    try:
        parsed = Locale.parse(locale.partition("@")[0])
    except (ValueError, TypeError, UnknownLocaleError):
        return language_script(locale.split("_")[0].lower())
    return parsed.script or language_script(parsed.language)


def _main_script(word: str, own: str, text_scripts: Counter[str]) -> str:
    """The script most of the word's letters are in; on a tie, the locale's `own`, then the
    one most of the text's letters are in ("τo" in Greek text: the "o" is the odd one)."""
    counts = Counter(s for s in map(script_of, word) if s not in NO_SCRIPT)
    return max(counts, key=lambda s: (counts[s], s == own, text_scripts[s]))


def check_lookalikes(pair: Pair) -> Iterator[Finding]:
    """A word mixing scripts the source does not have: each letter outside the word's main
    script is named by code point and Unicode name, so a translator can find what to retype."""
    script = locale_script(pair.policy.locale)
    if decode_references(pair.translation).isascii():
        return  # most translations of a Latin-script project: no word can mix
    suspects = _suspects(pair.translation)
    if not suspects:
        return  # the source's words are read only for a translation with a suspect
    known = known_names(pair)
    mixed = _kept(suspects, script, known)
    if not mixed:
        return
    allowed = set(_mixed(pair.source, script, known)) | {
        w for phrase in pair.policy.keep_as_is for w in WORD.findall(phrase)
    }
    text_scripts = Counter(
        s
        for s in map(script_of, visible_text(decode_references(pair.translation)))
        if s not in NO_SCRIPT
    )
    reported = [word for word in mixed if word not in allowed]
    for word in reported[:LISTED]:
        main = _main_script(word, script, text_scripts)
        odd = dict.fromkeys(c for c in word if script_of(c) not in NO_SCRIPT | {main})
        typed = "" if word in pair.translation else " (typed as character references)"
        if not odd:
            forms = dict.fromkeys(_other_forms(word))
            shown = ", ".join(f"{_named(c)} for {unicodedata.normalize('NFKC', c)}" for c in forms)
            yield Finding("catalog.lookalikes", f"{word!r} mixes forms: {shown}{typed}")
            continue
        shown = ", ".join(map(_named, odd))
        yield Finding(
            "catalog.lookalikes",
            f"{word!r} mixes scripts: {shown} among {script_name(main)} letters{typed}",
        )
    if len(reported) > LISTED:
        yield Finding(
            "catalog.lookalikes", f"…and {len(reported) - LISTED} more words mixing scripts"
        )


def _named(char: str) -> str:
    return f"U+{ord(char):04X} {unicodedata.name(char, 'unnamed')}"
