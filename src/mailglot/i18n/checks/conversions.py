"""%-conversions read as Python's `str % mapping` reads them, for the checks of template strings.

Jinja's gettext functions format every translation with `%` and the template's values
(`%(percent)s`), so a translation's conversions must mean what the source's mean: `%(percent)d`
turns "40 %" into a ValueError, `%(date)r` writes the date in quotes, and a `%` that starts no
conversion fails or swallows the values. What must match: the type (`d`, `i` and `u` are one
type, so are `f` and `F`), the precision (`%.2f`, `%.3s` cuts a text), a `*` width or precision
(it takes an argument a mapping cannot give) and the `+`, space and `#` flags of a number.
Width and the `-`/`0` padding flags only move the value, and `h`, `l`, `L` are ignored by
Python: those may differ, as `msgfmt -c` lets them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailglot.i18n.checks.memo import per_text

SPEC = re.compile(
    r"%(?:\((?P<name>[^()]*)\))?(?P<flags>[-+ #0]*)(?P<width>\*|\d+)?"
    r"(?:\.(?P<precision>\*|\d*))?[hlL]?(?P<type>[diouxXeEfFgGcrsa%])"
)
SAME_TYPE = {"i": "d", "u": "d", "F": "f"}
NUMBER_TYPES = set("diouxXeEfFgGc")


@dataclass(frozen=True)
class Conversion:
    raw: str  # as written: `%(percent)s`
    name: str | None  # None: positional (`%s`)
    meaning: tuple[str, ...]  # what must match the source's (see the module docstring)


@dataclass(frozen=True)
class Reading:
    conversions: tuple[Conversion, ...]
    literals: int  # `%%`
    lone: tuple[str, ...]  # a `%` that starts no conversion, with what follows it


def read(text: str) -> Reading:
    if "%" not in text:
        return NONE  # most strings
    return _read(text)


@per_text
def _read(text: str) -> Reading:
    conversions: list[Conversion] = []
    literals, lone = 0, []
    pos = text.find("%")
    while pos >= 0:
        m = SPEC.match(text, pos)
        if m is None:
            lone.append(text[pos : pos + 3])
            pos = text.find("%", pos + 1)
            continue
        if m.group("type") == "%" and m.group(0) == "%%":
            literals += 1
        elif m.group("type") == "%":
            lone.append(m.group(0))  # `%5%`: Python writes a percent, padded; not a conversion
        else:
            conversions.append(Conversion(m.group(0), m.group("name"), _meaning(m)))
        pos = text.find("%", m.end())
    return Reading(tuple(conversions), literals, tuple(lone))


NONE = Reading((), 0, ())


def _meaning(m: re.Match[str]) -> tuple[str, ...]:
    kind = m.group("type")
    kind = SAME_TYPE.get(kind, kind)
    flags = "".join(sorted(set(m.group("flags")) & set("+ #"))) if kind in NUMBER_TYPES else ""
    width = "*" if m.group("width") == "*" else ""
    precision = m.group("precision")
    shown = "" if precision is None else "." + (precision.lstrip("0") or "0")
    if precision == "*":
        shown = ".*"
    return (kind, flags, width, shown)
