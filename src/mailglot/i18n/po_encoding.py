"""A `.po` file's bytes as text, in the charset its header declares, or why they cannot be.

Split from `strict_po` (which reads the lines of the text): an encoding problem makes the
whole file untrusted, so it is decided first and on its own, and a file declared
ISO-8859-1 that a Windows editor saved as windows-1252 is read as browsers read it.
"""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from mailglot.errors import Diagnostic
from mailglot.i18n.catalog_paths import MO_FILE, MO_FIX

_HEADER_MSGID = re.compile(rb'(?:^|(?<=\r))[ \t]*msgid[ \t]*""[ \t]*(?:\r\n|\r|\n)', re.M)
_LINE = re.compile(rb"[^\r\n]*")
_CHARSET = re.compile(rb"charset\s*=\s*(?:\\\"|')?([^\s\\\"';]*)", re.I)
_UTF8 = {"utf-8", "utf8"}
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")
_C1 = re.compile(rb"[\x80-\x9f]")
_UTF16_BOM = (b"\xff\xfe", b"\xfe\xff")
_MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")  # a .mo file, either byte order
# the bytes a .po file's syntax is made of: in a charset a .po file can be in, they are ASCII
_SYNTAX = bytes(c for c in range(0x20, 0x7F) if c != 0x5C) + b'\t\n\r\\n\\"\\u00e9\\x41'
_NOT_CHARSETS = {"idna", "charmap"}  # ASCII-safe Python codecs that are no file's charset
ALSO_READ = (
    "ISO-8859-1 to ISO-8859-16, windows-1250 to windows-1258, KOI8-R, Shift_JIS, EUC-JP, "
    "EUC-KR, GB2312, GBK, GB18030, Big5"
)


def _line_of(data: bytes, offset: int) -> int:
    return sum(1 for _ in _BYTE_BREAK.finditer(data, 0, offset)) + 1


def _unreadable(
    rel: str, line: int | None, why: str, code: str = "catalog.charset"
) -> tuple[None, str, list[Diagnostic]]:
    """An encoding problem: the whole file is left out, so every message says so."""
    message = f"{why}; no translation from this file is used"
    return None, "", [Diagnostic(rel, line, code, "error", message)]


def header_charset(data: bytes) -> tuple[str, int] | None:
    """The charset the header entry declares, and its line, as msgfmt finds it: the first
    `charset=` in the msgstr of the entry whose msgid is empty (quotes around the name, which
    MIME allows, left out). None when there is no header entry or it names no charset. Only
    the header is looked at: a comment or a translation that mentions a charset, or a header
    after a long comment, decided the charset before."""
    for found in _HEADER_MSGID.finditer(data):
        at, first = found.end(), True
        while at <= len(data):
            line = _LINE.match(data, at)
            if line is None:  # never: it matches the empty string too
                break
            text, start = line.group().strip(), at
            at = line.end() + (2 if data[line.end() : line.end() + 2] == b"\r\n" else 1)
            if first and not text.startswith(b"msgstr"):
                break  # `msgid ""` then a string: a long msgid, wrapped; not the header
            if not first and not text.startswith(b'"'):
                return None  # the header's msgstr ended without a charset
            first = False
            charset = _CHARSET.search(text)
            if charset is not None:
                return charset.group(1).decode("ascii", "replace"), _line_of(data, start)
    return None


@lru_cache(maxsize=64)
def _codec(declared: str) -> tuple[str | None, bool]:
    """Python's codec for a charset a .po file can be written in, or None, and whether the
    charset is known at all. gettext reads the keywords, quotes and escapes as ASCII, so the
    ASCII bytes must be themselves: UTF-16, UTF-7, EBCDIC or Python's unicode_escape make
    them other text (`undefined` raised a traceback)."""
    try:
        name = codecs.lookup(declared).name
        same = _SYNTAX.decode(name) == _SYNTAX.decode("ascii")
    except UnicodeDecodeError:  # UTF-32: ASCII bytes are no whole characters
        return None, True
    except (LookupError, UnicodeError, ValueError):  # unknown; base64, rot13; `undefined`
        return None, False
    return (name, True) if same and name not in _NOT_CHARSETS else (None, True)


def _refused(rel: str, data: bytes) -> tuple[None, str, list[Diagnostic]] | None:
    """Files that are no .po text in any charset: a compiled catalog under the .po's name
    (it was 'byte 0xde is not UTF-8 text'), a file saved as UTF-16."""
    if data[:4] in _MO_MAGIC:
        why = f"this is {MO_FILE}; export the .po from your translation platform, or turn this "
        why += f"file back into one with msgunfmt {MO_FIX}"
        return _unreadable(rel, None, why, "catalog.syntax")
    if data.startswith(_UTF16_BOM):
        why = (
            "the file is saved as UTF-16 (it starts with UTF-16's byte order mark; Windows "
            "calls it 'Unicode'), which gettext cannot read: save it as UTF-8"
        )
        return _unreadable(rel, 1, why)
    return None


def _unknown(
    rel: str, line: int | None, declared: str, known: bool
) -> tuple[None, str, list[Diagnostic]]:
    """Why the declared charset cannot be used, and what can."""
    write = "write charset=UTF-8 (and save the file as UTF-8)"
    if not declared:
        return _unreadable(rel, line, f"the header's charset= names no encoding; {write}")
    if declared.upper() == "CHARSET":
        why = f"charset=CHARSET (the template's placeholder), which is not an encoding; {write}"
        return _unreadable(rel, line, f"the header declares {why}")
    if known:
        why = (
            f"charset={declared}, which a .po file cannot be written in: gettext reads its "
            f"keywords and quotes as ASCII, which {declared} writes as other bytes"
        )
    else:
        why = f"charset={declared}, which is not an encoding"
    return _unreadable(
        rel,
        line,
        f"the header declares {why}; {write}, or another encoding gettext reads: {ALSO_READ}",
    )


def decode(data: bytes, rel: str) -> tuple[str | None, str, list[Diagnostic]]:
    """The file's text in the charset its header declares and the codec it was read with (for
    the bytes escapes name), or None and the reason it cannot be read."""
    refused = _refused(rel, data)
    if refused is not None:
        return refused
    found = header_charset(data)
    declared, line = found if found is not None else ("UTF-8", None)
    codec, known = _codec(declared) if declared else (None, False)
    if codec is None:
        return _unknown(rel, line, declared, known)
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        said = "the charset the header declares" if found else "no header names a charset"
        return _unreadable(
            rel,
            _line_of(data, exc.start),
            f"byte 0x{bad} is not {declared} text ({said}); save the file as {declared}",
        )
    if codec not in _UTF8 and not data.isascii():
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            pass
        else:
            return _unreadable(
                rel,
                line,
                f"the header declares charset={declared} but the file is UTF-8 (its "
                "accented letters would be garbled); write charset=UTF-8",
            )
    if codec == "iso8859-1" and _C1.search(data):
        return _windows_1252(data, rel, declared)
    return text, codec, []


def _windows_1252(data: bytes, rel: str, declared: str) -> tuple[str | None, str, list[Diagnostic]]:
    """A file declared ISO-8859-1 holding bytes 0x80-0x9F, control characters there that
    nobody types: a Windows editor saved it as windows-1252 ("…" is 0x85, "’" 0x92, "œ" 0x9C).
    It is read as windows-1252, as browsers read a file labelled ISO-8859-1 (the WHATWG
    Encoding standard), and the translator is told which bytes and lines."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as exc:
        return _unreadable(
            rel,
            _line_of(data, exc.start),
            f"byte 0x{data[exc.start]:02X} is a control character in {declared} (the charset "
            "the header declares) and no character of windows-1252 either; save the file as "
            "UTF-8 and write charset=UTF-8",
        )
    places: dict[int, list[int]] = {}  # byte -> the lines it is on
    line, last = 1, 0
    for m in _C1.finditer(data):
        line += sum(1 for _ in _BYTE_BREAK.finditer(data, last, m.start()))
        last = m.start()
        lines = places.setdefault(data[last], [])
        if not lines or lines[-1] != line:
            lines.append(line)
    shown = []
    for byte, lines in sorted(places.items(), key=lambda kv: kv[1][0]):
        where = ", ".join(map(str, lines[:3])) + (", …" if len(lines) > 3 else "")
        char = bytes([byte]).decode("cp1252")
        shown.append(f"0x{byte:02X} {char!r} (line{'s' if len(lines) > 1 else ''} {where})")
    message = (
        f"the header declares charset={declared}, but the file looks like windows-1252: its "
        f"bytes 0x80-0x9F, control characters in {declared}, are windows-1252 characters: "
        f"{', '.join(shown[:5])}{', …' if len(shown) > 5 else ''}; the file is read as "
        "windows-1252: write charset=windows-1252 (or save the file as UTF-8)"
    )
    first = min(lines[0] for lines in places.values())
    return text, "cp1252", [Diagnostic(rel, first, "catalog.charset", "warning", message)]
