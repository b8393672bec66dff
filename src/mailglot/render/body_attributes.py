"""mj-body's `css-class` and `id` on `<body>`, where Node mjml 5 writes them (a fix of
`mjml_fixes`).

Node writes `<body id="..." class="..." style="...">` and leaves the email wrapper
(`<div aria-roledescription="email" role="article">`) without either. MRML puts the class
on that wrapper and drops the id altogether, and ignores what `<mj-attributes>` sets for
mj-body (`css-class`, `id`, and also `width` and `background-color`: the email came out 600px
wide on white). A stylesheet written for one (`.dark-bg { background: ... }` on mj-body's
class, an anchor to `#top`) then styles, or finds, the wrong element or none.

Before compiling, defaults from `<mj-attributes><mj-body>` are written on the element that
does not set them (Node: the element's own attribute, then its mj-class, then these
defaults), and the id is noted; after compiling, the class MRML wrote on the wrapper (which
already resolves mj-class and mj-all) and the id move to `<body>`, in Node's order.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Attrs, Fixing, attributes_blocks, join_tag, split_tag

_MJ_BODY = re.compile(r"<mj-body\b[^>]*>")
_BODY = re.compile(r"<body\b")
_WRAPPER = re.compile(r'<div\b[^>]*?\saria-roledescription="email"[^>]*>')
_CLASS = re.compile(r' class="[^"]*"')
_CARRIED = ("id", "css-class", "width", "background-color")


def carry_body_attributes(mjml: str, fixing: Fixing) -> str:
    """Note mj-body's id (MRML drops it) and write its mj-attributes defaults on it."""
    if "<mj-body" not in mjml:
        return mjml
    head_end = mjml.find("</mj-head>")  # the defaults' <mj-body> are in <mj-head>
    element = _MJ_BODY.search(mjml, max(head_end, 0))
    if element is None:
        return mjml
    head, attrs, tail = split_tag(element.group(0))
    own = {n for _, n, _, _ in attrs}
    added = [a for a in _defaults(mjml[: element.start()]) if _wanted(a[1], own)]
    for _, name, eq, value in attrs + added:
        if name == "id" and eq:
            fixing.body_id = _double_quoted(value)
    if not added:
        return mjml
    tag = join_tag(head, attrs + added, tail)
    return mjml[: element.start()] + tag + mjml[element.end() :]


def _defaults(head: str) -> Attrs:
    """`_CARRIED` attributes of the `<mj-body>` defaults in the `<mj-attributes>` blocks, if
    any: a later one's value for the same attribute wins, as in Node."""
    if "<mj-attributes" not in head or "<mj-body" not in head:
        return []
    out: dict[str, tuple[str, str, str, str]] = {}
    for start, end in attributes_blocks(head):
        for tag in _MJ_BODY.findall(head, start, end):
            out.update((a[1], a) for a in split_tag(tag)[1] if a[1] in _CARRIED and a[2])
    return list(out.values())


def _wanted(name: str, own: set[str]) -> bool:
    if name in own:
        return False
    return name == "id" or "mj-class" not in own  # an mj-class may set the others


def _double_quoted(value: str) -> str:
    """The value as written, between double quotes (Node copies it without decoding)."""
    if value[:1] in "\"'" and value[-1:] == value[:1] and len(value) > 1:
        value = value[1:-1]
    return '"' + value.replace('"', "&quot;") + '"'


def body_attributes(html: str, fixing: Fixing) -> str:
    """Move the wrapper's class, and the noted id, to `<body>` (`id`, `class`, then the
    `style` MRML writes). Runs after `plain_attribute_values`, which decodes the class."""
    body = _BODY.search(html)
    if body is None:
        return html
    wrapper = _WRAPPER.search(html, body.end())
    found = _CLASS.search(wrapper.group(0)) if wrapper is not None else None
    if found is None and fixing.body_id is None:
        return html
    added = "" if fixing.body_id is None else f" id={fixing.body_id}"
    at = body.end()
    if wrapper is not None and found is not None:  # the wrapper is after `<body`: one copy
        added += found.group(0)
        start, end = wrapper.start() + found.start(), wrapper.start() + found.end()
        return "".join((html[:at], added, html[at:start], html[end:]))
    return html[:at] + added + html[at:]
