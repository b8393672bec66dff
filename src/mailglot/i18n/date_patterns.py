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
            return f"{run!r} is too long: {letter!r} takes at most {max(allowed)} letters"
    if not closed:
        return "a ' opens quoted text that is never closed (write '' for the quote sign itself)"
    return None
