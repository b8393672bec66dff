"""What is wrong with a CLDR date pattern a template gives the `date` or `datetime` filter.

Babel writes an unknown letter as itself (`NOPE` came out as 'NNonePsam.') and fails on a
time field given a date with "'datetime.date' object has no attribute 'tzname'": each
pattern is read here first, so the designer is told which letters to change.
"""

from __future__ import annotations

from babel.dates import PATTERN_CHARS

NAMED = ("short", "medium", "long", "full")
# Fields a date has not: the time of day, its period and the time zone
TIME_FIELDS = frozenset("abBhHKkmsSAzZOvVxX")
EXAMPLE = "short, medium, long, full or a CLDR pattern such as 'd MMMM y'"
# CLDR fields Babel does not format (it writes the letters as they are)
UNSUPPORTED = {
    "U": "the cyclic year's name",
    "r": "the related Gregorian year",
    "l": "a deprecated leap-month mark",
    "j": "the locale's preferred hour, for skeletons only",
    "J": "the locale's preferred hour, for skeletons only",
    "C": "the locale's preferred hour, for skeletons only",
}
# Lengths Babel takes but formats wrongly: a single O came out as 'None'
BROKEN = {("O", 1): "Babel writes 'None' for it: write 'OOOO' (GMT+01:00) or 'ZZZZZ' (+01:00)"}


def _fields(pattern: str) -> tuple[list[tuple[str, int]], bool]:
    """The pattern's letters outside quotes, each run as (letter, count), and whether every
    quote is closed (`''` is a quote sign, `'text'` literal text)."""
    found: list[tuple[str, int]] = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if c == "'":
            end = pattern.find("'", i + 1)
            if end == -1:
                return found, False
            i = end + 1
        elif c.isascii() and c.isalpha():
            rest = pattern[i:]
            n = len(rest) - len(rest.lstrip(c))
            found.append((c, n))
            i += n
        else:
            i += 1
    return found, True


def pattern_problem(pattern: object, filter_name: str) -> str | None:
    """Why `pattern` cannot format a value of the `date` or `datetime` filter, or None."""
    if not isinstance(pattern, str):
        return f"its format must be text in quotes: expected {EXAMPLE}"
    if pattern in NAMED:
        return None
    fields, closed = _fields(pattern)
    for letter, count in fields:
        allowed = PATTERN_CHARS.get(letter, ())
        run = letter * count
        if letter in UNSUPPORTED:
            return (
                f"{letter!r} is a CLDR date field ({UNSUPPORTED[letter]}) that Babel, which "
                f"formats the dates, does not support; expected {EXAMPLE}"
            )
        if letter not in PATTERN_CHARS:
            return (
                f"{letter!r} is not a CLDR date field (write words in single quotes: "
                f"\"d 'de' MMMM\"); expected {EXAMPLE}"
            )
        if filter_name == "date" and letter in TIME_FIELDS:
            return (
                f"{run!r} is a time or time-zone field, which a date has not: use the datetime "
                "filter, or a date pattern such as 'd MMMM y'"
            )
        if allowed is not None and count not in allowed:
            if list(allowed) == list(range(1, max(allowed) + 1)) and count > max(allowed):
                return f"{run!r} is too long: {letter!r} takes at most {max(allowed)} letters"
            return f"{run!r} is not a length {letter!r} takes ({_lengths(allowed)})"
        if (letter, count) in BROKEN:
            return f"{run!r}: {BROKEN[letter, count]}"
    if not closed:
        return "a ' opens quoted text that is never closed (write '' for the quote sign itself)"
    return None


def _lengths(allowed: list[int]) -> str:
    """[1, 3, 4, 5, 6] as '1, 3-6'."""
    runs: list[list[int]] = []
    for n in sorted(allowed):
        if runs and n == runs[-1][-1] + 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return ", ".join(str(r[0]) if len(r) == 1 else f"{r[0]}-{r[-1]}" for r in runs)
