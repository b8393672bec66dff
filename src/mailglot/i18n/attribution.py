"""Which catalog entry each catalog finding is about, so a build reports it on the emails that
look that entry up and on no others.

A fuzzy or refused translation changes only the emails whose templates or campaigns ask for
that string: listed on every job of the locale, it told reviewers that emails which never
contain the string were affected. What is not about one entry (the header, the charset,
Plural-Forms, a line outside any entry, a file that could not be read, the project's
translation policy) can change any email of the locale, so it stays on all of them.

The split is made once per locale when its catalogs are read; a job then pays one set
intersection with the keys it looked up (`LocaleCatalog.job_findings`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from operator import itemgetter

from mailglot.errors import Diagnostic

Key = tuple[str | None, str]  # (msgctxt, msgid): what gettext looks a string up by
_KEYWORD = re.compile(r"\s*(msgctxt|msgid_plural|msgid|msgstr)\b")


@dataclass
class EntryLines:
    """Where a catalog file's entries are: the msgid line of each (the header's left out: it
    is the file's, not a string's) with the key gettext finds it by, and the file's text for
    the rarer findings on another line of an entry (a broken msgstr, a msgctxt)."""

    rel: str
    text: str
    keys: dict[int, Key] = field(default_factory=dict)
    _lines: list[str] | None = field(default=None, init=False, repr=False)

    def key_of(self, found: Diagnostic) -> Key | None:
        """The entry `found` is about, or None when it concerns the whole file."""
        if found.path != self.rel or found.line is None:
            return None
        key = self.keys.get(found.line)
        if key is None:
            if self._lines is None:
                self._lines = self.text.split("\n")  # LF only, as strict_po
            key = self.keys.get(entry_msgid_line(self._lines, found.line) or 0)
        return key


def entry_msgid_line(lines: list[str], line: int) -> int | None:
    """The msgid line of the entry `line` (1-based) is part of, grouping lines as the strict
    reading does (`strict_po`): a blank line ends an entry, and a msgctxt or msgid after a
    msgstr starts the next one; comments belong to no entry. None outside every entry."""
    if not 1 <= line <= len(lines) or not lines[line - 1].strip():
        return None
    start, end = line, line
    while start > 1 and lines[start - 2].strip():
        start -= 1
    while end < len(lines) and lines[end].strip():
        end += 1
    msgid_line, has_msgstr = None, False
    for n in range(start, end + 1):
        m = _KEYWORD.match(lines[n - 1])
        word = m.group(1) if m else ""
        if word in ("msgctxt", "msgid") and has_msgstr:
            if n > line:
                break
            msgid_line, has_msgstr = None, False
        if word == "msgid":
            msgid_line = n
        elif word == "msgstr":
            has_msgstr = True
    return msgid_line


@dataclass(frozen=True)
class ChargedFindings:
    """A locale's catalog findings, split between every job and the jobs using an entry; each
    kept with its place in the catalog's report, so a job lists its share in the same order."""

    every_job: tuple[Diagnostic, ...] = ()
    by_entry: dict[Key, tuple[tuple[int, Diagnostic], ...]] = field(default_factory=dict)
    entries: frozenset[Key] = frozenset()
    _every_job_placed: tuple[tuple[int, Diagnostic], ...] = ()

    def for_job(self, used: set[Key]) -> list[Diagnostic]:
        """The findings of a job that looked up `used`."""
        hits = used & self.entries
        if not hits:
            return list(self.every_job)
        placed = list(self._every_job_placed)
        for key in hits:
            placed += self.by_entry[key]
        placed.sort(key=itemgetter(0))
        return [found for _, found in placed]


def charge(findings: Iterable[tuple[Diagnostic, Key | None]]) -> ChargedFindings:
    """Split (finding, its entry or None) pairs, given in the catalog's report order."""
    every_job: list[tuple[int, Diagnostic]] = []
    by_entry: dict[Key, list[tuple[int, Diagnostic]]] = {}
    for n, (found, key) in enumerate(findings):
        if key is None:
            every_job.append((n, found))
        else:
            by_entry.setdefault(key, []).append((n, found))
    return ChargedFindings(
        tuple(found for _, found in every_job),
        {key: tuple(placed) for key, placed in by_entry.items()},
        frozenset(by_entry),
        tuple(every_job),
    )
