"""The width of an mj-button's link less its borders, as Node mjml 5 writes it (a fix of
`mjml_fixes`).

`<mj-button width="300px" border="3px solid #000">`: Node makes the link (the `<a>`, or the
`<p>` of a button without `href`) 300px less the inner padding's sides and the borders'
(244px with the default inner padding), MRML less the inner padding only (250px): the button
is wider than Node's by its left and right borders, in every client. The buttons with a width
in px are noted in document order with their borders, as Node reads them (own, mj-class,
mj-attributes, mj-all), and their links narrowed after compiling.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults
from mailglot.render.node_sizes import border, unquote

_BUTTON = re.compile(r"<mj-button(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_BORDERS = ("border", "border-left", "border-right")
_PX = re.compile(r"\s*\d+(?:\.\d+)?px\s*")
# a button's link as MRML writes it when the button has a width: display, then width
_LINK = re.compile(
    r'(<(?:a|p)\b(?:[^>"]|"[^"]*")*? style="display:inline-block;width:)(\d+(?:\.\d+)?)(px;)'
)


def note_button_borders(mjml: str, fixing: Fixing) -> str:
    """Each mj-button with a width in px, in order: its left and right borders (a list left
    empty when none has any)."""
    if "<mj-button" not in mjml or "border" not in mjml:
        return mjml
    tags = []  # every mj-button start tag, found by str.find (a pattern is slower)
    at = mjml.find("<mj-button")
    while at != -1:
        end = mjml.find(">", at)
        text = mjml[at : end + 1 if end != -1 else len(mjml)]
        if text.count('"') % 2 or text.count("'") % 2:  # a '>' inside a quoted value
            tag = _BUTTON.match(mjml, at)
            text = tag.group(0) if tag is not None else ""
        if text:
            tags.append((at, text))
        at = mjml.find("<mj-button", at + 10)
    if not any("width" in t or "mj-class" in t for _, t in tags) and not _all_width(mjml):
        return mjml  # no width anywhere a button could take one from
    body = body_start(mjml)  # the tags before it are defaults
    defaults = read_defaults(mjml)
    inherited = (
        "width" in defaults.tags.get("mj-button", {})
        or "width" in defaults.all
        or any("width" in values for values in defaults.classes.values())
    )
    borders: list[int] = []
    for at, tag in tags:
        if body == -1 or at < body or ("width" not in tag and not inherited):
            continue  # a default, or no width of its own and none from defaults or classes
        own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
        width = defaults.resolve("mj-button", own, "width")
        if width is None or not _PX.fullmatch(unquote(width)):
            continue  # no width, or not in px: Node and MRML write none
        attrs = {}
        for name in _BORDERS:
            value = defaults.resolve("mj-button", own, name)
            if value is not None:
                attrs[name] = unquote(value)
        borders.append(border(attrs, "left") + border(attrs, "right"))
    if any(borders):
        fixing.button_borders = borders
    return mjml


def _all_width(mjml: str) -> bool:
    """Whether an `<mj-all>` may set a width (its tag up to the first '>' says "width", or
    holds a quote left open there)."""
    head = mjml.find("<mj-body")  # mj-all is a default of the head
    head = len(mjml) if head == -1 else head
    at = mjml.find("<mj-all", 0, head)
    while at != -1:
        end = mjml.find(">", at)
        text = mjml[at : end if end != -1 else len(mjml)]
        if "width" in text or text.count('"') % 2 or text.count("'") % 2:
            return True
        at = mjml.find("<mj-all", at + 7, head)
    return False


def button_widths(html: str, fixing: Fixing) -> str:
    """The links of the noted buttons narrowed by their borders; left alone when the links
    found are not as many as the buttons (a designer's own link alike in an mj-raw)."""
    if not fixing.button_borders:
        return html
    links = _LINK.findall(html)
    if len(links) != len(fixing.button_borders):
        return html
    borders = iter(fixing.button_borders)

    def link(m: re.Match[str]) -> str:
        less = next(borders)
        if not less:
            return m.group(0)
        width = float(m.group(2)) - less
        text = str(int(width)) if width == int(width) else repr(width)
        return m.group(1) + text + m.group(3)

    return _LINK.sub(link, html)
