"""An email's HTML as the client-support check reads it: without Outlook's conditional
comments, and from its start tags when `scan` may. The variants of a job (a subject each)
differ only in `<title>` and the wrapper's aria-label (render/title_spans.py), so the reading
of the last emails is kept with placeholders there and a variant's is that one with its own
label put back in the wrapper's tag (the head is read with the title's words left out).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

from lxml import etree

from mailglot.checks import scan
from mailglot.checks.variants import LABEL as _LABEL
from mailglot.checks.variants import TITLE as _TITLE
from mailglot.checks.variants import Mask, masked

# `<!--\[if[^\]]*\]>.*?<!\[endif\]-->` (re.S | re.I), the body read up to each "<" at a time
# and not tried at every character, in a group so that `split` keeps the comments
_CONDITIONAL = re.compile(
    r"(<!--\[(?i:if)[^\]]*\]>[^<]*+(?:<(?!!\[(?i:endif)\]-->)[^<]*+)*+<!\[(?i:endif)\]-->)"
)
_PLAIN_VALUE = re.compile(scan.VALUE)


class Reading(NamedTuple):
    """Whether the email starts with a doctype, its plain reading (None: lxml reads it) and,
    when lxml must, the HTML it parses (without conditional comments)."""

    doctype: bool
    plain: scan.Plain | None
    visible: str | None


# The masked HTML -> (doctype, plain reading, where the wrapper's tag is in it),
# or None when its variants are each read themselves.
_SHARED: dict[Mask, tuple[bool, scan.Plain, int] | None] = {}


def without_conditionals(source: str) -> str:
    """The email as every client but Outlook reads it, each conditional comment replaced by its
    newlines (so lines stay where they were). Split, not `sub` with a function: an MJML email
    has ~30 conditional comments, and a call for each cost more than the scan."""
    pieces = _CONDITIONAL.split(source)
    pieces[1::2] = ["\n" * comment.count("\n") for comment in pieces[1::2]]
    return "".join(pieces)


def read_email(source: str, parse: Callable[[str], etree._Element]) -> Reading:
    shared = _shared(source, parse)
    if shared is not None:
        return shared
    visible = without_conditionals(source)
    return Reading(_starts_with_doctype(visible), scan.read(visible, parse), visible)


def _starts_with_doctype(visible: str) -> bool:
    """The first nine characters lowered, not the whole email: lowering maps each character on
    its own (a few to two), so the lowered prefix starts as the lowered whole does."""
    return visible.lstrip()[:9].lower().startswith("<!doctype")


def _shared(source: str, parse: Callable[[str], etree._Element]) -> Reading | None:
    """The reading of an email whose title and label `scan` reads plainly, made from the one
    kept for its variants, or None: read this email itself."""
    mask = masked(source)
    if mask is None:
        return None
    title, label = mask.title, mask.label
    if "\r" in title or "\0" in title or not _PLAIN_VALUE.fullmatch(label):
        return None  # such an email is read by lxml: no reading to share
    kept = _SHARED.get(mask.mask, False)
    if kept is False:
        kept = _read_with_placeholders(mask.mask.key, parse)
        if len(_SHARED) >= 32:  # bounded: a worker's jobs come variant after variant
            _SHARED.clear()
        _SHARED[mask.mask] = kept
    if kept is None:
        return None
    doctype, plain, at = kept
    body = plain.body.copy()
    body[at] = body[at].replace(_LABEL, label, 1)
    return Reading(doctype, scan.Plain(plain.head, body), None)


def _read_with_placeholders(
    key: str, parse: Callable[[str], etree._Element]
) -> tuple[bool, scan.Plain, int] | None:
    visible = without_conditionals(key)
    plain = scan.read(visible, parse)
    if plain is None or _TITLE in plain.head:
        return None
    # The one tag that holds the label once: the tags joined by NUL, which no tag `scan`
    # reads holds, so the label is counted in all of them at once and each NUL before it
    # is a tag before its own
    joined = "\0".join(plain.body)
    if joined.count(_LABEL) != 1:
        return None
    return _starts_with_doctype(visible), plain, joined.count("\0", 0, joined.find(_LABEL))
