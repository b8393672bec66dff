"""Characters no reader sees: zero-width spaces and joiners, bidi controls and marks, line
separators. Invisible in the editor, they split words for search and spam filters, and an
override (U+202E) reverses a subject; a translation may add only those its language writes.

Only the characters that may be reported are visited (`MAY_HIDE` finds them): a loop over
every character of every translation was a tenth of what a catalog's checks cost.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from mailglot.i18n.checks.base import Finding, Pair
from mailglot.i18n.locales import RTL_LANGUAGES

ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u180e"}
BIDI = {chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))}
RTL_MARKS = {"\u200e", "\u200f", "\u061c"}  # LRM, RLM, ALM: what RTL text legitimately adds
# Languages that write ZWNJ/ZWJ inside words (Persian, Indic scripts), and those written
# without spaces that mark word boundaries with a zero-width space (Khmer, Thai, Lao, Burmese).
JOINER_LANGUAGES = {"fa", "ur", "ps", "ckb", "hi", "bn", "mr", "ne", "ta", "te", "kn", "ml", "gu"}
ZWSP_LANGUAGES = {"km", "th", "lo", "my", "bo", "dz"}


ISOLATES = {"\u2066", "\u2067", "\u2068"}  # LRI, RLI, FSI: each closed by a PDI
PDI = "\u2069"
LINE_SEPARATORS = {"\u2028", "\u2029"}


# Every character `_invisible` may report: a text without any has none to report.
MAY_HIDE = re.compile(
    "[" + "".join(sorted(ZERO_WIDTH | BIDI | RTL_MARKS | LINE_SEPARATORS | ISOLATES | {PDI})) + "]"
)


def _balanced_isolates(text: str) -> set[int]:
    """Where the isolates closed in order are (LRI/RLI/FSI ... PDI, nested or not): Unicode's
    recommended way to keep a name or number in the other direction from reordering the
    sentence around it (`\u2068{first_name}\u2069، ...` in Arabic). An isolate never closed,
    or a PDI closing none, is not among them."""
    opened: list[int] = []
    balanced: set[int] = set()
    for m in ISOLATE_OR_PDI.finditer(text):
        i, c = m.start(), m.group(0)
        if c in ISOLATES:
            opened.append(i)
        elif opened:  # a PDI
            balanced |= {opened.pop(), i}
    return balanced


ISOLATE_OR_PDI = re.compile("[" + "".join(sorted(ISOLATES)) + PDI + "]")


def _invisible(text: str, language: str) -> Counter[str]:
    """The characters of `text` no reader sees that the language does not write, counted in
    the order they first appear (only the characters `MAY_HIDE` finds are looked at: the
    others are never reported)."""
    out: Counter[str] = Counter()
    if not MAY_HIDE.search(text):
        return out
    balanced = _balanced_isolates(text)
    for m in MAY_HIDE.finditer(text):
        i, c = m.start(), m.group(0)
        if i in balanced:
            continue
        if c in RTL_MARKS and language in RTL_LANGUAGES:
            continue
        if c in {"\u200c", "\u200d"} and language in JOINER_LANGUAGES:
            continue
        if c == "\u200b" and language in ZWSP_LANGUAGES:
            continue
        if c == "\u200d" and i and unicodedata.category(text[i - 1]) in ("So", "Sk", "Mn"):
            continue  # an emoji sequence (👩‍💻)
        if c in ZERO_WIDTH or c in BIDI or c in RTL_MARKS or c in LINE_SEPARATORS:
            out[c] += 1
    return out


def check_invisible(pair: Pair) -> Iterator[Finding]:
    """Zero-width and bidi control characters the source lacks: invisible in the editor, they
    split words for search and spam filters, and an override (U+202E) reverses a subject.
    Isolates closed in order are allowed in every locale (one left open, or a PDI closing none,
    is not); U+2028/U+2029 are refused (a line break some clients show and others do not, often
    pasted from a word processor), like a line break the source lacks."""
    if not MAY_HIDE.search(pair.translation):
        return  # nothing the translation could add
    found = _invisible(pair.translation, pair.policy.language) - _invisible(
        pair.source, pair.policy.language
    )
    if not found:
        return
    separators = [c for c in found if c in LINE_SEPARATORS]
    others = [c for c in found if c not in LINE_SEPARATORS]
    if others:
        yield Finding(
            "catalog.invisible", f"invisible characters not in the source: {_names(others)}"
        )
    if separators:
        yield Finding(
            "catalog.invisible",
            "line separators not in the source (a line break some email clients show and "
            "others ignore, often pasted from a word processor; write a space): "
            f"{_names(separators)}",
        )


def _names(chars: list[str]) -> str:
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'control')}" for c in chars)
