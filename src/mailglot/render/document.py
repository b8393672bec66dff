"""Step 3b: the job's `lang` and `dir` on the final HTML's <html> and body wrapper.

The MJML root already carries them (see `direction.orient`), but what reaches the reader is
the compiled, inlined HTML: whichever compiler or inliner produced it, this step makes sure
screen readers, spell checkers and the client's bidi layout get the job's language and
direction, on <html> and on the element that wraps the message in clients that drop <html>
(MJML's `<div aria-roledescription="email" role="article">`, or <body> when there is none).
"""

from __future__ import annotations

import re
from functools import lru_cache

from mailglot.render.tags import ATTRIBUTES, format_attributes, parse_attributes, with_values

_HTML = re.compile(rf"<html(?P<attrs>{ATTRIBUTES})\s*>", re.I)
_BODY = re.compile(rf"<body(?P<attrs>{ATTRIBUTES})\s*>", re.I)
_WRAPPER = re.compile(rf"<div(?P<attrs>{ATTRIBUTES})\s*>", re.I)


def _set(html: str, match: re.Match[str] | None, name: str, lang: str, direction: str) -> str:
    if match is None:
        return html
    tag = _marked(name, match["attrs"], lang, direction)
    if tag is None:
        return html  # already right: the compiler's bytes stay as they are
    return html[: match.start()] + tag + html[match.end() :]


@lru_cache(maxsize=1024)
def _marked(name: str, attrs: str, lang: str, direction: str) -> str | None:
    """The start tag with lang/dir set, or None when it already has them. It depends on
    its arguments alone, and a template's <html> and wrapper tags are the same in every job
    of a locale, so each is worked out once per process."""
    written = parse_attributes(attrs)
    wanted = with_values(written, {"lang": lang, "dir": direction})
    if wanted == written:
        return None
    return f"<{name}{format_attributes(wanted)}>"


@lru_cache(maxsize=1024)
def _is_wrapper(attrs: str) -> bool:
    found = {a.name.lower(): a.value for a in parse_attributes(attrs)}
    return found.get("aria-roledescription") == "email" or found.get("role") == "article"


def _wrapper(html: str, after: int) -> re.Match[str] | None:
    for m in _WRAPPER.finditer(html, after):
        if _is_wrapper(m["attrs"]):
            return m
    return None


def mark_language(html: str, lang: str, direction: str) -> str:
    """`html` with lang/dir set on <html> and on the body wrapper (or <body>)."""
    html = _set(html, _HTML.search(html), "html", lang, direction)
    body = _BODY.search(html)
    if body is None:
        return html
    wrapper = _wrapper(html, body.end())
    if wrapper is None:
        return _set(html, body, "body", lang, direction)
    return _set(html, wrapper, "div", lang, direction)
