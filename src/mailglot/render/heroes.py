"""mj-hero's height and inner padding as Node mjml 5 writes them (fixes of `mjml_fixes`).

MRML swaps the hero's two modes (see `hero_height`), leaves the inner padding off the
content `<div>` that every client but Outlook reads (`hero_inner_padding`), and sizes the
hero's images, dividers and carousel pictures for the hero's whole width, where Node takes
off the hero's left and right padding (`hero_child_widths`). The attributes are resolved as
Node does (own, mj-class, mj-attributes, mj-all: `mjml_defaults`), with Node's defaults: for
the hero `fixed-height`, a height of 0px, no padding.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, cell_end, split_tag
from mailglot.render.mjml_defaults import Defaults, read_defaults
from mailglot.render.node_sizes import border, parse_int, side, unquote

# ("image", paddings + borders, width or None) or ("divider", paddings, width as written)
Child = tuple[str, int, int | str | None]

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
    found = list(_HERO.finditer(mjml, body))
    for i, match in enumerate(found):
        tag = match.group(0)
        # its children: up to its closing tag, never past the next hero (each read once)
        bound = found[i + 1].start() if i + 1 < len(found) else len(mjml)
        close = mjml.find("</mj-hero", match.end(), bound)
        fixing.hero_children.append(
            _children(mjml, match.end(), bound if close == -1 else close, defaults)
        )
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


# the children of a hero whose width Node computes from the hero's (its width less its
# left and right padding): mj-image and mj-divider; mj-carousel's pictures take the whole width
_CHILD = re.compile(r"<(mj-image|mj-divider)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
# Node's defaults of the attributes read here
_CHILD_DEFAULTS = {
    "mj-image": {"padding": "10px 25px", "border": "0"},
    "mj-divider": {"padding": "10px 25px", "width": "100%"},
}
_CHILD_NAMES = {
    "mj-image": (
        "padding",
        "padding-left",
        "padding-right",
        "border",
        "border-left",
        "border-right",
        "width",
    ),
    "mj-divider": ("padding", "padding-left", "padding-right", "width"),
}


def _children(mjml: str, start: int, end: int, defaults: Defaults) -> tuple[Child, ...]:
    """What Node needs to size each mj-image and mj-divider of a hero, in document order:
    ("image", its paddings and borders, its width or None), ("divider", its paddings, its
    width as written)."""
    out: list[Child] = []
    for m in _CHILD.finditer(mjml, start, end):
        tag = m.group(1)
        own = {n: v for _, n, eq, v in split_tag(m.group(0))[1] if eq}
        attrs = dict(_CHILD_DEFAULTS[tag])
        for name in _CHILD_NAMES[tag]:
            value = defaults.resolve(tag, own, name)
            if value is not None:
                attrs[name] = unquote(value)
        paddings = side(attrs, "padding", "left") + side(attrs, "padding", "right")
        if tag == "mj-divider":
            out.append(("divider", paddings, attrs["width"]))
            continue
        borders = border(attrs, "left") + border(attrs, "right")
        width = parse_int(attrs["width"]) if attrs.get("width") else None
        out.append(("image", paddings + borders, width))
    return tuple(out)


def px(value: str | None) -> int | None:
    m = re.match(r"\s*(\d+)", value or "")
    return int(m.group(1)) if m else None


# a hero's cell as MRML writes it: after its Outlook picture and its two boxes
_HERO_CELL = re.compile(
    r'z-index:-3;" /><!\[endif\]--><div\b[^>]*? style="margin:0 auto;max-width:(\d+)px;"><table'
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
    heroes = zip(fixing.heroes, fixing.hero_children, cells, strict=True)
    for (mode, size, radius, sides), children, m in heroes:
        out.append(html[at : m.start(2)])
        td = m.group(2)
        if radius and "border-radius:" not in td:
            td = td.replace(";padding:", f";border-radius:{radius};padding:", 1)
        outlook, after = _outlook_table(html, m.end(2), sides)
        end = cell_end(html, m.end(2))
        content = html[after:end]
        if children or (sides and "mj-carousel-image" in content):
            content = hero_child_widths(content, int(m.group(1)) - sides, children)
        if mode == "fixed":
            td = _HEIGHT_ATTR.sub(f' height="{size}"', td, count=1)
            out.append(_HEIGHT_STYLE.sub(f"height:{size}px;", td) + outlook + content)
            at = end
            continue
        # the space is the whitespace Node leaves inside each spacer cell
        spacer = f'<td style="width:0.01%;padding-bottom:{size}%;mso-padding-bottom-alt:0;" /> '
        out.append(spacer + _HEIGHT_STYLE.sub("", _HEIGHT_ATTR.sub("", td)) + outlook)
        out.append(content + spacer)
        at = end
    out.append(html[at:])
    return "".join(out)


_TAG_REST = r"""(?:[^>"]|"[^"]*")*>"""  # the rest of a start tag, a quoted '>' and all
# an mj-image as MRML writes it: its table (a full-width one has a width in its style), its
# cell (with a width in its style unless full-width), a link maybe, the picture
_IMAGE = re.compile(
    r'<table border="0" cellpadding="0" cellspacing="0" role="presentation"(?: class="[^"]*")?'
    r' style="[^"]*border-collapse:collapse;border-spacing:0px;"><tbody><tr><td\b[^>]*>'
    rf"(?:<a\b{_TAG_REST})?<img\b{_TAG_REST}"
)
_IMAGE_WIDTH = re.compile(r'(<img\b(?:[^>"]|"[^"]*")*? width=")(\d+)"')
# the Outlook table of an mj-divider
_DIVIDER = re.compile(
    r'<!--\[if mso \| IE\]><table border="0" cellpadding="0" cellspacing="0" role="presentation"'
    r' align="\w+" width="([^"]*)" style="([^"]*)"'
)
# a picture of mj-carousel (also the one for Outlook), a link around it maybe
_CAROUSEL_IMAGE = re.compile(
    rf'<div class="mj-carousel-image mj-carousel-image-\d+[^"]*"[^>]*>(?:<a\b{_TAG_REST})?'
    rf"<img\b{_TAG_REST}"
)


def hero_child_widths(content: str, width: int, children: tuple[Child, ...]) -> str:
    """The widths of a hero's mj-image, mj-divider and mj-carousel pictures as Node writes
    them: Node sizes them for `width`, the hero's width less its left and right padding, where
    MRML takes the hero's whole width (an image 550px wide in a 600px hero padded 30px on each
    side, where Node writes 490). Images and dividers are paired with the hero's children as
    noted in the source, in order; when the counts differ (a designer's own markup alike in an
    mj-raw), they are left as they are."""
    images = [(size, wanted) for kind, size, wanted in children if kind == "image"]
    found = _IMAGE.findall(content) if images else []
    if images and len(found) == len(images):
        sized = iter(images)
        content = _IMAGE.sub(lambda m: _image(m.group(0), width, *next(sized)), content)
    dividers = [(size, wanted) for kind, size, wanted in children if kind == "divider"]
    found = _DIVIDER.findall(content) if dividers else []
    if dividers and len(found) == len(dividers):
        sized_dividers = iter(dividers)
        content = _DIVIDER.sub(lambda m: _divider(m, width, *next(sized_dividers)), content)
    if "mj-carousel-image" in content:
        content = _CAROUSEL_IMAGE.sub(lambda m: _carousel_image(m.group(0), width), content)
    return content


def _image(text: str, width: int, sides: int, wanted: int | str | None) -> str:
    """Node: the image as wide as the box (the hero's width less the image's paddings and
    borders), or its own width when narrower; in the `<img>`'s width, the width in its
    cell's style, and in a full-width image's table style and picture style."""
    box = width - sides
    size = min(box, wanted) if isinstance(wanted, int) else box
    img = _IMAGE_WIDTH.search(text)
    if img is None or int(img.group(2)) == size:
        return text
    tag = _IMAGE_WIDTH.sub(rf'\g<1>{size}"', text[img.start() :], count=1)
    return _style_width(text[: img.start()], img.group(2), size) + tag


def _divider(m: re.Match[str], width: int, sides: int, wanted: int | str | None) -> str:
    """Node: a divider's Outlook table is its pixel width as written, else its percentage
    (100% by default) of the hero's width less the divider's paddings."""
    value = str(wanted)
    unit = re.search(r"[\d.,]*(\D*)$", value)
    suffix = unit.group(1) if unit else ""
    if suffix == "px":
        return m.group(0)
    box = width - sides
    size = _js_number(box * (parse_int(value) / 100)) if suffix == "%" else str(box)
    old = m.group(1)
    style = m.group(2).replace(f"width:{old};", f"width:{size}px;")
    return m.group(0)[: m.start(1) - m.start()] + f'{size}px" style="{style}"'


def _js_number(value: float) -> str:
    """A number as JavaScript writes it (245, not 245.0; 173.58)."""
    return str(int(value)) if value == int(value) else repr(value)


def _carousel_image(text: str, width: int) -> str:
    """Node: each carousel picture as wide as the hero's width less its padding."""
    img = _IMAGE_WIDTH.search(text)
    if img is None or int(img.group(2)) == width:
        return text
    tag = _IMAGE_WIDTH.sub(rf'\g<1>{width}"', text[img.start() :], count=1)
    return text[: img.start()] + _style_width(tag, img.group(2), width)


def _style_width(text: str, old: str, new: int) -> str:
    """`width:OLDpx;` written `width:NEWpx;` (not a `max-width` or `min-width`)."""
    return re.sub(rf"(?<![\w-])width:{old}px;", f"width:{new}px;", text)


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
