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

from babel.messages.plurals import get_plural

from mailglot.errors import Diagnostic
from mailglot.i18n.plural_rules import plural_counts
from mailglot.i18n.strict_po_escapes import read_escapes

_CHARSET = re.compile(rb"charset\s*=\s*([^\s\\\"';]+)", re.I)
_KEYWORD = re.compile(r"(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)(?:\s+|(?=\"))(.*)$")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"\s*$')
_PLURAL_FORMS = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*([^;]+?)\s*;?\s*$")
_FIRST_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')
_LAST_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"$')
_UTF8 = {"utf-8", "utf8"}
# gettext separates lines by LF (CRLF and CR read as LF); never by U+2028, U+2029 or U+0085,
# which str.splitlines also breaks at and which a translation may hold (a Word paste).
_BREAK = re.compile(r"\r\n|\r|\n")
_BYTE_BREAK = re.compile(rb"\r\n|\r|\n")
_C1 = re.compile(rb"[\x80-\x9f]")
_FOLDER = re.compile(r"(?:^|/)locales/([^/]+)/LC_MESSAGES/")


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


def _line_of(data: bytes, offset: int) -> int:
    return sum(1 for _ in _BYTE_BREAK.finditer(data, 0, offset)) + 1


def _unreadable(rel: str, line: int | None, why: str) -> tuple[None, str, list[Diagnostic]]:
    """An encoding problem: the whole file is left out, so every message says so."""
    message = f"{why}; no translation from this file is used"
    return None, "", [Diagnostic(rel, line, "catalog.charset", "error", message)]


def decode_po(data: bytes, rel: str) -> tuple[str | None, list[Diagnostic]]:
    """The file's text in the charset its header declares, or the reason it cannot be read."""
    text, _, problems = _decode(data, rel)
    return text, problems


def _decode(data: bytes, rel: str) -> tuple[str | None, str, list[Diagnostic]]:
    """`decode_po`, with the codec the text was read with (for the bytes escapes name)."""
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
    for n in range(1001):
        try:
            form = rule(n)
        except ZeroDivisionError:  # `n % 0`, `n / (n-n)`: gettext's own function fails too
            return f"the plural rule divides by zero for n = {n}"
        except (ArithmeticError, RecursionError, ValueError, TypeError) as exc:
            return f"the plural rule fails for n = {n} ({type(exc).__name__})"
        if not 0 <= form < count:
            return f"for n={n} the rule picks form {form}, but nplurals={count}"
    return None


@dataclass
class _Header:
    """The header entry: its `msgid ""` line (None when the file has none), its `Name: value`
    fields, each with the line numbers it is written on (Babel folds a long Plural-Forms over
    two lines), and the line of its msgstr's last string."""

    msgid_line: int | None = None
    fields: list[tuple[str, list[int]]] = field(default_factory=list)
    last: int | None = None

    def field(self, name: str) -> tuple[str, list[int]] | None:
        for field_text, spans in self.fields:
            key, _, value = field_text.partition(":")
            if key.strip().lower() == name:
                return value, spans
        return None


def _header(lines: list[str]) -> _Header:
    header = _Header()
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
        elif line.startswith("msgid") and not in_msgstr:
            header.msgid_line = n if line[len("msgid") :].strip() == '""' else None
            continue
        elif line.startswith("#") or not in_msgstr:
            continue
        if not _STRING.fullmatch(line):
            break
        piece = line.strip()[1:-1]
        text += piece
        if piece:
            spans.append(n)
        header.last = n
        if "\\n" in text[-len(piece) - 1 :]:  # only the new piece can end a field
            *ended, text = text.split("\\n")
            for field_text in ended:
                header.fields.append((field_text, list(spans)))
                spans = [n]
            spans = [n] if text else []
    return header


def _nplurals(header: _Header) -> int | None:
    found = header.field("plural-forms")
    m = _PLURAL_FORMS.match(found[0]) if found else None
    return int(m.group(1)) if m else None


def _language(header: _Header, rel: str) -> tuple[str, str] | None:
    """The catalog's locale and where it was read: its `Language:` field, else its folder."""
    found = header.field("language")
    if found and found[0].strip():
        return found[0].strip(), f"Language: {found[0].strip()}"
    m = _FOLDER.search(rel)
    return (m.group(1), f"folder {m.group(1)}") if m else None


def _check_plural_forms(
    lines: list[str], rel: str, out: PoInspection, plural_line: int | None
) -> None:
    header = _header(lines)
    found = header.field("plural-forms")
    if found is None:
        _no_plural_forms(lines, rel, out, header, plural_line)
        return
    value, spans = found
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
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    count = _nplurals(header)
    if language is None or counts is None or count is None or count in counts.accepted:
        return
    out.problems.append(
        Diagnostic(
            rel,
            spans[0],
            "catalog.plural-forms.language",
            "warning",
            f"Plural-Forms: nplurals={count}, but {counts.describe(language[1])}; the "
            f"header's rule is used: if the catalog is in {counts.name}, write "
            f'"Plural-Forms: {counts.rule}\\n"',
        )
    )


def _no_plural_forms(
    lines: list[str], rel: str, out: PoInspection, header: _Header, plural_line: int | None
) -> None:
    """No Plural-Forms field while plural entries need one (msgfmt -c refuses such a file):
    gettext's rule for the language is assumed, else CLDR's, and written into the header
    Babel reads (on the line of its last string, so no line moves); the translator is told."""
    language = _language(header, rel)
    counts = plural_counts(language[0]) if language else None
    if plural_line is None or language is None or counts is None:
        return
    if header.msgid_line is not None and header.last is not None:
        line = lines[header.last - 1].rstrip()
        body = _LAST_STRING.search(line)
        ended = body is None or body.group(1) == "" or body.group(1).endswith("\\n")
        end = "" if ended else "\\n"  # the last field's line break, when it has none
        lines[header.last - 1] = f'{line[:-1]}{end}Plural-Forms: {counts.rule}\\n"'
        where, rule, source = header.msgid_line, counts.rule, counts.source
    else:  # no header entry: Babel takes CLDR's rule for the locale
        plural = get_plural(language[0].replace("-", "_"))
        where, rule, source = plural_line, str(plural.plural_forms), "CLDR's"
    out.problems.append(
        Diagnostic(
            rel,
            where,
            "catalog.plural-forms.language",
            "warning",
            f'no Plural-Forms header; assumed "{rule}", {source} rule for {counts.name} '
            f"({language[1]}): write the rule the plural translations follow in the header, "
            f'e.g. "Plural-Forms: {rule}\\n"',
        )
    )


def inspect_po(data: bytes, rel: str) -> PoInspection:
    text, codec, problems = _decode(data, rel)
    if text is None:
        return PoInspection(None, problems)
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = split_lines(text)
    out = PoInspection(None, problems)
    scanner = _Scanner(rel, codec, _nplurals(_header(lines)))
    for n, raw in enumerate(lines, 1):
        scanner.line(n, raw)
    scanner.close()
    for n, (written, decoded) in scanner.rewritten.items():
        line = lines[n - 1].rstrip()
        lines[n - 1] = line[: len(line) - len(written)] + decoded
    _duplicates(scanner)
    out.problems += scanner.problems
    out.untrusted = {e.msgid_line for e in scanner.entries if e.bad and e.msgid_line}
    _check_plural_forms(lines, rel, out, scanner.plural_line)
    out.text = "\n".join(lines) + "\n"
    return out
