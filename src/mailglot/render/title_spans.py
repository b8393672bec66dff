"""Where compiled MJML shows the email's title: `<title>` and the aria-label of the wrapper
MJML writes first in `<body>` (after the hidden preheader). mailglot's layouts give
`<mj-title>` the subject, so the variants of a job (a subject each) compile to HTML that
differs there and nowhere else: a step whose work does not depend on those two texts does
it once for the variants and puts each one's title back (see inline.py).

Found only in plainly written HTML, read from its start by one anchored pattern: a doctype,
`<html>`, a head of titles, metas, links, styles without a `<` and comments without a `--`
(every value in double quotes), then `<body>`, so the spans are the text of a `<title>`
element and the value of the wrapper's first attribute, never text that merely looks so.
"""

from __future__ import annotations

import re

_W = "[ \t\n\r\f]"
_ATTRS = f'(?:{_W}+[a-zA-Z][-a-zA-Z0-9:_.]*="[^"]*")*+{_W}*+'
_OTHER_ITEM = (
    f"<meta{_ATTRS}>|<link{_ATTRS}>|<style{_ATTRS}>[^<]*+</style>"
    "|<!--(?!-?>)[^-]*+(?:-(?!-)[^-]*+)*+-->"
)
_ITEMS = f"(?:(?:{_OTHER_ITEM}){_W}*+)*+"
_PLAIN = re.compile(
    f"(?:<!doctype html>)?{_W}*+<html{_ATTRS}>{_W}*+<head>{_W}*+{_ITEMS}"
    f"<title>([^<]*+)</title>{_W}*+{_ITEMS}</head>{_W}*+"
    f'<body{_ATTRS}>(?:<div{_ATTRS}>[^<]*+</div>)?+<div{_W}+aria-label="([^"]*+)"'
)

Spans = tuple[tuple[int, int], tuple[int, int]]


def title_spans(html: str) -> Spans | None:
    """The spans of the `<title>` text and of the wrapper's aria-label value, or None when
    the HTML is not written so plainly (then nothing is shared)."""
    m = _PLAIN.match(html)
    return None if m is None else (m.span(1), m.span(2))
