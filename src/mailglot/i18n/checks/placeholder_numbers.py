"""Digits and signs a translation writes against a placeholder: they change the number the
reader sees, and `check_numbers` (every number of the source kept) cannot see them.

`1%(price)s` shows 197,08 € for a price of 97,08 €, `%(regular)s0` 161,88 €0, `-%(price)s`
a negative price, `%(count)s,5` 3,5 for 3. A digit is refused directly before or after a
placeholder, or with one decimal or group mark between them; a sign (+ - − ±) directly before
one. The source's own writing is kept: what the source has against a placeholder, the
translation may have there too (`%(a)s–%(b)s`, a range). Not refused: a dash between two
placeholders (a range), a hyphen inside a word (`E-%(x)s`), a unit or mark that is no digit
(`%(count)s×`, `N°%(n)s`, `#%(n)s`, `%(n)s件`), and a minus before a percentage, the French and
German way of writing a discount (`-%(percent)s`, `-{percent} %`): a placeholder is read as a
percentage when a percent sign follows it or its name says so (percent, pct, discount).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from mailglot.i18n.checks.base import BRACE_FIELD, PERCENT_FIELD, Finding, Pair
from mailglot.i18n.checks.memo import per_text

# Decimal and group marks a number may hold between digits (a plain space is left out: "pour
# 3 %(x)s" is words, and French writes its group mark as a no-break space).
MARKS = frozenset(".,\u066b\u066c'\u2019\u00a0\u202f\uff0c\uff0e")
SIGNS = frozenset("+-\u2212\u00b1\u2013\u2010\ufe63\uff0b\uff0d")
MINUS = frozenset("-\u2212\u2013\u2010\ufe63\uff0d")
PERCENT_SIGNS = frozenset("%\u066a\uff05")
PERCENT_NAME = re.compile(r"percent|pct|discount", re.I)
_SPACES = " \u00a0\u202f"


@per_text
def against(text: str) -> tuple[tuple[str, str, str], ...]:
    """(placeholder as written, "digit" or "sign", the placeholder with what is against it, as
    written) for each digit or sign written against a placeholder of `text`."""
    if "%(" not in text and "{" not in text:
        return ()
    fields = [
        m
        for pattern, mark in ((PERCENT_FIELD, "%("), (BRACE_FIELD, "{"))
        if mark in text
        for m in pattern.finditer(text)
    ]
    ends = {m.end() for m in fields}
    out = []
    for m in fields:
        start, end, raw = m.start(), m.end(), m.group(0)
        one, two = text[start - 1 : start] if start else "", text[max(0, start - 2) : start]
        if one.isdecimal():
            out.append((raw, "digit", one + raw))
        elif len(two) == 2 and two[1] in MARKS and two[0].isdecimal():
            out.append((raw, "digit", two + raw))
        elif (
            one
            and one in SIGNS
            and not _joined(text, start - 1, ends)
            and not (one in MINUS and _percentage(text, m))
        ):
            out.append((raw, "sign", one + raw))
        after = text[end : end + 2]
        if after[:1].isdecimal():
            out.append((raw, "digit", raw + after[0]))
        elif len(after) == 2 and after[0] in MARKS | SIGNS and after[1].isdecimal():
            out.append((raw, "digit", raw + after))
    return tuple(out)


def _joined(text: str, sign: int, ends: set[int]) -> bool:
    """Whether the sign at `sign` joins what comes before it: another placeholder (a range,
    `%(a)s–%(b)s`) or a letter or digit (a hyphenated word)."""
    return sign in ends or (sign > 0 and text[sign - 1].isalnum())


def _percentage(text: str, field: re.Match[str]) -> bool:
    """Whether the placeholder reads as a percentage: a percent sign follows it (after a
    space at most), or its name says so."""
    rest = text[field.end() : field.end() + 2].lstrip(_SPACES)
    return rest[:1] in PERCENT_SIGNS or bool(PERCENT_NAME.search(field.group(0)))


def check_placeholder_numbers(pair: Pair) -> Iterator[Finding]:
    """Digits and signs against a placeholder, more than the source has against it."""
    found = against(pair.translation)
    if not found:
        return
    kept = Counter((raw, kind) for raw, kind, _ in against(pair.source))
    extra = []
    for raw, kind, written in found:
        if kept[(raw, kind)] > 0:
            kept[(raw, kind)] -= 1
        else:
            extra.append(repr(written))
    if extra:
        yield Finding(
            "catalog.numbers",
            f"{', '.join(extra)}: a digit or sign written against a placeholder changes the "
            "number the reader sees (the source has none there); write the placeholder as "
            "the source does",
        )
