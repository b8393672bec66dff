"""`full-width="false"` as Node mjml 5 reads it (a fix of `mjml_fixes`).

`<mj-section full-width="false">` (or `""`): Node renders a section of the body's width,
MRML a full-width one (any value counts for it). The attribute is dropped before compiling,
unless a section asks to be full-width (`full-width="full-width"`), which a dropped `false`
could have been overriding through `mj-attributes`. Only start tags are read and changed:
mj-section and mj-wrapper in the body, and the tags of the `<mj-attributes>` blocks
(defaults, mj-class, mj-all); text, mj-raw and other attributes' values keep
`full-width="false"` as written, as Node copies them.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, attributes_blocks, body_start, join_tag, split_tag

_NOT_FULL_WIDTH = re.compile(r"""\sfull-width\s*=\s*(?:"(?:false)?"|'(?:false)?')""")
_NOT_FULL = ('"false"', "'false'", '""', "''")
# a start tag that can take full-width: mj-section and mj-wrapper in the body, any tag of an
# <mj-attributes> block (the components' defaults, mj-class, mj-all)
_QUOTED_TAG = r"""(?:[^>"']|"[^"]*+"|'[^']*+')*+>"""
_FULL_WIDTH_TAG = re.compile(r"<mj-(?:section|wrapper)(?![\w-])" + _QUOTED_TAG)
_DEFAULTS_TAG = re.compile(r"<mj-[\w-]+" + _QUOTED_TAG)


def not_full_width(mjml: str, fixing: Fixing) -> str:
    """Read and changed in one pass over those start tags, in document order."""
    if not fixing.full_width or _NOT_FULL_WIDTH.search(mjml) is None:
        return mjml
    spans = [(start, end, _DEFAULTS_TAG) for start, end in attributes_blocks(mjml)]
    body = body_start(mjml)
    if body != -1:
        spans.append((body, len(mjml), _FULL_WIDTH_TAG))
    tags = sorted(
        (m for start, end, tag in spans for m in tag.finditer(mjml, start, end)),
        key=lambda m: m.start(),
    )
    read = [(m, split_tag(m.group(0))) for m in tags if "full-width" in m.group(0)]
    values = [
        v.strip("\"'") for _, (_, attrs, _) in read for _, n, _, v in attrs if n == "full-width"
    ]
    if "full-width" in values:
        return mjml  # a section asked to be full-width, maybe through defaults
    out: list[str] = []
    at = 0
    for m, (head, attrs, tail) in read:
        kept = [a for a in attrs if a[1] != "full-width" or a[3] not in _NOT_FULL]
        if len(kept) < len(attrs):
            out.append(mjml[at : m.start()] + join_tag(head, kept, tail))
            at = m.end()
    if not out:
        return mjml
    out.append(mjml[at:])
    return "".join(out)
