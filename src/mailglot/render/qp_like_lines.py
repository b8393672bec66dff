"""A long line's quoted-printable worked out from a like line's, encoded before.

The body of an email MJML writes as one line of ~10 kB, and the emails of one template differ
in a few places of it: a campaign's id in its links, a variant's subject in the wrapper's
aria-label, a locale's words. Encoding the whole line for every email (every byte looked at
to escape it, then cut into 76-column pieces) was ~0.06 ms of each .eml.

Both steps can start from a like line (one of the same length, else the last one encoded):
- escaping is byte by byte (`quoted_printable._escaped_line`: a byte is written as itself or
  as `=XX` wherever it is), so the escaped line is the like line's escaped bytes for the
  common start and the common end, and only the bytes between them escaped anew;
- b2a_qp cuts a line from its start, each piece's end read from the 75 bytes after the
  piece's start, and stops once what is left fits in one piece (`quoted_printable._cut`):
  so the like line's pieces are this line's as long as they are read from the common start,
  and once a piece of this line starts in the common end where one of the like line's
  starts (counted from the end), everything after is the like line's, byte for byte.
Nothing is taken that this does not prove: a line with a NUL (b2a_qp treats a "." before it
by where it is) and lines that differ in more than a quarter of their length are encoded the
plain way, and a cut that does not meet the like line's soon is finished the plain way. tests/test_qp_like_lines.py
compares with b2a_qp on generated lines and their neighbours.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

from mailglot.render import quoted_printable as qp

_SOFT = b"=\r\n"  # a soft line break, as an .eml writes it
_TRIES = 12  # pieces cut in the common end, looking for the like line's cut, at most
_KEPT = 256  # lines remembered by length, at most
_SHARE = 4  # a like line shares all but a quarter of the line, at least


@dataclass(frozen=True, slots=True)
class _Encoded:
    raw: bytes  # the line
    escaped: bytes  # every byte b2a_qp encodes encoded, but a space or tab at the end
    starts: list[int]  # where each piece starts in `escaped`, the last piece's too
    written: bytes  # the pieces joined by soft breaks, the end's space encoded; no CRLF


_BY_LENGTH: dict[int, _Encoded] = {}
_LAST: list[_Encoded] = []  # the last line encoded, if any


def encode_line(line: bytes) -> bytes:
    """`quoted_printable.encode_line(line)`: b2a_qp's bytes with "\\r\\n" line ends."""
    if len(line) < qp.LONG or b"\x00" in line:
        return qp.encode_line(line)
    done = None
    for like in _likes(line):
        done = _from_like(line, like)
        if done is not None:
            break
    if done is None:
        done = _plain(line)
    if len(_BY_LENGTH) >= _KEPT:
        _BY_LENGTH.clear()
    _BY_LENGTH[len(line)] = done
    _LAST[:] = [done]
    return done.written + b"\r\n"


def _likes(line: bytes) -> list[_Encoded]:
    same = _BY_LENGTH.get(len(line))
    likes = [same] if same is not None else []
    if _LAST and _LAST[0] is not same:
        likes.append(_LAST[0])
    return likes


def _plain(line: bytes) -> _Encoded:
    """`quoted_printable._long_line`'s way, its cut kept."""
    escaped = qp._escaped_line(line)
    pieces = qp._cut(escaped)
    return _written(line, escaped, [0, *accumulate(map(len, pieces[:-1]))], b"", pieces, b"")


def _written(
    line: bytes, escaped: bytes, starts: list[int], before: bytes, pieces: list[bytes], after: bytes
) -> _Encoded:
    """The record of a line cut into `before` (written pieces ending in a soft break), then
    `pieces`, then `after` (written pieces, the last one's end space encoded): the last
    of `pieces` is the line's last piece when `after` is empty."""
    if not after:
        last = pieces[-1]
        if last[-1:] in (b" ", b"\t"):
            pieces[-1] = last[:-1] + qp._END_SPACE[last[-1]]
        return _Encoded(line, escaped, starts, before + _SOFT.join(pieces))
    return _Encoded(line, escaped, starts, before + _SOFT.join([*pieces, after]))


def _from_like(line: bytes, like: _Encoded) -> _Encoded | None:
    """`line` encoded from `like`'s escaped bytes and cut, or None when they differ in too
    much of their length."""
    raw, known = like.raw, like.escaped
    shorter = min(len(line), len(raw))
    half = (len(line) - len(line) // _SHARE + 1) // 2  # the start or the end shares this
    if not (line.startswith(raw[:half]) or line.endswith(raw[len(raw) - half :])):
        return None  # not alike: told from two comparisons
    start = _common_start(line, raw, shorter)
    least = len(line) - len(line) // _SHARE - start  # the common end it takes at least
    if least > shorter - start or not line.endswith(raw[len(raw) - least :]):
        return None
    end = _common_end(line, raw, shorter - start)
    # the common start and end, escaped, are the like line's: a byte b2a_qp encodes takes
    # three, so it is the shorter of the two that is read for them (the like line's
    # encoded bytes are counted from the length of its escaped bytes)
    encoded = (len(known) - len(raw)) // 2  # the like line's bytes b2a_qp encodes
    inner = raw[start : len(raw) - end]
    if start <= len(raw) - end:
        before = len(raw[:start].translate(None, qp._PLAIN))
        after = encoded - before - len(inner.translate(None, qp._PLAIN))
    else:
        after = len(raw[len(raw) - end :].translate(None, qp._PLAIN))
        before = encoded - after - len(inner.translate(None, qp._PLAIN))
    head, tail = start + 2 * before, end + 2 * after
    middle = qp._escaped_line(line[start : len(line) - end])
    escaped = known[:head] + middle + known[len(known) - tail :]
    size = len(escaped)
    starts = like.starts
    # like's pieces kept: each read within the common start (a piece's end is read from the
    # 75 bytes after its start) with more left than fits in one piece
    kept = min(bisect_right(starts, min(head - 75, size - 77)), len(starts) - 1)
    at = starts[kept]
    before = like.written[: at + 3 * kept]  # the pieces kept, each with its soft break
    new_starts = starts[:kept]
    pieces: list[bytes] = []
    tail_from = size - tail  # where the common end starts in `escaped`
    shift = size - len(known)
    tries = 0
    while True:
        new_starts.append(at)
        left = size - at
        if left <= qp._PIECE or (left == qp._PIECE + 1 and escaped[size - 3] != qp._EQUALS):
            pieces.append(escaped[at:])  # the last piece
            return _written(line, escaped, new_starts, before, pieces, b"")
        if at >= tail_from:  # what is left is the like line's end: does its cut start here?
            same = bisect_left(starts, at - shift)
            if same < len(starts) and starts[same] == at - shift:
                new_starts += (
                    [s + shift for s in starts[same + 1 :]] if shift else starts[same + 1 :]
                )
                after = like.written[starts[same] + 3 * same :]
                return _written(line, escaped, new_starts, before, pieces, after)
            tries += 1
            if tries > _TRIES:  # the cuts do not meet soon: the rest is cut the plain way
                rest = qp._cut(escaped, at)
                new_starts.pop()
                new_starts += accumulate(map(len, rest[:-1]), initial=at)
                return _written(line, escaped, new_starts, before, [*pieces, *rest], b"")
        piece = qp._PIECES.match(escaped, at)
        assert piece is not None  # more than a piece is left
        pieces.append(piece.group())
        at = piece.end()


def _common_start(a: bytes, b: bytes, most: int) -> int:
    """How many first bytes `a` and `b` share (at most `most`): halving the range still in
    doubt, each time compared from where they are known to agree."""
    view = memoryview(b)
    low, high = 0, most
    while low < high:
        middle = (low + high + 1) // 2
        if a.startswith(view[low:middle], low):
            low = middle
        else:
            high = middle - 1
    return low


def _common_end(a: bytes, b: bytes, most: int) -> int:
    """How many last bytes `a` and `b` share (at most `most`)."""
    view = memoryview(b)
    low, high = 0, most
    size_a, size_b = len(a), len(b)
    while low < high:
        middle = (low + high + 1) // 2
        if a.endswith(view[size_b - middle : size_b - low], 0, size_a - low):
            low = middle
        else:
            high = middle - 1
    return low
