"""Typographic tags a translation may add (`l10n.typographic_tags`: `1<sup>er</sup>`, an `<em>`)
used to change what the reader can read rather than how a word is set.

Each `<sub>` sets the text smaller and lower: eight nested around "Unsubscribe" made the
footer link 3 px tall, unreadable while `legal.unsubscribe` still found the link. So a
typographic tag nested inside itself (`<sub>` in `<sub>`, `<em>` in `<em>`), or a shrinking one
(sub, sup, small) inside another, is refused unless the source nests them so; and a shrinking
tag around the whole text is refused unless the source sets its whole text so: a French
ordinal's `<sup>` sets two letters, never a sentence.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from mailglot.i18n.checks.base import TAG, Finding, Pair

SHRINKING = frozenset({"sub", "sup", "small"})


def _read(text: str, typographic: frozenset[str]) -> tuple[Counter[tuple[str, str]], str]:
    """(each (outer, inner) pair of typographic tags nested so they shrink or stack, the
    shrinking tag around every visible character of `text` or "")."""
    nested: Counter[tuple[str, str]] = Counter()
    open_tags: list[str] = []
    around: list[str] = []  # the outermost shrinking tag around each piece of text
    position = 0
    for m in [*TAG.finditer(text), None]:
        piece = text[position : m.start() if m else len(text)]
        if piece.strip():
            around.append(next((t for t in open_tags if t in SHRINKING), ""))
        if m is None:
            break
        position = m.end()
        name, attributes = (m.group(2) or "").lower(), m.group(3) or ""
        if name not in typographic or attributes.strip(" /"):
            continue
        if m.group(1):  # a closing tag: back to where its tag was opened
            if name in open_tags:
                del open_tags[len(open_tags) - 1 - open_tags[::-1].index(name) :]
        elif not attributes.endswith("/"):
            for outer in open_tags:
                if outer == name or (outer in SHRINKING and name in SHRINKING):
                    nested[(outer, name)] += 1
            open_tags.append(name)
    return nested, around[0] if around and "" not in around else ""


def check_typographic(pair: Pair) -> Iterator[Finding]:
    typographic = pair.policy.typographic_tags
    if pair.is_header or "<" not in pair.translation or not typographic or pair.attribute:
        return  # in a subject or an attribute every tag is markup (check_markup refuses it)
    dst_nested, dst_whole = _read(pair.translation, typographic)
    if not dst_nested and not dst_whole:
        return
    src_nested, src_whole = _read(pair.source, typographic)
    extra = dst_nested - src_nested
    if extra:
        shown = ", ".join(f"<{inner}> inside <{outer}>" for outer, inner in sorted(extra))
        yield Finding(
            "catalog.markup",
            f"{shown}: nested typographic tags shrink or stack the text, which the source does "
            "not do; put each tag once around the words it sets",
        )
    if dst_whole and not src_whole:
        yield Finding(
            "catalog.markup",
            f"the whole text is inside <{dst_whole}>, which the source does not set so: the "
            "reader would get it smaller than the email's text (a link or a legal notice "
            "unreadable); keep such a tag around a few letters, as in 1<sup>er</sup>",
        )
