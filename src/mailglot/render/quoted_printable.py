"""Quoted-printable as `binascii.b2a_qp(data, istext=True)` writes it, with the long lines of
an email's HTML encoded by bytes methods: b2a_qp tests every byte one by one, and the ~10 kB
line MJML writes for the body ("=" in every attribute) took ~0.15 ms of a job's .eml.

b2a_qp encodes each line the same way whatever comes before or after it (the data here never
holds "\\r"), so lines can be encoded apart and joined. What it does with one line: "=", bytes
above 126 and control bytes become `=XX`; a space or tab is itself but at the end of the line,
where it becomes `=20` / `=09` after the line is cut; the line is cut with soft breaks (`=`
and a newline) into pieces of at most 75 characters that never split an `=XX`, except that a
plain last character may make the last piece 76. The long-line path takes lines with few
distinct bytes to encode (a pass of `bytes.replace` each: Latin scripts need a handful, Arabic
or Chinese text dozens, which b2a_qp does faster) and no control byte; the rest is b2a_qp's.
"""

from __future__ import annotations

import binascii
import re

LONG = 1000  # a line this long or longer is worth the long-line path's set-up
_REPLACES = 16  # distinct bytes to encode, at most
_LOOK = 2000  # a first look at this many bytes turns most lines of such scripts away
_PIECE = 75  # b2a_qp's MAXLINESIZE (76) less the "=" of a soft break
_EQUALS = 61  # "="
# written as they are anywhere in a line (a space or tab at its end aside)
_PLAIN = bytes(range(33, 127)).replace(b"=", b"") + b" \t"
_CONTROL = bytes([*range(9), *range(10, 32), 127])  # all but the tab
_ENCODED = {byte: b"=%02X" % byte for byte in range(256)}
_END_SPACE = {32: b"=20", 9: b"=09"}
# a piece: 73 characters (an `=XX` that starts among them ends by the 75th), then up to two
# more that are not an "=" (which would start an `=XX` ending past the 75th)
_PIECES = re.compile(rb"(?s).{73}[^=]{0,2}")


def encode(lines: list[bytes]) -> bytes:
    """`b2a_qp(b"\\n".join(lines) + b"\\n", istext=True)` for lines without "\\r" or "\\n"."""
    out: list[bytes] = []
    run: list[bytes] = []  # lines left to b2a_qp, encoded together
    for line in lines:
        fast = _long_line(line) if len(line) >= LONG else None
        if fast is None:
            run.append(line)
            continue
        if run:
            out.append(binascii.b2a_qp(b"\n".join(run) + b"\n", istext=True))
            run = []
        out.append(fast + b"\n")
    if run:
        out.append(binascii.b2a_qp(b"\n".join(run) + b"\n", istext=True))
    return b"".join(out)


def _long_line(line: bytes) -> bytes | None:
    """The line as b2a_qp writes it, soft breaks as "=\\n"; None: left to b2a_qp."""
    if len(set(line[:_LOOK].translate(None, _PLAIN))) > _REPLACES:
        return None  # a script of many bytes shows early (the preheader opens the body)
    special = line.translate(None, _PLAIN)
    distinct = set(special)
    if len(distinct) > _REPLACES or special.translate(None, _CONTROL) != special:
        return None
    if _EQUALS in distinct:  # first: the others bring an "=" each
        line = line.replace(b"=", b"=3D")
    for byte in distinct - {_EQUALS}:
        line = line.replace(bytes((byte,)), _ENCODED[byte])
    pieces = _cut(line) if len(line) > _PIECE else [line]
    last = pieces[-1]
    if last[-1:] in (b" ", b"\t"):
        pieces[-1] = last[:-1] + _END_SPACE[last[-1]]
    return b"=\n".join(pieces)


def _cut(line: bytes) -> list[bytes]:
    """The encoded line in pieces as b2a_qp cuts it. `_PIECES` cuts all of it from its
    start; b2a_qp stops once what is left fits in one piece, which only the last pieces can
    tell (each piece holds at least 73 characters)."""
    pieces = _PIECES.findall(line)
    size, start = len(line), sum(map(len, pieces))
    while pieces and _fits(line, size, start - len(pieces[-1])):
        start -= len(pieces.pop())
    pieces.append(line[start:])
    return pieces


def _fits(line: bytes, size: int, start: int) -> bool:
    """Whether what is left from `start` on is the line's last piece."""
    left = size - start
    return left <= _PIECE or (left == _PIECE + 1 and line[size - 3] != _EQUALS)
