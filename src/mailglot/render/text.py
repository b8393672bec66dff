"""Step 4: the plain-text part, readable on its own in a text-only client."""

from __future__ import annotations

import re

import html2text
from lxml import html as lxml_html

_LINK = re.compile(r"\[([^\]\n]*)\]\(([^)\s]+)\)")
_BLANKS = re.compile(r"\n{3,}")
_KEEP = "\u00a0\u202f\u2007"  # no-break, narrow no-break and figure spaces
_PROTECT = {ord(c): 0xE000 + i for i, c in enumerate(_KEEP)}  # private-use stand-ins
_RESTORE = {0xE000 + i: c for i, c in enumerate(_KEEP)}


def _visible_html(html: str) -> str:
    """Drop what is never shown (the hidden preheader, <head>, MSO-only blocks)."""
    doc = lxml_html.document_fromstring(html)
    for el in doc.xpath(
        '//*[contains(translate(@style," ",""),"display:none")] | //head | //style'
    ):
        el.drop_tree()
    return lxml_html.tostring(doc, encoding="unicode")


def html_to_text(html: str) -> str:
    conv = html2text.HTML2Text()
    conv.body_width = 0  # clients wrap; hard wraps break URLs and CJK text
    conv.ignore_images = True
    conv.ignore_emphasis = True
    conv.ignore_tables = True
    conv.unicode_snob = True
    conv.single_line_break = False
    # html2text folds no-break spaces into plain ones; they keep "9,99 €" and "50 %" together.
    text = conv.handle(_visible_html(html).translate(_PROTECT)).translate(_RESTORE)
    # Markdown links read badly in a text email; "Watch now <https://...>" (RFC 3986 appendix C)
    # reads well in every language, with no colon rules to get wrong.
    text = _LINK.sub(
        lambda m: (
            f"{m.group(1)} <{m.group(2)}>"
            if m.group(1).strip() and m.group(1).strip() != m.group(2)
            else m.group(2)
        ),
        text,
    )
    lines = [line.rstrip() for line in text.splitlines()]
    return _BLANKS.sub("\n\n", "\n".join(lines)).strip() + "\n"
