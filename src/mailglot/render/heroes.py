"""mj-hero's height and inner padding as Node mjml 5 writes them (fixes of `mjml_fixes`).

MRML swaps the hero's two modes (see `hero_height`) and leaves the inner padding off the
content `<div>` that every client but Outlook reads (`hero_inner_padding`). The hero's
attributes are resolved as Node does (own, mj-class, mj-attributes, mj-all: `mjml_defaults`),
with Node's defaults: `fixed-height`, a height of 0px, no padding.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, cell_end, split_tag
from mailglot.render.mjml_defaults import read_defaults

_HERO = re.compile(r"<mj-hero\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_NAMES = (
    "mode",
    "height",
    "background-width",
    "background-height",
    "padding",
    "padding-top",
    "padding-bottom",
    "border-radius",
    "padding-left",
    "padding-right",
)


def note_heroes(mjml: str, fixing: Fixing) -> str:
    """Remember each mj-hero's mode and size for `hero_height`."""
    if "hero" not in fixing.components:
        return mjml
    body = body_start(mjml)  # an <mj-hero> in <mj-attributes> is not a hero
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    for tag in _HERO.findall(mjml, body):
        own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
        attrs = {}
        for name in _NAMES:
            value = defaults.resolve("mj-hero", own, name)
            if value is not None:
                attrs[name] = value.strip("\"'")
        radius = attrs.get("border-radius", "")
        sides = _horizontal_padding(attrs)
        if attrs.get("mode", "fixed-height") != "fluid-height":
            top, bottom = _vertical_padding(attrs)
            size = (px(attrs.get("height")) or 0) - top - bottom
            fixing.heroes.append(("fixed", size, radius, sides))
            continue
        width = px(attrs.get("background-width")) or 600  # Node: the body width by default
        height = px(attrs.get("background-height")) or 0
        ratio = round(height / width * 100) if height else 0
        fixing.heroes.append(("fluid", ratio, radius, sides))
    return mjml


def _vertical_padding(attrs: dict[str, str]) -> tuple[int, int]:
    sides = [px(v) or 0 for v in attrs.get("padding", "0px").split()]
    top = sides[0] if sides else 0
    bottom = sides[2] if len(sides) > 2 else top
    top = px(attrs.get("padding-top")) if "padding-top" in attrs else top
    bottom = px(attrs.get("padding-bottom")) if "padding-bottom" in attrs else bottom
    return top or 0, bottom or 0


def _horizontal_padding(attrs: dict[str, str]) -> int:
    sides = [px(v) or 0 for v in attrs.get("padding", "0px").split()]
    right = sides[1] if len(sides) > 1 else (sides[0] if sides else 0)
    left = sides[3] if len(sides) > 3 else right
    right = px(attrs.get("padding-right")) or 0 if "padding-right" in attrs else right
    left = px(attrs.get("padding-left")) or 0 if "padding-left" in attrs else left
    return left + right


def px(value: str | None) -> int | None:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else None


# a hero's cell as MRML writes it: after its Outlook picture and its two boxes
_HERO_CELL = re.compile(
    r'z-index:-3;" /><!\[endif\]--><div\b[^>]*? style="margin:0 auto;max-width:\d+px;"><table'
    r' border="0" cellpadding="0" cellspacing="0" role="presentation" style="width:100%;">'
    r'<tbody><tr style="vertical-align:top;">(<td\b[^>]*>)'
)
_HEIGHT_ATTR = re.compile(r'\sheight="-?\d+(?:px)?"')
_HEIGHT_STYLE = re.compile(r"(?<![\w-])height:-?\d+px;")


def hero_height(html: str, fixing: Fixing) -> str:
    """MRML swaps mj-hero's two modes: a fluid-height hero comes out with a fixed height of
    minus its padding (`height="-120"`), a fixed-height one with its full height. Node
    sizes a fluid hero to its picture's ratio with a spacer cell on each side of the content
    (`padding-bottom:78%`) and no height, and gives a fixed one its height less the
    vertical padding. MRML also leaves the hero's `border-radius` off that cell, where Node
    writes it before the padding, and does not narrow the Outlook table inside it by the
    hero's horizontal padding."""
    if not fixing.heroes:
        return html
    cells = list(_HERO_CELL.finditer(html))
    if len(cells) != len(fixing.heroes):
        return html  # a cell of the designer's own (mj-raw) among them: whose is whose?
    out: list[str] = []
    at = 0
    for (mode, size, radius, sides), m in zip(fixing.heroes, cells, strict=True):
        out.append(html[at : m.start(1)])
        td = m.group(1)
        if radius and "border-radius:" not in td:
            td = td.replace(";padding:", f";border-radius:{radius};padding:", 1)
        outlook, after = _outlook_table(html, m.end(1), sides)
        if mode == "fixed":
            td = _HEIGHT_ATTR.sub(f' height="{size}"', td, count=1)
            out.append(_HEIGHT_STYLE.sub(f"height:{size}px;", td) + outlook)
            at = after
            continue
        # the space is the whitespace Node leaves inside each spacer cell
        spacer = f'<td style="width:0.01%;padding-bottom:{size}%;mso-padding-bottom-alt:0;" /> '
        end = cell_end(html, m.end(1))
        out.append(spacer + _HEIGHT_STYLE.sub("", _HEIGHT_ATTR.sub("", td)) + outlook)
        out.append(html[after:end] + spacer)
        at = end
    out.append(html[at:])
    return "".join(out)


_OUTLOOK_TABLE = re.compile(
    r'<!--\[if mso \| IE\]><table\b[^>]*? width="(\d+)" style="width:(\d+)px;"'
)


def _outlook_table(html: str, at: int, sides: int) -> tuple[str, int]:
    """The Outlook table right after a hero's cell, narrowed by the hero's horizontal
    padding as Node writes it (MRML leaves the full width), and where it ends."""
    table = _OUTLOOK_TABLE.match(html, at) if sides else None
    if table is None:
        return "", at
    width = int(table.group(1)) - sides
    text = table.group(0)
    text = text[: table.start(1) - at] + str(width) + text[table.end(1) - at :]
    text = text.replace(f"width:{table.group(2)}px;", f"width:{width}px;")
    return text, table.end()


_CONTENT = re.compile(
    r'<!--\[if mso \| IE\]><table border="0" cellpadding="0" cellspacing="0" width="\d+"'
    r' style="width:\d+px;"><tr><td(?: style="([^"]*)")?><!\[endif\]-->'
    r'(<div class="mj-hero-content" style="[^"]*)"'
)


def hero_inner_padding(html: str, fixing: Fixing) -> str:
    """`inner-padding` (and its sides): MRML writes it on the Outlook-only cell around the
    hero's content and not on the content `<div>` every other client reads, where Node
    writes it after the margin, so the content sat against the picture's edges."""
    if not fixing.heroes or "mj-hero-content" not in html:
        return html
    if len(_CONTENT.findall(html)) != len(fixing.heroes):
        return html  # one of the designer's own (mj-raw) alike: whose is whose?

    def content(m: re.Match[str]) -> str:
        padding = "".join(
            f"{d};" for d in (m.group(1) or "").split(";") if d.startswith("padding") and ":" in d
        )
        if not padding or "padding" in m.group(2):
            return m.group(0)
        return m.group(0)[:-1] + padding + '"'

    return _CONTENT.sub(content, html)
