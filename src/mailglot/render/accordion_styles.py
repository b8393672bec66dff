"""mj-accordion's title and text styles as Node mjml 5 writes them (a fix of `mjml_fixes`).

- MRML writes a side of the padding before the shorthand (`padding-bottom:17px;padding:16px`)
  in the title's and the text's cell, so the shorthand undoes it; Node writes the shorthand
  first (`padding:16px;padding-bottom:17px`). The declarations are put in Node's order.
- MRML drops mj-accordion-title's `font-weight`; Node writes it after the font family. Each
  title's weight is resolved before compiling (own, mj-class, mj-attributes, mj-all:
  `mjml_defaults`) and written in that title's cell after compiling, title by title.
"""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing, body_start, split_tag
from mailglot.render.mjml_defaults import read_defaults

_TITLE_TAG = re.compile(r"<mj-accordion-title\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_SIDES_THEN_SHORTHAND = re.compile(
    r"((?:padding-(?:top|right|bottom|left):[^;\"]*;)+)(padding:[^;\"]*;)"
)
# the cell of an accordion title's text (after the icon's when that is on the left), or of
# its content, exactly as MRML writes them: markup of the designer's own is not read
_CELL = re.compile(
    r'<div class="mj-accordion-(title|content)"><table cellspacing="0" cellpadding="0"'
    r' style="[^"]*"><tbody><tr>(?:<!--\[if !mso \| IE\]><!--><td class="mj-accordion-ico"'
    r' style="[^"]*">(?:<img\b[^>]*>)*</td><!--<!\[endif\]-->)?<td(?: class="[^"]*")? style="([^"]*)"'
)


def note_accordion_titles(mjml: str, fixing: Fixing) -> str:
    """Each mj-accordion-title's font weight ("" for none), in document order."""
    if "accordion" not in fixing.components or "font-weight" not in mjml:
        return mjml
    body = body_start(mjml)
    if body == -1:
        return mjml
    defaults = read_defaults(mjml)
    for tag in _TITLE_TAG.findall(mjml, body):
        own = {n: v for _, n, eq, v in split_tag(tag)[1] if eq}
        weight = defaults.resolve("mj-accordion-title", own, "font-weight")
        fixing.accordion_weights.append((weight or "").strip("\"'"))
    return mjml


def accordion_styles(html: str, fixing: Fixing) -> str:
    if "accordion" not in fixing.components:
        return html
    weights = iter(fixing.accordion_weights)
    if any(fixing.accordion_weights):
        titles = sum(m.group(1) == "title" for m in _CELL.finditer(html))
        if titles != len(fixing.accordion_weights):
            weights = iter(())  # a title without its cell, or a cell without its title

    def cell(m: re.Match[str]) -> str:
        style = m.group(2)
        if "padding-" in style:
            style = _SIDES_THEN_SHORTHAND.sub(r"\2\1", style)
        weight = next(weights, "") if m.group(1) == "title" else ""
        if weight and "font-weight:" not in style:
            family = style.find("font-family:")
            cut = style.find(";", family) + 1 if family != -1 else 0
            style = style[:cut] + f"font-weight:{weight};" + style[cut:]
        if style == m.group(2):
            return m.group(0)
        return m.group(0)[: m.start(2) - m.start(0)] + style + '"'

    return _CELL.sub(cell, html)
