"""The inbox preview's remembered texts (checks/preview_text.py): a long text's folding and
columns, its unescaping and the preview made of a preheader are worked out once per process.
Held to the reading as it was: the folding against the text-by-text way it was written
before, and every preview of generated emails read with everything remembered from the
emails before it against the same email read with nothing remembered."""

from __future__ import annotations

import random

from mailglot.checks import preview_text
from mailglot.checks.preview_text import _columns, _Text, inbox_preview

_PIECES = [
    *("Hi", "Notre offre", "40\u00a0%", "年間プランが40%オフ", "خصم 40%", "🎉", "Я", "x" * 70),
    *(" ", "  ", "\n", "\t", "\r\n", "\f", "\u00a0", "\u202f", "\u2007"),
    *("\u200c", "\u200b", "\u00ad", "\ufeff", "\u200c&nbsp;" * 30, "&amp;", "&zwnj;", "&lt;"),
]


class _ReferenceText:
    """`_Text` as it was: each text folded and measured when added."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.space = False
        self.columns = 0

    def add(self, raw: str) -> None:
        folded = preview_text._FOLD.sub(" ", raw)
        if folded[:1] == " ":
            self.space, folded = True, folded[1:]
        if not folded:
            return
        if self.space and self.parts:
            self.parts.append(" ")
            self.columns += 1
        self.space = folded[-1] == " "
        if self.space:
            folded = folded[:-1]
        self.parts.append(folded)
        self.columns += _columns(folded)


def _text(rng: random.Random) -> str:
    return "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 8)))


def test_texts_folded_and_measured_once_are_as_added_one_by_one():
    """Runs of short and long texts (the long ones remembered, seen again and again), each
    starting or ending in white space or not, fillers and wide characters among them."""
    rng = random.Random(5)
    texts = [_text(rng) for _ in range(300)]
    for _ in range(400):
        fast, reference = _Text(), _ReferenceText()
        for _ in range(rng.randint(0, 6)):
            raw = rng.choice(texts)
            fast.add(raw)
            reference.add(raw)
            assert (fast.parts, fast.space, fast.columns) == (
                reference.parts,
                reference.space,
                reference.columns,
            ), raw
    assert preview_text._folded.cache_info().hits > 100


def _email(rng: random.Random) -> str:
    preheader = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 5)))
    hidden = (
        f'<div style="display:none;font-size:1px;max-height:0px;">{preheader}</div>'
        if rng.random() < 0.8
        else ""
    )
    body = "".join(
        f"<{tag}>{_text(rng)}</{tag}>" for tag in rng.choices(["p", "div", "span", "td"], k=4)
    )
    return f"<html><head><title>{_text(rng)}</title></head><body>{hidden}{body}</body></html>"


def test_previews_read_with_remembered_texts_are_those_read_afresh():
    """Emails sharing preheaders (padded ones too) and body texts, read in turn with all
    that the emails before them left remembered, then each read with nothing remembered."""
    rng = random.Random(9)
    emails = [_email(rng) for _ in range(150)]
    emails += [rng.choice(emails) for _ in range(150)]
    warm = [inbox_preview(html) for html in emails]
    for html, seen in zip(emails, warm, strict=True):
        for remembered in (preview_text._folded, preview_text._unescaped_long):
            remembered.cache_clear()
        preview_text._preview.cache_clear()
        assert inbox_preview(html) == seen, html
    assert preview_text._preview.cache_info().misses > 0
