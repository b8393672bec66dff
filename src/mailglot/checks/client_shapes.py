"""The client-support check's findings remembered per shape of the email, so the emails of
one template are read once rather than once each.

What the check reads of a plainly written email (`scan`) is its head as written but the
title's words, and its body's start tags. Of those tags it reads every attribute value but
a few, whose value can only be the sample of a feature its name already says:
`aria-label`, `lang` and `dir` (caniemail's `html-aria-label`, `html-lang`, `html-dir`: a
finding is located by the attribute's name and worded by the feature's title), and `alt`
and `title` (not features at all); and `href`, read only for `mailto:` and `#` links, so
any value that starts `https://` or `http://` reads the same. The emails of a template
differ from one another in nothing else: the words between tags, those values (the
subject in the wrapper's label, the locale in `lang`, tracked links in `href`).

So an email's *shape* is its visible HTML (without Outlook's conditional comments) with
the title's words, the body's words and those values taken out, and two emails of one
shape give the same findings when the first was read plainly: the second then is plain
too (no `<` in the words taken out, none of `"<>&` but plain references in the values, so
every tag begins and ends where it did, and `scan`'s shape of it is the same), and reads as
the first but for those values. Findings are kept only for emails read plainly and none
located at the email itself; anything else (a carriage return or NUL, a comment left
visible, no `<body>` or `</body>`, a `<` that starts no tag) is read as before, and so is
a shape seen for the first time.

The variants of a job (a subject each) differ only in the title and that label
(`variants`): their findings are the first variant's when both texts are inert and the
label a plain value, as `reading` shares their reading.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Hashable

from mailglot.checks import scan
from mailglot.checks.reading import without_conditionals
from mailglot.checks.variants import masked, shared_value
from mailglot.errors import Diagnostic

# Attribute values the check never reads but as the sample of the feature the name says
_BLANKED = frozenset({"aria-label", "lang", "dir", "alt", "title"})
_WEB = ("https://", "http://")  # an href that is neither `mailto:` nor `#...`
_GAP = "\0"  # what stands for a value taken out: no email that has a shape holds it
_PIECES = re.compile(r"(<[^>]*>)")  # `[^<>]` costs twice as much; a stray '<' is seen after
_TITLE_TEXT = re.compile(r"<(?i:title)>([^<]*)</(?i:title)>")
_PLAIN_VALUE = re.compile(scan.VALUE)

Shape = tuple[str, str, str, tuple[str, ...], str]
Found = tuple[Diagnostic, ...]

# A body tag -> the tag with those values taken out (per process: tags repeat by template)
_TAKEN: dict[str, str] = {}
_TAKEN_MAX = 4096  # a job writes ~130 tags, a few of them new
# (shape, what else the check reads) -> findings; bounded: `serve` runs for hours
_KEPT: dict[tuple[Shape, Hashable], Found] = {}
_KEPT_MAX = 64


def shape(html: str) -> Shape | None:
    """The email's shape, or None when it has none (then it is read as before)."""
    if "\0" in html or "\r" in html:
        return None
    visible = without_conditionals(html)
    if "<!--" in visible:
        return None
    body = scan._BODY_START.search(visible)
    end = visible.rfind("</body>")
    if body is None or end < body.end():
        return None
    head = visible[: body.start()]
    title = _TITLE_TEXT.search(head)
    before, after = (head, "") if title is None else (head[: title.start(1)], head[title.end(1) :])
    pieces = _PIECES.split(visible[body.end() : end])
    if "<" in "".join(pieces[0::2]):
        return None  # a '<' that starts no tag
    tags = pieces[1::2]
    taken = list(map(_TAKEN.get, tags))
    if None in taken:
        if len(_TAKEN) >= _TAKEN_MAX:
            _TAKEN.clear()
        taken = [t if t is not None else _take(tag) for tag, t in zip(tags, taken, strict=True)]
    return before, after, body.group(0), tuple(taken), visible[end:]


def _take(tag: str) -> str:
    """The tag with the values above taken out, when it is a plain start tag (its values in
    double quotes, `scan.VALUE`); any other tag as it is."""
    start = scan._PLAIN_START.fullmatch(tag)
    out: list[str] = []
    at = 0
    if start is not None:
        for attribute in scan._ATTRIBUTE.finditer(tag, start.end(1)):
            name, value = attribute.group(1).lower(), attribute.group(2)
            if name in _BLANKED or (name == "href" and value.startswith(_WEB)):
                out += (tag[at : attribute.start(2)], _GAP)
                at = attribute.end(2)
    taken = _TAKEN[tag] = "".join([*out, tag[at:]]) if out else tag
    return taken


def remembered(
    html: str, path: str, reads: Hashable, check: Callable[[], tuple[Found, bool]]
) -> Found:
    """The client-support findings of `html` (located at `path`): an earlier email's of the
    same shape (or the earlier variant's of the same job) and `reads` (everything else the
    check reads), else `check()`'s, which says whether the email was read plainly."""
    made: list[Found] = []

    def plain_findings() -> Found | None:
        key = shape(html)
        if key is not None:
            found = _KEPT.get((key, reads))
            if found is not None:
                return found
        found, plain = check()
        made.append(found)
        if not plain or any(d.path == path for d in found):
            return None
        if key is not None:
            if len(_KEPT) >= _KEPT_MAX:
                _KEPT.clear()
            _KEPT[(key, reads)] = found
        return found

    mask = masked(html)
    if (
        mask is not None
        and mask.inert  # no '<', '>', line break or NUL in the title and label
        and _PLAIN_VALUE.fullmatch(mask.label) is not None
    ):
        kept = shared_value("client", html, reads, plain_findings)
    else:
        kept = plain_findings()
    if kept is not None:
        return kept
    return made[0] if made else check()[0]
