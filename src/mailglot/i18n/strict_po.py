"""A strict look at a `.po` file before Babel reads it.

Babel reads what it can and guesses the rest: a string cut off at the end of the file becomes
a shorter word, a missing closing quote loses a letter, a wrong charset turns `é` into `Ã©`,
a second entry for the same msgid silently wins. Here the file's encoding and the shape of
every line are checked first; each problem becomes a located error, and what cannot be
trusted (the whole file for an encoding problem, one entry for a broken line) is left out,
so the build shows the source text, never garbled or truncated text.
"""

from __future__ import annotations

import codecs
import gettext
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mailglot.errors import Diagnostic
from mailglot.i18n.strict_po_escapes import read_escapes

_CHARSET = re.compile(rb"charset\s*=\s*([^\s\\\"';]+)", re.I)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+|(?=\"))(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_UTF8 = {"utf-8", "utf8"}


@dataclass
class PoInspection:
    """What may be read of a catalog: its text (None when nothing can be trusted), the msgid
    lines of entries to leave out, and whether the plural rule can be used."""

    text: str | None
    problems: list[Diagnostic] = field(default_factory=list)
    untrusted: set[int] = field(default_factory=set)  # msgid lines of entries left out
    plurals_ok: bool = True


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _unreadable(rel: str, line: int | None, why: str) -> tuple[None, list[Diagnostic]]:
    """An encoding problem: the whole file is left out, so every message says so."""
    message = f"{why}; no translation from this file is used"
    return None, [Diagnostic(rel, line, "catalog.charset", "error", message)]


def decode_po(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text in the charset its header declares, or the reason it cannot be read."""
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
    return text, []


def _codec(data: bytes) -> str:
    """The codec of a file `decode_po` could read, for the bytes its escapes name."""
    m = _CHARSET.search(data[:4096])
    return codecs.lookup(m.group(1).decode("ascii", "replace") if m else "UTF-8").name


@dataclass
class _Entry:
    start: int  # line of its first keyword
    msgid_line: int | None = None
    key: list[str] = field(default_factory=list)  # msgctxt and msgid strings, as msgfmt reads them
    current: str = ""  # the keyword the last string belongs to
    pieces: list[tuple[int, str]] = field(default_factory=list)  # its string's lines so far
    has_msgstr: bool = False
    bad: bool = False


class _Scanner:
    """Walks the lines, grouping them into entries and noting every line that is not PO."""

    def __init__(self, rel: str, codec: str) -> None:
        self.rel, self.codec = rel, codec
        self.rewritten: dict[int, tuple[str, str]] = {}  # line -> (string, as Babel reads it)
        self.problems: list[Diagnostic] = []
        self.entries: list[_Entry] = []
        self.entry: _Entry | None = None

    def error(self, line: int, message: str, code: str = "catalog.syntax") -> None:
        self.problems.append(Diagnostic(self.rel, line, code, "error", message))
        if self.entry is not None:
            self.entry.bad = True

    def close(self) -> None:
        self.finish_string()
        entry, self.entry = self.entry, None
        if entry is None:
            return
        if entry.msgid_line is None:
            self.problems.append(
                Diagnostic(self.rel, entry.start, "catalog.syntax", "error", "msgstr without msgid")
            )
            return
        if not entry.has_msgstr:
            self.problems.append(
                Diagnostic(
                    self.rel,
                    entry.msgid_line,
                    "catalog.syntax",
                    "error",
                    "msgid without msgstr (is the file cut short?); the source text is used",
                )
            )
            entry.bad = True
        self.entries.append(entry)

    def string(self, n: int, text: str) -> None:
        if _STRING.fullmatch(text):
            if self.entry is not None:
                self.entry.pieces.append((n, text.strip()))
            return
        if text.startswith('"'):
            self.error(n, 'unterminated string: the closing " is missing; the source text is used')
        else:
            self.error(n, f"expected a quoted string, got {text[:30]!r}; the source text is used")

    def finish_string(self) -> None:
        """The string of the last keyword, once its continuation lines are all read: msgfmt
        joins their bytes before it decodes them, so escapes are read over the whole string
        (strict_po_escapes). A refused one is an error, and a string whose octal or hex escapes
        make text is given to Babel as that text. The msgid and msgctxt, as msgfmt reads them,
        make the key duplicates are found by (`Caf\\303\\251` is `Café`)."""
        entry = self.entry
        if entry is None or not entry.pieces:
            return
        lines, written = zip(*entry.pieces, strict=True)
        entry.pieces = []
        read: Sequence[str] = written
        if any("\\" in text for text in written):
            read, problems = read_escapes(written, self.codec)
            for i, problem in problems:
                self.error(lines[i], f"{problem}; the source text is used")
            if problems:
                read = written
            for n, before, after in zip(lines, written, read, strict=True):
                if before != after:
                    self.rewritten[n] = (before, after)
        if entry.current in ("msgctxt", "msgid"):
            entry.key.append(f"{entry.current}:{''.join(text[1:-1] for text in read)}")

    def keyword(self, n: int, word: str, rest: str) -> None:
        self.finish_string()
        entry = self.entry
        if word in ("msgctxt", "msgid") and entry is not None and entry.has_msgstr:
            self.close()
            entry = None
        if entry is None:
            entry = self.entry = _Entry(n)
        if word == "msgid":
            entry.msgid_line = n
        elif word.startswith("msgstr"):
            entry.has_msgstr = True
        entry.current = word
        self.string(n, rest)

    def line(self, n: int, raw: str) -> None:
        text = raw.strip()
        if not text:
            self.close()
        elif text.startswith("#"):
            return  # comments, flags, previous msgids and obsolete entries are never used
        elif m := _KEYWORD.match(text):
            self.keyword(n, m.group(1), m.group(2))
        elif text.startswith('"') and self.entry is not None:
            self.string(n, text)
        else:
            self.error(n, f"not a line of a .po file: {text[:40]!r}")


def _duplicates(scanner: _Scanner) -> None:
    first: dict[tuple[str, ...], _Entry] = {}
    for entry in scanner.entries:
        key = tuple(entry.key)
        if not key or key == ("msgid:",):
            continue
        if key in first:
            other = first[key]
            other.bad = entry.bad = True
            scanner.problems.append(
                Diagnostic(
                    scanner.rel,
                    entry.msgid_line,
                    "catalog.duplicate",
                    "error",
                    f"the same msgid is translated again (first on line {other.msgid_line}); "
                    "keep one entry; the source text is used",
                )
            )
        else:
            first[key] = entry


@lru_cache(maxsize=256)
def plural_forms_problem(value: str) -> str | None:
    """Why a Plural-Forms header value is not a usable gettext rule (None when it is).
    Remembered: each catalog reload asks it again of the same few headers."""
    m = _PLURAL_FORMS.match(value)
    if not m:
        return "expected the form 'nplurals=2; plural=(n > 1);'"
    count = int(m.group(1))
    try:
        rule = gettext.c2py(m.group(2))
    except (ValueError, SyntaxError, RecursionError):
        return f"{m.group(2)!r} is not a plural expression gettext understands"
    if not 1 <= count <= 6:
        return f"nplurals={count}: a language has between 1 and 6 plural forms"
    wrong = next((n for n in range(1001) if not 0 <= rule(n) < count), None)
    if wrong is not None:
        return f"for n={wrong} the rule picks form {rule(wrong)}, but nplurals={count}"
    return None


def _header_fields(lines: list[str]) -> list[tuple[str, list[int]]]:
    """The header's `Name: value` fields, each with the line numbers it is written on (Babel
    folds a long Plural-Forms over two lines)."""
    fields: list[tuple[str, list[int]]] = []
    text, spans = "", []
    in_msgstr = False
    for n, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            if in_msgstr:
                break
            continue
        if line.startswith("msgstr"):
            in_msgstr, line = True, line[len("msgstr") :].strip()
        elif line.startswith("#") or not in_msgstr:
            continue
        if not _STRING.fullmatch(line):
            break
        text += line.strip()[1:-1]
        spans.append(n)
        while "\\n" in text:
            field_text, text = text.split("\\n", 1)
            fields.append((field_text, list(spans)))
            spans = [n] if text else []
    return fields


def _check_plural_forms(lines: list[str], rel: str, out: PoInspection) -> None:
    for field_text, spans in _header_fields(lines):
        name, _, value = field_text.partition(":")
        if name.strip().lower() != "plural-forms":
            continue
        problem = plural_forms_problem(value)
        if problem:
            out.problems.append(
                Diagnostic(
                    rel,
                    spans[0],
                    "catalog.plural-forms",
                    "error",
                    f"Plural-Forms: {problem}; plural translations are not used until it is fixed",
                )
            )
            out.plurals_ok = False
            for n in spans:  # Babel would fail on it; the language's own rule is used
                lines[n - 1] = '""'
        return


def inspect_po(data: bytes, rel: str) -> PoInspection:
    text, problems = decode_po(data, rel)
    if text is None:
        return PoInspection(None, problems)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.splitlines()
    out = PoInspection(None, problems)
    scanner = _Scanner(rel, _codec(data))
    for n, raw in enumerate(lines, 1):
        scanner.line(n, raw)
    scanner.close()
    for n, (written, decoded) in scanner.rewritten.items():
        line = lines[n - 1].rstrip()
        lines[n - 1] = line[: len(line) - len(written)] + decoded
    _duplicates(scanner)
    out.problems += scanner.problems
    out.untrusted = {e.msgid_line for e in scanner.entries if e.bad and e.msgid_line}
    _check_plural_forms(lines, rel, out)
    out.text = "\n".join(lines) + "\n"
    return out
