"""Only the first `<mj-head>`, as Node mjml reads it (a fix of `mjml_fixes`).

Node mjml takes the first `<mj-head>` child of `<mjml>` and ignores any other whole; MRML
reads the last one. With Jinja layouts a second head comes easily (a child template's block
writing its own `<mj-head>`), and MRML then dropped the layout's title, styles, fonts and
`<mj-attributes>` where Node drops the child's.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing

# read left to right: a head whole (its `<mj-attributes>` may hold an `<mj-body>` default),
# the body whole (an mj-raw in it may hold anything), comments
_HEAD_BODY_OR_COMMENT = re.compile(
    r"<!--.*?-->|<mj-body(?![\w-]).*</mj-body\s*>"
    r"|<mj-head(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</mj-head\s*>)",
    re.S,
)


def first_head_only(mjml: str, fixing: Fixing) -> str:
    """Several `<mj-head>` (a layout's and a child template's): Node mjml reads the first
    and ignores the others whole (their title, styles, fonts and `<mj-attributes>`); MRML
    reads the last one only. The later ones are taken out, so MRML and every fix that reads
    the head see the one Node reads."""
    first = mjml.find("<mj-head")
    if first == -1 or _one_head(mjml, first):
        return mjml
    heads = [
        m.span() for m in _HEAD_BODY_OR_COMMENT.finditer(mjml) if m.group(0).startswith("<mj-head")
    ]
    if len(heads) < 2:
        return mjml
    kept = [mjml[: heads[1][0]]]
    for (_, end), (start, _) in zip(heads[1:], [*heads[2:], (len(mjml), 0)], strict=True):
        kept.append(mjml[end:start])
    return "".join(kept)


def _one_head(mjml: str, first: int) -> bool:
    """The common document, told without a search of the whole text (a few microseconds an
    email): its head closes, the body follows it (white space between) and nothing after
    the body's end is a head. Anything else is read whole by `first_head_only`."""
    after = mjml.find("mj-head", first + 8)  # its `</mj-head>`, when no head is inside it
    if after == -1:
        return True
    close = after - 2
    if not mjml.startswith("</mj-head>", close):
        return False
    body = mjml.find("<mj-body", close)
    end = mjml.rfind("</mj-body>")
    return (
        body != -1
        and not mjml[close + 10 : body].strip()
        and end > body
        and mjml.find("<mj-head", end) == -1
    )
