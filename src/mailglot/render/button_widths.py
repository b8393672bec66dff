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
    tags = _button_tags(mjml)
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


def _button_tags(mjml: str) -> list[tuple[int, str]]:
    """Every mj-button start tag and where it starts, found by str.find (a pattern is
    slower): up to the first '>', or as `_BUTTON` reads it when a quote is left open there
    (a '>' inside a quoted value), or to the end when no '>' follows. A `<mj-button` inside
    the text of the one before it (in a quoted value) is none, and the search goes on after
    that text: each character is read a bounded number of times (a search for '>' from each
    `<mj-button` of a text holding thousands and no '>' took seconds)."""
    tags = []
    at = mjml.find("<mj-button")
    while at != -1:
        end = mjml.find(">", at)
        stop = len(mjml) if end == -1 else end + 1
        text = mjml[at:stop]
        if text.count('"') % 2 or text.count("'") % 2:  # a '>' inside a quoted value
            tag = _BUTTON.match(mjml, at)
            text = tag.group(0) if tag is not None else ""
        if text:
            tags.append((at, text))
        at = mjml.find("<mj-button", max(stop, at + len(text)))
    return tags


def _all_width(mjml: str) -> bool:
    """Whether an `<mj-all>` may set a width (its tag up to the first '>' says "width", or
    holds a quote left open there). The `<mj-all` that share a first '>' are read together,
    each character once: the text from each to that '>' is a part of the first one's."""
    head = mjml.find("<mj-body")  # mj-all is a default of the head
    head = len(mjml) if head == -1 else head
    at = mjml.find("<mj-all", 0, head)
    while at != -1:
        end = mjml.find(">", at)
        end = len(mjml) if end == -1 else end
        if "width" in mjml[at:end]:
            return True
        starts = [at]
        following = mjml.find("<mj-all", at + 7, min(end, head))
        while following != -1:
            starts.append(following)
            following = mjml.find("<mj-all", following + 7, min(end, head))
        double = single = 0  # the quotes from each start to the '>', the last start first
        for start, stop in zip(reversed(starts), [end, *reversed(starts[1:])], strict=True):
            double += mjml.count('"', start, stop)
            single += mjml.count("'", start, stop)
            if double % 2 or single % 2:
                return True
        at = mjml.find("<mj-all", end, head)
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
