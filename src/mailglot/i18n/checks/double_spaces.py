"""Two spaces in a row inside a translation, where the source has fewer such gaps (Translate
Toolkit's `doublespacing`): a slip of the keyboard that a subject line, a preheader and the
plain-text part show as a gap, and that HTML hides only when both are plain spaces.

Every space character counts, so a plain space next to a no-break one ("Prêt \u202f!" after
typing the French no-break space without deleting the space) is found: it shows as a wide
gap, and on a phone the mark can still wrap away from its word at the plain space. Spaces at
the start or end of a line are left alone: the start and end of the string are
`catalog.whitespace`'s, and a line's indentation in a multi-line text is layout.

`spaces_edits` says how `mailglot l10n-status --fix` closes each gap: one space is kept, the
no-break one if the gap has one (French typography's), else the first that is not a tab.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from mailglot.i18n.checks.base import Finding, Pair, decode_references
from mailglot.i18n.checks.french import NO_BREAK, Edit

# Space separators (Unicode category Zs) and the tab; not line breaks.
SPACE = "\t \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000"
# Invisible marks a gap may hold between its spaces (LRM, RLM, ALM, zero-width space, word
# joiner): "Streamly \u200f Premium" in Arabic still shows two spaces.
MARKS = "\u200e\u200f\u061c\u200b\u2060"
TABBED = frozenset("\t" + MARKS)  # not kept as a gap's space
# A gap of two or more spaces with a visible character on each side on the same line.
GAP = re.compile(rf"(?<=[^\s])[{SPACE}](?:[{MARKS}]*[{SPACE}])+(?=[^\s])")


# Two spaces with only marks between them: what every gap holds. Starting with a space, it
# is searched for quickly, where GAP (starting with a lookbehind) is tried at every character.
MAY_GAP = re.compile(rf"[{SPACE}][{MARKS}]*[{SPACE}]")


def _gaps(text: str) -> list[re.Match[str]]:
    if not MAY_GAP.search(text):
        return []
    return list(GAP.finditer(text))


def spaces_edits(text: str) -> list[Edit]:
    """The edits leaving one space in each gap: the gap's no-break space if it has one, else
    its first space that is not a tab (a tab typed into a sentence is a slip too), then the
    gap's invisible marks (an Arabic RLM keeps its place in the text)."""
    edits = []
    for m in _gaps(text):
        gap = m.group(0)
        kept = next(
            (c for c in gap if c in NO_BREAK), next((c for c in gap if c not in TABBED), " ")
        )
        marks = "".join(c for c in gap if c in MARKS)
        edits.append(Edit(m.start(), len(m.group(0)), kept + marks))
    return edits


def _near(text: str, gap: re.Match[str]) -> str:
    """The gap with the word on each side ("séries,  tous"), at most 20 characters of each."""
    before = re.search(r"\S{0,20}$", text[: gap.start()])
    after = re.match(r"\S{0,20}", text[gap.end() :])
    return (before.group(0) if before else "") + gap.group(0) + (after.group(0) if after else "")


def check_double_spaces(pair: Pair) -> Iterator[Finding]:
    """Gaps as the email shows them: a no-break space typed as `&nbsp;` beside a space is
    two spaces."""
    translation = decode_references(pair.translation)
    found = _gaps(translation)
    if not found:
        return
    had = len(_gaps(decode_references(pair.source)))
    if len(found) <= had:
        return
    near = [_near(translation, m) for m in found[:3]]
    source = "none" if had == 0 else str(had)
    yield Finding(
        "catalog.double-spaces",
        f"two or more spaces in a row at {len(found)} place(s): "
        + ", ".join(repr(n) for n in near)
        + ("..." if len(found) > 3 else "")
        + f" (the source text has {source})",
    )
