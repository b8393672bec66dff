"""A body of a shape seen before, cut only where the bodies of that shape differ
(`text_shapes`).

`text_shapes.body_text` cuts every body at each `"`, `<` and `>` (a small email's body is
~800 pieces, each a new string: most of the text part's CPU), though the bodies of one
shape differ in a few places only: the words, the links, the alts; the styles, classes and
widths are the same in each. Once two bodies of a shape have been cut, the places where
they differ are known, and a later body is read as the first one's text between those
places (checked with `str.startswith`, exactly) and a run at each place, found by the next
`"` (a value) or `<` (a word). A body that differs anywhere else is cut as before, and
the places where it differs are added.

Why the pieces are those the full cut would give: a run holds no `"` (it ends at the first
one), a word no `<`, `>` or NUL and is not blank, a value no `<` or `>`. So the split at
quotes has the same pieces but at the runs' places, and so has the split of the rest at
angle brackets; the tags are in the checked text, the words keep their blankness, the
values their quotes: the shape's key is the same, and so is its shape. The walk
(`Shape.text_of`) reads only words and values, by their indices.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from dataclasses import dataclass

from mailglot.render.text_program import Shape

_BLANKS = " \t\n\f\r"


@dataclass(frozen=True)
class Cuts:
    """A shape's bodies as the first one's text between the places where bodies differ."""

    literals: tuple[str, ...]  # the first body between the places, one more than them
    places: tuple[tuple[bool, int], ...]  # (a value, else a word; its index in quoted/parts)
    parts: list[str]  # the first body's words and tags, and its pieces between quotes
    quoted: list[str]
    shape: Shape


@dataclass
class _Seen:
    """The first body of a shape, cut, and the places where later ones differed from it."""

    body: str
    parts: list[str]
    quoted: list[str]
    places: set[tuple[bool, int]]
    cuts: Cuts | None = None


_SEEN: dict[tuple[str, str], _Seen] = {}  # by shape key; bounded as text_shapes' shapes
_RECENT: tuple[Cuts, ...] = ()  # the last used, tried first (a worker's jobs come template
_TRIED = 4  # by template, locale by locale); a tuple replaced whole: `serve` has threads
_LOCK = threading.Lock()


def forget() -> None:
    global _RECENT
    with _LOCK:
        _SEEN.clear()
        _RECENT = ()


def read(body: str) -> tuple[Shape, list[str], list[str]] | None:
    """The shape of `body` and its words and values (in lists indexed as the full cut's),
    when it is a body of a shape whose places are known, else None."""
    recent = _RECENT
    for cuts in recent:
        found = _recut(body, cuts)
        if found is not None:
            if recent[0] is not cuts:
                _first(cuts, None)
            return cuts.shape, found[0], found[1]
    return None


def _first(cuts: Cuts | None, dropped: Cuts | None) -> None:
    """`cuts` made the first tried, `dropped` no longer tried."""
    global _RECENT
    with _LOCK:
        rest = [c for c in _RECENT if c is not cuts and c is not dropped]
        _RECENT = tuple(([cuts] if cuts is not None else []) + rest)[:_TRIED]


def note(key: tuple[str, str], shape: Shape, body: str, parts: list[str], quoted: list[str]) -> None:
    """A body cut in full (`body_text`): the first of its shape is kept, a later one adds
    the places where it differs and makes the shape's cuts."""
    with _LOCK:
        seen = _SEEN.get(key)
        if seen is None:
            if len(_SEEN) >= 64:
                _SEEN.clear()
            _SEEN[key] = _Seen(body, parts, quoted, set())
            return
    if len(parts) != len(seen.parts) or len(quoted) != len(seen.quoted):
        return  # not possible for one key: kept out all the same
    added = {(True, i) for i in range(1, len(quoted), 2) if quoted[i] != seen.quoted[i]}
    added.update((False, j) for j in range(0, len(parts), 2) if parts[j] != seen.parts[j])
    if not added or added <= seen.places:
        return
    places = seen.places | added
    cuts = _cuts(seen, places, shape)
    with _LOCK:
        seen.places = places
        old, seen.cuts = seen.cuts, cuts
    _first(cuts, old)


def _cuts(seen: _Seen, places: set[tuple[bool, int]], shape: Shape) -> Cuts | None:
    """The first body cut at the places (None if a place is a blank word: never one)."""
    quoted, parts = seen.quoted, seen.parts
    starts = []  # where each piece between quotes starts in the body
    at = 0
    for piece in quoted:
        starts.append(at)
        at += len(piece) + 1
    even_starts = []  # where each even piece starts in the text without values
    at = 0
    for piece in quoted[0::2]:
        even_starts.append(at)
        at += len(piece) + 2
    part_starts = []  # where each part starts in the text without values
    at = 0
    for part in parts:
        part_starts.append(at)
        at += len(part) + 1
    spans = []
    for value, index in places:
        if value:
            start, length = starts[index], len(quoted[index])
        else:
            word = parts[index]
            if not word.strip(_BLANKS):
                return None
            s = part_starts[index]
            m = bisect_right(even_starts, s) - 1
            start, length = starts[2 * m] + s - even_starts[m], len(word)
        spans.append((start, start + length, value, index))
    spans.sort()
    literals, done = [], 0
    for start, end, _value, _index in spans:
        if start < done:
            return None
        literals.append(seen.body[done:start])
        done = end
    literals.append(seen.body[done:])
    places = tuple((value, index) for _s, _e, value, index in spans)
    return Cuts(tuple(literals), places, parts, quoted, shape)


def _recut(body: str, cuts: Cuts) -> tuple[list[str], list[str]] | None:
    literals = cuts.literals
    if not body.startswith(literals[0]):
        return None
    parts, quoted = cuts.parts.copy(), cuts.quoted.copy()
    pos, last = len(literals[0]), len(literals) - 1
    if last == 0:
        return (parts, quoted) if pos == len(body) else None
    for k, (value, index) in enumerate(cuts.places):
        end = body.find('"' if value else "<", pos)
        if end == -1:
            return None
        run = body[pos:end]
        if value:
            if "<" in run or ">" in run:
                return None
            quoted[index] = run
        else:
            if '"' in run or ">" in run or "\x00" in run or not run.strip(_BLANKS):
                return None
            parts[index] = run
        piece = literals[k + 1]
        if not body.startswith(piece, end):
            return None
        pos = end + len(piece)
        if k + 1 == last and pos != len(body):
            return None
    return parts, quoted
