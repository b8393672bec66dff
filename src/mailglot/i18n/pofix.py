"""`l10n-status --fix`: apply the automatic fixes (French punctuation spacing, double spaces) to
`.po` files.

The catalog is read as the build reads it (the strict reader, which reads escapes as gettext
does, then Babel), so what is checked and fixed is the text the emails show; an entry the
strict reader leaves out (a syntax error, an escape gettext refuses) keeps its error and is
never touched. The file is edited as text, not rewritten through a PO library: only the
characters a fix changes, inside the quotes of the msgstr lines, are replaced, each other
character keeping its written form (`po_quoted`), so every other byte stays as the
translator's editor wrote it. A translation written with an escape whose reading is not one
character (`\\147`, `\\x67`) is left alone, and said so. The result is read back the same way
and must differ from the original only in the fixed translations, and the file must still
hold what was read (`po_write`), or nothing is written.

Each fix is applied to the result of the one before (double spaces closed first, then French
spacing judged on what is left), and the edits written are the difference between the old and
new msgstr, so two fixes never edit the same characters twice.

What cannot be fixed is returned as `l10n.fix` findings, one per catalog or entry, so one
catalog's problem never stops the others from being fixed.
"""

from __future__ import annotations

import difflib
import io
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, PoFileParser

from mailglot.containment import link_out, outside_project
from mailglot.errors import Diagnostic
from mailglot.i18n.checks import Policy, check_message, message_label
from mailglot.i18n.checks.double_spaces import GAP, spaces_edits
from mailglot.i18n.checks.french import Edit, apply_edits, spacing_edits
from mailglot.i18n.po_encoding import decode
from mailglot.i18n.po_quoted import EDITABLE, KEYWORD, Chunk, read_chunk, rewrite
from mailglot.i18n.po_write import ChangedMeanwhile, replace_if_unchanged
from mailglot.i18n.strict_po import inspect_po

FRENCH, SPACES = "catalog.french-spacing", "catalog.double-spaces"
CODE = "l10n.fix"
# The lines of a file as gettext splits them (LF, CRLF or CR; never U+2028), each with its break.
_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")


@dataclass(frozen=True)
class Fixed:
    path: str
    entries: int  # entries changed
    written: bool
    left: tuple[Diagnostic, ...] = ()  # what could not be fixed, and why


@dataclass(frozen=True)
class _Reading:
    """A catalog as the build reads it, with what the strict reader found."""

    catalog: Catalog
    problems: tuple[object, ...]  # the strict reader's and Babel's findings
    untrusted: frozenset[int]  # msgid lines of entries the build leaves out
    plurals_ok: bool


@dataclass
class _Plan:
    """The fixes of one catalog so far: new lines, the strings expected back, what is left."""

    lines: list[str]
    codec: str
    expected: dict[tuple[object, object], list[str]] = field(default_factory=dict)
    left: list[Diagnostic] = field(default_factory=list)


class _Parser(PoFileParser):
    """Babel's parser, noting problems instead of printing them (library code never prints)."""

    def __init__(self, catalog: Catalog) -> None:
        super().__init__(catalog, ignore_obsolete=False, abort_invalid=False)
        self.invalid: list[tuple[int, str]] = []

    def _invalid_pofile(self, line: str, lineno: int, msg: str) -> None:
        self.invalid.append((lineno + 1, msg))


def _read(data: bytes, rel: str, locale: str) -> _Reading | None:
    """What the build reads of `data` (as `catalogs.read_catalog` does), or None when it uses
    none of it (the status reports why)."""
    seen = inspect_po(data, rel)
    if seen.text is None:
        return None
    header = next((n for n, x in enumerate(seen.text.split("\n"), 1) if x.startswith("msgid")), 0)
    if header in seen.untrusted:
        return None
    catalog = Catalog(locale=locale)
    parser = _Parser(catalog)
    try:
        parser.parse(io.StringIO(seen.text))
    except (PoFileError, ValueError):
        return None
    problems = (*seen.problems, *parser.invalid)
    return _Reading(catalog, problems, frozenset(seen.untrusted), seen.plurals_ok)


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _fixed(text: str, locale: str, source: str, codes: set[str]) -> str:
    """`text` with the fixes for `codes` applied. Double spaces are closed only where the
    source has none: which of the gaps beyond the source's were meant cannot be told."""
    if SPACES in codes and not GAP.search(source):
        text = apply_edits(text, spaces_edits(text))
    if FRENCH in codes:
        text = apply_edits(text, spacing_edits(text, locale, source))
    return text


def _edits(old: str, new: str) -> list[Edit]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    return [
        Edit(i1, i2 - i1, new[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]


def _msgstr_chunks(lines: list[str], start: int) -> dict[int, list[Chunk | None]]:
    """Each msgstr form's quoted lines (None for a line that is not one), for the entry whose
    msgid is on line index `start`."""
    forms: dict[int, list[Chunk | None]] = {}
    current: int | None = None
    for i in range(start, len(lines)):
        keyword = KEYWORD.match(lines[i])
        if keyword:
            current = int(keyword.group(1) or 0)
            forms[current] = [read_chunk(lines[i], i)]
        elif current is not None and lines[i].lstrip().startswith('"'):
            forms[current].append(read_chunk(lines[i], i))
        elif current is not None:
            break
    return forms


def _why_not(chunks: list[Chunk | None], old: str, new: str, codec: str) -> str | None:
    """Why the edit from `old` to `new` cannot be made exactly in `chunks`, or None."""
    if not chunks or None in chunks:
        return "its msgstr lines are not plain quoted lines; fix it by hand"
    escapes = [e for c in chunks if c is not None for e in c.escapes]
    if escapes:
        shown = list(dict.fromkeys(escapes))
        return (
            f"its msgstr writes the escape{'s' if len(shown) > 1 else ''} {', '.join(shown)}, "
            f"which --fix does not rewrite (it edits characters and {EDITABLE} only); write "
            "the characters themselves, or fix it by hand"
        )
    if "".join(c.text for c in chunks if c is not None) != old:
        return "its msgstr lines do not read as the translation gettext reads; fix it by hand"
    for char in set(new) - set(old):
        try:
            char.encode(codec)
        except UnicodeEncodeError:
            name = unicodedata.name(char, "")
            return (
                f"the file's charset ({codec}) has no U+{ord(char):04X} {name}; save the file "
                "as UTF-8 (charset=UTF-8 in its header), or fix it by hand"
            )
    return None


def _fix_entry(message: Message, reading: _Reading, plan: _Plan, policy: Policy, rel: str) -> None:
    if not message.id or message.fuzzy or not any(_strings(message)):
        return
    if message.lineno in reading.untrusted or (message.pluralizable and not reading.plurals_ok):
        return  # the build leaves it out: its error stands, and --fix never touches it
    codes = {d.code for d in check_message(message, reading.catalog, rel, policy)}
    if not codes & {FRENCH, SPACES}:
        return
    ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
    old = _strings(message)
    new = [_fixed(s, policy.locale, " ".join(ids), codes) for s in old]
    if new == old:
        return
    forms = _msgstr_chunks(plan.lines, message.lineno - 1)
    changes: dict[int, str] = {}
    for i, (before, after) in enumerate(zip(old, new, strict=True)):
        if before == after:
            continue
        chunks = forms.get(i, [])
        why = _why_not(chunks, before, after, plan.codec)
        if why is not None:
            label = message_label(message)
            plan.left.append(
                Diagnostic(rel, message.lineno, CODE, "error", f"{label}: not fixed: {why}")
            )
            return
        changes.update(rewrite([c for c in chunks if c is not None], _edits(before, after)))
    for index, line in changes.items():
        plan.lines[index] = line
    plan.expected[(message.id, message.context)] = new


def fix_catalog(path: Path, root: Path, locale: str, policy: Policy) -> Fixed:
    """Fix `path` (the catalog of `locale`); what cannot be fixed is in `Fixed.left`."""
    rel = path.relative_to(root).as_posix()
    target = link_out(root, path)
    if target is not None:
        return _refused(rel, outside_project(target))
    try:
        raw = path.read_bytes()
    except OSError:
        return Fixed(rel, 0, False)  # the status says it cannot be read
    text, codec, _ = decode(raw, rel)
    reading = _read(raw, rel, locale)
    if text is None or reading is None:
        return Fixed(rel, 0, False)  # the build uses none of it: the status says why
    plan = _Plan(_LINES.findall(text), codec)
    for message in reading.catalog:
        _fix_entry(message, reading, plan, policy, rel)
    if not plan.expected:
        return Fixed(rel, 0, False, tuple(plan.left))
    if text.encode(codec) != raw:
        return _refused(rel, f"its bytes do not read back the same as {codec} text", plan)
    new = "".join(plan.lines).encode(codec)
    why = _verify(_read(new, rel, locale), reading, plan.expected)
    if why is not None:
        return _refused(rel, f"the fixed file would not read back as intended ({why})", plan)
    try:
        replace_if_unchanged(path, root, new, raw)
    except ChangedMeanwhile:
        return _refused(rel, "changed while --fix ran: nothing written; run it again", plan)
    except OSError as exc:
        return _refused(rel, f"cannot write: {exc.strerror or exc}", plan)
    return Fixed(rel, len(plan.expected), True, tuple(plan.left))


def _refused(rel: str, why: str, plan: _Plan | None = None) -> Fixed:
    """Nothing written to the catalog at `rel`."""
    if not why.endswith("run it again"):
        why += "; nothing written"
    left = [Diagnostic(rel, None, CODE, "error", why), *(plan.left if plan else [])]
    return Fixed(rel, 0, False, tuple(left))


def _verify(
    after: _Reading | None, before: _Reading, expected: dict[tuple[object, object], list[str]]
) -> str | None:
    """Why the rewritten file does not read back as the old catalog with only the fixed
    strings new (the strict reader's findings the same too), or None."""
    if after is None or after.problems != before.problems or after.untrusted != before.untrusted:
        return "the strict reader reads it differently"
    if len(after.catalog) != len(before.catalog):
        return "an entry is gone or new"
    for message in before.catalog:
        if not message.id:
            continue
        other = after.catalog.get(message.id, message.context)
        want = expected.get((message.id, message.context), _strings(message))
        if other is None or _strings(other) != want:
            return f"the entry at line {message.lineno}"
    return None
