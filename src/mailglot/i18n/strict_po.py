"""A strict look at a `.po` file before Babel reads it.

Babel reads what it can and guesses the rest: a string cut off at the end of the file becomes
a shorter word, a missing closing quote loses a letter, a wrong charset turns `é` into `Ã©`,
a second entry for the same msgid silently wins. Here the file's encoding and the shape of
every line are checked first; each problem becomes a located error, and what cannot be
trusted (the whole file for an encoding problem, one entry for a broken line) is left out,
so the build shows the source text, never garbled or truncated text.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileParser

from mailglot.errors import Diagnostic
from mailglot.i18n.po_encoding import decode
from mailglot.i18n.po_plural_forms import (
    check_header_controls,
    check_plural_forms,
    header_nplurals,
)
from mailglot.i18n.strict_po_escapes import read_escapes

_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+|(?=\"))(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_FIRST_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
# gettext separates lines by LF (CRLF and CR read as LF); never by U+2028, U+2029 or U+0085,
# which str.splitlines also breaks at and which a translation may hold (a Word paste).
_BREAK = re.compile(r"\r\n|\r|\n")


def split_lines(text: str) -> list[str]:
    """The lines of a .po file's text, as gettext reads them (str.splitlines without its
    Unicode separators); a last line break ends the last line."""
    lines = _BREAK.split(text)
    if lines and not lines[-1]:
        lines.pop()
    return lines


@dataclass
class PoInspection:
    """What may be read of a catalog: its text (None when nothing can be trusted), the msgid
    lines of entries to leave out, and whether the plural rule can be used."""

    text: str | None
    problems: list[Diagnostic] = field(default_factory=list)
    untrusted: set[int] = field(default_factory=set)  # msgid lines of entries left out
    plurals_ok: bool = True
    assumed_plural_forms: str | None = None  # the rule of a file with no header entry


@dataclass
class _Entry:
    start: int  # line of its first keyword
    msgid_line: int | None = None
    key: list[str] = field(default_factory=list)  # msgctxt and msgid strings, as msgfmt reads them
    current: str = ""  # the keyword the last string belongs to
    pieces: list[tuple[int, str]] = field(default_factory=list)  # its string's lines so far
    has_msgstr: bool = False
    plural: bool = False  # has a msgid_plural
    bad: bool = False


class _Scanner:
    """Walks the lines, grouping them into entries and noting every line that is not PO."""

    def __init__(self, rel: str, codec: str, nplurals: int | None = None) -> None:
        self.rel, self.codec, self.nplurals = rel, codec, nplurals
        self.plural_line: int | None = None  # the msgid line of the first plural entry
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
        first = _FIRST_STRING.match(text)
        if first is None and text.startswith('"'):
            self.error(n, 'unterminated string: the closing " is missing; the source text is used')
        elif first is not None and '"' in text[first.end() :]:
            self.error(
                n,
                f'a " inside the string ends it after {first.group(0)}: write \\" for a '
                "quote inside the text (or use the language's quotation marks, « » or “ ”); "
                "the source text is used",
            )
        elif first is not None:
            self.error(
                n,
                f"text after the string's closing \": {text[first.end() :].strip()[:30]!r} "
                "(a line holds one quoted string); the source text is used",
            )
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
        elif word == "msgid_plural":
            entry.plural = True
            if self.plural_line is None:
                self.plural_line = entry.msgid_line or n
        elif word.startswith("msgstr"):
            if (word != "msgstr") != entry.plural and not entry.bad:
                self.error(n, self._form_problem(word, entry.plural))
            entry.has_msgstr = True
        entry.current = word
        self.string(n, rest)

    def _form_problem(self, word: str, plural: bool) -> str:
        """A msgstr that does not fit its entry: plain on a plural entry, or indexed on an
        entry without msgid_plural (which msgfmt refuses for the whole file)."""
        if not plural:
            return (
                f'{word} on an entry without msgid_plural (gettext refuses the file: "missing '
                '\'msgid_plural\' section"): write msgstr "…" for a translation without '
                "plural forms; the source text is used"
            )
        n = self.nplurals
        if n is None:
            forms, count = "msgstr[0], msgstr[1], …", ""
        else:
            forms = " and ".join(f"msgstr[{i}]" for i in range(n)) if n <= 2 else ""
            forms = forms or f"msgstr[0] … msgstr[{n - 1}]"
            count = f", nplurals={n} in the header"
        return (
            f"msgstr on an entry with msgid_plural: write its translations as {forms} (one "
            f"per plural form{count}); the source text is used"
        )

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


def inspect_po(data: bytes, rel: str) -> PoInspection:
    text, codec, problems = decode(data, rel)
    if text is None:
        return PoInspection(None, problems)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    out = PoInspection(None, problems)
    scanner = _Scanner(rel, codec, header_nplurals(lines))
    for n, raw in enumerate(lines, 1):
        scanner.line(n, raw)
    scanner.close()
    for n, (written, decoded) in scanner.rewritten.items():
        line = lines[n - 1].rstrip()
        lines[n - 1] = line[: len(line) - len(written)] + decoded
    _duplicates(scanner)
    out.problems += scanner.problems
    out.untrusted = {e.msgid_line for e in scanner.entries if e.bad and e.msgid_line}
    out.problems += check_header_controls(lines, rel)
    found = check_plural_forms(lines, rel, scanner.plural_line)
    plural_problems, out.plurals_ok, out.assumed_plural_forms = found
    out.problems += plural_problems
    out.text = "\n".join(lines) + "\n"
    return out


def new_catalog(seen: PoInspection, locale: str) -> Catalog:
    """The Catalog Babel reads the inspected text into. A file with no header entry gets the
    rule `check_plural_forms` assumed before any entry is read: Babel sizes each entry's
    msgstr list by the rule it has when it reads the entry, and would take CLDR's."""
    catalog = Catalog(locale=locale)
    if seen.assumed_plural_forms:
        catalog.mime_headers = [("Plural-Forms", seen.assumed_plural_forms)]
    return catalog


def read_inspected(seen: PoInspection, locale: str) -> Catalog:
    """`babel.messages.pofile.read_po` of the inspected text, into `new_catalog`."""
    catalog = new_catalog(seen, locale)
    PoFileParser(catalog, ignore_obsolete=False, abort_invalid=False).parse(
        io.StringIO(seen.text or "")
    )
    return catalog
