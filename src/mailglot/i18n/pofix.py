"""`l10n-status --fix`: apply the automatic fixes (French punctuation spacing, double spaces) to
`.po` files.

The file is edited as text, not rewritten through a PO library: only the quoted chunks of the
msgstr lines that change are re-encoded, so every other byte (comments, wrapping, header,
obsolete entries, line endings) stays as the translator's editor wrote it. The result is read
back and must differ from the original only in the fixed translations, or nothing is written.

Each fix is applied to the result of the one before (double spaces closed first, then French
spacing judged on what is left), and the edits written are the difference between the old and
new msgstr, so two fixes never edit the same characters twice; an edit across two quoted chunks
of a wrapped msgstr is split between them.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape, read_po, unescape

from mailglot.containment import link_out, outside_project
from mailglot.errors import MailglotError
from mailglot.i18n.checks import Policy, check_message
from mailglot.i18n.checks.double_spaces import GAP, spaces_edits
from mailglot.i18n.checks.french import Edit, apply_edits, spacing_edits
from mailglot.output import atomic_write

FRENCH, SPACES = "catalog.french-spacing", "catalog.double-spaces"
MSGSTR = re.compile(r"^(msgstr(?:\[(\d+)\])?\s+)(\".*\")\s*$")
CHUNK = re.compile(r"^(\s*)(\".*\")\s*$")
_LINES = re.compile(r"[^\n]*\n|[^\n]+\Z")


@dataclass(frozen=True)
class Fixed:
    path: str
    entries: int  # entries changed
    written: bool


class FixRefused(MailglotError):
    pass


def _strings(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, (list, tuple)) else [message.string]


def _msgstr_chunks(lines: list[str], start: int) -> dict[int, list[int]]:
    """Line indexes of each msgstr form's quoted chunks, for the entry whose msgid is on
    line index `start`."""
    forms: dict[int, list[int]] = {}
    current: int | None = None
    for i in range(start, len(lines)):
        text = lines[i].rstrip("\r\n")
        m = MSGSTR.match(text)
        if m:
            current = int(m.group(2) or 0)
            forms[current] = [i]
        elif current is not None and CHUNK.match(text):
            forms[current].append(i)
        elif current is not None:
            break
    return forms


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


def _in_chunk(edits: list[Edit], offset: int, length: int, last: bool) -> list[Edit]:
    """The part of each edit that falls in the chunk at `offset`, relative to it: an edit
    across chunks deletes in each, and writes its text in the chunk where it starts."""
    end = offset + length
    out = []
    for e in edits:
        lo, hi = max(e.start, offset), min(e.start + e.length, end)
        if e.length == 0 and (offset <= e.start < end or (last and e.start == end)):
            out.append(Edit(e.start - offset, 0, e.text))
        elif e.length and lo < hi:
            out.append(Edit(lo - offset, hi - lo, e.text if e.start >= offset else ""))
    return out


def _rewrite(lines: list[str], indexes: list[int], old: str, new: str) -> str:
    """Write msgstr `new` over `old` in its quoted chunks, chunk by chunk; return `new`."""
    edits = _edits(old, new)
    offset = 0
    for n, i in enumerate(indexes):
        line = lines[i]
        ending = line[len(line.rstrip("\r\n")) :]
        m = MSGSTR.match(line.rstrip("\r\n")) or CHUNK.match(line.rstrip("\r\n"))
        assert m is not None
        prefix, quoted = line[: m.start(m.lastindex or 0)], m.group(m.lastindex or 0)
        text = unescape(quoted)
        mine = _in_chunk(edits, offset, len(text), n == len(indexes) - 1)
        if mine:
            lines[i] = prefix + escape(apply_edits(text, mine)) + ending
        offset += len(text)
    return new


def fix_catalog(path: Path, root: Path, locale: str, policy: Policy) -> Fixed:
    rel = path.relative_to(root).as_posix()
    target = link_out(root, path)
    if target is not None:
        raise FixRefused(f"{rel}: {outside_project(target)}")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise FixRefused(f"{rel}: not UTF-8; --fix only edits UTF-8 catalogs") from None
    catalog = read_po(io.BytesIO(raw), locale=locale)
    # lines as Babel numbers them: ended by LF only (never by a U+2028 inside a string)
    lines = _LINES.findall(text)
    expected: dict[object, list[str]] = {}
    for message in catalog:
        if not message.id or message.fuzzy or not any(_strings(message)):
            continue
        codes = {d.code for d in check_message(message, catalog, rel, policy)}
        if not codes & {FRENCH, SPACES}:
            continue
        forms = _msgstr_chunks(lines, message.lineno - 1)
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        source = " ".join(ids)
        strings = [_fixed(s, policy.locale, source, codes) for s in _strings(message)]
        if strings == _strings(message):
            continue
        expected[(message.id, message.context)] = [
            _rewrite(lines, forms.get(i, []), old, new) if old != new else old
            for i, (old, new) in enumerate(zip(_strings(message), strings, strict=True))
        ]
    if not expected:
        return Fixed(rel, 0, False)
    new = "".join(lines).encode("utf-8")
    _verify(read_po(io.BytesIO(new), locale=locale), catalog, expected, rel)
    return Fixed(rel, len(expected), atomic_write(path, new, root))


def _verify(after: Catalog, before: Catalog, expected: dict[object, list[str]], rel: str) -> None:
    """The rewritten file must read back as the old catalog with only the fixed strings new."""
    for message in before:
        if not message.id:
            continue
        key = (message.id, message.context)
        other = after.get(message.id, message.context)
        want = expected.get(key, _strings(message))
        if other is None or _strings(other) != want:
            raise FixRefused(f"{rel}: the fix would change more than the spacing; nothing written")
