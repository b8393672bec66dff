"""What the variants of a job share: their emails differ only in the title and the wrapper's
aria-label (each variant's subject, render/title_spans.py), so an output check that cannot
see those two texts finds the same for every variant, and is run once for them.

An email is masked once for every check of the job (they get the same `str` object): its
title and label are found and the rest compared in place with the last emails' (`Mask`),
whose objects key the caches, so no email is copied or hashed whole.

A check's findings are kept for the next variant only when both texts are inert: no '<' or
'>' (no tag can start or end in them) and no line break (the lines of what follows stay where
they were). The title is the text of `<title>` and the label the first attribute value of a
`<div>` that follows `<body ...>` (title_spans reads them so), so a pattern that reads a tag
from its '<' to the next '>' never reads them unless it starts in that `<div`. Then the checks
below read the same tags in every variant:
- a11y.alt and a11y.table-role read `<img ...>` and `<table ...>` start tags (table-role
  shares only whether they are all presentational; when not, each variant is parsed);
- i18n.lang-dir reads the `<html ...>` tag, which comes before both texts;
- links reads `<a ... href=...>` tags, whose quoted value may run past a '>': kept only when
  no `<a` comes before the label (then every link starts after both texts).
Findings located at the email are made again with the variant's own path.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable, Hashable, Iterable, Iterator
from dataclasses import replace
from typing import NamedTuple, TypeVar

from mailglot.errors import Diagnostic, escape_control
from mailglot.render.title_spans import title_spans

# What stands for the title and the wrapper's label in a masked email: drawn once per
# process, so no email holds them (and plain: letters and digits).
_MARK = secrets.token_hex(8)
TITLE, LABEL = f"mglot{_MARK}t", f"mglot{_MARK}a"
_NOT_INERT = re.compile("[<>\r\n\0]")
_ANCHOR = re.compile(r"<a\b", re.I)


class Mask:
    """One masked email: its text before the title, between the two and after the label.
    The caches of the variants' work are keyed on this object (by identity)."""

    __slots__ = ("_key", "middle", "prefix", "suffix")

    def __init__(self, prefix: str, middle: str, suffix: str) -> None:
        self.prefix, self.middle, self.suffix = prefix, middle, suffix
        self._key: str | None = None

    @property
    def key(self) -> str:
        """The masked email itself (the two texts replaced by TITLE and LABEL)."""
        if self._key is None:
            self._key = f"{self.prefix}{TITLE}{self.middle}{LABEL}{self.suffix}"
        return self._key

    @property
    def label_end(self) -> int:
        """Where LABEL ends in `key`."""
        return len(self.prefix) + len(TITLE) + len(self.middle) + len(LABEL)


class Masked(NamedTuple):
    """An email whose title and aria-label `title_spans` found."""

    mask: Mask
    title: str
    label: str
    inert: bool  # whether neither text can change what the checks below read


_last: tuple[str, Masked | None] | None = None  # the email masked last, and its mask
# The masks of the last emails, newest last: a variant's email is compared with these
# (a worker's jobs come variant after variant), a new one makes a new mask.
_RECENT: list[Mask] = []
_RECENT_MAX = 2


def masked(source: str) -> Masked | None:
    """The email masked, or None when `title_spans` does not find its title and label. The
    last one is remembered (by identity: every check of a job gets the same string)."""
    global _last
    if _last is not None and _last[0] is source:
        return _last[1]
    known = _known(source)
    if known is None:
        spans = title_spans(source)
        if spans is not None:
            (a, b), (c, d) = spans
            known = _new_mask(source, a, b, c, d), a, b, c, d
    found = None
    if known is not None:
        mask, a, b, c, d = known
        title, label = source[a:b], source[c:d]
        inert = _NOT_INERT.search(title) is None and _NOT_INERT.search(label) is None
        found = Masked(mask, title, label, inert)
    _last = (source, found)
    return found


def _known(source: str) -> tuple[Mask, int, int, int, int] | None:
    """A recent mask `source` fits, and its spans, found without `title_spans`: after the same
    text up to the title, a title without '<' ends at the first '<' (`[^<]*+`), and after the
    same text up to the label, a label ends at the first '"' (`[^"]*+`). The pattern reads
    those texts the same way, so it finds these spans in an email that fits."""
    for mask in reversed(_RECENT):
        if not source.startswith(mask.prefix):
            continue
        a = len(mask.prefix)
        b = source.find("<", a)
        if b == -1 or not source.startswith(mask.middle, b):
            continue
        c = b + len(mask.middle)
        d = source.find('"', c)
        if d != -1 and len(source) - d == len(mask.suffix) and source.endswith(mask.suffix):
            return mask, a, b, c, d
    return None


def _new_mask(source: str, a: int, b: int, c: int, d: int) -> Mask:
    mask = Mask(source[:a], source[b:c], source[d:])
    if len(_RECENT) >= _RECENT_MAX:
        del _RECENT[0]
    _RECENT.append(mask)
    return mask


# (check, masked email, what else the check reads) -> what the check kept (None: the
# variants do not share it); bounded, since the variants of a job come one after another.
_KEPT: dict[tuple[str, Mask, Hashable], object] = {}
_KEPT_MAX = 64
_MISSING = object()

T = TypeVar("T")
Finding = tuple[str, str] | Diagnostic
Check = Callable[[], Iterable[Finding]]


def shared(code: str, source: str, path: str, reads: Hashable, check: Check) -> Iterator:
    """The findings of `check` on `source` (located at `path`), the ones of an earlier variant
    when it had the same masked email and `reads` (the rest of what the check reads)."""
    kept = shared_value(code, source, reads, lambda: (path, tuple(check())))
    if kept is None:
        yield from check()
    elif kept[0] == path:
        yield from kept[1]
    else:
        yield from _moved(kept[1], escape_control(kept[0]), path)


def shared_value(code: str, source: str, reads: Hashable, work: Callable[[], T]) -> T | None:
    """What `work` made for an earlier variant with the same masked email and `reads`, or
    what it makes now; None when the email's variants may not share it (then do the work)."""
    mask = masked(source)
    if mask is None or not mask.inert:
        return None
    key = (code, mask.mask, reads)
    kept = _KEPT.get(key, _MISSING)
    if kept is _MISSING:
        kept = work() if _shares(code, mask) else None
        if len(_KEPT) >= _KEPT_MAX:
            _KEPT.clear()
        _KEPT[key] = kept
    return kept  # type: ignore[return-value]


def _shares(code: str, mask: Masked) -> bool:
    """Whether the check's findings may be kept for this masked email."""
    if code == "links":  # a link's value may run on past '>': none may start before the label
        return _ANCHOR.search(mask.mask.key, 0, mask.mask.label_end) is None
    return True


def _moved(findings: tuple, kept_path: str, path: str) -> Iterator:
    for found in findings:
        if isinstance(found, Diagnostic) and found.path == kept_path:
            yield replace(found, path=path)
        else:
            yield found
