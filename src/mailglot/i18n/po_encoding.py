"""A `.po` file's bytes as text, in the charset its header declares, or why they cannot be.

Split from `strict_po` (which reads the lines of the text): an encoding problem makes the
whole file untrusted, so it is decided first and on its own, and a file declared
ISO-8859-1 that a Windows editor saved as windows-1252 is read as browsers read it.
"""

from __future__ import annotations

import codecs
import re

from mailglot.errors import Diagnostic

_CHARSET = re.compile(rb"charset\s*=\s*([^\s\\\"';]+)", re.I)
_UTF8 = {"utf-8", "utf8"}
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")
_C1 = re.compile(rb"[\x80-\x9f]")


def _line_of(data: bytes, offset: int) -> int:
    return sum(1 for _ in _BYTE_BREAK.finditer(data, 0, offset)) + 1


def _unreadable(rel: str, line: int | None, why: str) -> tuple[None, str, list[Diagnostic]]:
    """An encoding problem: the whole file is left out, so every message says so."""
    message = f"{why}; no translation from this file is used"
    return None, "", [Diagnostic(rel, line, "catalog.charset", "error", message)]


def decode(data: bytes, rel: str) -> tuple[str | None, str, list[Diagnostic]]:
    """The file's text in the charset its header declares and the codec it was read with (for
    the bytes escapes name), or None and the reason it cannot be read."""
    m = _CHARSET.search(data[:4096])
    declared = m.group(1).decode("ascii", "replace") if m else "UTF-8"
    line = _line_of(data, m.start()) if m else None
    try:
        codec = codecs.lookup(declared).name
        text = data.decode(codec)
    except LookupError:  # unknown, or a codec that is not a text encoding (base64, rot13)
        hint = " (the template's placeholder)" if declared.upper() == "CHARSET" else ""
        return _unreadable(
            rel,
            line,
            f"the header declares charset={declared}{hint}, which is not an encoding; "
            "write charset=UTF-8 (and save the file as UTF-8)",
        )
    except UnicodeDecodeError as exc:
        bad = data[exc.start : exc.start + 1].hex()
        return _unreadable(
            rel,
            _line_of(data, exc.start),
            f"byte 0x{bad} is not {declared} text (the charset the header declares); save "
            f"the file as {declared}",
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
