"""MJML start tags as the direction step reads them, in linear time on any text.

Only MJML start tags (`<mjml>`, `<mj-...>`) are read: comments, CDATA sections and the
contents of ending tags (mj-text, mj-raw...: HTML, CSS or text up to their closing tag) are
passed over, so the direction step can edit attributes and copy everything else byte for
byte. Split from `direction` because reading the tags linearly on broken input (tags that
never close) is a job of its own, with its own tests (`tests/test_linear_direction.py`).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

from mailglot.render.tags import ATTRIBUTES, Attribute, parse_attributes

# Body components whose content MJML takes as raw HTML up to the closing tag.
HTML_ENDING_TAGS = frozenset(
    {
        "mj-text",
        "mj-button",
        "mj-table",
        "mj-raw",
        "mj-navbar-link",
        "mj-social-element",
        "mj-accordion-title",
        "mj-accordion-text",
    }
)
# Components whose content MJML takes as raw HTML (or CSS, or text) up to the closing tag.
ENDING_TAGS = HTML_ENDING_TAGS | {"mj-style", "mj-title", "mj-preview", "mj-html-attribute"}
CLOSE = {name: re.compile(rf"</{name}\s*>", re.I) for name in ENDING_TAGS}
_MAY_CHANGE = re.compile(r"start|end", re.I)
_MAY_CHANGE_RTL = re.compile(r"""start|end|padding\s*=\s*["']?\s*\S+\s+\S+\s+\S+\s+[^\s"']""", re.I)
# A comment or CDATA section left open runs to the end of the text, as an HTML parser reads
# it: its end is looked for once, not once for each "<!--" after the last "-->" (quadratic).
TOKEN = re.compile(
    rf"<!--(?:.*?-->|.*)|<!\[CDATA\[(?:.*?\]\]>|.*)|<(?P<name>mjml|mj-[a-z0-9-]+)(?P<attrs>{ATTRIBUTES})\s*(?P<slash>/?)>",
    re.S | re.I,
)
# `TOKEN` as it is searched for: where `TOKEN` fails at an MJML name, `SCAN` matches that
# name and the attributes after it anyway ("bad"), so the search goes on after them. The
# same tokens where no "<mj" or "<!" starts inside a bad match's span; else the text is read
# by `_exact_tokens`. A search for `TOKEN` tried again at every "<mj-a" of a tag that never
# closes, each time up to its end: quadratic (24 KB of "<mj-a " took 1.7 s).
SCAN = re.compile(
    rf"<!--(?:.*?-->|.*)|<!\[CDATA\[(?:.*?\]\]>|.*)|<(?P<name>mjml|mj-[a-z0-9-]+)(?P<attrs>{ATTRIBUTES})(?:\s*(?P<slash>/?)>|(?P<bad>))",
    re.S | re.I,
)
_INSIDE = re.compile(r"<(?:!|mj)", re.I)  # where a token could start inside a bad match
_CANDIDATE = re.compile(r"<(?=!--|!\[CDATA\[|mjml|mj-[a-z0-9-])", re.I)
_COMMENT = re.compile(r"<!--(?:.*?-->|.*)|<!\[CDATA\[(?:.*?\]\]>|.*)", re.S)
_NAME = re.compile(r"<(mjml|mj-[a-z0-9-]+)", re.I)
_ATTRIBUTE_NAME = re.compile(r"""\s++[^\s=/>"']++""")
_EQUALS = re.compile(r"\s*+=\s*+")
_UNQUOTED = re.compile(r"""[^\s"'=<>`]++""")
_TAG_END = re.compile(r"\s*(/?)>")


class Tag(NamedTuple):
    """One MJML start tag; a tuple, since an email has dozens and each is made anew."""

    name: str  # lower case
    raw: str  # the attribute text as written
    start: int
    end: int
    self_closing: bool

    @property
    def attributes(self) -> list[Attribute]:
        return list(parsed_attributes(self.raw))

    def may_change(self, rtl: bool) -> bool:
        """Cheap pre-check: most tags have nothing to resolve and are copied as they are.
        Long attribute texts are resolved: the padding pattern, tried at each "padding" of a
        value, reads the rest of its word each time (quadratic)."""
        if len(self.raw) > 1024:
            return True
        return (_MAY_CHANGE_RTL if rtl else _MAY_CHANGE).search(self.raw) is not None


@lru_cache(maxsize=4096)
def parsed_attributes(raw: str) -> tuple[Attribute, ...]:
    """A start tag's attributes, read once per process for each distinct attribute text."""
    return tuple(parse_attributes(raw))


def start_tags(mjml: str) -> Iterator[Tag]:
    """MJML start tags in document order, skipping comments and the contents of ending tags:
    the tokens `TOKEN` finds, searched for from the end of the last one, in linear time."""
    pos = 0
    while (m := SCAN.search(mjml, pos)) is not None:
        if m["bad"] is not None and hides_token(mjml, m):
            yield from exact_start_tags(mjml, m.start())
            return
        pos = m.end()
        if m["name"] is None or m["bad"] is not None:
            continue  # a comment or CDATA section, or no tag
        name = m["name"].lower()
        tag = Tag(name, m["attrs"], m.start(), m.end(), bool(m["slash"]))
        yield tag
        if name in ENDING_TAGS and not tag.self_closing:
            close = CLOSE[name].search(mjml, pos)
            pos = close.end() if close else len(mjml)


def hides_token(mjml: str, bad: re.Match[str]) -> bool:
    """Whether a token could start inside the span of a bad `SCAN` match (where `TOKEN`
    found nothing): if not, the search for `TOKEN` goes on from its end."""
    inside = _INSIDE.search(mjml, bad.start() + 1, bad.end() + 1)
    return inside is not None and inside.start() < bad.end()


def exact_start_tags(mjml: str, pos: int) -> Iterator[Tag]:
    """`start_tags` from `pos` on, each `TOKEN` tried in turn at each place it could start,
    as `TOKEN.search` tries it, but never twice from the same point: a tag is read
    attribute by attribute, and a point between two attributes from which a tag was found
    not to close is remembered (every tag that reaches it fails there too), and the end of
    each quoted value is looked up among the quotes of the text. Linear (n log n)."""
    failed: set[int] = set()
    quotes: dict[str, list[int]] = {}
    while (c := _CANDIDATE.search(mjml, pos)) is not None:
        at = c.start()
        if mjml.startswith("<!", at):
            pos = _COMMENT.match(mjml, at).end()  # type: ignore[union-attr]
            continue
        found = _tag_at(mjml, at, failed, quotes)
        if found is None:
            pos = at + 1
            continue
        tag = found
        yield tag
        pos = tag.end
        if tag.name in ENDING_TAGS and not tag.self_closing:
            close = CLOSE[tag.name].search(mjml, pos)
            pos = close.end() if close else len(mjml)


def _tag_at(mjml: str, at: int, failed: set[int], quotes: dict[str, list[int]]) -> Tag | None:
    """The tag `TOKEN` matches at `at`, if any (`at` starts "<mjml" or "<mj-" and a letter,
    digit or "-"). Its name is the longest: `TOKEN` giving one back never matches."""
    name = _NAME.match(mjml, at)
    assert name is not None
    i = attrs = name.end()
    seen = []
    while i not in failed:
        seen.append(i)
        attribute = _ATTRIBUTE_NAME.match(mjml, i)
        if attribute is None:
            end = _TAG_END.match(mjml, i)
            if end is None:
                break
            return Tag(name[1].lower(), mjml[attrs:i], at, end.end(), bool(end[1]))
        i = attribute.end()
        equals = _EQUALS.match(mjml, i)
        if equals is None:
            continue
        value = equals.end()
        quote = mjml[value : value + 1]
        if quote in ("'", '"'):
            close = _next(quotes, mjml, quote, value + 1)
            if close != -1:
                i = close + 1
        elif (unquoted := _UNQUOTED.match(mjml, value)) is not None:
            i = unquoted.end()
    failed.update(seen)
    return None


def _next(quotes: dict[str, list[int]], mjml: str, quote: str, at: int) -> int:
    """Where the next `quote` at or after `at` is, or -1."""
    if quote not in quotes:
        quotes[quote] = [m.start() for m in re.finditer(quote, mjml)]
    where = quotes[quote]
    i = bisect_left(where, at)
    return where[i] if i < len(where) else -1
