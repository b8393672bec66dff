"""Text that shows nothing: an inbox would show a subject or preheader made only of spaces,
zero-width characters or soft hyphens as blank, yet it is not empty, so the checks for an
empty subject let it through. Shared by the campaign schema and the translation checks."""

from __future__ import annotations

import unicodedata

# Invisible but not whitespace, nor format characters (category Cf, which holds the zero-width
# space, joiners, word joiner, BOM, soft hyphen, bidi marks): the combining grapheme joiner,
# the Hangul fillers and the blank Braille pattern, all drawn as nothing; and the variation
# selectors (Unicode's Variation_Selector: Mongolian, VS1-16, VS17-256), which only choose how
# the character before them is drawn and alone draw nothing. A combining accent alone is drawn.
_BLANK_LETTERS = frozenset(
    "\u034f\u115f\u1160\u3164\uffa0\u2800\u180b\u180c\u180d\u180f"
    + "".join(map(chr, range(0xFE00, 0xFE10)))
    + "".join(map(chr, range(0xE0100, 0xE01F0)))
)

# The format characters that are drawn: Unicode's Prepended_Concatenation_Mark (Arabic number
# signs, END OF AYAH, the Syriac abbreviation mark, the Kaithi number signs) carry a glyph of
# their own, so a subject of U+06DD alone shows one.
_DRAWN_FORMAT = frozenset(
    "\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2\U000110bd\U000110cd"
)


def _invisible(char: str) -> bool:
    if char.isspace() or char in _BLANK_LETTERS:
        return True
    return unicodedata.category(char) == "Cf" and char not in _DRAWN_FORMAT


def shows_nothing(text: str) -> bool:
    """Whether `text` holds characters and none of them is drawn."""
    return bool(text) and all(_invisible(c) for c in text)


def describe(text: str) -> str:
    """The distinct characters of `text`, as a reader who cannot see them needs them named:
    'U+200B ZERO WIDTH SPACE, U+0020 SPACE'."""
    names = (f"U+{ord(c):04X} {unicodedata.name(c, 'unnamed')}" for c in dict.fromkeys(text))
    return ", ".join(names)
