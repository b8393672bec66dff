"""An email's elements read from its start tags with regular expressions instead of lxml's
parse, where lxml has shown that this reading makes the same elements.

The client-support check needs each element's tag and attributes in document order; lxml's
parse and the walk over its tree were most of the check's cost. Jobs of one template have the
same markup with other words and attribute values, and what libxml2's HTML parser makes of a
document (which tags become elements, which it adds or drops) follows from the names of its
tags in order: not from attribute values (but <meta>'s), nor, once <body> has begun, from the
text between tags (text only implies a <head> or <body> before that). So a document is read here
only when it is written plainly (every tag in a strict form, no comments, attribute values in
double quotes with no '<', '>' and only plain references, a head of tags, blanks, a title and
style), and only once lxml has parsed a document of the same *shape* (its head as written but
the title's words, its body's tags without attributes or text) into exactly the elements read
here. A shape lxml disagrees with is left to lxml for good.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from lxml import etree

_WS = "[ \t\n\f]"
_NAME = r"[a-zA-Z_:][-a-zA-Z0-9_:.]*"
# Values in double quotes, with no '<' or '>' and only the references every HTML parser reads
# the same way (what Jinja's and MJML's escaping writes, and the no-break space MRML writes as
# `&nbsp;` in the email's aria-label: French and German titles have one, and their emails,
# a fifth of a build of ten locales, were all parsed by lxml).
_REFERENCES = {
    "&amp;": "&",
    "&quot;": '"',
    "&lt;": "<",
    "&gt;": ">",
    "&#39;": "'",
    "&#34;": '"',
    "&nbsp;": "\xa0",
}
_REFERENCE = re.compile("|".join(_REFERENCES))
VALUE = rf'[^"<>&\r\0]*(?:(?:{_REFERENCE.pattern})[^"<>&\r\0]*)*'
_ATTRIBUTES = rf'(?:{_WS}+{_NAME}="{VALUE}")*'
_START = rf"<[a-zA-Z][a-zA-Z0-9-]*{_ATTRIBUTES}{_WS}*/?>"
_STYLE = rf"<(?i:style){_ATTRIBUTES}{_WS}*>[^<]*</(?i:style)>"
# One white-space character an iteration, not a run: `(?:\s+|...)*` tried every way of
# cutting a run of spaces before a stray character (24 spaces: 1.2 s, 4x per 2 more)
_HEAD = re.compile(
    rf"(?:{_WS}|<!(?i:doctype) html>|{_STYLE}|<(?i:title)>[^<]*</(?i:title)>|{_START}"
    r"|</[a-zA-Z][a-zA-Z0-9-]*>)*"
)
_BODY_START = re.compile(rf"<(?i:body){_ATTRIBUTES}{_WS}*>")
_BODY_CLOSE = re.compile(r"</(?i:body)>")
_HTML_CLOSE = re.compile(r"</(?i:html)>")
_BLANKS = " \t\n\f"  # _WS
_TITLE = re.compile(r"<(?i:title)>[^<]*</(?i:title)>")
_PLAIN_START = re.compile(rf"<([a-zA-Z][a-zA-Z0-9-]*){_ATTRIBUTES}{_WS}*(/?)>")
_PLAIN_END = re.compile(rf"</([a-zA-Z][a-zA-Z0-9-]*){_WS}*>")
# Not read inside <body>: the tags libxml2 places or drops by where they are, <style> (its text
# is read) and <meta> (its values may change how libxml2 decodes what follows).
_OUTER = {"html", "head", "body", "style", "meta"}
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
# What the head's elements are read from: a whole <style> element (its text is read too) or a
# start tag.
_HEAD_TOKEN = re.compile(r"<(?i:style)\b[^<>]*>[^<]*</(?i:style)>|<[a-zA-Z][^<>]*>")
_TAG_NAME = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
_ATTRIBUTE = re.compile(rf'{_WS}+({_NAME})="({VALUE})"')

Element = tuple[str, tuple[tuple[str, str], ...], str | None]  # tag, attributes, <style> text
# Per process, like the lru caches of the checks: shape -> whether lxml made what is read here.
_confirmed: dict[str, bool] = {}


class Plain(NamedTuple):
    """A plainly written document: its head as written but the title's words (the same for
    every job of a template and locale) and its body's start tags, in document order."""

    head: str
    body: list[str]


def read(visible: str, parse: Callable[[str], etree._Element]) -> Plain | None:
    """The document read plainly, or None when lxml must read it; `parse` is lxml's parse, run
    once per new shape to confirm that lxml makes the elements read here."""
    if "\r" in visible or "\0" in visible or "<!--" in visible:
        return None
    body = _BODY_START.search(visible)
    end = body_end(visible)
    if (
        body is None
        or end is None
        or end < body.end()
        or not _HEAD.fullmatch(visible, 0, body.start())
    ):
        return None
    inside = visible[body.end() : end]
    tags = _TAG.findall(inside)
    shapes = list(map(_shape, tags))
    if inside.count("<") != len(tags) or None in shapes:
        return None  # a '<' that starts no tag, a tag not plainly written, <style> in the body
    head = _TITLE.sub("<title></title>", visible[: body.start()])
    plain = Plain(head, [body.group(0), *(t for t in tags if t[1] != "/")])
    key = "".join([head, "<body>", *shapes])  # type: ignore[list-item]
    trusted = _confirmed.get(key)
    if trusted is None:
        if len(_confirmed) >= 512:  # bounded: `serve` sees shapes come and go for hours
            _confirmed.clear()
        mine = [*map(element, _HEAD_TOKEN.findall(head)), *map(element, plain.body)]
        trusted = _confirmed[key] = mine == parsed(parse(visible))
    return plain if trusted else None


def body_end(visible: str) -> int | None:
    """Where the `</body>` starts that only blanks, `</html>` and blanks follow (as the
    pattern `</body>[ \\t\\n\\f]*</html>[ \\t\\n\\f]*\\Z` in any case finds it), looked for
    from the end: the pattern was tried at every "</" of the email (~12 us)."""
    html_at = len(visible.rstrip(_BLANKS)) - 7
    if html_at < 0 or not _HTML_CLOSE.fullmatch(visible, html_at, html_at + 7):
        return None
    end = html_at
    while end and visible[end - 1] in _BLANKS:
        end -= 1
    if end < 7 or not _BODY_CLOSE.fullmatch(visible, end - 7, end):
        return None
    return end - 7


@lru_cache(maxsize=16384)
def _shape(tag: str) -> str | None:
    """A tag inside the body as the shape shows it (`<td>`, `<br/>`, `</td>`); None when it is
    not plainly written or is one not read there (html, head, body, style)."""
    start = _PLAIN_START.fullmatch(tag)
    if start:
        name = start.group(1).lower()
        return None if name in _OUTER else f"<{name}{start.group(2)}>"
    end = _PLAIN_END.fullmatch(tag)
    if end:
        name = end.group(1).lower()
        return None if name in _OUTER else f"</{name}>"
    return None


def head_tokens(head: str) -> list[str]:
    return _HEAD_TOKEN.findall(head)


@lru_cache(maxsize=16384)
def element(token: str) -> Element:
    """A token's tag and attributes as lxml gives them (names in lower case, the first of
    repeated attributes, references decoded) and a <style> element's text. Remembered: each new
    shape reads all its tokens, and shapes share most of them."""
    tag = _TAG_NAME.match(token).group(1).lower()  # type: ignore[union-attr]
    start = token[: token.index(">") + 1]
    attributes: dict[str, str] = {}
    for name, value in _ATTRIBUTE.findall(start):
        attributes.setdefault(name.lower(), _REFERENCE.sub(_decoded, value))
    text = token[len(start) : token.rindex("</")] if len(start) < len(token) else None
    return tag, tuple(attributes.items()), text


def _decoded(reference: re.Match[str]) -> str:
    return _REFERENCES[reference.group(0)]


def parsed(root: etree._Element) -> list[Element]:
    """What lxml made, in the form `element` reads a token."""
    return [
        (el.tag, tuple(el.items()), (el.text or "") if el.tag == "style" else None)
        for el in root.iter(etree.Element)
    ]
