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
    """A cheap look at one start tag: may `mark_paddings` change it?"""
    return name in TAGS and "padding" in text and _BARE_PADDING.search(text) is not None


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


def marked_paddings(html: str, fixing: Fixing) -> str:
    """The paddings `mark_paddings` marked, written back as they were (`+20px` -> `20`)."""
    if not fixing.unitless:
        return html
    return MARKED.sub(r"\1", html)
