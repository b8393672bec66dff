"""The quoted text of a `.po` string line, edited character by character as it is written.

`l10n-status --fix` must change only the characters it fixes. Decoding a quoted chunk and
escaping it again is not that: a PO library keeps an escape it does not know (`\\147`, `\\x67`,
`\\q`) as typed, then doubles its backslash when it writes the text back, which turns a
character gettext reads into a visible backslash. Here each character of the text is kept with
the way it is written, so an edit replaces those written forms and nothing else, and a chunk
holding an escape whose reading cannot be edited one character at a time is said to hold it
(the caller leaves that translation alone).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mailglot.i18n.checks.french import Edit

# A keyword line (`msgstr "…"`, `msgstr[1] "…"`) or a continuation line (`"…"`): what is
# before the opening quote, the text between the quotes, and the blanks after the closing one.
_LINE = re.compile(
    r'(?P<head>\s*(?:msgstr(?:\[(?P<form>\d+)\])?(?=[\s"])\s*)?)"(?P<body>(?:[^"\\]|\\.)*)"'
    r"(?P<tail>\s*)"
)
KEYWORD = re.compile(r"\s*msgstr(?:\[(\d+)\])?(?=[\s\"])")
# One character as written: an escape (octal and hex ones whole, as gettext reads them), or
# a character written as itself.
_WRITTEN = re.compile(r"\\(?:[0-7]{1,3}|x[0-9A-Fa-f]+|.?)|[^\\]", re.S)
_READ = {"\\\\": "\\", '\\"': '"', "\\n": "\n", "\\t": "\t", "\\r": "\r"}
_WRITE = {char: written for written, char in _READ.items()}
EDITABLE = '\\\\ \\" \\n \\t \\r'  # the escapes an edit keeps exact, as the message shows them


@dataclass(frozen=True)
class Chunk:
    """One quoted line of a string: `head` (keyword and blanks), each character of the text
    as written, and `tail` (blanks after the closing quote and the line break)."""

    index: int  # the line's index in the file
    head: str
    written: tuple[str, ...]
    tail: str

    @property
    def text(self) -> str:
        return "".join(_READ.get(w, w) for w in self.written)

    @property
    def escapes(self) -> list[str]:
        """The escapes an edit cannot keep exact (their reading is not one character each)."""
        return [w for w in self.written if w.startswith("\\") and w not in _READ]

    def line(self, written: list[str]) -> str:
        return f'{self.head}"{"".join(written)}"{self.tail}'


def read_chunk(line: str, index: int) -> Chunk | None:
    """The chunk on `line` (its line break included), or None when it is not a quoted line."""
    body = line.rstrip("\r\n")
    m = _LINE.fullmatch(body)
    if m is None:
        return None
    written = tuple(_WRITTEN.findall(m.group("body")))
    return Chunk(index, m.group("head"), written, m.group("tail") + line[len(body) :])


def write(text: str) -> str:
    """Text as a quoted chunk writes it: only the characters that must be escaped are."""
    return "".join(_WRITE.get(c, c) for c in text)


def rewrite(chunks: list[Chunk], edits: list[Edit]) -> dict[int, str]:
    """The new lines (by index) of a string written over `chunks` once `edits` (offsets in
    the joined text) are made. A deletion across chunks deletes in each; inserted text goes to
    the chunk where its edit starts (the last chunk for an edit at the very end). Every other
    character keeps its written form, byte for byte."""
    slots = [[*c.written, ""] for c in chunks]
    places = [(k, j) for k, c in enumerate(chunks) for j in range(len(c.written))]
    places.append((len(chunks) - 1, len(chunks[-1].written)))
    for e in edits:  # deletions first: an insertion next to a deletion is never lost
        for p in range(e.start, e.start + e.length):
            k, j = places[p]
            slots[k][j] = ""
    for e in edits:
        if e.text:
            k, j = places[e.start]
            slots[k][j] = write(e.text) + slots[k][j]
    return {c.index: c.line(slots[k]) for k, c in enumerate(chunks) if slots[k] != [*c.written, ""]}
