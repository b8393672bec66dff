"""The preview text an inbox shows under the subject, read from an email's HTML.

Gmail, Apple Mail and Outlook take as preview the email's text in document order: the hidden
preheader (MJML's `<mj-preview>` div, first in the body) and, right after it, the body's first
visible words, until the preview is full. Only a preheader followed by invisible padding
(the common `&zwnj;&nbsp;` filler) keeps the body out: clients count those characters as
text but show nothing for them. So the reading here takes what clients take (the body's text
and hidden blocks; not `<head>`, styles, scripts, titles, image alt text or MSO-only
conditional comments), folds runs of white space as HTML does, and counts every filler
character as taking one column of the preview.

The preview is as wide as the widest inbox shows: `PREHEADER_COLUMNS`, 140 columns (Apple Mail
on a Mac shows 140 characters, an iPhone 81 upright and 137 on its side, the Gmail app 90,
Gmail in a browser 97, as the preview-text guides of theMarketer and Newsletter2Go list
them), CJK characters counting twice as in the preheader.length check. Only the start of the
body is read: the walk stops once the preview is full (a tenth of a millisecond a job).
"""

from __future__ import annotations

import html as html_lib
import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from mailglot.checks.readers import PREHEADER_COLUMNS
from mailglot.i18n.checks import display_columns
from mailglot.records import InboxPreview

# Filler characters: invisible (or a plain space) but counted by the client as preview text.
_ZERO_WIDTH = "\u00ad\u034f\u200b\u200c\u200d\u2060\ufeff"  # soft hyphen, joiners, ...
ZERO_WIDTH = frozenset(_ZERO_WIDTH)
_BLANKS = " \u00a0\u2007\u202f"  # spaces a filler is also made of (no-break, figure, narrow)
# Characters one column wide for certain (not combining, not a format character, not wide):
# Latin, Greek, Cyrillic and the general punctuation, spaces and currency signs.
_NARROW = re.compile(
    "[\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200a\u2010-\u2029\u202f-\u205f\u20a0-\u20c0]*"
)
_FOLD = re.compile(r"[ \t\n\r\f]+")
# A run of markup between two texts: comments (MSO-only content with them), a doctype, tags
# (quoted values may hold '>'). Read whole in one match: the texts are what the walk is about.
_MARKUP = re.compile(
    r"""(?:<!--[^-]*(?:-(?!->)[^-]*)*(?:-->|\Z)|<[!?][^>]*>"""
    r"""|</?[a-zA-Z][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>)*"""
)
_WORDS = re.compile(r"<?[^<]*")  # text up to the next '<' (a '<' that starts no tag is text)
_BODY = re.compile(r"<body\b[^>\"']*(?:(?:\"[^\"]*\"|'[^']*')[^>\"']*)*>", re.I)
_HEAD_END = re.compile(r"</head\s*>", re.I)
_HIDDEN = re.compile(r"<([a-zA-Z][^\s/>]*)[^>]*?display\s*:\s*none", re.I)
# Elements whose text no inbox shows (the start tag that ends a run); block edges, which
# separate words.
_SKIPPED = re.compile(r"<(head|script|style|template|title|noscript|textarea)\b", re.I)
_BLOCK = re.compile(
    r"</?(?:address|article|aside|blockquote|br|center|dd|div|dl|dt|figcaption|figure|footer"
    r"|h[1-6]|header|hr|li|main|nav|ol|p|pre|section|table|tbody|td|th|thead|tfoot|tr|ul)\b",
    re.I,
)


class _Widths(dict[str, int]):
    """Each character's columns in the preview, worked out once per process: a zero-width
    filler takes one (clients count it as text), others as wide as an inbox shows them."""

    def __missing__(self, char: str) -> int:
        width = self[char] = 1 if char in ZERO_WIDTH else display_columns(char)
        return width


_WIDTHS = _Widths()


def _columns(text: str) -> int:
    if text.isascii():
        return len(text)
    plain = _visible(text)  # each filler takes one column: as many as were taken out
    if _NARROW.fullmatch(plain):
        return len(text)
    return len(text) - len(plain) + sum(map(_WIDTHS.__getitem__, plain))


def _visible(text: str) -> str:
    """The text without its zero-width fillers (a few scans of the string, each in C)."""
    for char in _ZERO_WIDTH:
        if char in text:
            text = text.replace(char, "")
    return text


class _Text:
    """Text folded as it is added: runs of white space become one space, none at the start."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.space = False
        self.columns = 0

    def add(self, raw: str) -> None:
        lead, folded, trail, columns = _folded(raw) if len(raw) >= _LONG else _fold(raw)
        if lead:
            self.space = True
        if not folded:
            return
        if self.space and self.parts:
            self.parts.append(" ")
            self.columns += 1
        self.space = trail
        self.parts.append(folded)
        self.columns += columns

    def text(self) -> str:
        return "".join(self.parts)


def inbox_preview(html: str, width: int = PREHEADER_COLUMNS) -> InboxPreview:
    """The preview an inbox shows for this HTML, `width` columns wide: a walk from text to
    text over the body that stops once the preview is full."""
    body = _BODY.search(html)
    head_end = None if body else _HEAD_END.search(html)
    at = body.end() if body else head_end.end() if head_end else 0
    preheader, text = _Text(), _Text()
    current, room = text, width  # the text being read, and the body's room in the preview
    hidden: _Block | None = None  # the preheader's element, while the walk is in it
    while at < len(html) and text.columns <= room:
        if hidden is not None and hidden.ends_at(html, at):  # the usual preheader's end
            at += len(hidden.end)
            hidden, current, text.space = None, text, True
            room = width - preheader.columns - 1
            continue  # padded: the preview is full before the body's markup is read
        markup = _MARKUP.match(html, at)
        run = markup.group(0)  # type: ignore[union-attr]
        at = markup.end()  # type: ignore[union-attr]
        if run:
            if hidden is None and not text.parts and not preheader.parts:
                start = _HIDDEN.search(run)
                if start:
                    hidden, current = _Block(start.group(1)), preheader
                    run = run[start.end() :]
            if hidden is not None and hidden.closed_in(run):
                hidden, current, text.space = None, text, True
                room = width - preheader.columns - 1
            elif _BLOCK.search(run):
                current.space = True
            skipped = _SKIPPED.match(run, run.rfind("<"))
            if skipped and run[skipped.start() + 1] != "/":
                end = re.compile(rf"</{skipped.group(1)}\s*>", re.I).search(html, at)
                at = end.end() if end else len(html)
                continue
        words = _WORDS.match(html, at)
        at = words.end()  # type: ignore[union-attr]
        value = words.group(0)  # type: ignore[union-attr]
        if value[:1] == "<" and value.lstrip("</")[:1].isalpha():
            break  # a tag never closed: browsers show nothing of the rest
        if "&" in value:
            value = _unescaped_long(value) if len(value) >= _LONG else _unescaped(value)
        current.add(value)
    return _preview(preheader.text(), text.text(), room if preheader.parts else width)


def _fold(raw: str) -> tuple[bool, str, bool, int]:
    """`raw` with its white space folded: whether it started with a space, the text without
    the spaces at its ends, whether it ended with one, and the text's columns."""
    folded = _FOLD.sub(" ", raw) if _folds(raw) else raw
    lead = folded[:1] == " "
    if lead:
        folded = folded[1:]
    if not folded:
        return lead, "", False, 0
    trail = folded[-1] == " "
    if trail:
        folded = folded[:-1]
    return lead, folded, trail, _columns(folded)


# A text this long is read once per process: a template's preheader, padded with a hundred
# fillers, is the same text in every job of a campaign and locale (its folding, widths and
# the preview made of it were ~0.015 ms a job).
_LONG = 64
_folded = lru_cache(maxsize=256)(_fold)


def _folds(raw: str) -> bool:
    """Whether folding changes the text (a pattern's scan of a padded preheader took 8 us)."""
    return "  " in raw or "\n" in raw or "\t" in raw or "\r" in raw or "\f" in raw


@lru_cache(maxsize=64)
def _tags(name: str) -> re.Pattern[str]:
    return re.compile(rf"<(/?){re.escape(name)}(?![^\s/>])", re.I)


class _Block:
    """The preheader's element, and how deep the walk is in elements of its name."""

    def __init__(self, name: str) -> None:
        self.tags = _tags(name)
        self.depth = 1
        self.end = f"</{name}>"

    def ends_at(self, html: str, at: int) -> bool:
        """Whether its end tag, as MJML writes it, is at `at` and ends it."""
        return self.depth == 1 and html.startswith(self.end, at)

    def closed_in(self, run: str) -> bool:
        """Whether the element ends in this run of markup (then what follows is the body)."""
        for tag in self.tags.finditer(run):
            self.depth += -1 if tag.group(1) else 1
            if self.depth == 0:
                return True
        return False


def _unescaped(text: str) -> str:
    """`html.unescape`, the no-break spaces of a padded preheader (a hundred of them, each a
    call back from the regular expression html.unescape runs) replaced beforehand."""
    text = text.replace("&nbsp;", "\u00a0")
    return html_lib.unescape(text) if "&" in text else text


_unescaped_long = lru_cache(maxsize=256)(_unescaped)


@lru_cache(maxsize=256)
def _preview(raw: str, body: str, room: int) -> InboxPreview:
    """The preview of a preheader's text and the body's (remembered: a padded preheader
    fills the preview, and every job of a campaign and locale shows the same)."""
    shown = (raw if raw.isascii() else _visible(raw)).strip(_BLANKS)
    padding = len(raw) - len(raw.rstrip(_BLANKS + _ZERO_WIDTH))
    return InboxPreview(shown, _cut(body, room), padding)


def _cut(body: str, room: int) -> str:
    """The body's words that fit in `room` columns, as shown (fillers dropped), with an
    ellipsis when the preview is full before the body ends."""
    if room <= 0 or not body:
        return ""
    if body.isascii():
        end = min(len(body), room)
    else:
        end = bisect_right(list(accumulate(map(_WIDTHS.__getitem__, body))), room)
    kept = body[:end]
    shown = (kept if kept.isascii() else _visible(kept)).strip(_BLANKS)
    return f"{shown}…" if shown and end < len(body) else shown
