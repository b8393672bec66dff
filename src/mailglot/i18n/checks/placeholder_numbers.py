"""Digits and signs a translation writes against a placeholder: they change the number the
reader sees, and `check_numbers` (every number of the source kept) cannot see them.

`1%(price)s` shows 197,08 € for a price of 97,08 €, `%(regular)s0` 161,88 €0, `-%(price)s`
a negative price, `%(count)s,5` 3,5 for 3. A digit is refused directly before or after a
placeholder, or with one decimal or group mark between them; a sign (+ - − ±) directly before
one. Adjacency is judged on the text a reader sees: tags are left out (`1<strong>%(price)s
</strong>` reads 197,08 €), character references decoded and invisible characters (format
characters, the soft hyphen, `&#8203;`) left out, and a no-break, thin, narrow or figure
space is a group mark (`1\u2009%(price)s` reads `1 97,08 €`, one number). A plain space is
words (`Plus que 2 %(unit)s`). A tag holding a placeholder (`<a href="%(url)s">`) is read as
written.

The source's own writing is kept: what the source has against a placeholder, the translation
may have there too (`%(a)s–%(b)s`, a range), and where the source writes digits after (or
before) a placeholder with any punctuation between (`at %(hour)s:00`), the translation may
write the same digits with its own separator (`um %(hour)s.00 Uhr`). Not refused: a dash
between two placeholders (a range), a hyphen inside a word (`E-%(x)s`), a unit or mark that is
no digit (`%(count)s×`, `N°%(n)s`, `#%(n)s`, `%(n)s件`), and a minus before an amount taken
off, the French and German way of writing a discount (`-%(percent)s`, `-{percent} %`,
`Économisez -%(savings)s`): a placeholder is read so when a percent sign follows it or its
name says so (percent, pct, discount, saving, reduction, rebate). The minus does not change
the amount a reader takes away there ("20 € off"); a translation that means another sign
accepts it with `# mailglot-accept: catalog.numbers`.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from mailglot.i18n.checks.base import BRACE_FIELD, ENTITY, PERCENT_FIELD, TAG, Finding, Pair
from mailglot.i18n.checks.memo import per_text

# Decimal and group marks a number may hold between digits, spaces that keep a number in one
# piece included (no-break, narrow no-break, thin, figure, hair). A plain space is left out:
# "pour 3 %(x)s" is words.
MARKS = frozenset(".,\u066b\u066c'\u2019\u00a0\u202f\u2009\u2007\u200a\uff0c\uff0e")
SIGNS = frozenset("+-\u2212\u00b1\u2013\u2010\ufe63\uff0b\uff0d")
MINUS = frozenset("-\u2212\u2013\u2010\ufe63\uff0d")
PERCENT_SIGNS = frozenset("%\u066a\uff05")
TAKEN_OFF_NAME = re.compile(r"percent|pct|discount|saving|reduc|rebate", re.I)
# What every finding needs somewhere in the text: a digit (any script: `\d` is Unicode's
# decimal digits, as str.isdecimal), a sign, or a reference that may decode to one.
_MAY_FIND = re.compile("[\\d&" + re.escape("".join(sorted(SIGNS))) + "]")
_SPACES = frozenset(" \u00a0\u202f\u2009\u2007\u200a")
# Characters a reader does not see that are no format character (Cf): the combining grapheme
# joiner and the Hangul fillers.
_UNSEEN = frozenset("\u034f\u115f\u1160\u3164\uffa0")


class Unit(NamedTuple):
    """One thing a reader sees: a placeholder (`field`) or one character, with where it is
    written in the text (`start`, `end`)."""

    text: str
    field: bool
    start: int
    end: int


def _invisible(char: str) -> bool:
    return char in _UNSEEN or unicodedata.category(char) == "Cf"


def seen(text: str, fields: list[re.Match[str]]) -> list[Unit]:
    """`text` as a reader sees it, placeholders kept whole: tags without a placeholder left
    out, references decoded, invisible characters left out."""
    starts = {m.start(): m for m in fields}
    tags = {m.start(): m.end() for m in TAG.finditer(text)} if "<" in text else {}
    refs = {m.start(): m for m in ENTITY.finditer(text)} if "&" in text else {}
    units: list[Unit] = []
    i = 0
    while i < len(text):
        if i in starts:
            m = starts[i]
            units.append(Unit(m.group(0), True, i, m.end()))
            i = m.end()
        elif i in tags and not any(i < s < tags[i] for s in starts):
            i = tags[i]
        elif i in refs:
            end = refs[i].end()
            units.extend(
                Unit(c, False, i, end) for c in html.unescape(refs[i].group(0)) if not _invisible(c)
            )
            i = end
        else:
            if not _invisible(text[i]):
                units.append(Unit(text[i], False, i, i + 1))
            i += 1
    return units


@per_text
def against(text: str) -> tuple[tuple[str, str, str, str], ...]:
    """(placeholder as written, "digit" or "sign", the side and the digits there, the
    placeholder with what is against it as written) for each digit or sign written against a
    placeholder of `text`."""
    return tuple(_against(text, loose=False))


@per_text
def _kept(text: str) -> tuple[tuple[str, str, str], ...]:
    """What the source has against its placeholders, read loosely: digits after (or before)
    one with any punctuation between (`%(hour)s:00`) count, keyed by the digits."""
    return tuple((raw, kind, key) for raw, kind, key, _ in _against(text, loose=True))


def _against(text: str, loose: bool) -> Iterator[tuple[str, str, str, str]]:
    """(placeholder, kind, key, written): key is the side and the digits written there."""
    if ("%(" not in text and "{" not in text) or not _MAY_FIND.search(text):
        return
    fields = [
        m
        for pattern, mark in ((PERCENT_FIELD, "%("), (BRACE_FIELD, "{"))
        if mark in text
        for m in pattern.finditer(text)
    ]
    if not fields:
        return
    units = seen(text, fields)
    for k, unit in enumerate(units):
        if not unit.field:
            continue
        before = _digits(units, k, -1, loose)
        if before is not None:
            at, digits = before
            yield unit.text, "digit", f"before {digits}", text[units[at].start : unit.end]
        elif (
            k
            and units[k - 1].text in SIGNS
            and not _joined(units, k - 1)
            and not (units[k - 1].text in MINUS and _taken_off(units, k))
        ):
            yield unit.text, "sign", "before", text[units[k - 1].start : unit.end]
        after = _digits(units, k, 1, loose)
        if after is not None:
            at, digits = after
            yield unit.text, "digit", f"after {digits}", text[unit.start : units[at].end]


def _digits(units: list[Unit], k: int, step: int, loose: bool) -> tuple[int, str] | None:
    """The digits against the placeholder at `k` on one side (`step` -1 before, 1 after),
    directly or with one mark between (any punctuation, `loose`), and where they end: the
    index of the unit farthest out and the digits in reading order."""
    near = k + step
    if not 0 <= near < len(units) or units[near].field:
        return None
    first = units[near].text
    if not first.isdecimal():
        between = first in MARKS or (step > 0 and first in SIGNS)
        if loose and not between:
            between = unicodedata.category(first).startswith("P")
        near += step
        if not (between and 0 <= near < len(units)) or not units[near].text.isdecimal():
            return None
    run = []
    while 0 <= near < len(units) and not units[near].field and units[near].text.isdecimal():
        run.append(units[near].text)
        near += step
    return near - step, "".join(run if step > 0 else reversed(run))


def _joined(units: list[Unit], sign: int) -> bool:
    """Whether the sign at `sign` joins what comes before it: another placeholder (a range,
    `%(a)s–%(b)s`) or a letter or digit (a hyphenated word)."""
    return sign > 0 and (units[sign - 1].field or units[sign - 1].text.isalnum())


def _taken_off(units: list[Unit], k: int) -> bool:
    """Whether the placeholder at `k` reads as an amount taken off: a percent sign follows it
    (after a space at most), or its name says so."""
    rest = units[k + 1 : k + 3]
    if rest and rest[0].text in _SPACES:
        rest = rest[1:]
    return bool(rest and rest[0].text in PERCENT_SIGNS) or bool(
        TAKEN_OFF_NAME.search(units[k].text)
    )


def check_placeholder_numbers(pair: Pair) -> Iterator[Finding]:
    """Digits and signs against a placeholder, more than the source has against it."""
    found = against(pair.translation)
    if not found:
        return
    kept = Counter(_kept(pair.source))
    extra = []
    for raw, kind, key, written in found:
        if kept[(raw, kind, key)] > 0:
            kept[(raw, kind, key)] -= 1
        else:
            extra.append(repr(written))
    if extra:
        yield Finding(
            "catalog.numbers",
            f"{', '.join(extra)}: a digit or sign written against a placeholder changes the "
            "number the reader sees (the source has none there); write the placeholder as "
            "the source does",
        )
