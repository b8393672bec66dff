"""Step 3: inline CSS into style attributes, as juice does for Node MJML users.

Two engines: css-inline (the default: Rust, ~0.3 ms an email, maintained) and premailer
(`inliner: premailer`, for projects that relied on it). Both keep what cannot be inlined
(`@media`, `@font-face`, `prefers-color-scheme`) in `<style>` so layouts stay responsive,
leave MSO conditional comments as they are, never fetch a remote stylesheet, and settle
`!important` like juice (see `declarations`).

css-inline's pass is shared by emails that differ only in their texts and some values (a
template's variants, locales and campaigns): the email with a placeholder in each of those
runs is inlined once, and each email's own runs are filled in as css-inline writes them
(`_shared`, `inline_runs`); the result is byte for byte the email inlined by itself.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from typing import Literal

import css_inline

from mailglot.render import inline_runs, juice_compat
from mailglot.render.declarations import strip_important

Inliner = Literal["css-inline", "premailer"]
INLINERS: tuple[Inliner, ...] = ("css-inline", "premailer")

_DOCTYPE = re.compile(r"^\s*<!doctype[^>]*>", re.I)

_CSS_INLINE = css_inline.CSSInliner(
    keep_at_rules=True,  # @media / @font-face / @supports stay in <style>
    keep_link_tags=True,  # web-font <link>s are left for the client
    load_remote_stylesheets=False,  # a build never touches the network
    apply_width_attributes=True,  # juice's applyWidthAttributes: Outlook reads width=
    apply_height_attributes=True,
)


class InlineFailure(Exception):
    """The HTML or its CSS could not be inlined; the message says why."""


def inline_css(html: str, engine: Inliner = "css-inline") -> str:
    shared = _shared(html) if engine == "css-inline" else None
    return shared if shared is not None else _inline(html, engine)


def _inline(html: str, engine: Inliner) -> str:
    if engine == "premailer":
        # imported only when chosen: premailer brings cssutils and requests, a third of a
        # second of every build's start-up for the engine that is not the default
        from mailglot.render.premailer_engine import inline_with_premailer

        return _keep_doctype(html, inline_with_premailer(html))
    if engine == "css-inline":
        return _finish(html, *_css_inline(html))
    raise ValueError(f"unknown inliner {engine!r}; expected one of: {', '.join(INLINERS)}")


def _css_inline(html: str) -> tuple[str, str]:
    """css-inline's output, and the rules juice_compat set aside to put back."""
    prepared, kept = juice_compat.set_aside(html)
    try:
        return _CSS_INLINE.inline(prepared), kept
    except (css_inline.InlineError, ValueError) as exc:
        raise InlineFailure(f"CSS could not be inlined: {exc}") from exc


def _finish(html: str, out: str, kept: str) -> str:
    return _keep_doctype(html, juice_compat.put_back(strip_important(_at_rules_last(out)), kept))


# What the placeholders are made of (see inline_runs): drawn once per process, so no email
# holds them.
_MARK = secrets.token_hex(8)
_PLACEHOLDER = re.compile(f"mglot{_MARK}r([0-9]+)x")


@dataclass(frozen=True, eq=False)  # compared by identity in _RECENT
class _Inlined:
    """An email inlined with placeholders, cut at them: pieces[0], a run, pieces[1]..."""

    skeleton: inline_runs.Skeleton
    pieces: tuple[str, ...]
    order: tuple[int, ...]  # the placeholder between pieces[k] and pieces[k + 1]
    head_at: int  # where css-inline wrote `<head>` (-1: nowhere), see _head_moves

    def filled(self, written: tuple[str, ...]) -> str | None:
        """The email whose runs css-inline writes so, or None (see _head_moves)."""
        if self.head_at != -1 and self._head_moves(written):
            return None
        pieces = self.pieces
        out = [pieces[0]]
        for k, number in enumerate(self.order, 1):
            out += (written[number], pieces[k])
        return "".join(out)

    def _head_moves(self, written: tuple[str, ...]) -> bool:
        """Whether the `<html>` tag's values put `<head>` on the other side of the first
        1024 characters than the placeholders did: `_at_rules_last` moves the kept rules
        only when it is there (the one step after css-inline that counts places)."""
        longer = 0
        for number, kind in enumerate(self.skeleton.kinds):
            if kind != inline_runs.HTML_VALUE:
                break  # they come first
            longer += len(written[number]) - len(inline_runs.placeholder(_MARK, number))
        return (self.head_at + 6 <= 1024) != (self.head_at + longer + 6 <= 1024)


# The HTML with placeholders -> its email inlined, or None: each email is inlined by itself.
# Least recently used first; bounded, as serve runs for hours.
_INLINED: dict[str, _Inlined | None] = {}
_KEPT = 32  # each ~3 times an email; a build's templates and directions
# The last few inlined with placeholders, most recent last: a job's email is first tried
# against them (the jobs of a template follow each other), which costs a comparison of
# the text, where finding its runs anew reads it through a pattern (~10x longer)
_RECENT: list[_Inlined] = []


def _shared(html: str) -> str | None:
    """The inlined email, filled in from the one inlined with a placeholder in each of its
    runs (texts and values css-inline's work does not depend on, see inline_runs), or None:
    inline this email by itself."""
    for inlined in reversed(_RECENT):
        written = inlined.skeleton.fill_in(html)
        if written is not None:
            if inlined is not _RECENT[-1]:
                _RECENT.remove(inlined)
                _RECENT.append(inlined)
            return inlined.filled(written)
    if _MARK in html:
        return None
    found = inline_runs.cut(html, _MARK)
    if found is None:
        return None
    skeleton, written = found
    inlined = _INLINED.pop(skeleton.text, "")
    if inlined == "":
        inlined = _inlined_with_placeholders(skeleton)
        if len(_INLINED) >= _KEPT:
            del _INLINED[next(iter(_INLINED))]
    _INLINED[skeleton.text] = inlined
    if inlined is None:
        return None
    if inlined in _RECENT:
        _RECENT.remove(inlined)
    _RECENT.append(inlined)
    del _RECENT[:-4]
    return inlined.filled(written)


def _inlined_with_placeholders(skeleton: inline_runs.Skeleton) -> _Inlined | None:
    """The email with placeholders inlined, through the steps after css-inline too (they
    work the same with the runs in, see inline_runs), and cut at the placeholders; or None
    when it cannot be inlined or a placeholder is not in the result once (a value the tree
    builder copies or drops)."""
    try:
        raw, kept = _css_inline(skeleton.text)
    except InlineFailure:
        return None
    out = _finish(skeleton.text, raw, kept)
    found = list(_PLACEHOLDER.finditer(out))
    order = tuple(int(m.group(1)) for m in found)
    if sorted(order) != list(range(len(skeleton.kinds))):
        return None
    pieces = []
    done = 0
    for m in found:
        pieces.append(out[done : m.start()])
        done = m.end()
    pieces.append(out[done:])
    return _Inlined(skeleton, tuple(pieces), order, raw.find("<head>"))


def _at_rules_last(out: str) -> str:
    """css-inline writes the rules it keeps (`@media`, dark mode) as the first thing in
    `<head>`, ahead of the `<meta>` that declares UTF-8. A browser looks for that declaration
    in the first 1024 bytes only: the example's emails had it at byte 1,100-1,400, so a
    reviewer's browser opening preview.html from disk had to guess the encoding (and one that
    guesses Windows-1252 shows "rÃ©duction"), and HTML validators report it. The block goes
    to the end of `<head>`, where Node mjml and juice write their `@media` rules."""
    head = out.find("<head>", 0, 1024)
    if head == -1 or not out.startswith("<style>", head + 6):
        return out
    end = out.find("</style>", head + 13)  # the first, as the lazy `<style>.*?</style>` did
    if end == -1:
        return out
    start, end = head + 6, end + 8  # the block
    head_end = out.find("</head>", end)
    if head_end == -1:
        return out
    return out[:start] + out[end:head_end] + out[start:end] + out[head_end:]


def _keep_doctype(source: str, out: str) -> str:
    """Both engines rewrite or drop the doctype; without it clients render in quirks mode."""
    doctype = _DOCTYPE.match(source)
    if not doctype:
        return out
    found = _DOCTYPE.match(out)
    body = out[found.end() :].lstrip("\n") if found else out
    return doctype.group(0) + "\n" + body if not found else doctype.group(0) + body
