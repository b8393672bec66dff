"""Paddings written without a unit (`padding="0 20px"`) counted as Node counts them (a fix of
`mjml_fixes`, made in its one pass over the start tags, `fix_tags`).

Node mjml reads each side of a padding with `parseInt`, so `0` is 0 and `20` is 20. MRML
reads a padding only when every value ends in `px`: `padding="0 20px"` on a section counts as
no padding at all, so its columns, and the images and dividers in them, are sized 40px too
wide (`width="600"` on the column's Outlook cell where Node writes 560, an image 550 wide
where Node writes 510), and Outlook and the CSS widths every other client reads show it. The
bare numbers of the paddings MRML reads for a width are given to it as `+0px`, `+20px` (which
it reads as 0 and 20), and written back as they were in the HTML (`marked_paddings`), where
MRML copies them into the styles as written.

Borders likewise: Node takes a border's width from the first number that starts its value or
follows a space (`solid 3px red` is 3), MRML from its first word only when that is a length
in px (`solid 3px red` is no border, and a side that MRML cannot read falls back to `border`).
The width Node reads is put first, as `+3.0px `, and taken out again after compiling
(`marked_borders`, after every fix that copies a border).
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Attrs, Fixing

# the elements whose paddings MRML reads for a width (theirs or their children's), and where
# their values can come from (an mj-class, mj-all); an mj-hero's are read by `heroes`
TAGS = frozenset(
    (
        "mj-section",
        "mj-wrapper",
        "mj-column",
        "mj-image",
        "mj-divider",
        "mj-button",
        "mj-class",
        "mj-all",
    )
)
_NAMES = frozenset(
    (
        "padding",
        "padding-left",
        "padding-right",
        "inner-padding",
        "inner-padding-left",
        "inner-padding-right",
    )
)
_SIDES = frozenset(n for n in _NAMES if n.endswith(("left", "right")))
# the elements whose borders MRML reads for a width (mj-button's: `button_widths`)
_BORDER_TAGS = frozenset(
    ("mj-section", "mj-wrapper", "mj-column", "mj-image", "mj-class", "mj-all")
)
_BORDERS = frozenset(("border", "border-left", "border-right"))
_BORDER_ATTR = re.compile(r"\sborder(?:-left|-right)?\s*=")
_NODE_BORDER = re.compile(r"(?:^| )(\d+)")
_MRML_BORDER = re.compile(r"\d+(?:\.\d*)?px")
# the width put before a border for MRML (and taken out after compiling)
BORDER_MARKED = re.compile(r"\+\d+\.0px ")
_BARE = re.compile(r"(?<![^\s\"'])(\d+)(?![^\s\"'])")
# a padding with a bare number in its value
_BARE_PADDING = re.compile(
    r"""padding[\w-]*\s*=\s*(?:"[^"]*?(?<![^\s"])\d+(?![^\s"])|'[^']*?(?<![^\s'])\d+(?![^\s']))"""
)
# the spelling given to MRML, also looked for in a document before it is used
MARKED = re.compile(r"\+(\d+)px")


def _needed(name: str, value: str) -> bool:
    """Whether MRML reads the value (quoted) for another width than Node: a side
    (`padding-left`) that is a bare number (MRML then takes the shorthand's side instead),
    or a shorthand whose left or right side, as Node reads it, is not 0 while one of its
    values is a bare number (MRML then reads no padding at all; a lone `0`, or
    `8px 0 20px`, is no side to both)."""
    if _BARE.search(value) is None:
        return False
    if name in _SIDES:
        return True
    parts = value.strip("\"'").split()[:4]
    sides = parts[1::2] if len(parts) > 1 else parts
    return any(p.rstrip("px").lstrip("0") not in ("", "%") for p in sides)


def needs_marks(name: str, text: str) -> bool:
    """A cheap look at one start tag: may `mark_paddings` or `mark_borders` change it?"""
    if name in _BORDER_TAGS and "border" in text and _BORDER_ATTR.search(text) is not None:
        return True
    return name in TAGS and "padding" in text and _BARE_PADDING.search(text) is not None


def border_mark(name: str, value: str) -> str | None:
    """The width to put before a border value (quoted) for MRML, or None when MRML reads the
    width Node reads."""
    text = value.strip("\"'")
    node = _NODE_BORDER.search(text)
    width = int(node.group(1)) if node else 0
    words = text.split()
    mrml = _MRML_BORDER.fullmatch(words[0]) if words else None
    if mrml is not None and float(mrml.group(0)[:-2]) == width:
        return None
    if mrml is None and width == 0 and name == "border":
        return None  # no border to both (a side that MRML cannot read is not "no side")
    return f"+{width}.0px "


def mark_borders(name: str, attrs: Attrs) -> Attrs:
    """The tag's borders whose width MRML would read otherwise than Node, Node's width put
    first as `+Npx `."""
    if name not in _BORDER_TAGS:
        return attrs
    out = []
    for sp, n, eq, v in attrs:
        mark = border_mark(n, v) if eq and n in _BORDERS and v[:1] in "\"'" else None
        out.append((sp, n, eq, v[0] + mark + v[1:]) if mark else (sp, n, eq, v))
    return out


def mark_paddings(name: str, attrs: Attrs) -> Attrs:
    """The tag's paddings that MRML would read otherwise than Node, their bare numbers
    written `+Npx`."""
    if name not in TAGS:
        return attrs
    return [
        (sp, n, eq, _BARE.sub(r"+\1px", v)) if eq and n in _NAMES and _needed(n, v) else attr
        for attr in attrs
        for sp, n, eq, v in (attr,)
    ]


def marked_borders(html: str, fixing: Fixing) -> str:
    """The widths `mark_borders` put before borders, taken out (`+3.0px solid 3px red` ->
    `solid 3px red`); then the conditional comments whose text looks like a mark, which
    `restore_conditional_comments` left for here, put back as written."""
    if not fixing.unitless:
        return html
    html = BORDER_MARKED.sub("", html)
    for key, comment in fixing.comments.items():
        if BORDER_MARKED.search(comment):
            html = html.replace(key, comment)
    return html


def marked_paddings(html: str, fixing: Fixing) -> str:
    """The paddings `mark_paddings` marked, written back as they were (`+20px` -> `20`)."""
    if not fixing.unitless:
        return html
    return MARKED.sub(r"\1", html)
