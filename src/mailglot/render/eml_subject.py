"""The .eml's Subject header written directly, byte for byte as `email` writes it.

`eml.set_subject` sets a subject through `email`: plain ASCII as the policy folds it, other
text as `email.header.Header` encodes it in RFC 2047 words (utf-8, base64 or Q, whichever
is shorter, cut into lines by trying one more character at a time and encoding the line so
far: quadratic in the subject's length). Every job of a build has its own subject (its
campaign, locale and variant), so remembering them spared nothing: ~0.2 ms a subject, a
fifth of the example project's .eml.

Here the same cut is counted instead of tried (a character's encoded length is known from
its bytes), and each line encoded by `email`'s own header encoders. What this does not
write (None) stays with `email`: an ASCII subject too long for one line (the policy folds
it at spaces), one with a control character, an empty one, and text that is not UTF-8
(lone surrogates). tests/test_eml_fast_paths.py compares with `email` on generated subjects.
"""

from __future__ import annotations

import email.base64mime
import email.quoprimime

_NAME = "Subject: "
_MAX_LINE = 78  # email.header's MAXLINELEN, also the policy's max_line_length
_CHROME = len("=?utf-8?b??=")  # what an encoded word adds to its encoded text
# the longest encoded text of the first line (after "Subject: ") and of the next ones
# (after the one space that continues a header)
_FIRST = _MAX_LINE - len(_NAME) - _CHROME
_NEXT = _MAX_LINE - 1 - _CHROME
# bytes the Q encoding writes as themselves (a space as "_"); any other takes three
_Q_PLAIN = frozenset(b"-!*+/ ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")


def subject_header(subject: str) -> bytes | None:
    """The header line(s) for a subject made one line by `eml.one_line`, "\\r\\n" ended;
    None when `email` must write it."""
    if not subject:
        return None
    if subject.isascii() and "=?" not in subject:
        if len(_NAME) + len(subject) > _MAX_LINE or not subject.isprintable():
            return None
        return f"{_NAME}{subject}\r\n".encode()
    try:
        data = subject.encode()
    except UnicodeEncodeError:
        return None
    words = _encoded_words(subject, data)
    return (_NAME + "\r\n ".join(words) + "\r\n").encode()


def _encoded_words(subject: str, data: bytes) -> list[str]:
    """`Header(subject, "utf-8", header_name="Subject").encode()`'s lines: base64 when it is
    shorter than Q for the whole subject, else Q; a line ends before the character that
    would make its encoded text longer than the line allows."""
    q_length = sum(1 if byte in _Q_PLAIN else 3 for byte in data)
    base64 = (len(data) + 2) // 3 * 4 < q_length
    words: list[str] = []
    start = 0  # the line's first character
    size = 0  # the line's bytes (base64) or encoded length (Q)
    limit = _FIRST
    for at, char in enumerate(subject):
        code = ord(char)
        if base64:
            size += 1 if code < 0x80 else 2 if code < 0x800 else 3 if code < 0x10000 else 4
            length = (size + 2) // 3 * 4
        else:
            if code < 0x80:
                size += 1 if code in _Q_PLAIN else 3
            else:
                size += 6 if code < 0x800 else 9 if code < 0x10000 else 12
            length = size
        if length > limit:
            words.append(_encode(subject[start:at], base64))
            start, limit = at, _NEXT
            size = 0
            if base64:
                size = len(char.encode())
            else:
                size = (1 if code in _Q_PLAIN else 3) if code < 0x80 else 3 * len(char.encode())
    words.append(_encode(subject[start:], base64))
    return words


def _encode(text: str, base64: bool) -> str:
    data = text.encode()
    if base64:
        return email.base64mime.header_encode(data, charset="utf-8")
    return email.quoprimime.header_encode(data, charset="utf-8")
