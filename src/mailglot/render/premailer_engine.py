"""The premailer engine (`inliner: premailer`), with its three differences from juice undone.

premailer (no release since 2021) 1) drops `color: unset` and other `unset` values,
2) lets an element's own inline value beat a stylesheet `!important`, and 3) rewrites
`<img width="184px">` to the CSS width (`width="100%"`). Each is worked around here so
both engines pass the same output tests: `unset` travels under a stand-in premailer keeps,
the element's own style is set aside and merged back with juice's cascade, and premailer
is told not to write width/height attributes.
"""

from __future__ import annotations

import logging
import re

from premailer import Premailer

from mailglot.render import declarations
from mailglot.render.declarations import map_tags

_OWN = "data-mailglot-own-style"
_UNSET = "mailglot-unset-value"  # an identifier cssutils keeps where it drops `unset`
_UNSET_IN_CSS = re.compile(r"(:\s*)unset\b", re.I)
_OWN_ATTR = re.compile(rf'\s{_OWN}="([^"]*)"')
_FONT_FACE = re.compile(r"@font-face\s*\{[^}]*\}", re.I)
_STYLE_BLOCK = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.I | re.S)
_HEAD = re.compile(r"<head\b[^>]*>", re.I)
_KEPT = '<style data-premailer="ignore">'


def inline_with_premailer(html: str) -> str:
    html = _UNSET_IN_CSS.sub(rf"\g<1>{_UNSET}", map_tags(html, _set_aside_own_style))
    html = _keep_font_faces(html)
    out = Premailer(
        html,
        allow_network=False,  # leave <link> stylesheets (web fonts) as they are: no downloads
        disable_link_rewrites=True,  # hrefs keep merge tags and tracking params untouched
        keep_style_tags=False,  # inlinable rules move to style=; @media and :hover stay
        strip_important=False,  # needed to know which values win; dropped after merging
        disable_validation=True,
        cssutils_logging_level=logging.CRITICAL,
        remove_classes=False,  # the media queries still target the classes
        disable_basic_attributes=["width", "height"],  # keep <img width="184px"> as written
    ).transform()
    out = out.replace(_KEPT, "<style>")
    return map_tags(out, _merge_own_style).replace(_UNSET, "unset")


def _keep_font_faces(html: str) -> str:
    """premailer drops @font-face rules (juice keeps them): move them to a style block that
    premailer is told to leave alone."""
    faces: list[str] = []

    def block(m: re.Match[str]) -> str:
        if m.group(0).lower().startswith("<style data-premailer"):
            return m.group(0)
        css = _FONT_FACE.sub(lambda f: faces.append(f.group(0)) or "", m.group(2))
        return m.group(1) + css + m.group(3)

    html = _STYLE_BLOCK.sub(block, html)
    head = _HEAD.search(html)
    if not faces or head is None:
        return html
    return html[: head.end()] + _KEPT + "\n".join(faces) + "</style>" + html[head.end() :]


def _set_aside_own_style(tag: str) -> str:
    if " style=" not in tag and "\tstyle=" not in tag and "\nstyle=" not in tag:
        return tag
    return declarations.STYLE_ATTR.sub(lambda s: f' {_OWN}="{s.group(2)}"', tag, count=1)


def _merge_own_style(tag: str) -> str:
    own = _OWN_ATTR.search(tag)
    if own is None:
        if "important" in tag:
            return declarations.STYLE_ATTR.sub(_rewrite_sheet_only, tag, count=1)
        return tag
    tag = tag[: own.start()] + tag[own.end() :]
    sheet = declarations.STYLE_ATTR.search(tag)
    from_sheet = declarations.parse(sheet.group(2)) if sheet else []
    merged = declarations.serialize(
        declarations.merge(from_sheet, declarations.parse(own.group(1)))
        if from_sheet
        else declarations.parse(own.group(1))
    )
    if sheet:
        return tag[: sheet.start()] + f' style="{merged}"' + tag[sheet.end() :]
    end = -2 if tag.endswith("/>") else -1
    return tag[:end] + f' style="{merged}"' + tag[end:]


def _rewrite_sheet_only(s: re.Match[str]) -> str:
    return f'{s.group(1)}"{declarations.serialize(declarations.parse(s.group(2)))}"'
