"""Attribute values as the template wrote them, not through Rust's debug format (a fix of
`mjml_fixes`).

MRML quotes the attributes it copies (an image's `alt`, `title` and `src`, a link's `href`, a
`css-class`, every attribute of HTML written inside mj-text or mj-raw, the Outlook markup in
its conditional comments) with Rust's `{:?}`, which escapes as Rust source would: a no-break
space becomes the six characters `\\u{a0}`, a right-to-left mark `\\u{200f}`, a tab `\\t`, a
backslash `\\\\`, and a `"` becomes `\\"`, which ends the attribute. So a French alt text
("9,99 €" with its no-break space), any alt of the `ar_XB` pseudo-locale (wrapped in
right-to-left marks) or a German soft hyphen reached screen readers, and readers with images
off, as escape codes. Node copies the values as written.

The `style` attributes MRML makes itself are written plainly (a CSS escape there is the
designer's), so a `style` value is decoded only when it holds a `\\u{...}` escape, which only
the debug format writes; every other value is decoded wherever it holds a backslash (a
backslash MRML did not escape cannot be there: a literal one comes out as `\\\\`). Runs after
`title_aria_label`, which gives the email wrapper's label the title's text.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing

_VALUE = r'"(?:[^"\\]|\\.)*"'
_TAG = re.compile(rf"<[A-Za-z][\w:-]*(?:\s+[^\s\"'=<>/]+(?:={_VALUE})?)*\s*/?>")
# a double-quoted value holding at least one escape, read in whole escapes from its start
_ATTRIBUTE = re.compile(r'(\s)([^\s"\'=<>/]+)=("(?:[^"\\]|\\.)*?\\.(?:[^"\\]|\\.)*")')
_ESCAPE = re.compile(r"\\(?:u\{([0-9a-fA-F]{1,6})\}|([\\\"'tnr0]))")
_SIMPLE = {"\\": "\\", '"': "&quot;", "'": "'", "t": "&#9;", "n": "&#10;", "r": "&#13;"}


def _char(m: re.Match[str]) -> str:
    if m.group(2) is not None:
        return _SIMPLE.get(m.group(2), "\ufffd")  # \0: what an HTML parser makes of a NUL
    code = int(m.group(1), 16)
    if code == 0x22:
        return "&quot;"
    # a C0 control as a reference (a parse error otherwise); a C1 control as itself, since an
    # HTML parser reads "&#133;" as Windows-1252's "…", not as U+0085
    return f"&#{code};" if code < 0x20 else chr(code)


def _value(m: re.Match[str]) -> str:
    name, quoted = m.group(2), m.group(3)
    if name.lower() == "style" and "\\u{" not in quoted:
        return m.group(0)
    return f'{m.group(1)}{name}="{_ESCAPE.sub(_char, quoted[1:-1])}"'


def _tag(m: re.Match[str]) -> str:
    tag = m.group(0)
    return _ATTRIBUTE.sub(_value, tag) if "\\" in tag else tag


def plain_attribute_values(html: str, fixing: Fixing) -> str:
    if "\\" not in html:
        return html
    return _TAG.sub(_tag, html)
