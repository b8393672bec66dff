"""mj-carousel's `thumbnails="supported"` as Node mjml 5 writes it (a fix of `mjml_fixes`).

Node writes the thumbnails of such a carousel with `display:none` (shown only where a
client runs the carousel's CSS), exactly as for `visible` otherwise; MRML writes none at
all. Before compiling, each carousel's value is resolved (own, mj-class, mj-attributes,
mj-all: `mjml_defaults`) with its number of images, and `supported` is written `visible`;
after compiling, the thumbnails of the carousels that said `supported`, counted carousel by
carousel, are hidden again. Left as MRML writes them when the count of thumbnails is not
the one expected.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, attributes_blocks, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults

_CAROUSEL = re.compile(r"<mj-carousel\b(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_SUPPORTED = re.compile(r"""(\sthumbnails\s*=\s*)(?:"supported"|'supported')""")
_DEFAULTS_TAG = re.compile(r"<mj-[\w-]+(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_THUMBNAIL = re.compile(r'<a\b[^>]*?class="mj-carousel-thumbnail\b[^>]*>')


def supported_thumbnails(mjml: str, fixing: Fixing) -> str:
    """Each carousel's (supported, number of thumbnails), and `supported` written `visible`
    in the start tags that can say it: the body's mj-carousel tags and the tags of the
    `<mj-attributes>` blocks (defaults, mj-class, mj-all). Text and mj-raw keep it."""
    if "carousel" not in fixing.components or _SUPPORTED.search(mjml) is None:
        return mjml
    body = body_start(mjml)  # after the defaults' <mj-body>
    defaults = read_defaults(mjml)
    counts = []
    out: list[str] = []
    at = 0
    for start, end in attributes_blocks(mjml):
        block = mjml[start:end]
        out.append(mjml[at:start] + _DEFAULTS_TAG.sub(_visible, block))
        at = end
    for m in _CAROUSEL.finditer(mjml, max(body, at)):
        own = {n: v for _, n, eq, v in split_tag(m.group(0))[1] if eq}
        value = (defaults.resolve("mj-carousel", own, "thumbnails") or "visible").strip("\"'")
        end = mjml.find("</mj-carousel>", m.end())
        images = mjml.count("<mj-carousel-image", m.end(), end if end != -1 else len(mjml))
        counts.append((value == "supported", 0 if value == "hidden" else images))
        out.append(mjml[at : m.start()] + _visible(m))
        at = m.end()
    fixing.carousel_thumbnails = counts
    out.append(mjml[at:])
    return "".join(out)


def _visible(tag: re.Match[str]) -> str:
    return _SUPPORTED.sub(r'\1"visible"', tag.group(0))


def hide_supported_thumbnails(html: str, fixing: Fixing) -> str:
    if not fixing.carousel_thumbnails:
        return html
    if not any(hidden for hidden, _ in fixing.carousel_thumbnails):
        return html
    thumbnails = list(_THUMBNAIL.finditer(html))
    if len(thumbnails) != sum(count for _, count in fixing.carousel_thumbnails):
        return html  # a link of the designer's own with that class: whose is whose?
    hidden = [h for h, count in fixing.carousel_thumbnails for _ in range(count)]
    out: list[str] = []
    at = 0
    for hide, m in zip(hidden, thumbnails, strict=True):
        if hide:
            out.append(
                html[at : m.start()] + m.group(0).replace("display:inline-block;", "display:none;")
            )
            at = m.end()
    out.append(html[at:])
    return "".join(out)
