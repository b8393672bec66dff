"""Step 2: MJML to responsive HTML with MRML's official Python bindings (Rust, in process).

`mrml` and `mjml-python` wrap the same MRML (6.0.1 in both at the time of writing) and give
the same HTML except for `<mj-style inline="inline">`: `mrml` applies those rules itself, as
Node mjml does, where `mjml-python` leaves them in a `<style>` for the inliner. `mrml` is
also the one MRML's author maintains, a little faster, and reports warnings. Where MRML
still differs from Node `mjml` 5 (the reference our users compare with), `mjml_fixes` makes
them agree, before and after compiling.
"""

from __future__ import annotations

import re

import mrml

from mailglot.render import mjml_fixes
from mailglot.render.mjml_structure import VOID, find_tokens
from mailglot.render.native_stderr import native_panic, without_panic_message

# fonts={} stops MRML from adding Google Fonts <link>s (templates that want web fonts
# declare them with <mj-font>); the no-op loader refuses <mj-include>: Jinja's {% include %}
# is how templates share parts, and a build never reads files the plan did not hash.
_RENDER = mrml.RenderOptions(disable_comments=True, fonts={})
_PARSER = mrml.ParserOptions(include_loader=mrml.noop_loader())


class MjmlFailure(Exception):
    pass


MAX_DEPTH = 500  # elements inside elements; emails nest a few dozen deep


def compile_mjml(source: str) -> str:
    _refuse_deep(source)
    fixing = mjml_fixes.Fixing()
    for before in mjml_fixes.BEFORE:
        source = before(source, fixing)
    html = _mrml(source)
    for after in mjml_fixes.AFTER:
        html = after(html, fixing)
    return html


def _refuse_deep(source: str) -> None:
    """MRML reads nested elements by recursion and overflows the stack past a few thousand
    levels (2,000 nested `mj-wrapper`, 10,000 `<div>` in an `mj-raw`): the process dies
    with SIGSEGV, no exception, no message, taking a worker or a whole serial build with it.
    Such MJML is refused first. A document cannot nest deeper than half its `<`s, so only
    one with more than twice `MAX_DEPTH` of them is read tag by tag."""
    if source.count("<") <= 2 * MAX_DEPTH:
        return
    depth = deepest = 0
    for closing, name, _attributes, self_closing in find_tokens(source):
        if not name:
            continue
        if closing:
            depth = max(0, depth - 1)
        elif not self_closing and name.lower() not in VOID:
            depth += 1
            deepest = max(deepest, depth)
    if deepest > MAX_DEPTH:
        raise MjmlFailure(
            f"MJML could not be compiled: elements nested {deepest} deep, where at most "
            f"{MAX_DEPTH} are compiled (MRML, the MJML compiler, would crash on it); nest less"
        )


def _mrml(source: str) -> str:
    """MRML's parser (htmlparser 0.2) panics on a `>` written as text after a character
    outside ASCII in the same text ("start byte index 4 is not a char boundary"): `Découvrez
    >` in an `mj-text` stopped the build with a traceback. Such a `>` is given to MRML as
    `&gt;`, which every later step reads as the same character (css-inline and lxml write
    `&gt;` for it in text anyway, so the email's bytes are those MRML would have made); CSS
    cannot take `&gt;`, so a style sheet MRML still trips over is given again with its
    characters outside ASCII as CSS escapes, which mean the same. Looking for such a `>`
    costs ~40 us a job, so a process looks only once MRML has panicked in it: the first
    email is tried again, each later one is given escaped at once. Rust's panic message is
    kept off the terminal (`native_stderr`): the job's outcome says what happened."""
    global _PANICKED
    if _PANICKED and _stray_gt_after_non_ascii(source):
        source = _TEXT_GT.sub(_gt_as_entity, source)
    try:
        return _to_html(source)
    except BaseException as exc:
        if not native_panic(exc):
            raise
        _PANICKED = True
    for again in (_TEXT_GT.sub(_gt_as_entity, source), _SHEET.sub(_sheet_escaped, source)):
        source = again
        try:
            return _to_html(source)
        except BaseException as exc:
            if not native_panic(exc):
                raise
    raise MjmlFailure(
        "MJML could not be compiled: MRML, the MJML compiler, stopped on a fault of its own"
        " while reading this MJML (a '>' after a character outside ASCII is a known cause:"
        " write it as &gt;)"
    )


_PANICKED = False  # has MRML panicked in this process (see _mrml)


def _stray_gt_after_non_ascii(source: str) -> bool:
    return not source.isascii() and any(not m.group().isascii() for m in _STRAY_GT.finditer(source))


def _to_html(source: str) -> str:
    try:
        return without_panic_message(
            lambda: mrml.to_html(source, parser_options=_PARSER, render_options=_RENDER)
        ).content
    except Exception as exc:  # MRML raises OSError/ValueError with its parser's message
        raise MjmlFailure(f"MJML could not be compiled: {exc}") from exc


# A `>` with no `<` since the last `>` may be text (or a style sheet's `.a > b`): MRML trips
# over it when the text before it holds a character outside ASCII.
_STRAY_GT = re.compile(r">[^<>]*+>")
# Elements whose text HTML does not decode (`&gt;` would show as typed): kept as written.
_RAW_TEXT = "mj-style|style|script|xmp|iframe|noembed|noframes|noscript|plaintext"
_QUOTED = r"""(?:[^<>"']|"[^"]*+"|'[^']*+')*+"""
_TEXT_GT = re.compile(
    r"<!--.*?(?:-->|\Z)"  # a comment (one left open runs to the end, as MRML reads it)
    rf"|<({_RAW_TEXT})\b{_QUOTED}>.*?(?:</\1\s*>|\Z)"  # raw text: kept as written
    rf"|</?[A-Za-z!?]{_QUOTED}>"  # a tag, quoted values and all
    r"|(>)",  # anything else is text
    re.S | re.I,
)
_SHEET = re.compile(
    rf"(<(?:mj-style|style)\b{_QUOTED}>)(.*?)(?=</(?:mj-style|style)\s*>|\Z)", re.S | re.I
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def _gt_as_entity(match: re.Match[str]) -> str:
    return "&gt;" if match.group(2) else match.group(0)


def _sheet_escaped(match: re.Match[str]) -> str:
    sheet = _NON_ASCII.sub(lambda c: f"\\{ord(c.group(0)):06x}", match.group(2))
    return match.group(1) + sheet
