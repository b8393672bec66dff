"""Protected terms: brand and product names a translation keeps exactly as the source writes
them (`l10n.protected_terms`; the brand's name when a project lists none).

A name respelled ("Streamli"), re-cased ("STREAMLY"), translated ("Premio") or dropped reads
as carelessness in one market and breaks what readers search for, and no other check sees it:
the sentence is still well formed. Peers call it a glossary of non-translatable terms.

How a term is found, in the words a reader sees (tags, placeholders, URLs and addresses taken
out, character references decoded, invisible format characters such as bidi isolates and soft
hyphens dropped, so an Arabic translation may isolate a Latin name):
- case-sensitive, the term as listed; where the source writes it in capitals (a shouted
  headline) the translation may too;
- as a whole word of its own script: a letter of the same script right before or after makes
  another word ("Streamlyfan"), while Japanese "Premiumが" and Arabic "وPremium" attach the
  name to words of another script as those languages write it. German's genitive `s` on a name
  ("Streamlys neue Serien") is that name; other languages inflect with an apostrophe or a
  hyphen, which end a word anyway;
- at least as often as in the source: a translation may repeat the name where English says
  "it", but not lose one;
- or as the project spells it for the locale or its language (`{Premium: {ja: プレミアム}}`); a
  spelling in a script that does not space its words, or attaches particles to a name
  (Japanese, Chinese, Thai, Korean, Arabic, Hebrew), is found inside a longer word.

A warning, not an error: an error would swap the whole sentence for the source text, English
in a German email, which is worse for the reader than a misspelt name, and a market that
writes a name its own way accepts it per entry with `# mailglot-accept: catalog.terms`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterator
from difflib import SequenceMatcher
from functools import cache, lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from mailglot.i18n.checks.base import (
    BRACE_FIELD,
    PERCENT_FIELD,
    TAG,
    Finding,
    Pair,
    Policy,
    without_links,
)
from mailglot.i18n.locales import babel_locale_code

CODE = "catalog.terms"
# Suffixes a language writes straight onto a name and that leave the name itself intact: the
# genitive s of German and the Scandinavian languages ("Streamlys nya serier").
NAME_SUFFIXES = {lang: ("s",) for lang in ("de", "sv", "da", "nb", "nn", "no")}
# Languages that inflect a name with case endings written onto it, whatever they are: Finnish
# "Streamlyssä", Hungarian "Streamlyn", Estonian "Streamlys".
INFLECTS_NAMES = frozenset({"fi", "hu", "et"})
# Languages that couple a multi-word name into a compound with hyphens: German
# "Streamly-Kids-Profil" holds "Streamly Kids".
HYPHEN_COUPLED = frozenset({"de"})
# Scripts whose words are not spaced apart (Chinese, Japanese, Thai...) or that attach particles
# to a name (Arabic "والبريميوم", Hebrew, Korean): a term spelt in them is found in any word.
UNSPACED = frozenset(
    {
        "CJK",
        "HIRAGANA",
        "KATAKANA",
        "HALFWIDTH",
        "HANGUL",
        "THAI",
        "LAO",
        "KHMER",
        "MYANMAR",
        "TIBETAN",
        "ARABIC",
        "HEBREW",
    }
)
CLOSE = 0.75  # SequenceMatcher ratio from which another word is named as the term's misspelling
SHOWN = 3  # close words named in a message, at most
COMPARED = 1000  # words compared with a missing term, at most
_WORD = re.compile(r"\w+")
_HYPHEN = re.compile("[-\u2010\u2011]")


def check_terms(pair: Pair) -> Iterator[Finding]:
    terms = pair.policy.protected_terms
    if not terms:
        return
    source = reading(pair.source)
    source_language = pair.policy.source_locale.split("_")[0].lower()
    translation = None
    for term in _listed(terms):
        exact, upper = occurrences(source, term, source_language)
        need = exact + upper
        if not need:
            continue
        if translation is None:
            translation = reading(pair.translation)
        has_exact, has_upper = occurrences(translation, term, pair.policy.language)
        have = has_exact + min(has_upper, upper)
        spelled = [_nfc(s) for s in spellings(pair.policy, term)]
        have += sum(sum(occurrences(translation, s, pair.policy.language)) for s in spelled)
        if have < need:
            close = list(
                dict.fromkeys(w for t in (term, *spelled) for w in close_words(translation, t))
            )
            yield Finding(CODE, _message(term, spelled, have, need, close))


def spellings(policy: Policy, term: str) -> list[str]:
    """What the locale writes instead of `term` (`{Premium: {ja: プレミアム}}`): the spellings
    given for its locale, then for its language."""
    given = [(key, spelling) for name, key, spelling in policy.term_spellings if _nfc(name) == term]
    if not given:
        return []
    ranked = [(_covers(key, policy.locale), spelling) for key, spelling in given]
    return [spelling for rank, spelling in sorted(ranked, key=lambda r: -r[0]) if rank]


@lru_cache(maxsize=1024)
def _covers(key: str, locale: str) -> int:
    """How closely a spelling's language or locale `key` names `locale`: 0 not at all, else
    1 + the subtags it gives beyond the language. Scripts are compared as CLDR completes
    them, on both sides: zh_Hant_TW and zh_Hant name the zh_TW locale, zh_Hans does not,
    and a language names only the locales written in its usual script (`sr`, Cyrillic, not
    sr_Latn_RS). gettext's script modifier is that script: `sr_RS@latin` is sr_Latn_RS (Babel
    alone reads it as sr_RS, Cyrillic, so a Latin spelling keyed `sr_RS@latin` was advised
    for sr_RS, and the Cyrillic one keyed `sr` for sr_RS@latin)."""
    if key == locale:
        return 9
    try:
        given, wanted = _parsed(key), _parsed(locale)
    except (ValueError, TypeError, KeyError, UnknownLocaleError):
        return 1 if key == locale.split("_")[0].lower() else 0
    same = (
        given.language == wanted.language
        and given.territory in (None, wanted.territory)
        and _written_in(given) == _written_in(wanted)
    )
    return 1 + (given.territory is not None) + (given.script is not None) if same else 0


def _parsed(code: str) -> Locale:
    return Locale.parse(babel_locale_code(code))


def _written_in(locale: Locale) -> str | None:
    """The locale's script, or the one CLDR's likely subtags give its language (de: Latn)."""
    if locale.script:
        return locale.script
    likely = str(get_global("likely_subtags").get(locale.language, "")).split("_")
    return likely[1] if len(likely) > 2 else None


def _message(term: str, spelled: list[str], have: int, need: int, close: list[str]) -> str:
    name = " or ".join(map(repr, [term, *spelled]))
    if have == 0:
        text = f"{name} is missing"
    else:
        text = f"{name} is missing {need - have} of the {need} times the source text has it"
    if close:
        text += f" (the translation has {', '.join(map(repr, close))})"
    return text


def reading(text: str) -> str:
    """The words a reader sees, as the term is looked for in them. A tag becomes a space (a
    `<br>` between two words separates them), a placeholder an object character (a name a
    placeholder fills is not the term, and it is no space either)."""
    if "<" in text:  # each pattern runs only on a text holding what its matches start with
        text = TAG.sub(" ", text)
    if "{" in text:
        text = BRACE_FIELD.sub("\ufffc", text)
    if "%" in text:
        text = PERCENT_FIELD.sub("\ufffc", text)
    text = without_links(text)
    text = html.unescape(text)
    return _nfc(_without_format(text))


def _without_format(text: str) -> str:
    """`text` without its invisible format characters (Unicode category Cf), each character
    judged once per text, not once per occurrence (a Python loop over every character cost
    more than the rest of the check)."""
    if text.isprintable():
        return text  # no format character is printable
    found = "".join(sorted(c for c in set(text) if unicodedata.category(c) == "Cf"))
    return re.sub(f"[{re.escape(found)}]", "", text) if found else text


@cache
def _pattern(term: str, coupled: bool = False) -> re.Pattern[str]:
    """The term as listed or in capitals, any run of spaces (a no-break one too) between its
    words, or a hyphen where the language couples them. Kept for the process, one per term and
    spelling of the configuration (a bounded cache smaller than a project's list recompiled
    every pattern for every string)."""
    forms = dict.fromkeys([term, term.upper()])
    gap = r"(?:\s+|[-\u2010\u2011])" if coupled else r"\s+"
    spelled = [gap.join(map(re.escape, form.split())) for form in forms]
    return re.compile("|".join(f"(?:{s})" for s in spelled))


def occurrences(text: str, term: str, language: str) -> tuple[int, int]:
    """(as listed, in capitals) times `term` stands as a word of its own in `text`."""
    # an all-capitals term ("HBO") has one form
    upper_form = None if term.upper() == term else " ".join(term.upper().split())
    exact = upper = 0
    if not _may_occur(text, term):
        return exact, upper
    for m in _pattern(term, language in HYPHEN_COUPLED).finditer(text):
        if not _whole(text, m.start(), m.end(), language):
            continue
        if upper_form is not None and " ".join(_HYPHEN.sub(" ", m.group(0)).split()) == upper_form:
            upper += 1
        else:
            exact += 1
    return exact, upper


@lru_cache(maxsize=64)
def _listed(terms: tuple[str, ...]) -> tuple[str, ...]:
    """The project's terms in NFC, as the text is read; once per policy, not per string."""
    return tuple(map(_nfc, terms))


@cache
def _first_word(term: str) -> tuple[str, str]:
    first = term.split(maxsplit=1)[0]
    return first, first.upper()


def _may_occur(text: str, term: str) -> bool:
    """Whether the term's first word is in the text, as listed or in capitals: a substring
    search, so a project of 1,000 terms runs one pattern per term a string may hold, not 1,000."""
    first, upper = _first_word(term)
    return first in text or upper in text


def _whole(text: str, start: int, end: int, language: str) -> bool:
    """Whether the match stands as a word of its own, or as the name with an ending the
    language writes onto names (`NAME_SUFFIXES`, `INFLECTS_NAMES`)."""
    if start > 0 and _continues(text[start - 1], text[start]):
        return False
    if end >= len(text) or not _continues(text[end], text[end - 1]):
        return True
    stop = end
    while stop < len(text) and text[stop].isalpha() and _continues(text[stop], text[end - 1]):
        stop += 1
    ending = text[end:stop]
    if not ending.islower() or (stop < len(text) and _continues(text[stop], text[stop - 1])):
        return False  # a combining mark, a capital or a digit: another word
    return ending in NAME_SUFFIXES.get(language, ()) or language in INFLECTS_NAMES


def _continues(char: str, edge: str) -> bool:
    """Whether `char` next to the term's `edge` character makes one word with it: a combining
    mark, or a letter or digit of the same script, in a script that spaces its words."""
    if not edge.isalnum() or _script(edge) in UNSPACED:
        return False  # a term ending in '+' or '.' ends there
    if unicodedata.category(char).startswith("M"):
        return True
    return char.isalnum() and _script(char) == _script(edge)


@lru_cache(maxsize=4096)
def _script(char: str) -> str:
    """The script a character's Unicode name starts with (LATIN, CYRILLIC, ARABIC, HIRAGANA,
    CJK, DIGIT...): enough to tell a Latin name's letters from the Japanese around it."""
    if char.isdigit():
        return "DIGIT"
    return unicodedata.name(char, "?").split(" ", 1)[0]


def close_words(text: str, term: str) -> list[str]:
    """Words of the translation that look like a mistyped, re-cased, translated or extended
    `term` ("Streamli", "STREAMLY", "Premio", "Streamlyfan"), in order, each once. Only words
    of a length that could match are compared, at most `COMPARED` of them: a translation is
    text from outside, and one of 100 KB is 20,000 words."""
    words = _tokens(text)
    size = len(term.split())
    key = _key(term)
    shortest = len(key) * CLOSE / (2 - CLOSE)  # shorter, no ratio reaches CLOSE
    out: dict[str, None] = {}
    compared = 0
    for i in range(len(words) - size + 1):
        shown = " ".join(words[i : i + size])
        if shown == term or shown in out or not shortest <= len(shown) <= 3 * len(term) + 8:
            continue
        candidate = _key(shown)
        if key in candidate or _similar(key, candidate):
            out[shown] = None
            if len(out) == SHOWN:
                break
        compared += 1
        if compared == COMPARED:
            break
    return list(out)


def _tokens(text: str) -> list[str]:
    """Words, each cut where its script changes ("Streamliが" is "Streamli" and "が")."""
    out = []
    for m in _WORD.finditer(text):
        word = m.group(0)
        start = 0
        for i in range(1, len(word)):
            if _script(word[i]) != _script(word[i - 1]) and not unicodedata.category(
                word[i]
            ).startswith("M"):
                out.append(word[start:i])
                start = i
        out.append(word[start:])
    return out


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _key(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def _similar(a: str, b: str) -> bool:
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return (
        matcher.real_quick_ratio() >= CLOSE
        and matcher.quick_ratio() >= CLOSE
        and matcher.ratio() >= CLOSE
    )
