"""The direction step and the MJML validator once for a job's variants.

mailglot's layouts give `<mj-title>` the subject, so the variants of a job (a subject each)
write the same MJML but for that text (shared_compile.py compiles them once the same way).
Both steps read the MJML with a pattern, token after token, and what they make of a text
between two tokens is that text as it is (the direction step copies it, the validator has no
token for it). So they read the MJML with a placeholder for the title once, and each
variant's title is put back where the placeholder shows.

That is the same as reading the variant's own MJML when the title cannot change where a
token begins or ends: it holds no '<' (no token begins in it), no '>' (none ends in it) and
no quote (no quoted value that began before it can end in it), and no token read with the
placeholder runs over it (then every token ends before the title, each read from its own
text, or begins after it). Anything else (a title written otherwise, a token over the
placeholder, the placeholder anywhere else) is read as it is.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from operator import itemgetter
from typing import TypeVar

from mailglot.render.mjml_structure import Structure, Token

_MARK = f"mglot{secrets.token_hex(8)}title"  # drawn once per process: no MJML holds it
_OPEN, _CLOSE = "<mj-title>", "</mj-title>"
_UNSAFE = re.compile("[<>\"']")
_ATTRIBUTES = itemgetter(2)  # a token's attributes as written
_LIMIT = 32  # kept per step; a worker's jobs come variant after variant
_MISSING = object()
T = TypeVar("T")


def title_cut(mjml: str) -> tuple[int, int] | None:
    """Where the text of the document's one `<mj-title>` is, when it is written plainly and
    its text cannot change where a token begins or ends."""
    opening = mjml.find(_OPEN)
    if opening == -1:
        return None
    start = opening + len(_OPEN)
    end = mjml.find(_CLOSE, start)
    if end == -1 or mjml.count("mj-title") != 2 or _UNSAFE.search(mjml, start, end):
        return None
    return start, end


class _Kept:
    """What one step made of each masked MJML (bounded), None where it may not be shared."""

    def __init__(self) -> None:
        self.made: dict[tuple[str, ...], object] = {}

    def get(self, key: tuple[str, ...], make: Callable[[], T | None]) -> T | None:
        found = self.made.get(key, _MISSING)
        if found is _MISSING:
            if len(self.made) >= _LIMIT:
                self.made.clear()
            found = self.made[key] = make()
        return found  # type: ignore[return-value]


_ORIENTED = _Kept()
_READ = _Kept()


def _masked(mjml: str, cut: tuple[int, int]) -> str:
    return f"{mjml[: cut[0]]}{_MARK}{mjml[cut[1] :]}"


OrientedText = tuple[str, str, tuple]  # before the title, after it, the conflicts


def oriented(
    mjml: str,
    key: tuple[str, ...],
    orient_marked: Callable[[str, tuple[int, int]], tuple[str, tuple] | None],
) -> tuple[str, tuple] | None:
    """(MJML, conflicts) of the direction step, from its reading of the MJML with the
    placeholder, or None: orient this MJML itself. `orient_marked(masked, mark)` is the
    step on the masked MJML, None when a token runs over `mark` (or it took another way)."""
    cut = title_cut(mjml)
    if cut is None:
        return None
    masked = _masked(mjml, cut)
    mark = (cut[0], cut[0] + len(_MARK))

    def make() -> OrientedText | None:
        done = orient_marked(masked, mark)
        if done is None or done[0].count(_MARK) != 1 or _MARK in repr(done[1]):
            return None
        before, _, after = done[0].partition(_MARK)
        return before, after, done[1]

    kept = _ORIENTED.get((masked, *key), make)
    if kept is None:
        return None
    before, after, conflicts = kept
    return f"{before}{mjml[cut[0] : cut[1]]}{after}", conflicts


def read(mjml: str, read_alone: Callable[[str], tuple[list[Token], Structure]]) -> tuple:
    """The validator's reading (tokens, structure) of the MJML: the one of the MJML with the
    placeholder when no token runs over it (the tokens hold no position and no text between
    them), else `read_alone(mjml)`."""
    cut = title_cut(mjml)
    if cut is None:
        return read_alone(mjml)
    masked = _masked(mjml, cut)

    def make() -> tuple[list[Token], Structure] | None:
        tokens, found = read_alone(masked)
        # A tag over the placeholder holds it in its attributes (it follows '>', so no
        # name holds it); a token that is no tag ends where it ends whatever the title,
        # but one that takes the rest of the text (a tag never closed) may not.
        if not tokens or not any(tokens[-1]) or _MARK in "".join(map(_ATTRIBUTES, tokens)):
            return None
        return tokens, found

    kept = _READ.get((masked,), make)
    return read_alone(mjml) if kept is None else kept
