"""French punctuation spacing: a no-break space before `: ; ! ?` and inside `« »`, so the mark
never starts a line on a phone. Canadian French (fr_CA) spaces only `:` and `« »`.

The finding comes with edits (`spacing_edits`) that `mailglot l10n-status --fix` applies to
the `.po` file: a plain space becomes the right no-break space, a missing one is inserted.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mailglot.i18n.checks.base import BRACE_FIELD, EMAIL, PERCENT_FIELD, TAG, URL, Finding, Pair

NBSP, NNBSP = "\u00a0", "\u202f"
NO_BREAK = {NBSP, NNBSP, "\u2007", "\u2060"}
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


def spacing_edits(text: str, locale: str) -> list[Edit]:
    marks = ":" if locale.startswith("fr_CA") else ":;!?"
    skipped = _skipped(text)
    edits = []
    for i, c in enumerate(text):
        if any(i in r for r in skipped):
            continue
        before = text[i - 1] if i else ""
        after = text[i + 1] if i + 1 < len(text) else ""
        if c in marks and before and before not in NO_BREAK:
            if before in marks or before in "!?":  # "?!" is one mark
                continue
            if after and not after.isspace() and after not in "»\"”’'.,;:!?":
                continue  # inside a token: HH:MM, [[HH:]MM:]ss, a:b
            space = NBSP if c == ":" else NNBSP
            edits.append(Edit(i - 1, 1, space) if before == " " else Edit(i, 0, space))
        elif c == "«" and i + 1 < len(text) and text[i + 1] not in NO_BREAK:
            edits.append(Edit(i + 1, 1 if text[i + 1] == " " else 0, NBSP))
        elif c == "»" and before and before not in NO_BREAK:
            edits.append(Edit(i - 1, 1, NBSP) if before == " " else Edit(i, 0, NBSP))
    return edits


def apply_edits(text: str, edits: list[Edit]) -> str:
    for e in sorted(edits, key=lambda e: e.start, reverse=True):
        text = text[: e.start] + e.text + text[e.start + e.length :]
    return text


def check_french_spacing(pair: Pair) -> Iterator[Finding]:
    if pair.policy.language != "fr":
        return
    edits = spacing_edits(pair.translation, pair.policy.locale)
    if edits:
        text = pair.translation
        near = [text[max(0, e.start - 8) : e.start + e.length + 1].strip() for e in edits[:3]]
        yield Finding(
            "catalog.french-spacing",
            f"no no-break space at {len(edits)} place(s): "
            + ", ".join(repr(n) for n in near)
            + ("..." if len(edits) > 3 else ""),
        )
