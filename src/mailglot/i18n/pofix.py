"""`l10n-status --fix`: apply the automatic fixes (French punctuation spacing) to `.po` files.

The file is edited as text, not rewritten through a PO library: only the quoted chunks of the
msgstr lines that change are re-encoded, so every other byte (comments, wrapping, header,
obsolete entries, line endings) stays as the translator's editor wrote it. The result is read
back and must differ from the original only in the fixed translations, or nothing is written.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import escape, read_po, unescape

from mailglot.containment import link_out, outside_project
from mailglot.errors import MailglotError
from mailglot.i18n.checks import Policy, check_message
from mailglot.i18n.checks.french import Edit, apply_edits, spacing_edits
from mailglot.output import atomic_write

FIXABLE = "catalog.french-spacing"
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


def _rewrite(lines: list[str], indexes: list[int], old: str, locale: str, source: str) -> str:
    """Apply the spacing edits of msgstr `old` chunk by chunk; return the new msgstr.
    `source`: the entry's msgid and msgid_plural, whose names keep their marks (Yahoo!)."""
    edits = spacing_edits(old, locale, source)
    offset = 0
    for i in indexes:
        line = lines[i]
        ending = line[len(line.rstrip("\r\n")) :]
        m = MSGSTR.match(line.rstrip("\r\n")) or CHUNK.match(line.rstrip("\r\n"))
        assert m is not None
        prefix, quoted = line[: m.start(m.lastindex or 0)], m.group(m.lastindex or 0)
        text = unescape(quoted)
        mine = [
            Edit(e.start - offset, e.length, e.text)
            for e in edits
            if offset <= e.start < offset + len(text)
        ]
        if mine:
            lines[i] = prefix + escape(apply_edits(text, mine)) + ending
        offset += len(text)
    return apply_edits(old, edits)


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
        found = check_message(message, catalog, rel, policy)
        if not any(d.code == FIXABLE for d in found):
            continue
        forms = _msgstr_chunks(lines, message.lineno - 1)
        strings = _strings(message)
        ids = message.id if isinstance(message.id, (list, tuple)) else [message.id]
        expected[(message.id, message.context)] = [
            _rewrite(lines, forms.get(i, []), s, policy.locale, " ".join(ids)) if s else s
            for i, s in enumerate(strings)
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
