"""The Outlook cell of a column inside an mj-group as wide as Node mjml 5 makes it (a fix of
`mjml_fixes`).

`<mj-group><mj-column padding="0px 10px">`: Node gives the column's Outlook cell the column's
whole width (300px of a 600px group of two), MRML that width less the column's paddings and
borders (280px), so in Outlook the column is narrower than in Node by them. Each column of a
group is noted in document order with its paddings and borders as Node reads them (own,
mj-class, mj-attributes, mj-all), and its cell widened by them after compiling, when MRML
read the same numbers (paddings in px or bare, which `unitless_lengths` gives it). A padding
in % or em, or an inner border side of the column's own, is left as MRML would have written
it without `unitless_lengths`' border marks: the cell gets back only what those marks made
MRML take off (a `dashed 2px` border it read as none before).

Groups are paired with MRML's group boxes one by one (whatever their direction, background
and vertical alignment), and a group's columns with the cells in its box; a group whose cells
are not as many as its columns is left alone, the others are still fixed.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults
from mailglot.render.node_sizes import border, side, unquote
from mailglot.render.unitless_lengths import border_mark

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
_MRML_BORDER = re.compile(r"\+?(\d+(?:\.\d*)?)px")  # a border's first word, as MRML reads it
# a group's box (any direction, background-color, vertical-align after it), and each
# column's Outlook cell in it, as MRML writes them
_GROUP = re.compile(
    r'<div class="[^"]*mj-outlook-group-fix[^"]*" style="font-size:0;line-height:0;'
    r'text-align:left;display:inline-block;width:100%;direction:[^"]*">'
)
_GROUP_END = "<!--[if mso | IE]></tr></table><![endif]--></div>"
_CELL = re.compile(
    r'(<!--\[if mso \| IE\]><td style="[^"]*?width:)(\d+(?:\.\d+)?)(px;"><!\[endif\]-->'
    r'<div class="mj-outlook-group-fix mj-column-)'
)


def note_group_columns(mjml: str, fixing: Fixing) -> str:
    """Each mj-group's columns, in order: what to add to its Outlook cell (None when MRML
    did not read its paddings as Node does), what `unitless_lengths`' border marks made MRML
    take off it, and whether it has a bare number that only those marks make MRML read."""
    if "<mj-group" not in mjml:
        return mjml
    body = body_start(mjml)
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    groups: list[list[tuple[int | None, float, bool]]] = []
    at = mjml.find("<mj-group", body)
    while at != -1:
        following = mjml.find("<mj-group", at + 9)
        close = mjml.find("</mj-group", at, following if following != -1 else len(mjml))
        end = close if close != -1 else (following if following != -1 else len(mjml))
        columns: list[tuple[int | None, float, bool]] = []
        for tag in _COLUMN.findall(mjml, at, end):
            own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
            attrs = {}
            for name in _NAMES:
                value = defaults.resolve("mj-column", own, name)
                if value is not None:
                    attrs[name] = unquote(value)
            columns.append(_widening(attrs))
        groups.append(columns)
        at = following
    if any(add or marked for columns in groups for add, marked, _ in columns):
        fixing.group_columns = groups
    return mjml


def _widening(attrs: dict[str, str]) -> tuple[int | None, float, bool]:
    paddings = [attrs.get(n, "") for n in ("padding", "padding-left", "padding-right")]
    marked = _marked_borders(attrs)
    words = " ".join(paddings).split()
    if not all(_LENGTH.fullmatch(w) for w in words):
        return None, marked, False  # a padding in % or em: MRML reads none of it
    if "inner-border-left" in attrs or "inner-border-right" in attrs:
        return None, marked, False  # a side of its own, which MRML may not read
    add = side(attrs, "padding", "left") + side(attrs, "padding", "right")
    add += border(attrs, "left") + border(attrs, "right")
    add += border(attrs, "left", "inner-border") + border(attrs, "right", "inner-border")
    return add, marked, any(_BARE.search(p) for p in paddings)


def _marked_borders(attrs: dict[str, str]) -> float:
    """What MRML takes off the column for its left and right borders once
    `unitless_lengths.mark_borders` has marked them, less what it took off unmarked."""
    marked = {}
    for name in ("border", "border-left", "border-right"):
        if name in attrs:
            mark = border_mark(name, attrs[name])
            marked[name] = attrs[name] if mark is None else mark + attrs[name]
    return sum(_mrml_border(marked, w) - _mrml_border(attrs, w) for w in ("left", "right"))


def _mrml_border(attrs: dict[str, str], which: str) -> float:
    """A side of the column's border as MRML reads it: the side's first word when it is a
    length in px, else the border's, else nothing."""
    for name in (f"border-{which}", "border"):
        words = attrs.get(name, "").split()
        length = _MRML_BORDER.fullmatch(words[0]) if words else None
        if length is not None:
            return float(length.group(1))
    return 0.0


def group_column_widths(html: str, fixing: Fixing) -> str:
    """The noted columns' Outlook cells widened by their paddings and borders: each group
    paired with a group box of the HTML (none when they are not as many as the groups), and
    left alone when the cells found in its box are not as many as its columns."""
    if not fixing.group_columns:
        return html
    regions = []
    for group in _GROUP.finditer(html):
        end = html.find(_GROUP_END, group.end())
        regions.append((group.end(), len(html) if end == -1 else end))
    if len(regions) != len(fixing.group_columns):
        return html
    pairs = []
    for (start, end), columns in zip(regions, fixing.group_columns, strict=True):
        cells = list(_CELL.finditer(html, start, end))
        if len(cells) == len(columns):
            pairs.extend(zip(cells, columns, strict=True))
    out: list[str] = []
    at = 0
    for cell, (add, marked, bare) in pairs:
        if add is None:  # what the marks made MRML take off, given back
            add = marked if fixing.unitless else 0
        elif not fixing.unitless:  # no marks: MRML read the borders as it reads them
            add -= marked
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
