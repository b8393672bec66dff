"""Step 2 once for the documents of a template: MJML that differs only in the texts and
values MRML passes through is compiled once.

A campaign's emails are one template filled with each job's texts (its locale's words, its
campaign's links, its language), so their MJML differs in runs of text and a few attribute
values, and MRML, the largest share of a job's CPU, would compile the same structure again
each time. `compile_shared` does what `mjml.compile_mjml` does, step for step (the fixes
before compiling, MRML, the fixes after), except MRML: the fixed MJML is cut into its
skeleton and runs (`text_runs`), the skeleton is compiled once with a placeholder for each
run and kept, and each document's own runs are put in its HTML where their placeholders
show, written as MRML writes them there (`run_forms`). The fixes see each document's own
MJML and HTML, so whatever they do with a text is done as in a compile of its own; MRML
itself is the only step shared.

The placeholder (two marks drawn once per process, numbered, around `run_forms.PROBE`)
shows where MRML put each run and how it wrote it: as it came, through Rust's debug format,
or parsed and written again (where MRML applies `<mj-style inline>` itself). The skeleton's
compile is used only when every mark shows in pairs in a known form, all of one of those
ways, and, in HTML written again, when nothing there could read a run otherwise than its
placeholder: a reference begun before a run or ended after it, a `"` that MRML would write
`\\"` and so end a value early, a style sheet picking elements by a value (`[href*=...]`).
A run is put back only when its form there is certain. Otherwise, and for a document with
a comment, a `<!` of any kind or `<mj-html-attributes>` (whose fixes write the document
again), MRML compiles the document itself, so it reports its own error.

Kept: the last three skeletons used are tried first by their pieces (`text_runs.recut`, a
search per run rather than a reading of every tag: a template's emails come one after
another), then the others by the skeleton itself.
"""

from __future__ import annotations

import re
import secrets
import threading
from dataclasses import dataclass

from mailglot.render import mjml, mjml_fixes
from mailglot.render.mjml import _mrml, _refuse_deep, _stray_gt_after_non_ascii, _to_html
from mailglot.render.native_stderr import native_panic
from mailglot.render.run_forms import FORMS, PROBE, Form, written
from mailglot.render.text_runs import Cut, cut, recut

_TOKEN = secrets.token_hex(8)
_MARK = f"mglot{_TOKEN}run"  # lowercase letters and digits: MRML writes them as they came
_FOUND = re.compile(f"{_MARK}([0-9]+)a(.{{1,60}}?){_MARK}\\1z", re.S)
_READ_AGAIN = frozenset(
    [Form.TEXT_AGAIN, Form.DEBUG_AGAIN, Form.ATTRIBUTE_AGAIN, Form.DEBUG_TEXT_AGAIN]
)
_SHEET = re.compile(r"<(mj-style|style)\b[^>]*+>(.*?)(?:</\1\b|\Z)", re.I | re.S)
# where MRML's HTML is read again, a reference could end after a run (`&zwnj` + `;`)
_GOES_ON = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789#;")
LIMIT = 64  # skeletons kept, the least recently used dropped first: `serve` runs for hours
NEW = 8  # skeletons seen once, kept apart until seen again: one that holds a per-document
# nonce (a fix's token in a value not taken as a run) never comes again, and must not push
# the kept ones out


def _placeholder(i: int) -> str:
    return f"{_MARK}{i}a{PROBE}{_MARK}{i}z"


_PLACEHOLDER = re.compile(f"{_MARK}[0-9]+a{re.escape(PROBE)}{_MARK}[0-9]+z")


@dataclass(frozen=True)
class _Compiled:
    """The skeleton's HTML cut around its placeholders: `pieces[k]` comes before the k-th
    placeholder shown, `slots[k]` (the run's number, its form there) says what goes there."""

    pieces: tuple[str, ...]
    slots: tuple[tuple[int, Form], ...]


@dataclass(frozen=True)
class _Kept:
    skeleton: str
    literals: tuple[str, ...]  # the skeleton between its placeholders (`text_runs.recut`)
    values: tuple[bool, ...]
    compiled: _Compiled | None  # None: its documents compile themselves


_KEPT: dict[str, _Kept] = {}  # by skeleton, the least recently used first
_SEEN_ONCE: dict[str, _Kept] = {}
_RECENT: tuple[_Kept, ...] = ()  # the last three used, tried first (a template's emails
_LOCK = threading.Lock()  # come one after another); `serve` renders in threads


def forget() -> None:
    """Drop every kept skeleton."""
    global _RECENT
    with _LOCK:
        _KEPT.clear()
        _SEEN_ONCE.clear()
        _RECENT = ()


def compile_shared(document: str) -> str:
    """`compile_mjml(document)`, byte for byte, with MRML's work shared by the documents of
    one skeleton."""
    if "<!" in document or "mj-html-attributes" in document or _TOKEN in document:
        return mjml.compile_mjml(document)
    _refuse_deep(document)  # the steps of compile_mjml, MRML's own run through _filled
    fixing = mjml_fixes.Fixing()
    source = document
    for before in mjml_fixes.BEFORE:
        source = before(source, fixing)
    html = None
    if not (mjml._PANICKED and _stray_gt_after_non_ascii(source)):  # else MRML gets `&gt;`
        try:
            html = _filled(source)
        except Exception:  # a fault of the sharing's own: the document compiles itself
            html = None
    if html is None:
        html = _mrml(source)
    for after in mjml_fixes.AFTER:
        html = after(html, fixing)
    return html


def _filled(source: str) -> str | None:
    """MRML's HTML of `source` made from its skeleton's, or None: compile it itself."""
    for kept in _RECENT:
        runs = recut(source, kept.literals, kept.values)
        if runs is not None:
            break
    else:
        parts = cut(source, _placeholder)
        if parts is None or not parts.runs:
            return None
        kept, runs = _kept(parts), parts.runs
    _used(kept)
    done = kept.compiled
    if done is None:
        return None
    out = [done.pieces[0]]
    for (number, form), piece in zip(done.slots, done.pieces[1:], strict=True):
        text = written(runs[number], form)
        if text is None:
            return None
        out.append(text)
        out.append(piece)
    return "".join(out)


def _kept(parts: Cut) -> _Kept:
    """The kept skeleton of `parts`, compiled now if it is not kept."""
    kept = _KEPT.get(parts.skeleton) or _SEEN_ONCE.get(parts.skeleton)
    if kept is not None:
        return kept
    compiled = _compiled(parts.skeleton, len(parts.runs), parts.quotes)
    literals = tuple(_PLACEHOLDER.split(parts.skeleton))
    return _Kept(parts.skeleton, literals, parts.values, compiled)


def _used(kept: _Kept) -> None:
    """`kept` made the most recently used: kept apart when seen for the first time, with
    the others when seen again."""
    global _RECENT
    key = kept.skeleton
    with _LOCK:
        if _KEPT.pop(key, None) is None and _SEEN_ONCE.pop(key, None) is None:
            _SEEN_ONCE[key] = kept
            while len(_SEEN_ONCE) > NEW:
                del _SEEN_ONCE[next(iter(_SEEN_ONCE))]
        else:
            _KEPT[key] = kept
            while len(_KEPT) > LIMIT:
                del _KEPT[next(iter(_KEPT))]
        if not _RECENT or _RECENT[0] is not kept:
            _RECENT = (kept, *[k for k in _RECENT if k is not kept][:2])


def _compiled(skeleton: str, runs: int, quotes: bool) -> _Compiled | None:
    """The skeleton's HTML cut at its placeholders, or None: MRML failed on it (the
    document then fails on its own), or a mark shows other than as a whole placeholder in
    a known form, or the forms mix the two ways, or, in HTML written again, a run's edge
    is where a reference could be read across it or where the HTML MRML wrote may not be
    read as written (`quotes`: a `"` in text or in a value MRML may quote, written `\\"`,
    which ends the value when read again), or a style sheet MRML applies then could pick
    elements by a value (`[href^=...]`, `:lang(...)`), as the placeholder's is not the run's."""
    if _stray_gt_after_non_ascii(skeleton):  # MRML could stop on it: not worth a try
        return None
    try:
        html = _to_html(skeleton)  # as MRML writes it, not after a panic (`mjml._mrml`)
    except Exception:  # any: the document's own compile reports it
        return None
    except BaseException as exc:
        if not native_panic(exc):
            raise
        return None
    split = _FOUND.split(html)
    found = len(split) // 3
    if html.count(_MARK) != 2 * found:
        return None
    pieces, slots = [split[0]], []
    unsure = quotes or _selects_by_value(skeleton)  # where the HTML is read again
    for k in range(found):
        number, shown, after = split[3 * k + 1], split[3 * k + 2], split[3 * k + 3]
        form = FORMS.get(shown)
        if form is None or int(number) >= runs:
            return None
        if form in _READ_AGAIN and (unsure or _read_across(pieces[-1], after, k > 0)):
            return None
        slots.append((int(number), form))
        pieces.append(after)
    again = {form in _READ_AGAIN for _, form in slots}
    return _Compiled(tuple(pieces), tuple(slots)) if len(again) < 2 else None


def _selects_by_value(skeleton: str) -> bool:
    return any("[" in m[1] or "lang(" in m[1].lower() for m in _SHEET.findall(skeleton))


def _read_across(before: str, after: str, follows_a_run: bool) -> bool:
    """Whether a reference could be read across a run's edge: an `&` in the text or value
    before it (since the last quote or bracket: where it begins), none of those since the
    run before it, or a letter, digit, `#` or `;` right after it. The HTML is as written
    again, so an `&` of what MRML wrote shows as an `&` here, read or not."""
    start = max(before.rfind('"'), before.rfind("<"), before.rfind(">"))
    if before.rfind("&") > start or (start == -1 and follows_a_run):
        return True
    return after[:1] in _GOES_ON
