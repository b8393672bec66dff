"""A link as a browser reads it, before `l10n.allowed_links` judges it.

`https://streamly.example/fr/../../account/delete` starts with what the pattern
`https://streamly.example/{lang}/**` allows, but a browser (WHATWG URL) resolves its dot
segments and opens `/account/delete`; `%2e%2e` is such a segment too, and a backslash is a
slash in an http(s) URL. So a URL is matched once its dot segments are resolved as a browser
resolves them, and one a browser and a server may read differently (a backslash, an encoded
slash or backslash in the path, white space or a control character) is never allowed.
"""

from __future__ import annotations

import re

# WHATWG URL: a single-dot segment is "." or "%2e", a double-dot one any pair of those.
_SINGLE = frozenset({".", "%2e"})
_DOUBLE = frozenset({"..", ".%2e", "%2e.", "%2e%2e"})
_SPECIAL = re.compile(r"(?i)(https?:)(//[^/?#]*)([^?#]*)(.*)", re.S)
# Read differently by a browser and a server (`%2f` is a slash to some servers, a backslash
# a slash to browsers), or no part of a URL as typed.
_UNTYPED = re.compile(r"[\\\s\x00-\x1f\x7f]")
_ENCODED_SLASH = re.compile(r"%(?:2f|5c)", re.I)


def resolved(url: str) -> str | None:
    """`url` with the dot segments of its path resolved as a browser does, or None when a
    browser and a server may read it differently: a backslash, white space or a control
    character anywhere, `%2f` or `%5c` in its host or path. A URL that is not http(s) is
    returned as it is."""
    if _UNTYPED.search(url):
        return None
    # `%%` is a percent once a template %-formats the text: `/fr/%%2e%%2e/` is `/fr/%2e%2e/`
    # in the email (and a URL holds no `%%` otherwise)
    url = url.replace("%%", "%")
    m = _SPECIAL.fullmatch(url)
    if m is None:
        return url
    scheme, authority, path, rest = m.groups()
    if _ENCODED_SLASH.search(authority + path):
        return None
    return scheme + authority + _resolved_path(path) + rest


def _resolved_path(path: str) -> str:
    """WHATWG's path state for an http(s) URL: `..` drops the segment before it, `.` is
    nothing, and either at the end leaves the path ending in `/`."""
    if not path:
        return path
    segments = path[1:].split("/")
    out: list[str] = []
    for i, segment in enumerate(segments):
        last = i == len(segments) - 1
        lowered = segment.lower()
        if lowered in _DOUBLE:
            if out:
                out.pop()
            if last:
                out.append("")
        elif lowered in _SINGLE:
            if last:
                out.append("")
        else:
            out.append(segment)
    return "/" + "/".join(out)
