"""The .eml's shortcuts against what they stand for: the Subject header against `email`
(EmailMessage with eml.set_subject, as every .eml was written before), the quoted-printable
of a part against binascii.b2a_qp with "\\r\\n" line ends, on generated input built to reach
the cases where the two could part."""

from __future__ import annotations

import binascii
import random
from email.message import EmailMessage
from email.policy import SMTP

from mailglot.render import eml, quoted_printable
from mailglot.render.eml_subject import subject_header
from tests.eml_reference import encode_reference

_SUBJECT_PIECES = [
    *("Black", "Friday", " ", ":", "40%", "off", "=?", "?=", "=", "_", "?", "-!*+/", "(c)"),
    *('"q"', "\\", ";", ",", "<a@b>", "\t", "\n", "\r\n", ".", "From ", "x", "a" * 40, "Z" * 70),
    *("é", "ü", "ß", "€", "\u00a0", "\u202f", "Ωmega", "ﬁ", "Я"),  # two and three bytes
    *("خصم", "على", "\u200f", "\u202e", "\u2028"),  # right to left, marks, a line separator
    *("年間プラン", "オフ", "あ" * 30),  # three bytes
    *("🎉", "👩\u200d👩\u200d👧", "\U0001f600" * 5),  # four bytes, joined
    *("\x00", "\x7f", "\x1b", "\ud800"),  # control characters, a lone surrogate
]


def _email_subject(subject: str) -> bytes:
    msg = EmailMessage(policy=SMTP)
    eml.set_subject(msg, subject)
    return msg.as_bytes()[:-2]


def test_a_subject_written_directly_is_the_one_email_writes():
    """Mixed scripts of one to four bytes a character, words that look encoded, runs long
    enough for two to five encoded lines (base64 and Q both chosen), and every length up to
    200 characters of each kind around the cuts; what is left to `email` is only what it
    must write (long ASCII, control characters, surrogates, empty)."""
    rng = random.Random(15)
    written = left = 0
    for _ in range(6000):
        subject = "".join(rng.choice(_SUBJECT_PIECES) for _ in range(rng.randint(0, 12)))
        fast = subject_header(eml.one_line(subject))
        if fast is None:
            left += 1
            continue
        written += 1
        assert fast == _email_subject(subject), subject
    kinds = ["a", "é", "あ", "😀", "=", " ", "_", "?", "Я", "-"]
    for length in range(1, 200):
        for _ in range(4):
            alphabet = kinds[: rng.randint(1, len(kinds))]
            subject = "".join(rng.choice(alphabet) for _ in range(length))
            fast = subject_header(eml.one_line(subject))
            if fast is not None:
                written += 1
                assert fast == _email_subject(subject), subject
    assert written > 5000 and left > 300, (written, left)
    assert subject_header("Black Friday: 40% off") == b"Subject: Black Friday: 40% off\r\n"
    assert subject_header("\ud800 lone") is None
    assert subject_header("x" * 70) is None  # the policy folds it


_WORDS = [
    *("Bientôt", "40\u00a0%", "Notre meilleure offre", "Grüße", "¡Oferta!"),
    *("خصم 40% على اشتراك سنة كاملة", "年間プランが40%オフ", "限时优惠", "🎉"),
    *("a=b", "=", ".", "From here", " ", "\t", "=3D", "x" * 120, ".\x00" * 40),
]
_ATTRIBUTES = [
    'style="font-family:Arial, sans-serif;font-size:16px;line-height:1.5;color:#333333"',
    'style="padding:0 25px;word-break:break-word"',
    'href="https://streamly.example/offer?a=1&amp;b=2"',
    'class="mj-column-per-100" dir="rtl"',
    'align="left"',
]


def _long_line(rng: random.Random, words: list[str]) -> bytes:
    """A body line as MJML writes it: attributes shared by every job, words of its own."""
    cells = []
    for _ in range(rng.randint(20, 60)):
        attrs = " ".join(rng.sample(_ATTRIBUTES, rng.randint(1, 3)))
        cells.append(f"<td {attrs}><div>{rng.choice(words)}</div></td>")
    line = "".join(cells).encode()
    ending = rng.choice([b"", b" ", b"\t", b"=", b".", b"\x00.", b"\x01", b" \t"])
    return line + ending


def _b2a_qp_crlf(line: bytes) -> bytes:
    return binascii.b2a_qp(line + b"\n", istext=True).replace(b"\n", b"\r\n")


def test_long_lines_encoded_in_remembered_pieces_are_what_b2a_qp_writes(monkeypatch):
    """Lines of scripts of dozens of bytes (the path that remembers pieces) and Latin ones
    (replaced byte by byte), the same attributes again and again around new words, every
    ending b2a_qp treats apart (a space, a tab, "=", ".", a NUL, a control byte)."""
    monkeypatch.setattr(quoted_printable, "_ESCAPED", {})
    rng = random.Random(15)
    scripts = [w for w in _WORDS if max(w) > "\u0600"]
    for _ in range(400):
        words = scripts if rng.random() < 0.6 else _WORDS
        line = _long_line(rng, words)
        assert quoted_printable.encode_line(line) == _b2a_qp_crlf(line), line
        assert quoted_printable.encode([line]) == binascii.b2a_qp(line + b"\n", istext=True)
    pieces = quoted_printable._ESCAPED
    assert 0 < len(pieces) < 2000  # shared pieces were remembered, not each line's own
    for start in range(80):  # b2a_qp encodes a "." before a NUL at a piece's start only
        line = b"a" * start + b".\x00" * 60 + "é".encode() * 600
        assert quoted_printable.encode_line(line) == _b2a_qp_crlf(line), start


def test_parts_written_with_crlf_line_ends_are_b2a_qps_with_crlf(monkeypatch):
    """Parts of short lines (remembered), long lines anywhere among the first ten (the
    choice between quoted-printable and base64 counts b2a_qp's "\\n", not "\\r\\n"), lines
    over 998 bytes, trailing spaces, '=' and '.' and 'From ' at a line's start."""
    monkeypatch.setattr(eml, "_SHORT_LINES", {})
    monkeypatch.setattr(quoted_printable, "_ESCAPED", {})
    rng = random.Random(8)
    short = [b"<p>Hello</p>", b".", b"From me", b"a=b ", b"tab\t", b"", b"=", "é à".encode()]
    short += ["年間プラン".encode(), "خصم 40%".encode(), b"x" * 77, b"y" * 80]
    ways = set()
    for _ in range(600):
        lines = [rng.choice(short) for _ in range(rng.randint(0, 14))]
        if rng.random() < 0.7:
            lines.insert(rng.randint(0, len(lines)), _long_line(rng, _WORDS))
        data = b"\n".join(lines) + rng.choice([b"", b"\n"])
        got = eml._encode(data)
        assert got == encode_reference(data), data
        ways.add(got[0])
    assert ways == {"7bit", "8bit", "quoted-printable", "base64"}


def test_a_part_cut_into_lines_by_split_is_cut_as_splitlines_cuts_it():
    """Every short mix of line ends ("\\n", "\\r", "\\r\\n"), of the bytes other line
    breakers know (\\v, \\f, \\x1c, \\x85 in UTF-8) and text, with and without a last line
    end: the same lines as bytes.splitlines."""
    rng = random.Random(4)
    alphabet = [b"a", b"\n", b"\r", b"\r\n", b"\x0b", b"\x0c", b"\x1c", "\x85".encode(), b" "]
    for _ in range(20000):
        data = b"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 9)))
        assert eml._lines(data) == data.splitlines(), data
    assert eml._lines(b"") == [] and eml._lines(b"\n") == [b""]
