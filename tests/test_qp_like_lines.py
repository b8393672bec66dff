"""A long line's quoted-printable worked out from a like line's (render/qp_like_lines.py)
against binascii.b2a_qp with "\\r\\n" line ends, on lines made from one another as the emails
of a template are: the same line with a few places changed, grown or shrunk (a campaign id,
a subject, a locale's words), anywhere from the first byte to the last, in Latin and in
scripts of many bytes, with every ending b2a_qp treats apart."""

from __future__ import annotations

import binascii
import random

import pytest

from mailglot.render import qp_like_lines, quoted_printable

_ATTRIBUTES = [
    'style="font-family:Arial, sans-serif;font-size:16px;line-height:1.5;color:#333333"',
    'style="padding:0 25px;word-break:break-word"',
    'href="https://streamly.example/offer?utm_campaign=c0001&amp;utm_content=en_US-a"',
    'class="mj-column-per-100" dir="rtl"',
    'align="left"',
    'aria-label="Black Friday: 40% off a whole year"',
]
_WORDS = [
    *("Our best offer", "Bientôt", "40\u00a0%", "Grüße", "¡Oferta!", "a=b", "=", "=3D"),
    *("خصم 40% على اشتراك سنة كاملة", "年間プランが40%オフ", "限时优惠", "🎉", "Я"),
    *(".", "..", " ", "  ", "\t", "x" * 90, "\x0b", "\x0c", "\x1c", "\x7f", "\x01"),
]
_ENDINGS = [b"", b" ", b"\t", b"=", b".", b" \t", b"\t ", b"  ", "é".encode(), b"\x01"]


def _b2a_qp_crlf(line: bytes) -> bytes:
    return binascii.b2a_qp(line + b"\n", istext=True).replace(b"\n", b"\r\n")


def _line(rng: random.Random, words: list[str]) -> bytes:
    """A body line as MJML writes it: attributes shared by every job, words of its own."""
    cells = []
    for _ in range(rng.randint(15, 70)):
        attrs = " ".join(rng.sample(_ATTRIBUTES, rng.randint(1, 3)))
        cells.append(f"<td {attrs}><div>{rng.choice(words)}</div></td>")
    return "".join(cells).encode() + rng.choice(_ENDINGS)


def _changed(rng: random.Random, line: bytes, words: list[str]) -> bytes:
    """`line` with a few places changed: replaced by as long a text, grown or shrunk by a few
    bytes, near its start, its end or anywhere; sometimes its ending alone."""
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        where = rng.choice(
            [rng.randint(0, 40), rng.randint(0, len(line)), len(line) - rng.randint(0, 40)]
        )
        where = max(0, min(len(line), where))
        cut = rng.choice([0, 1, 2, 5, rng.randint(0, 60)])
        new = rng.choice(
            [
                line[where : where + cut].swapcase(),  # as long: a campaign id, a locale
                rng.choice(words).encode(),
                b"=" * rng.randint(1, 4),
                b"c%04d" % rng.randint(0, 9999),
                b"",
            ]
        )
        line = line[:where] + new + line[where + cut :]
    if rng.random() < 0.3:
        line = line.rstrip(b" \t=.") + rng.choice(_ENDINGS)
    return line


@pytest.fixture(autouse=True)
def _fresh(monkeypatch):
    monkeypatch.setattr(qp_like_lines, "_BY_LENGTH", {})
    monkeypatch.setattr(qp_like_lines, "_LAST", [])
    monkeypatch.setattr(quoted_printable, "_ESCAPED", {})


def test_lines_made_from_like_lines_are_what_b2a_qp_writes(monkeypatch):
    """Families of lines, each made from one before it, encoded in turn: every one is what
    b2a_qp writes, and each way the code can take was taken (the like line's pieces from
    where the cuts meet, the cut finished the plain way when they do not, the last piece
    cut here, no like line alike enough, no like line at all)."""
    ways = {"met": 0, "finished": 0, "cut here": 0, "unlike": 0, "plain": 0}
    written, from_like, cut = (
        qp_like_lines._written,
        qp_like_lines._from_like,
        quoted_printable._cut,
    )

    def counted_written(line, escaped, starts, before, pieces, after):
        ways["met" if after else "cut here" if before else "plain"] += 1
        return written(line, escaped, starts, before, pieces, after)

    def counted_from_like(line, like):
        done = from_like(line, like)
        ways["unlike"] += done is None
        return done

    def counted_cut(line, at=0):
        ways["finished"] += at > 0
        return cut(line, at)

    monkeypatch.setattr(qp_like_lines, "_written", counted_written)
    monkeypatch.setattr(qp_like_lines, "_from_like", counted_from_like)
    monkeypatch.setattr(quoted_printable, "_cut", counted_cut)
    rng = random.Random(15)
    scripts = [w for w in _WORDS if max(w) > "\u0600"]
    for _ in range(200):
        words = scripts if rng.random() < 0.4 else _WORDS
        family = [_line(rng, words)]
        for _ in range(rng.randint(1, 12)):
            family.append(_changed(rng, rng.choice(family), words))
        for line in family:
            assert qp_like_lines.encode_line(line) == _b2a_qp_crlf(line), line
    assert min(ways.values()) > 50, ways


def test_a_line_again_and_lines_of_one_length_are_what_b2a_qp_writes():
    """The same line twice, a line whose only change is its last bytes (a space that b2a_qp
    writes as =20 there), its first byte, one byte at every place of a piece's cut, and a
    line of another length between them."""
    rng = random.Random(3)
    line = _line(rng, _WORDS[:8])
    lines = [line, line, line[:-1] + b" ", line[:-1] + b"\t", b"X" + line[1:], line]
    for at in range(1000, 1160):
        lines.append(line[:at] + b"=" + line[at + 1 :])
        lines.append(line[:at] + b"a" + line[at + 1 :])
        lines.append(line[:at] + line[at + 1 :])  # one byte shorter
    lines.append(_line(rng, _WORDS))
    lines.append(line)
    for line in lines:
        assert qp_like_lines.encode_line(line) == _b2a_qp_crlf(line), line


def test_lines_left_to_the_plain_way_are_what_b2a_qp_writes():
    """Short lines and lines with a NUL (b2a_qp writes a "." before it by where it is) are
    not worked out from another line, and a like line with a NUL is never kept."""
    base = ("é".encode() * 700) + b".\x00" * 50
    for start in range(0, 80, 7):
        line = b"a" * start + base
        assert qp_like_lines.encode_line(line) == _b2a_qp_crlf(line), start
    assert qp_like_lines._BY_LENGTH == {}
    for line in (b"", b" ", b"a=b ", b"x" * 998 + b" ", "年".encode() * 333):
        assert qp_like_lines.encode_line(line) == _b2a_qp_crlf(line), line
    assert qp_like_lines._BY_LENGTH == {}
