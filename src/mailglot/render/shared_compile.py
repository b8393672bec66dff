"""Step 2 once for a job's variants: MJML that differs only in its `<mj-title>` text is
compiled once (and MRML's work once for the jobs of a template: `skeletons`).

mailglot's layouts give `<mj-title>` the subject, so the variants of a job (a subject each)
write the same MJML but for that text, and MRML is the largest share of a job's CPU. The
title is cut out of the MJML, the rest is compiled once with a placeholder there (the
MJML with the placeholder is the key), and each variant's own title is put back where the
placeholder shows: the `<title>` text and the wrapper's aria-label (see title_spans).

MRML writes a title in one of two ways, and the placeholder (two random marks around
`&#39;&#34;`) shows which one it took for this document:
- as it came, in both places: MRML copies `<mj-title>` text without decoding a reference,
  writes the label through Rust's debug format (which changes a character only by writing
  a backslash escape) and `mjml_fixes.title_aria_label` then copies the `<title>` text
  there, `"` written `&quot;`;
- parsed and written again, when MRML applies `<mj-style inline="inline">` itself (the
  example's layout has one): references are decoded and html5ever writes the text back, so
  `&#39;` becomes `'`, `&#34;` a `"` in `<title>` and `&quot;` in the label, and a raw
  no-break space `&nbsp;`; `&amp;` and `&nbsp;` stay (a carriage return would become a
  line feed: not put back).
A title is put back only when made of what those rules cover: no `<`, `>`, quotes, `=`,
backticks, backslashes, `&` other than a character reference (in the second way only
`&amp;`, `&nbsp;`, `&#39;`, `&#34;`), control characters other than tab and line breaks,
lone surrogates, U+FFFE or U+FFFF (MRML's parser refuses those two: the variant must fail),
nor a blank title. Everything else (a title written in any other way, marks not found
exactly where expected, any failure on the placeholder's version) takes the plain path, so
a variant's own error is the one it reports.
"""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass

from mailglot.render.skeletons import compile_shared
from mailglot.render.title_spans import title_spans

# The placeholder title: two marks drawn once per process (so no email holds them), made of
# lowercase letters and digits, around the references whose fate tells the two ways apart.
_TOKEN = secrets.token_hex(8)
_MARK, _MARK_END = f"mglot{_TOKEN}title", f"mglot{_TOKEN}end"
_PROBE = f"{_MARK}&#39;&#34;{_MARK_END}"
_AS_CAME = (_PROBE, _PROBE)  # (<title> text, label) of each way
_REWRITTEN = (f"{_MARK}'\"{_MARK_END}", f"{_MARK}'&quot;{_MARK_END}")
_OPEN, _CLOSE = "<mj-title>", "</mj-title>"
_CHAR = "[^&<>\"'=`\\\\\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
# titles MRML writes as they came, and those it writes again as the second way says
_KEPT_TITLE = re.compile(
    f"(?:{_CHAR}|&(?:[A-Za-z][A-Za-z0-9]{{0,31}}|#[0-9]{{1,7}}|#[xX][0-9A-Fa-f]{{1,6}});)++"
)
_REWRITTEN_TITLE = re.compile(f"(?:(?!\r){_CHAR}|&amp;|&nbsp;|&#39;|&#34;)++")  # CR: LF
_LIMIT = 32  # compiled HTML kept; a worker's jobs come variant after variant


@dataclass(frozen=True)
class _Compiled:
    """The HTML of the MJML with the placeholder, split around the placeholder's two places."""

    head: str  # up to the <title> text
    middle: str  # from the end of the <title> text to the label
    tail: str  # after the label
    rewritten: bool  # MRML parsed and wrote the title again (the second way)


# MJML with the placeholder -> its compile, or None: each variant is compiled itself
_COMPILED: dict[str, _Compiled | None] = {}


def compile_variant(mjml: str) -> str:
    """`compile_mjml(mjml)`, made from the compile of the MJML with the placeholder title when
    that is kept or can be made; byte for byte the same HTML."""
    cut = _title_cut(mjml)
    if cut is None or "mj-html-attributes" in mjml:  # lxml writes that document again,
        return compile_shared(mjml)  # its title its own way (a raw U+00A0, quotes in '...')
    start, end = cut
    title = mjml[start:end]
    shared = f"{mjml[:start]}{_PROBE}{mjml[end:]}"
    if shared in _COMPILED:
        done = _COMPILED[shared]
    else:
        done = _compiled_with_probe(shared)
        if len(_COMPILED) >= _LIMIT:  # bounded: `serve` runs for hours
            _COMPILED.clear()
        _COMPILED[shared] = done
    if done is None:
        return compile_shared(mjml)
    if not done.rewritten:
        return f"{done.head}{title}{done.middle}{title}{done.tail}"
    if _REWRITTEN_TITLE.fullmatch(title) is None:
        return compile_shared(mjml)
    text = title.replace("&#39;", "'").replace("\xa0", "&nbsp;")
    in_title, in_label = text.replace("&#34;", '"'), text.replace("&#34;", "&quot;")
    return f"{done.head}{in_title}{done.middle}{in_label}{done.tail}"


def _title_cut(mjml: str) -> tuple[int, int] | None:
    """Where the text of the document's one `<mj-title>` is, when written plainly: one
    `<mj-title>` without attributes, its text, `</mj-title>`, nothing else named mj-title,
    no mark anywhere, and a text the guard of the first way accepts (not blank)."""
    opening = mjml.find(_OPEN)
    if opening == -1:
        return None
    start = opening + len(_OPEN)
    end = mjml.find(_CLOSE, start)
    if end == -1 or mjml.count("mj-title") != 2 or f"mglot{_TOKEN}" in mjml:
        return None
    title = mjml[start:end]
    if not title.strip() or _KEPT_TITLE.fullmatch(title) is None:
        return None
    return start, end


def _compiled_with_probe(shared: str) -> _Compiled | None:
    """The compile of the MJML with the placeholder, cut where it shows, or None: a failure
    of any kind (the variant then reports its own), HTML not plainly written, the marks
    anywhere else, or the placeholder written in a third way."""
    try:
        html = compile_shared(shared)
    except Exception:  # any: the variant's own compile reports it
        return None
    except BaseException as exc:  # MRML's panics come as pyo3's PanicException
        if type(exc).__name__ != "PanicException":
            raise
        return None
    spans = title_spans(html)
    if spans is None or html.count(_MARK) != 2 or html.count(_MARK_END) != 2:
        return None
    (a, b), (c, d) = spans
    written = (html[a:b], html[c:d])
    if written not in (_AS_CAME, _REWRITTEN):
        return None
    return _Compiled(html[:a], html[b:c], html[d:], written == _REWRITTEN)
