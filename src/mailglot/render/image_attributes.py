"""Image attributes MRML drops, written on the `<img>` where Node mjml 5 writes them (a fix of
`mjml_fixes`).

- `sizes` of mj-image and mj-social-element, and `srcset` of mj-social-element: Node writes
  them on the `<img>`; MRML leaves them off, so a client picks the picture from `srcset`
  for the full viewport width (or, for a social icon, never sees the sharper one).
- `border-top`, `border-right`, `border-bottom`, `border-left` of mj-image: Node writes them in
  the `<img>`'s style right after `border`; MRML drops them (it does narrow the picture by the
  side borders' widths, as Node does), so the frame a designer drew is missing.
- the `border` of mj-social-element (its own, else its mj-social's, else `0`): Node writes it
  first in the icon's style; MRML writes none, so a linked icon gets the blue link border of
  the clients that draw one (Outlook's Word engine, old webmail) and a designer's frame is lost.
- `icon-position="right"` of mj-social-element: Node writes the text's cell before the icon's,
  MRML ignores it (the icon stays on the left).

Values are resolved as Node does (own, mj-class, mj-attributes, mj-all: `mjml_defaults`)
and copied as written. Before compiling, the element's `alt` (or, without one, its `src`),
which MRML copies to the `<img>` alone, gets an inert token at its end; after compiling, the
token leaves the value and the attributes and declarations are written in that `<img>`.
An element with neither `alt` nor `src` of its own (its alt from `mj-attributes`, or none
there) is given its alt as resolved, `""` for none, to carry the token.
"""

from __future__ import annotations

import re
import secrets

from mailglot.render.fixing import Fixing, body_start, cell_end, split_tag, with_token
from mailglot.render.mjml_defaults import Defaults, read_defaults

_SIDES = ("border-left", "border-right", "border-top", "border-bottom")  # Node's order
_HINT = re.compile(r"(?:sizes|border-(?:left|right|top|bottom))\s*=")
_TAG = re.compile(
    r"<(mj-image|mj-social-element|mj-social)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>|</mj-social>"
)
_IMG = re.compile(r'<img\b(?:[^>"]|"[^"]*")*>')
_AFTER = (re.compile(r'\ssrcset="[^"]*"'), re.compile(r'\ssrc="[^"]*"'))
_STYLE = re.compile(r'\sstyle="')


def _unquote(value: str) -> str:
    inner = value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value
    return inner if value[:1] == '"' else inner.replace('"', "&quot;")


def _wanted(
    tag: str, own: dict[str, str], parent: str | None, d: Defaults
) -> tuple[str, str, bool]:
    """(` sizes="..."`..., `border-top:...;`..., a social icon placed on the right) for one
    element; empty strings for none."""
    attributes, styles, right = "", "", False
    names = ("sizes",) if tag == "mj-image" else ("srcset", "sizes")
    for name in names:
        value = d.resolve(tag, own, name)
        if value is not None:
            attributes += f' {name}="{_unquote(value)}"'
    if tag == "mj-image":
        for side in _SIDES:
            value = d.resolve(tag, own, side)
            if value is not None:
                styles += f"{side}:{_unquote(value)};"
    else:
        value = d.resolve(tag, own, "border")
        styles = f"border:{_unquote(value) if value is not None else parent or '0'};"
        right = _unquote(d.resolve(tag, own, "icon-position") or "") == "right"
    return attributes, styles, right


def carry_image_attributes(mjml: str, fixing: Fixing) -> str:
    social = "social-element" in fixing.components
    if not social and ("image" not in fixing.components or not _HINT.search(fixing.attribute_text)):
        return mjml
    body = body_start(mjml)  # defaults in <mj-attributes> carry no token
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    nonce = secrets.token_hex(4)
    parent: list[str | None] = [None]  # the enclosing mj-social's border, if it sets one

    def carry(m: re.Match[str]) -> str:
        tag = m.group(1)
        if tag is None or tag == "mj-social":
            own = {} if tag is None else {n: v for _, n, _, v in split_tag(m.group(0))[1]}
            border = defaults.resolve("mj-social", own, "border") if tag else None
            parent[0] = _unquote(border) if border is not None else None
            return m.group(0)
        head, attrs, tail = split_tag(m.group(0))
        own = {n: v for _, n, eq, v in attrs if eq}
        attributes, styles, right = _wanted(tag, own, parent[0], defaults)
        carrier = "alt" if "alt" in own else "src" if "src" in own else None
        if not (attributes or styles):
            return m.group(0)
        if carrier is None:
            # an alt the element takes from mj-attributes (which keeps the fix that adds
            # alt="" from running), written on the element itself as MRML resolves it
            carrier = "alt"
            attrs = [*attrs, (" ", "alt", "=", defaults.resolve(tag, own, "alt") or '""')]
        token = f"mailglotimg{nonce}x{len(fixing.image_attributes)}x"
        fixing.image_attributes[token] = (attributes, styles, right)
        return with_token(head, attrs, tail, carrier, token)

    before = len(fixing.image_attributes)
    carried = mjml[:body] + _TAG.sub(carry, mjml[body:])
    return carried if len(fixing.image_attributes) > before else mjml


def restore_image_attributes(html: str, fixing: Fixing) -> str:
    """One pass over the document: each token found (in the order the HTML has them) leaves
    its value, and its `<img>` (and, for an icon on the right, the two cells around it) is
    written again; the text between is copied once. Looking for each token from the start
    and rebuilding the whole text for each cost time in the square of the elements."""
    tokens = fixing.image_attributes
    if not tokens:
        return html
    pattern = _token_pattern(tokens)
    out: list[str] = []
    at = 0  # what is before `at` is in `out`; no tag before it is looked at again
    for m in pattern.finditer(html):
        if m.start() < at:
            continue  # inside an <img> already written: its token is dropped with it
        wanted = tokens.get(m.group(0))
        start = html.rfind("<img", at, m.start())
        img = _IMG.match(html, start) if wanted is not None and start != -1 else None
        if img is None or img.end() <= m.start():
            out.append(html[at : m.start()])  # not inside an <img>: the token is gone
            at = m.end()
            continue
        attributes, styles, right = wanted
        written = _written(pattern.sub("", img.group(0)), attributes, styles)
        cells = _swapped_cells(html, at, img, written) if right else None
        if cells is None:
            out.append(html[at : img.start()] + written)
            at = img.end()
        else:
            out.append(html[at : cells[0]] + cells[2])
            at = cells[1]
    out.append(html[at:])
    return "".join(out)


def _token_pattern(tokens: dict[str, tuple[str, str, bool]]) -> re.Pattern[str]:
    """The tokens of this document's nonce (`mailglotimg<nonce>x<n>x`)."""
    first = next(iter(tokens))
    prefix = first[: first.index("x", len("mailglotimg")) + 1]
    return re.compile(re.escape(prefix) + r"\d+x")


def _swapped_cells(
    html: str, at: int, img: re.Match[str], written: str
) -> tuple[int, int, str] | None:
    """A social element's icon cell and the text cell after it, in the other order (Node's
    `icon-position="right"`, which MRML ignores): (start, end, the two cells as written), or
    None for an icon without text. Looks no further back than `at`."""
    table = html.rfind("<table", at, img.start())
    icon = html.rfind("<td", at, table) if table != -1 else -1
    if icon == -1:
        return None
    icon_end = cell_end(html, icon + 3)
    if not html.startswith("<td", icon_end):
        return None  # an icon without text: nothing to swap
    text_end = cell_end(html, icon_end + 3)
    icon_cell = html[icon : img.start()] + written + html[img.end() : icon_end]
    return icon, text_end, html[icon_end:text_end] + icon_cell


def _written(tag: str, attributes: str, styles: str) -> str:
    if styles:
        style = _STYLE.search(tag)
        if style is None:
            tag = tag[:4] + f' style="{styles}"' + tag[4:]
        else:
            at = style.end()
            first = tag.find(";", at) + 1 if tag.startswith("border:", at) else at
            tag = tag[:first] + styles + tag[first:]
    if attributes:
        for pattern in _AFTER:
            found = pattern.search(tag)
            if found is not None:
                return tag[: found.end()] + attributes + tag[found.end() :]
        tag = tag[:4] + attributes + tag[4:]
    return tag
