"""Step 3: inline CSS into style attributes, as juice does for Node MJML users.

Two engines: css-inline (the default: Rust, ~0.3 ms an email, maintained) and premailer
(`inliner: premailer`, for projects that relied on it). Both keep what cannot be inlined
(`@media`, `@font-face`, `prefers-color-scheme`) in `<style>` so layouts stay responsive,
leave MSO conditional comments as they are, never fetch a remote stylesheet, and settle
`!important` like juice (see `declarations`).
"""

from __future__ import annotations

import re
import secrets
from typing import Literal

import css_inline

from mailglot.render import juice_compat
from mailglot.render.declarations import strip_important
from mailglot.render.title_spans import title_spans

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


# What stands for the title and the wrapper's label in the HTML inlined once for a job's
# variants (see title_spans): drawn once per process, so no email holds them.
_MARK = secrets.token_hex(8)
_TITLE, _LABEL = f"mglot{_MARK}t", f"mglot{_MARK}a"
# Text that css-inline's parser and serializer (html5ever) write back as it came, in an
# element or an attribute value: no markup, quote, control character or raw no-break space
# (written back as `&nbsp;`), and of references only `&amp;` and `&nbsp;` (read as "&" and
# a no-break space, written back so).
_VERBATIM = re.compile('(?:[^&<>"\xa0\x00-\x08\x0b-\x1f\x7f]|&amp;|&nbsp;)++')
# HTML with the placeholders -> css-inline's result for it (None: each email is inlined).
_INLINED: dict[str, str | None] = {}
# What sends a job's variants to be inlined each apart, found without lowering the email
# (~13 kB: lowering it was ~70 us of each pair of variants): a `<style>` in the body in any
# case (`re.I` matches every spelling `str.lower()` brings to the word, and a long s for
# its s, which only takes the longer path, always right); the head's verdict is kept per
# head, which the jobs of a template and locale share (a head -> whether its stylesheet
# names a label or escapes a character).
_STYLE_START = re.compile("<(?i:style)")
_HEAD_VERDICTS: dict[str, bool] = {}


def inline_css(html: str, engine: Inliner = "css-inline") -> str:
    shared = _with_title(html) if engine == "css-inline" else None
    return shared if shared is not None else _inline(html, engine)


def _inline(html: str, engine: Inliner) -> str:
    if engine == "premailer":
        # imported only when chosen: premailer brings cssutils and requests, a third of a
        # second of every build's start-up for the engine that is not the default
        from mailglot.render.premailer_engine import inline_with_premailer

        out = inline_with_premailer(html)
    elif engine == "css-inline":
        prepared, kept = juice_compat.set_aside(html)
        try:
            out = _CSS_INLINE.inline(prepared)
        except (css_inline.InlineError, ValueError) as exc:
            raise InlineFailure(f"CSS could not be inlined: {exc}") from exc
        out = juice_compat.put_back(strip_important(_at_rules_last(out)), kept)
    else:
        raise ValueError(f"unknown inliner {engine!r}; expected one of: {', '.join(INLINERS)}")
    return _keep_doctype(html, out)


def _with_title(html: str) -> str | None:
    """The inlined HTML of an email whose title and wrapper label are written verbatim, made
    from the one inlined with placeholders there: its variants (a subject each) inline the
    same stylesheet into the same elements, and css-inline writes those texts back as they
    came. None: inline this email itself."""
    spans = title_spans(html)
    if spans is None:
        return None
    (a, b), (c, d) = spans
    title, label = html[a:b], html[c:d]
    if not (_VERBATIM.fullmatch(title) and _VERBATIM.fullmatch(label)):
        return None  # empty (`:empty` could match), or changed on its way through css-inline
    shared = f"{html[:a]}{_TITLE}{html[b:c]}{_LABEL}{html[d:]}"
    out = _INLINED.get(shared, "")
    if out == "":
        out = _inlined_with_placeholders(shared)
        if len(_INLINED) >= 32:  # bounded: a worker's jobs come variant after variant
            _INLINED.clear()
        _INLINED[shared] = out
    return None if out is None else out.replace(_TITLE, title, 1).replace(_LABEL, label, 1)


def _inlined_with_placeholders(shared: str) -> str | None:
    """css-inline's result with the placeholders, or None when the title or label could
    change more than their own text: a stylesheet that names a label (an attribute selector
    on aria-label) or escapes a character, a `<style>` in the body, a failure, or the
    placeholders not each once in the result."""
    head_end = shared.find("</head>")
    if head_end == -1:
        return None
    if _head_refuses(shared[:head_end]) or _STYLE_START.search(shared, head_end):
        return None
    try:
        out = _inline(shared, "css-inline")
    except InlineFailure:
        return None
    return out if out.count(_TITLE) == 1 and out.count(_LABEL) == 1 else None


def _head_refuses(head: str) -> bool:
    verdict = _HEAD_VERDICTS.get(head)
    if verdict is None:
        lowered = head.lower()
        verdict = "label" in lowered or "\\" in lowered
        if len(_HEAD_VERDICTS) >= 32:  # bounded, as _INLINED
            _HEAD_VERDICTS.clear()
        _HEAD_VERDICTS[head] = verdict
    return verdict


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
