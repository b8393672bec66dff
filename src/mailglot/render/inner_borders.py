"""A column's `inner-border` counted in the width of what is inside it, as Node mjml 5 counts it
(a fix of `mjml_fixes`).

`<mj-column padding="8px" inner-border="4px solid #e50914">`: Node takes the border's width
(the first number of the value) off each side of the space the column's images, dividers and
carousels are sized for; MRML reads `inner-border` only when every word of it is a length in
px, so a border written as CSS writes it counts for nothing, and an image in such a column is
8px wider than Node's (`width="534"` where Node writes 526), in every client. The column is
given `inner-border-left="+4.00px"` and `inner-border-right="+4.00px"`, which MRML reads as
the sides' widths; MRML also writes them in the inner table's style, where they are taken out
again after compiling (`drop_inner_border_marks`).
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, join_tag, split_tag
from mailglot.render.mjml_defaults import read_defaults
from mailglot.render.node_sizes import border, unquote

_COLUMN = re.compile(r"<mj-column(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_NAMES = ("inner-border", "inner-border-left", "inner-border-right")
_PX = re.compile(r"\s*\d+(?:\.\d+)?px\s*")
_MARK = re.compile(r"border-(?:left|right):\+\d+\.00px;")


def _mrml_side(value: str | None) -> float:
    """A side of `inner-border` as MRML reads it: every word a length in px, else 0."""
    words = (value or "").split()
    if not words or len(words) > 4 or not all(_PX.fullmatch(w) for w in words):
        return 0.0
    return float(words[1 if len(words) > 1 else 0][:-2].strip())


def mark_inner_borders(mjml: str, fixing: Fixing) -> str:
    """Give each column whose inner border MRML reads otherwise than Node the width of each
    side as `inner-border-left`/`-right` in px (not when the column, its classes or the
    defaults set a side themselves, or when the document already holds such a mark)."""
    if "inner-border" not in mjml or "<mj-column" not in mjml or _MARK.search(mjml):
        return mjml
    body = body_start(mjml)
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    changed = False

    def column(m: re.Match[str]) -> str:
        nonlocal changed
        head, attrs, tail = split_tag(m.group(0))
        own = {n: v for _, n, eq, v in attrs if eq}
        values = {n: defaults.resolve("mj-column", own, n) for n in _NAMES}
        if values["inner-border"] is None or values["inner-border-left"] is not None:
            return m.group(0)
        if values["inner-border-right"] is not None:
            return m.group(0)
        node = border({"inner-border": unquote(values["inner-border"])}, "left", "inner-border")
        if node == _mrml_side(unquote(values["inner-border"])):
            return m.group(0)
        changed = True
        marks = [(" ", f"inner-border-{s}", "=", f'"+{node}.00px"') for s in ("left", "right")]
        return join_tag(head, attrs + marks, tail)

    out = mjml[:body] + _COLUMN.sub(column, mjml[body:])
    if not changed:
        return mjml
    fixing.inner_border_marks = True
    return out


def drop_inner_border_marks(html: str, fixing: Fixing) -> str:
    """The `border-left:+4.00px;` MRML wrote from the marks, taken out of the styles."""
    if not fixing.inner_border_marks:
        return html
    return _MARK.sub("", html)
