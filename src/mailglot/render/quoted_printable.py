"""Quoted-printable as `binascii.b2a_qp(data, istext=True)` writes it, with the long lines of
an email's HTML encoded by bytes methods: b2a_qp tests every byte one by one, and the ~10 kB
line MJML writes for the body ("=" in every attribute) took ~0.15 ms of a job's .eml.

b2a_qp encodes each line the same way whatever comes before or after it (the data here never
holds "\\r"), so lines can be encoded apart and joined. What it does with one line: "=", bytes
above 126 and control bytes become `=XX`; a space or tab is itself but at the end of the line,
where it becomes `=20` / `=09` after the line is cut; the line is cut with soft breaks (`=`
and a newline) into pieces of at most 75 characters that never split an `=XX`, except that a
plain last character may make the last piece 76. Which bytes become `=XX` does not depend on
where they are (checked for every byte at every column), but for a "." just before a NUL,
which b2a_qp encodes at the start of a piece only: lines with a NUL are left to b2a_qp.

The long-line path encodes bytes with one `bytes.replace` each when there are few kinds to
encode (Latin scripts: "=", a handful of accented letters and spaces); in scripts of dozens
(Arabic, Chinese, Japanese: b2a_qp's ~0.18 ms a line before) it encodes the line in pieces
cut at each `="`, each piece remembered: the jobs of a template write the same attributes
(style sheets inlined into every element), so only pieces holding a job's own words and
links are encoded again (~0.13 ms). Then the line is cut.
"""

from __future__ import annotations

import binascii
import re

LONG = 1000  # a line this long or longer is worth the long-line path's set-up
_REPLACES = 16  # distinct bytes to encode by bytes.replace, at most
_LOOK = 2000  # a first look at this many bytes turns most lines of such scripts away
_PIECE = 75  # b2a_qp's MAXLINESIZE (76) less the "=" of a soft break
_EQUALS = 61  # "="
# written as they are anywhere in a line (a space or tab at its end aside)
_PLAIN = bytes(range(33, 127)).replace(b"=", b"") + b" \t"
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


def encode_line(line: bytes) -> bytes:
    """`b2a_qp(line + b"\\n", istext=True)` with "\\r\\n" for its "\\n", for a line without
    "\\r" or "\\n" (as an email's part is written)."""
    if len(line) >= LONG:
        long = _long_line(line, b"=\r\n")
        if long is not None:
            return long + b"\r\n"
    return binascii.b2a_qp(line + b"\n", istext=True).replace(b"\n", b"\r\n")


def _long_line(line: bytes, soft: bytes = b"=\n") -> bytes | None:
    """The line as b2a_qp writes it, soft breaks as `soft`; None: left to b2a_qp."""
    if b"\x00" in line:
        return None
    line = _escaped_line(line)
    cut = _cut(line) if len(line) > _PIECE else [line]
    last = cut[-1]
    if last[-1:] in (b" ", b"\t"):
        cut[-1] = last[:-1] + _END_SPACE[last[-1]]
    return soft.join(cut)


def _escaped_line(line: bytes) -> bytes:
    """The line with every byte b2a_qp encodes so encoded (a space or tab at its end aside):
    by a `bytes.replace` for each distinct byte when there are few (Latin scripts), else
    piece by piece, remembered (Arabic, Chinese, Japanese: dozens of distinct bytes)."""
    if len(set(line[:_LOOK].translate(None, _PLAIN))) <= _REPLACES:
        special = line.translate(None, _PLAIN)  # a script of many bytes shows early
        distinct = set(special)
        if len(distinct) <= _REPLACES:
            if _EQUALS in distinct:  # first: the others bring an "=" each
                line = line.replace(b"=", b"=3D")
            for byte in distinct - {_EQUALS}:
                line = line.replace(bytes((byte,)), _ENCODED[byte])
            return line
    pieces = line.split(b'="')
    escaped = list(map(_ESCAPED.get, pieces))
    if None in escaped:
        _escape_new(pieces, escaped)
    return b'=3D"'.join(escaped)  # type: ignore[arg-type]


# Pieces of long lines (between two `="`) -> their bytes encoded. Bounded: the words and
# links of each job make new ones.
_ESCAPED: dict[bytes, bytes] = {}


def _escape_new(pieces: list[bytes], escaped: list[bytes | None]) -> None:
    """The pieces not remembered, encoded and remembered."""
    if len(_ESCAPED) >= 16384:
        _ESCAPED.clear()
    at = escaped.index(None)
    while True:
        piece = pieces[at]
        escaped[at] = _ESCAPED[piece] = _escape(piece)
        try:
            at = escaped.index(None, at + 1)
        except ValueError:
            return


def _escape(piece: bytes) -> bytes:
    """Every byte b2a_qp encodes anywhere in a line (a space or tab at its end aside) as
    `=XX`: b2a_qp's own encoding, its soft breaks taken out (a plain last byte keeps it
    from treating the piece's own last byte as the end of a line)."""
    if not piece.translate(None, _PLAIN):
        return piece
    return binascii.b2a_qp(piece + b"x", istext=True).replace(b"=\n", b"")[:-1]


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
