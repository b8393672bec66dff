"""Single-quoted attribute values that hold a `"`, given to MRML double-quoted with `&quot;`
(a fix of `mjml_fixes`, run before compiling).

MRML parses the HTML inside content elements (mj-text, mj-button, mj-raw, mj-table...) and,
on the path it takes for a document with `<mj-style inline="inline">`, writes every attribute
again in double quotes with a `"` of the value escaped as `\\"`: Rust's escape, not HTML's.
In HTML that `"` ends the value and the rest becomes attributes of their own:
`<a title='He said "hi"'>` came out as `title="He said \\" hi\\""=""`, and a translated
`href='https://.../" onclick=...'` as a real `onclick`. Written `title="He said &quot;hi&quot;"`
the value means the same to every HTML reader, and MRML carries `&quot;` through on both paths
(without `mj-style inline` it already wrote such a value that way: those documents' bytes are
unchanged).

`mj-*` elements are rewritten too: on the same path MRML writes their attributes the same way
(`<mj-image alt='a " onerror=alert(1) b'>` came out as a real `onerror` on the `<img>`), and
it reads `&quot;` in an `mj-*` value as `"`. Comments and raw text (`mj-style`, `style`,
`script`) are left as written. A document with no single-quoted value holding a `"` (nearly
every one) is returned as it came after one search.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing

# `='...` with a `"` before the value's closing quote: what every rewrite below needs. It
# starts at a `=`, and `[^']*` stops at the next `'`: linear in the document.
_MAY_NEED = re.compile(r"=\s*'[^']*\"")
_QUOTED = r"""(?:[^<>"']|"[^"]*+"|'[^']*+')*+"""
_RAW_TEXT = "mj-style|style|script|xmp|iframe|noembed|noframes|noscript|plaintext"
# A comment (one left open runs to the end, as MRML reads it), a raw-text element (kept as
# written), or a start tag read whole (a quoted value may hold `<` or `>`): group 2 its name.
_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    rf"|<({_RAW_TEXT})\b{_QUOTED}>.*?(?:</\1\s*>|\Z)"
    rf"|<([A-Za-z][^\s/>\"'<]*){_QUOTED}>",
    re.S | re.I,
)
# Inside a start tag: a double-quoted value read whole (a `'` in it is no quote), or a
# single-quoted value after its `=`.
_VALUE = re.compile(r"\"[^\"]*\"|(=\s*)'([^']*)'")


def double_quoted_values(source: str, fixing: Fixing) -> str:
    """`source` with every single-quoted attribute value of an element that holds a `"`
    written in double quotes, its `"` as `&quot;`; `source` itself when there is none."""
    if "'" not in source or not _MAY_NEED.search(source):
        return source
    fixed = _TOKEN.sub(_tag, source)
    return source if fixed == source else fixed


def _tag(match: re.Match[str]) -> str:
    text, name = match.group(0), match.group(2)
    if name is None or "'" not in text:
        return text
    return _VALUE.sub(_value, text)


def _value(match: re.Match[str]) -> str:
    value = match.group(2)
    if value is None or '"' not in value:
        return match.group(0)
    return f'{match.group(1)}"{value.replace(chr(34), "&quot;")}"'
