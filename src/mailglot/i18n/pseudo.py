"""Pseudo-locales: machine-made 'translations' that show layout breakage before any translator starts.

en_XA accents every letter and pads each string by about 40% inside brackets, so clipped or
untranslated (unbracketed) text stands out; ar_XB wraps each string in right-to-left marks
and renders the email right-to-left, so mirroring bugs show on an English source.
Placeholders, HTML tags and entities are kept intact so the result stays valid.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

_ACCENTS = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÀƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
# Things a translation must carry over untouched: tags, entities, {name}, %(name)s, %s, %%.
PROTECTED = re.compile(r"<[^>]*>|&#?\w+;|\{[^{}]*\}|%\([^)]*\)[sdif]|%[sdif%]")
RLM, RLE, PDF = "\u200f", "\u202b", "\u202c"


def _map_text(text: str, fn: Callable[[str], str]) -> str:
    out, last = [], 0
    for m in PROTECTED.finditer(text):
        out.append(fn(text[last : m.start()]))
        out.append(m.group(0))
        last = m.end()
    out.append(fn(text[last:]))
    return "".join(out)


def accented(text: str) -> str:
    if not text:
        return text
    body = _map_text(text, lambda s: s.translate(_ACCENTS))
    visible = len(PROTECTED.sub("", text))
    pad = "~" * max(1, round(visible * 0.4) - 2)
    return f"[{body} {pad}]"


def rtl_wrapped(text: str) -> str:
    if not text:
        return text
    return f"{RLM}{RLE}{text}{PDF}{RLM}"


@dataclass(frozen=True)
class PseudoLocale:
    transform: Callable[[str], str]
    formats_as: str  # the real locale used for numbers, dates and plural rules
    rtl: bool
    name: str


PSEUDO_LOCALES: dict[str, PseudoLocale] = {
    "en_XA": PseudoLocale(accented, "en_US", False, "Pseudo (accented, +40%)"),
    "ar_XB": PseudoLocale(rtl_wrapped, "en_US", True, "Pseudo (right-to-left)"),
}
