"""mj-wrapper's `gap` as Node mjml 5 writes it (a fix of `mjml_fixes`).

Node puts the gap above every section of a wrapper but the first: `margin-top` at the end of
the section's `<div>` style, and `padding-top` at the end of its Outlook table's style. MRML
ignores the attribute, so the sections touch. Each wrapper's gap is resolved before compiling
(own, mj-class, mj-attributes, mj-all: `mjml_defaults`); after compiling, the wrappers' rows
are found by the Outlook markup MRML writes for them alone (`<tr><td width="...">`), one
wrapper after the other, and left as they are when their count is not the wrappers'.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults

_WRAPPER = re.compile(r"<mj-wrapper\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
# a wrapper's first row (the group: its Outlook table opening) or a later one
_ROW = re.compile(
    r'<!--\[if mso \| IE\]>(<table border="0" cellpadding="0" cellspacing="0"'
    r' role="presentation">)?(?:</td></tr>)?<tr><td width="[^"]*"(?: class="[^"]*")?>'
    r"<!\[endif\]-->"
)
# what follows a later row: the section's Outlook table, then its <div>
_SECTION = re.compile(
    r'<!--\[if mso \| IE\]><table\b[^>]*?style="([^"]*)"[^>]*>.*?<!\[endif\]-->'
    r'<div\b[^>]*?style="([^"]*)"',
    re.S,
)


def note_wrapper_gaps(mjml: str, fixing: Fixing) -> str:
    """Each mj-wrapper's gap ("" for none), in document order."""
    if "wrapper" not in fixing.components or "gap" not in fixing.attribute_text:
        return mjml
    body = body_start(mjml)  # after the defaults' <mj-body>
    defaults = read_defaults(mjml)
    gaps = []
    for tag in _WRAPPER.findall(mjml, max(body, 0)):
        own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
        gaps.append((defaults.resolve("mj-wrapper", own, "gap") or "").strip("\"'"))
    if any(gaps):
        fixing.wrapper_gaps = gaps
    return mjml


def wrapper_gaps(html: str, fixing: Fixing) -> str:
    if not fixing.wrapper_gaps:
        return html
    rows = list(_ROW.finditer(html))
    if sum(row.group(1) is not None for row in rows) != len(fixing.wrapper_gaps):
        return html  # a row of the designer's own among them: whose gap is whose?
    out: list[str] = []
    at, wrapper = 0, -1
    for row in rows:
        if row.group(1) is not None:
            wrapper += 1
            continue
        gap = fixing.wrapper_gaps[wrapper]
        section = _SECTION.match(html, row.end())
        if not gap or section is None:
            continue
        out.append(html[at : section.end(1)] + f"padding-top:{gap};")
        out.append(html[section.end(1) : section.end(2)] + f"margin-top:{gap};")
        at = section.end(2)
    out.append(html[at:])
    return "".join(out)
