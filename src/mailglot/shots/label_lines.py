"""Which catalog entry a button label the browser measured comes from, so a label that wraps on
a phone is reported where a translator shortens it: the entry's line in the locale's `.po`.

The browser sees only the text, placeholders filled and tags gone, so each translation is read
as a pattern: its literal words (tags dropped, character references decoded, compared without
spaces and case, since CSS may upper-case a button) around a wildcard for each placeholder. A
wildcard stands for a filled-in value, so it matches at least one letter or digit: `Regarder
%(title)s` is not the label `Regarder`. Of the entries that match, the most specific is taken:
the fewest placeholders (a translation without any, matching exactly, first), then the most
literal text (`Regarder %(title)s maintenant` over `Regarder %(title)s` for `Regarder Dune
maintenant`). A label is located only when exactly one entry of a catalog is that one,
looking in the catalogs the locale falls back along (`pt_BR`, then `pt`); otherwise (the
source locale, a pseudo-locale, a refused translation that shows the source text, two entries
alike) it stays at the job's preview.html, as the other layout findings are.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from mailglot.containment import link_out
from mailglot.i18n.catalogs import read_catalog
from mailglot.i18n.locales import fallback_chain
from mailglot.i18n.pseudo import PSEUDO_LOCALES

Where = tuple[str, int]
Locate = Callable[[str], Where | None]
Pieces = tuple[str, ...]  # a translation's literal text, a placeholder between each two
Patterns = tuple[tuple[int, Pieces], ...]  # (msgid line, pieces) per translation

_TAG = re.compile(r"<[^<>]*>")
_FIELD = re.compile(
    r"%\([A-Za-z_][A-Za-z0-9_]*\)[-+ #0]*\d*(?:\.\d+)?[hlL]?[diouxXeEfFgGcrsa]"
    r"|%[sd]|\{[A-Za-z_][A-Za-z0-9_.]*\}"
)
MIN_LITERAL = 2  # characters of fixed text a pattern needs: a lone placeholder matches anything


def label_locator(root: Path, locale: str, source_locale: str) -> Locate:
    """A function from a label's text to the `.po` entry it comes from, for one job's locale.
    The catalogs are read on the first label asked about: most jobs have none."""
    if locale == source_locale or locale in PSEUDO_LOCALES:
        return lambda label: None
    catalogs: list[tuple[str, Patterns]] = []

    def locate(label: str) -> Where | None:
        if not catalogs:
            catalogs.extend(_catalogs(root, locale))
        text = _plain(label)
        for rel, patterns in catalogs:
            ranked = [(_rank(pieces), line) for line, pieces in patterns if _matches(pieces, text)]
            if ranked:
                best = min(rank for rank, _ in ranked)
                lines = {line for rank, line in ranked if rank == best}
                return (rel, lines.pop()) if len(lines) == 1 else None
        return None

    return locate


def _catalogs(root: Path, locale: str) -> list[tuple[str, Patterns]]:
    out = []
    for code in fallback_chain(locale):
        rel = f"locales/{code}/LC_MESSAGES/messages.po"
        path = root / rel
        if link_out(root, path) is not None:
            continue  # the catalog reader refuses it too: nothing outside the project is read
        try:
            stat = path.stat()
        except OSError:
            continue
        out.append((rel, _patterns(root, path, code, stat.st_mtime_ns, stat.st_size)))
    return out


@lru_cache(maxsize=32)
def _patterns(root: Path, path: Path, code: str, mtime_ns: int, size: int) -> Patterns:
    """(msgid line, pattern) of each translation the build would use, read as the build reads
    it (escapes as gettext reads them, broken entries left out, nothing printed); the file's
    stamp keys the cache, so an edited catalog is read again."""
    catalog, _ = read_catalog(path, root, code)  # its findings are the catalog checks'
    if catalog is None:
        return ()
    out = []
    for message in catalog:
        if not message.id or message.fuzzy or not message.string:
            continue
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for string in filter(None, strings):
            pieces = _pattern(string)
            if pieces is not None:
                out.append((message.lineno, pieces))
    return tuple(out)


def _pattern(translation: str) -> Pieces | None:
    text = _TAG.sub("", translation).replace("%%", "%")
    pieces = tuple(_plain(html.unescape(p)) for p in _FIELD.split(text))
    return pieces if sum(map(len, pieces)) >= MIN_LITERAL else None


def _rank(pieces: Pieces) -> tuple[int, int]:
    """How specific a pattern is, lowest first: its placeholders, then its literal text."""
    return (len(pieces) - 1, -sum(map(len, pieces)))


def _matches(pieces: Pieces, text: str) -> bool:
    """Whether `text` is the pieces with a value between each two, read as glob matching is:
    the first piece a prefix, the last a suffix, each middle one at its earliest place after
    the one before and after a letter or digit of the value it follows (earliest is never
    worse for what comes next; a regular expression of lazy wildcards backtracks, and a label
    or a translation is text from outside)."""
    if len(pieces) == 1:
        return text == pieces[0]
    first, *middle, last = pieces
    if not text.startswith(first) or not text.endswith(last):
        return False
    at, end = len(first), len(text) - len(last)
    for piece in middle:
        filled = _value_end(text, at, end)
        at = -1 if filled < 0 else text.find(piece, filled, end)
        if at == -1:
            return False
        at += len(piece)
    return _value_end(text, at, end) >= 0


def _value_end(text: str, start: int, end: int) -> int:
    """Where a placeholder's value starting at `start` may end at the earliest: just after its
    first letter or digit before `end` (-1: there is none, so no value fits)."""
    for i in range(start, end):
        if text[i].isalnum():
            return i + 1
    return -1


def _plain(text: str) -> str:
    """Text as compared: no spaces, no invisible format characters, case folded."""
    kept = "".join(c for c in text if not c.isspace() and unicodedata.category(c) != "Cf")
    return unicodedata.normalize("NFC", kept).casefold()
