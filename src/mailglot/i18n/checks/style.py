"""Warnings about form, not meaning: line breaks, outer whitespace, doubled words, strings left
untranslated and end punctuation. The translation is used; the translator is told.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from itertools import pairwise

from mailglot.i18n.checks.base import Finding, Pair, visible_text, without_links

BREAKS = re.compile(r"\r\n|[\n\r\u2028\u2029\x85]")


def check_line_breaks(pair: Pair) -> Iterator[Finding]:
    """A subject or preheader is one line (a break the source lacks is refused as injection);
    elsewhere a translation keeps the source's count, which the text part shows as is."""
    src, dst = _breaks(pair.source), _breaks(pair.translation)
    if dst > src and (src == 0 or pair.is_header):
        return  # check_syntax refuses it: it would split a header
    if src != dst:
        yield Finding("catalog.line-breaks", f"{dst} line break(s), the source text has {src}")


def _breaks(text: str) -> int:
    if not any(c in text for c in "\n\r\u2028\u2029\x85"):
        return 0  # what every break is made of
    return len(BREAKS.findall(text))


def check_whitespace(pair: Pair) -> Iterator[Finding]:
    for side, s, t in (
        ("leading", pair.source[:1], pair.translation[:1]),
        ("trailing", pair.source[-1:], pair.translation[-1:]),
    ):
        if s.isspace() != t.isspace():
            what = "a space the source lacks" if t.isspace() else "no space, the source does"
            yield Finding("catalog.whitespace", f"{side} whitespace: the translation has {what}")


# Reflexive pronouns double in French ("nous nous retrouvons"), articles in German relative
# clauses ("die, die" is usually written with a comma, but "das das" is common in speech), and
# German "sie" as subject and object ("weil sie sie kennt").
LEGIT_DOUBLES = {"fr": {"nous", "vous"}, "de": {"die", "der", "das", "sie"}}
# Languages whose capital letters make another word: German writes the polite pronouns
# (Sie, Ihr, Ihnen) and nouns capitalised, so "wo Sie sie gelassen haben" is two words.
CASE_SENSITIVE = {"de"}
DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.I | re.U)


def _in_cluster(text: str, start: int, end: int) -> bool:
    marks = [text[i] for i in (start - 1, end) if 0 <= i < len(text)]
    return any(unicodedata.category(c).startswith("M") for c in marks)


def _other_case(text: str, m: re.Match[str]) -> bool:
    """Whether the two words differ in case for another reason than a sentence's capital
    ("wo Sie sie", not "Den den Film" at the start of a sentence)."""
    first, second = m.group(1), m.group(0)[-len(m.group(1)) :]
    if first == second:
        return False
    j = m.start() - 1
    while j >= 0 and text[j].isspace():  # back over the spaces before it, never further
        j -= 1
    starts_sentence = j < 0 or text[j] in '.!?…:"„“«»\ufffc'
    return not (starts_sentence and first[0].isupper() and first[1:] == second[1:])


def check_doubled_words(pair: Pair) -> Iterator[Finding]:
    text = visible_text(pair.translation)
    found = list(DOUBLED.finditer(text))
    if not found:
        return  # the source's doubled words are read only for a translation with one
    source = {m.group(1).lower() for m in DOUBLED.finditer(visible_text(pair.source))}
    allowed = LEGIT_DOUBLES.get(pair.policy.language, set()) | source
    for m in found:
        word = m.group(1)
        if _in_cluster(text, m.start(), m.end()):
            continue  # a syllable of an Indic word, cut by a combining mark `\w` does not cover
        if pair.policy.language in CASE_SENSITIVE and _other_case(text, m):
            continue
        if word.lower() not in allowed and not word.isdigit():
            yield Finding("catalog.doubled-words", f"doubled word: {m.group(0)!r}")


def _words_left(text: str, keep: tuple[str, ...]) -> bool:
    """Whether a word remains once `keep_as_is` phrases, URLs, placeholders and acronyms or
    codes (URL, KB, IPv4: no two lowercase letters in a row) are taken out."""
    text = without_links(visible_text(text))
    for phrase in keep:
        text = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", text, flags=re.I)
    return any(_is_word(w) for w in re.findall(r"\w+", text))


def _is_word(token: str) -> bool:
    return any(a.islower() and b.islower() for a, b in pairwise(token))


def check_unchanged(pair: Pair) -> Iterator[Finding]:
    """Same as the source: often a string pasted and never translated. Same-language variants
    (en_GB from en_US) and strings made only of `l10n.keep_as_is` words are skipped."""
    policy = pair.policy
    if policy.language == policy.source_locale.split("_")[0].lower():
        return
    if pair.translation.strip() != pair.source.strip():
        return
    if _words_left(pair.source, policy.keep_as_is):
        yield Finding("catalog.unchanged", "translation is the same as the source text")


# What each end punctuation means, whatever script writes it.
END = {
    ".": ".", "。": ".", "｡": ".", "۔": ".", "।": ".",
    "!": "!", "！": "!", "¡": "!",
    "?": "?", "？": "?", "؟": "?", ";": ";", "；": ";", "؛": ";",
    ":": ":", "：": ":", "…": "…",
}  # fmt: skip
TRAILING_MARKUP = re.compile(r"(?:<[^<>]*>|&#?\w+;)+$")
CLOSERS = "\"'»”’)]）」』>"


def _end(text: str, language: str) -> str:
    text = text.rstrip()
    if text.endswith((">", ";")):  # how a tag or reference ends: the pattern is tried anywhere
        text = TRAILING_MARKUP.sub("", text)
    text = text.rstrip().rstrip(CLOSERS).rstrip()
    if text.endswith("..."):
        return "…"
    mark = END.get(text[-1:], "") if text else ""
    if language == "el" and text.endswith(";"):
        return "?"  # the Greek question mark is the semicolon
    return mark


def check_end_punctuation(pair: Pair) -> Iterator[Finding]:
    """End punctuation added or dropped, read per script: `。` is a full stop, `؟` a question
    mark. Japanese and Chinese may drop a full stop after a short phrase without a warning."""
    language = pair.policy.language
    src, dst = _end(pair.source, "en"), _end(pair.translation, language)
    if src == dst:
        return
    if language in ("ja", "zh") and {src, dst} <= {".", ""}:
        return
    shown = {"": "none"}
    yield Finding(
        "catalog.end-punctuation",
        f"ends with {shown.get(dst, repr(dst))}, the source text with {shown.get(src, repr(src))}",
    )
