"""The Outlook cell of a column inside an mj-group as wide as Node mjml 5 makes it (a fix of
`mjml_fixes`).

`<mj-group><mj-column padding="0px 10px">`: Node gives the column's Outlook cell the column's
whole width (300px of a 600px group of two), MRML that width less the column's paddings and
borders (280px), so in Outlook the column is narrower than in Node by them. Each column of a
group is noted in document order with its paddings and borders as Node reads them (own,
mj-class, mj-attributes, mj-all), and its cell widened by them after compiling, when MRML
read the same numbers (paddings in px or bare, which `unitless_lengths` gives it; a padding in
% or em, or an inner border side of the column's own, is left as MRML wrote it).
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults
from mailglot.render.node_sizes import border, side, unquote

_COLUMN = re.compile(r"<mj-column(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_NAMES = (
    "padding",
    "padding-left",
    "padding-right",
    "border",
    "border-left",
    "border-right",
    "inner-border",
    "inner-border-left",
    "inner-border-right",
)
_LENGTH = re.compile(r"\d+(?:px)?")  # what MRML reads as Node does (bare numbers marked)
_BARE = re.compile(r"(?<!\S)\d+(?!\S)")
# a group's box, and each column's Outlook cell in it, as MRML writes them
_GROUP = re.compile(
    r'<div class="[^"]*mj-outlook-group-fix[^"]*" style="font-size:0;line-height:0;'
    r'text-align:left;display:inline-block;width:100%;direction:ltr;">'
)
_GROUP_END = "<!--[if mso | IE]></tr></table><![endif]--></div>"
_CELL = re.compile(
    r'(<!--\[if mso \| IE\]><td style="[^"]*?width:)(\d+(?:\.\d+)?)(px;"><!\[endif\]-->'
    r'<div class="mj-outlook-group-fix mj-column-)'
)


def note_group_columns(mjml: str, fixing: Fixing) -> str:
    """Each column of each mj-group, in order: what to add to its Outlook cell (None when
    MRML did not read its paddings as Node does), and whether it has a bare number that only
    `unitless_lengths` makes MRML read."""
    if "<mj-group" not in mjml:
        return mjml
    body = body_start(mjml)
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    columns: list[tuple[int | None, bool]] = []
    at = mjml.find("<mj-group", body)
    while at != -1:
        following = mjml.find("<mj-group", at + 9)
        close = mjml.find("</mj-group", at, following if following != -1 else len(mjml))
        end = close if close != -1 else (following if following != -1 else len(mjml))
        for tag in _COLUMN.findall(mjml, at, end):
            own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
            attrs = {}
            for name in _NAMES:
                value = defaults.resolve("mj-column", own, name)
                if value is not None:
                    attrs[name] = unquote(value)
            columns.append(_widening(attrs))
        at = following
    if any(add for add, _ in columns):
        fixing.group_columns = columns
    return mjml


def _widening(attrs: dict[str, str]) -> tuple[int | None, bool]:
    paddings = [attrs.get(n, "") for n in ("padding", "padding-left", "padding-right")]
    words = " ".join(paddings).split()
    if not all(_LENGTH.fullmatch(w) for w in words):
        return None, False  # a padding in % or em: MRML reads none of it
    if "inner-border-left" in attrs or "inner-border-right" in attrs:
        return None, False  # a side of its own, which MRML may not read (inner_borders)
    add = side(attrs, "padding", "left") + side(attrs, "padding", "right")
    add += border(attrs, "left") + border(attrs, "right")
    add += border(attrs, "left", "inner-border") + border(attrs, "right", "inner-border")
    return add, any(_BARE.search(p) for p in paddings)


def group_column_widths(html: str, fixing: Fixing) -> str:
    """The noted columns' Outlook cells widened by their paddings and borders; left alone
    when the cells found in the groups are not as many as the columns."""
    if not fixing.group_columns:
        return html
    regions = []
    for group in _GROUP.finditer(html):
        end = html.find(_GROUP_END, group.end())
        regions.append((group.end(), len(html) if end == -1 else end))
    cells = [c for start, end in regions for c in _CELL.finditer(html, start, end)]
    if len(cells) != len(fixing.group_columns):
        return html
    out: list[str] = []
    at = 0
    for cell, (add, bare) in zip(cells, fixing.group_columns, strict=True):
        if not add or (bare and not fixing.unitless):
            continue
        width = float(cell.group(2)) + add
        out.append(html[at : cell.start(2)])
        out.append(str(int(width)) if width == int(width) else repr(width))
        at = cell.end(2)
    if not out:
        return html
    out.append(html[at:])
    return "".join(out)
