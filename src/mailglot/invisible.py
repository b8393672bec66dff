"""Text that shows nothing: an inbox would show a subject or preheader made only of spaces,
zero-width characters or soft hyphens as blank, yet it is not empty, so the checks for an
empty subject let it through. Shared by the campaign schema and the translation checks."""

from __future__ import annotations

import unicodedata

# Invisible but not whitespace, nor format characters (category Cf, which holds the zero-width
# space, joiners, word joiner, BOM, soft hyphen, bidi marks): the combining grapheme joiner,
# the Hangul fillers and the blank Braille pattern, all drawn as nothing.
_BLANK_LETTERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u2800")


def _invisible(char: str) -> bool:
    return char.isspace() or char in _BLANK_LETTERS or unicodedata.category(char) == "Cf"


def shows_nothing(text: str) -> bool:
    """Whether `text` holds characters and none of them is drawn."""
    return bool(text) and all(_invisible(c) for c in text)


def describe(text: str) -> str:
    """The distinct characters of `text`, as a reader who cannot see them needs them named:
    'U+200B ZERO WIDTH SPACE, U+0020 SPACE'."""
    names = (f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in dict.fromkeys(text))
    return ", ".join(names)
