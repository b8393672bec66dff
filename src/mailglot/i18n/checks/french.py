"""French punctuation spacing: a no-break space before `: ; ! ?` and inside `« »`, so the mark
never starts a line on a phone. Canadian French (fr_CA) spaces only `:` and `« »`.

The finding comes with edits (`spacing_edits`) that `mailglot l10n-status --fix` applies to
the `.po` file: a plain space becomes the right no-break space, a missing one is inserted.

A word joiner (U+2060) is not the space: it keeps the mark on the line but shows none
("Bonjour!"), and the invisible-character check refuses it; `--fix` replaces it with the right
no-break space. A `!` or `?` the source writes on the same word is part of a name (Yahoo!,
Jeopardy!) and stays on it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mailglot.i18n.checks.base import BRACE_FIELD, EMAIL, PERCENT_FIELD, TAG, URL, Finding, Pair

NBSP, NNBSP = "\u00a0", "\u202f"
WORD_JOINER = "\u2060"
NO_BREAK = {NBSP, NNBSP, "\u2007"}
_IN_NAMES = ".&'+-_"  # what a name may hold besides letters and digits (Yahoo!, AT&T?)
# Spans where a colon or a question mark is not prose: tags, URLs, addresses, placeholders,
# times (10:30), ratios and emoticons are never touched.
SKIP = re.compile(
    "|".join(p.pattern for p in (TAG, URL, EMAIL, BRACE_FIELD, PERCENT_FIELD))
    + r"|\d[:;]\d|[:;]-?[()DPp](?!\w)|&(?:amp;)*#?\w+;",
    re.I,
)


@dataclass(frozen=True)
class Edit:
    """Replace `length` characters at `start` of a msgstr with `text`."""

    start: int
    length: int
    text: str


def _skipped(text: str) -> list[range]:
    return [range(m.start(), m.end()) for m in SKIP.finditer(text)]


def _word_before(text: str, i: int) -> str:
    """The word the mark at `i` is written on, with no space between ("Yahoo" in "Yahoo!"):
    letters, digits and . & ' + - back from it, starting with a letter or digit."""
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] in _IN_NAMES):
        start -= 1
    while start < i and not text[start].isalnum():
        start += 1
    return text[start:i]


def _names(source: str) -> set[str]:
    """The words the source writes a `!` or `?` on, with the mark: {"Yahoo!"}."""
    out = set()
    for m in _NAME_MARK.finditer(source):
        i, c = m.start(), m.group(0)
        if word := _word_before(source, i):
            out.add(word + c)
    return out


_NAME_MARK = re.compile("[!?]")
# The characters `spacing_edits` may space (no other character of a text is looked at).
_SPACED = re.compile("[:;!?«»]")


def _space_before(text: str, i: int, space: str) -> Edit | None:
    """The edit putting `space` before the mark at `i`: a plain space or a word joiner before
    it is replaced (both, written together), else the space is inserted; None when a no-break
    space is already there and only a word joiner is extra (the invisible check's finding)."""
    before = text[i - 1]
    if before == WORD_JOINER:
        prior = text[i - 2] if i >= 2 else ""
        if prior in NO_BREAK:
            return None
        start = i - 2 if prior == " " else i - 1
        return Edit(start, i - start, space)
    return Edit(i - 1, 1, space) if before == " " else Edit(i, 0, space)


def spacing_edits(text: str, locale: str, source: str = "") -> list[Edit]:
    """The edits that space `text`'s marks; `source`: the source text (its msgid and
    msgid_plural), whose names keep their marks."""
    if not _SPACED.search(text):
        return []  # no mark to space: the text's tags and URLs need not be found
    marks = ":" if locale.startswith("fr_CA") else ":;!?"
    skipped = bytearray(len(text))  # 1 where a tag, URL, placeholder... is
    for r in _skipped(text):
        skipped[r.start : r.stop] = b"\x01" * len(r)
    names = _names(source) if source and ("!" in text or "?" in text) else set()
    edits = []
    for m in _SPACED.finditer(text):
        i, c = m.start(), m.group(0)
        if skipped[i]:
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if c in marks and before and before not in NO_BREAK:
            if before in marks or before in "!?":  # "?!" is one mark
                continue
            if after and not after.isspace() and after not in "»\"”’'.,;:!?":
                continue  # inside a token: HH:MM, [[HH:]MM:]ss, a:b
            if c in "!?" and names and _word_before(text, i) + c in names:
                continue  # a name's own mark (Yahoo!)
            edit = _space_before(text, i, NBSP if c == ":" else NNBSP)
            if edit is not None:
                edits.append(edit)
        elif c == "«" and i + 1 < len(text) and text[i + 1] not in NO_BREAK:
            edits.append(Edit(i + 1, 1 if text[i + 1] in (" ", WORD_JOINER) else 0, NBSP))
        elif c == "»" and before and before not in NO_BREAK:
            edit = _space_before(text, i, NBSP)
            if edit is not None:
                edits.append(edit)
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.text + text[e.start + e.length :]
    return text


def check_french_spacing(pair: Pair) -> Iterator[Finding]:
    if pair.policy.language != "fr":
        return
    source = " ".join(pair.plural_ids) if pair.plural_ids else pair.source
    edits = spacing_edits(pair.translation, pair.policy.locale, source)
    if edits:
        text = pair.translation
        near = [text[max(0, e.start - 8) : e.start + e.length + 1].strip() for e in edits[:3]]
        yield Finding(
            "catalog.french-spacing",
            f"no no-break space at {len(edits)} place(s): "
            + ", ".join(repr(n) for n in near)
            + ("..." if len(edits) > 3 else ""),
        )
