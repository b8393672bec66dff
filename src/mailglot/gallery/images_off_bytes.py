"""images-off.html made on the preview's bytes, where that gives what the text patterns give.

`gallery.images_off` decodes the preview, blocks its images and background images with text
patterns and encodes it again: 0.12 ms of a worker's CPU per email, most of it in decoding
13 kB of (often non-Latin) text, making an ASCII copy of it to find "background" and
encoding it back. The same patterns compiled for bytes find the same matches in the UTF-8
bytes, and the result is the same bytes, whenever nothing in the preview is read otherwise
by a text pattern than by a bytes one:
- IGNORECASE: a text pattern also takes four non-ASCII letters for the ASCII letters the
  patterns hold (İ and ı for "i", ſ for "s", the Kelvin sign for "k"); a bytes pattern
  takes ASCII letters only.
- `\\s`: a text pattern also takes the separators U+001C to U+001F and the Unicode spaces
  (no-break, en, thin, ideographic...), a bytes pattern only ASCII whitespace.
- `\\b` after `<img`: a letter or digit of another script is a word character only for a
  text pattern.
- a carriage return, which the plain path turns into a newline first.
A preview holding any of these (the separators and spaces anywhere, a thin space in a
French price as much as one inside a tag) is left to the plain path: `images_off` returns
None for it. Everything else the patterns read is ASCII, and a non-ASCII character's bytes
are all >= 0x80, so they fall inside `[^>]`, `[^"]`, `[^']` and `[^)]` exactly as the
character does.
"""

from __future__ import annotations

import re
from typing import AnyStr

# Characters a text pattern reads otherwise than a bytes pattern (see above); a test checks
# them against every code point.
_FOLDS = ("\u0130", "\u0131", "\u017f", "\u212a")
_SPACES = (
    "\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
_CONTROLS = b"\x1c\x1d\x1e\x1f\r"


def _finder(forms: list[bytes]) -> re.Pattern[bytes]:
    """A search for any of `forms` (UTF-8 forms of one first byte), as one class per byte:
    an alternation of sixteen three-byte forms searched twice as long."""

    def hexes(values: set[int]) -> bytes:
        return b"[" + b"".join(b"\\x%02x" % v for v in sorted(values)) + b"]"

    lead = b"\\x%02x" % forms[0][0]
    if all(len(form) == 2 for form in forms):
        return re.compile(lead + hexes({form[1] for form in forms}))
    seconds = sorted({form[1] for form in forms})
    branches = [
        b"\\x%02x" % second + hexes({form[2] for form in forms if form[1] == second})
        for second in seconds
    ]
    return re.compile(lead + b"(?:" + b"|".join(branches) + b")")


# their UTF-8 forms by first byte, and the bytes that start none of them
_FORMS = [c.encode() for c in (*_FOLDS, *_SPACES) if c.encode()[0] not in _CONTROLS]
_FINDERS = {
    lead: _finder([form for form in _FORMS if form[0] == lead])
    for lead in sorted({form[0] for form in _FORMS})
}
_LEADS = bytes(_FINDERS)
_BORING = bytes(b for b in range(256) if b not in _FINDERS and b not in _CONTROLS)

# gallery's IMG_TAG, _SRC and _BACKGROUND, for bytes
_IMG_TAG = re.compile(rb"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(rb"""\s(?:src|srcset)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_BACKGROUND = re.compile(
    rb"""background(?:-image)?\s*:\s*url\([^)]*\)|\sbackground\s*=\s*("[^"]*"|'[^']*')""",
    re.IGNORECASE,
)


def images_off(preview: bytes, css: bytes) -> bytes | None:
    """`gallery.images_off(preview)` for a preview that is valid UTF-8 (as the renderer
    encodes it), or None when only the plain path can say (see above). `css`: the style
    put before `</head>`."""
    if not _sure(preview):
        return None
    lower = preview.lower()  # ASCII letters only: every byte stays where it was
    kept: list[bytes] = []
    done = 0
    found = lower.find(b"<img")
    while found != -1:
        if found >= done and (match := _IMG_TAG.match(preview, found)):
            if preview[found + 4] >= 0x80:
                return None  # a word character of another script, or not: `\b` decides
            kept.append(preview[done:found])
            kept.append(_SRC.sub(b"", match.group(0)))
            done = match.end()
        found = lower.find(b"<img", found + 1)
    if kept:
        kept.append(preview[done:])
        preview = b"".join(kept)
        lower = preview.lower()
    html = without_matches_at_background(_BACKGROUND, preview, lower)
    return html.replace(b"</head>", css + b"</head>", 1)


def _sure(preview: bytes) -> bool:
    """Whether the preview holds none of the characters a text pattern reads otherwise.
    Looking for each of them in turn took 0.27 ms; most previews hold none but a few of the
    bytes they start with (a "©", the preheader's padding), and only those are searched."""
    rest = preview.translate(None, _BORING)
    if not rest:
        return True
    if rest.translate(None, _LEADS):
        return False  # a separator or a carriage return
    return not any(_FINDERS[lead].search(preview) for lead in set(rest))


def without_matches_at_background(
    pattern: re.Pattern[AnyStr], html: AnyStr, lower: bytes
) -> AnyStr:
    """`pattern.sub` with nothing, for `_BACKGROUND` and gallery's, whose every match starts
    at a "background" in any case or at the character before one: `lower` is `html` with one
    lowercased byte per character, where those are found, so the pattern is tried only there
    (at every position of a 13 kB preview it took most of a worker's images-off time). Both
    the bytes and the text path use it, so they drop the same matches."""
    kept: list[AnyStr] = []
    done = 0  # the end of the last match: matches never overlap
    found = lower.find(b"background")
    while found != -1:
        for start in (found - 1, found):
            if start >= done and (match := pattern.match(html, start)):
                kept.append(html[done:start])
                done = match.end()
        found = lower.find(b"background", found + 1)
    if not kept:
        return html
    kept.append(html[done:])
    return html[:0].join(kept)
