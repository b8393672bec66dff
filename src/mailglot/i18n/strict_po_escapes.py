"""The escapes of a .po string, read as GNU msgfmt reads them (gettext's po-lex.c).

Babel decodes only `\\n \\t \\r \\" \\\\` and keeps every other escape as written, backslash
and all: `Commen\\q`, which msgfmt refuses, and `Caf\\303\\251` or `\\x41`, which msgfmt reads
as the bytes they name (`Café`, `A`), both reached the email as typed. Here a refused escape
is a problem for the strict reader to report, and octal and hex escapes are written out as
the characters their bytes make in the file's charset, so Babel reads what msgfmt would.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from mailglot.errors import escape_control

# `\\` and `\"` first, so `\\q` is a backslash and a q; then runs of octal (1-3 digits) and hex
# (every hex digit that follows, the value kept to a byte, as msgfmt does) escapes, whose
# bytes make characters together; then the C letters; anything else msgfmt refuses.
_TOKEN = re.compile(
    r'\\[ntr"\\]|(?P<bytes>(?:\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+))+)|\\(?P<c>[abfv])|\\(?P<bad>.?)'
)
_ONE_BYTE = re.compile(r"\\([0-7]{1,3})|\\x([0-9A-Fa-f]+)")
_FOR_BABEL = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_KEPT_CONTROLS = "\n\t\r"
ALLOWED = (
    'gettext takes \\n \\t \\" \\\\ \\r \\a \\b \\f \\v, octal (\\101) and hex (\\x41); '
    "write \\\\ for a backslash"
)


@dataclass
class _Found:
    """The escapes of one line that msgfmt refuses or that make no usable text."""

    refused: list[str] = field(default_factory=list)
    controls: list[str] = field(default_factory=list)
    undecodable: list[str] = field(default_factory=list)


def read_escapes(pieces: Sequence[str], codec: str) -> tuple[list[str], list[tuple[int, str]]]:
    """A string written over `pieces` (its quoted continuation lines, quotes included) as
    Babel must be given it, one quoted piece a line, and what is wrong with its escapes, each
    with the index of the piece it is on. msgfmt joins the lines' bytes before it decodes them,
    so a character whose bytes are split over two lines (`"Caf\\303"` `"\\251"`) is one
    character; it is written out on the line where its bytes start."""
    found = [_Found() for _ in pieces]
    out: list[list[str]] = [[] for _ in pieces]
    run: list[tuple[int, str]] = []  # the byte escapes read so far, each with its piece

    def flush() -> None:
        if run:
            _decode_run(run, codec, out, found)
            run.clear()

    for i, quoted in enumerate(pieces):
        body = quoted.strip()[1:-1]
        pos = 0
        for m in _TOKEN.finditer(body):
            if m.start() > pos:
                flush()
                out[i].append(body[pos : m.start()])
            pos = m.end()
            if m.group("bytes") is not None:
                run.append((i, m.group("bytes")))
                continue
            flush()
            if m.group("bad") is not None:
                found[i].refused.append(f"\\{m.group('bad')}")
            elif m.group("c") is not None:
                found[i].controls.append(m.group(0))
            out[i].append(m.group(0))
        if pos < len(body):
            flush()
            out[i].append(body[pos:])
    flush()
    problems = [(i, message) for i, seen in enumerate(found) for message in _messages(seen, codec)]
    return [f'"{"".join(texts)}"' for texts in out], problems


def _messages(seen: _Found, codec: str) -> list[str]:
    problems = []
    if seen.refused:
        problems.append(f"invalid {_escapes(seen.refused)} ({ALLOWED})")
    if seen.controls:
        single = len(set(seen.controls)) == 1
        problems.append(
            f"{_escapes(seen.controls)} make{'s a' if single else ''} control "
            f"character{'' if single else 's'}, which an email never shows; write the text "
            f"without {'it' if single else 'them'}"
        )
    if seen.undecodable:
        single = len(set(seen.undecodable)) == 1
        problems.append(
            f"{_escapes(seen.undecodable)} name{'s' if single else ''} bytes that are not "
            f"{codec.upper()} text (the file's charset); write the characters themselves"
        )
    return problems


def _escapes(found: list[str]) -> str:
    shown = list(dict.fromkeys(found))
    return f"escape{'s' if len(shown) > 1 else ''} {', '.join(shown)}"


def _decode_run(
    run: list[tuple[int, str]], codec: str, out: list[list[str]], found: list[_Found]
) -> None:
    """A run of byte escapes (over one line or more) as the characters its bytes make, escaped
    again as Babel reads them and put on the run's first line; left as written when they make
    no text or a control character (then reported at that line)."""
    first = run[0][0]
    written = "".join(text for _, text in run)
    data = bytes(
        int(octal, 8) & 0xFF if octal else int(hexa, 16) & 0xFF
        for octal, hexa in _ONE_BYTE.findall(written)
    )
    try:
        chars = data.decode(codec)
    except UnicodeDecodeError:
        found[first].undecodable.append(written)
    else:
        if not any(unicodedata.category(c) == "Cc" and c not in _KEPT_CONTROLS for c in chars):
            out[first].append("".join(_FOR_BABEL.get(c, c) for c in chars))
            return
        found[first].controls.append(f"{written} ({escape_control(chars)})")
    for i, text in run:
        out[i].append(text)
