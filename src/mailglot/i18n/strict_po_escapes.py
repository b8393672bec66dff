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


def read_escapes(quoted: str, codec: str) -> tuple[str, list[str]]:
    """`quoted` (a string as written in the file, quotes included) as Babel must be given it,
    and what is wrong with its escapes, each a message the reader locates at its line."""
    refused: list[str] = []
    controls: list[str] = []
    undecodable: list[str] = []

    def one(m: re.Match[str]) -> str:
        if m.group("bad") is not None:
            refused.append(f"\\{m.group('bad')}")
        elif m.group("c") is not None:
            controls.append(m.group(0))
        elif m.group("bytes") is not None:
            return _decoded(m.group("bytes"), codec, controls, undecodable)
        return m.group(0)

    text = _TOKEN.sub(one, quoted)
    problems = []
    if refused:
        problems.append(f"invalid {_escapes(refused)} ({ALLOWED})")
    if controls:
        single = len(set(controls)) == 1
        problems.append(
            f"{_escapes(controls)} make{'s a' if single else ''} control "
            f"character{'' if single else 's'}, which an email never shows; write the text "
            f"without {'it' if single else 'them'}"
        )
    if undecodable:
        single = len(set(undecodable)) == 1
        problems.append(
            f"{_escapes(undecodable)} name{'s' if single else ''} bytes that are not "
            f"{codec.upper()} text (the file's charset); write the characters themselves"
        )
    return text, problems


def _escapes(found: list[str]) -> str:
    shown = list(dict.fromkeys(found))
    return f"escape{'s' if len(shown) > 1 else ''} {', '.join(shown)}"


def _decoded(run: str, codec: str, controls: list[str], undecodable: list[str]) -> str:
    """A run of byte escapes as the characters its bytes make, escaped again as Babel reads
    them; left as written when they make no text or a control character (then reported)."""
    data = bytes(
        int(octal, 8) & 0xFF if octal else int(hexa, 16) & 0xFF
        for octal, hexa in _ONE_BYTE.findall(run)
    )
    try:
        chars = data.decode(codec)
    except UnicodeDecodeError:
        undecodable.append(run)
        return run
    if any(unicodedata.category(c) == "Cc" and c not in _KEPT_CONTROLS for c in chars):
        controls.append(f"{run} ({escape_control(chars)})")
        return run
    return "".join(_FOR_BABEL.get(c, c) for c in chars)
