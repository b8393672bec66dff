"""What the text part's walks share: the writer of lines and paragraphs, what each element
is to them, and the last tidying of the lines. The walk over lxml's tree (text.py) and the
walk over a body shape remembered across jobs (text_shapes.py) write through the same
code, so the two cannot part on how a text is folded or a line broken."""

from __future__ import annotations

import re

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "center",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tr",
        "ul",
    ]
)
_SKIP = frozenset(
    [
        "head",
        "style",
        "script",
        "title",
        "img",
        "input",
        "select",
        "textarea",
        "noscript",
        "template",
        "svg",
    ]
)
_FOLD = re.compile(r"[ \t\n\r\f]+")  # not \s: that would fold the no-break spaces we keep
_BLANKS = re.compile(r"\n{3,}")
# What a line of nothing visible holds: a spacer's lone &nbsp; or MJML's &#8202; (hair space).
# Every character but "\n" that str.isspace() (and regular expressions' \s) counts as a space,
# and the zero-width ones.
_INVISIBLE = (
    "\t\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff"
)


# Styles that hide an element's text in every browser-based client (what caniemail.com finds
# each of them to support), so no reader of the HTML sees it and the text part leaves it out:
# display:none, and the hand-written hidden preheader's max-height:0 (or max-width:0) with
# overflow:hidden on an element drawn as a block. Not these, which a client in wide use shows
# anyway: the `hidden` attribute (dropped by Gmail, Outlook.com, Yahoo), visibility:hidden
# (Gmail), opacity:0 (AOL, GMX, Orange, WEB.DE webmails), height:0 (Yahoo, AOL); nor
# mso-hide:all (Outlook's Word engine only), font-size:0 or line-height:0 (a child with its
# own size shows; MJML's columns use font-size:0px to close the gaps between inline blocks).
_HIDDEN = re.compile(r"display\s*:\s*none", re.I)
# Declarations read with str methods in the style lowered and without blanks (a regular
# expression tried at each character of a long style cost several microseconds)
_BLANKS_IN_CSS = re.compile("[\t\n\r\f]+")
_ZERO = re.compile(r"(?:0+(?:\.0*)?|\.0+)(?:px|pt|em|rem|%)?")
# Elements a browser draws as blocks, whose max-height and max-width apply (not a table's: a
# table and its rows and cells grow to their content; not an inline element's: it has none)
_BOXES = _BLOCKS.difference(["table", "tr"]).union(["li"])


def hides(style: str | None, tag: str) -> bool:
    """Whether an element of this tag and style attribute is left out of the text part. Most
    styles hold neither word, and two scans are cheaper than a regular expression."""
    if not style or not ("none" in style or "hidden" in style):
        return False
    if "none" in style and _HIDDEN.search(style):
        return True
    if "hidden" not in style:
        return False
    css = style.lower()
    if "max-" not in css:
        return False
    if " " in css:
        css = css.replace(" ", "")
    if "\t" in css or "\n" in css or "\r" in css or "\f" in css:
        css = _BLANKS_IN_CSS.sub("", css)
    zeros = ("max-height:0", "max-width:0", "max-height:.", "max-width:.")
    if not any(zero in css for zero in zeros):
        return False  # a style with max-width:600px, as MJML writes on each section
    overflow = _declared(css, "overflow")  # the last declaration of each wins, as in CSS
    if not overflow or overflow[-1] != "hidden":
        return False
    if not any(
        values and _ZERO.fullmatch(values[-1])
        for values in (_declared(css, "max-height"), _declared(css, "max-width"))
    ):
        return False
    display = _declared(css, "display")
    if not display:
        return tag in _BOXES
    return display[-1] in ("block", "inline-block", "list-item")


def _declared(css: str, name: str) -> list[str]:
    """The values `css` (lowered, without blanks) gives property `name`, `!important` cut."""
    values = []
    start = css.find(name + ":")
    while start >= 0:
        if not start or css[start - 1] == ";":
            value = css[start + len(name) + 1 :].split(";", 1)[0]
            values.append(value.removesuffix("!important"))
        start = css.find(name + ":", start + 1)
    return values


class _Writer:
    """The text so far and the line breaks owed before the next piece of it."""

    __slots__ = ("at_line_start", "last_link", "link_end", "parts", "pending")

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pending = 0  # line breaks owed before the next text: 1 = new line, 2 = paragraph
        self.at_line_start = True
        self.link_end = -1  # len(parts) just after the last link written (see write_link)
        # (index in parts, href, label) of the last link written
        self.last_link: tuple[int, str, str] | None = None

    def text(self, s: str, fold: bool = True) -> None:
        if fold:
            if "  " in s or "\n" in s or "\t" in s or "\r" in s or "\f" in s:
                s = _FOLD.sub(" ", s)  # most pieces have nothing to fold, and a check is cheaper
            if self.at_line_start or self.pending or (s[:1] == " " and self.parts[-1][-1:] == " "):
                s = s.lstrip(" ")  # a browser shows one space where two folded runs meet
        if not s:
            return
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0
        self.parts.append(s)
        self.at_line_start = s.endswith("\n")

    def brk(self, lines: int) -> None:
        if self.parts and self.pending < lines:
            self.pending = lines
        self.at_line_start = True

    def newline(self) -> None:
        """`<br>`: a line break that survives even between two breaks."""
        self.parts.append("\n" * (self.pending or 1))
        self.pending = 0
        self.at_line_start = True


# What a walk does with each element, looked up once per element instead of a chain of
# tests: the walk visits every element of the email (~100 for a one-screen MJML email),
# so its per-element cost is most of the text part's.
_BR, _A, _LIST, _LI, _CELL, _BLOCK, _TR, _PARA = range(1, 9)
_KIND = {
    **{tag: _BLOCK for tag in _BLOCKS},
    "br": _BR,
    "a": _A,
    "ul": _LIST,
    "ol": _LIST,
    "li": _LI,
    "td": _CELL,
    "th": _CELL,
    "tr": _TR,
    "p": _PARA,
    "div": _PARA,
    **dict.fromkeys(_SKIP, -1),
}


def tidy(text: str) -> str:
    """Lines without trailing spaces or tabs, a line of nothing visible made empty, at most one
    blank line in a row and none around. One pass over the lines: the regular expressions it
    replaced tried a match at every character (~0.015 ms a small email)."""
    lines = text.split("\n")
    text = "\n".join([line.rstrip(" \t") if line.strip(_INVISIBLE) else "" for line in lines])
    if "\n\n\n" in text:
        text = _BLANKS.sub("\n\n", text)
    return text.strip() + "\n"


def write_bullet(out: _Writer, lists: list[list[int]]) -> None:
    """A list item's `* ` or `N. `, indented two spaces per level."""
    counter = lists[-1]
    if counter[0] >= 0:
        counter[0] += 1
    bullet = f"{counter[0]}. " if counter[0] >= 0 else "* "
    out.text("  " * (len(lists) - 1) + bullet, fold=False)
    out.at_line_start = True


def write_link(out: _Writer, label: str, href: str | None, alt: str | None = None) -> None:
    """A link as `label <url>`, the label alone for in-page anchors and `javascript:`. The
    bare URL when the label is the URL or empty; an image link's label is its image's alt
    (`alt`: the first one not blank, asked only when the content wrote nothing); a mailto link
    whose label is the address is the address alone. `label`: what its content wrote.

    Links one after the other with nothing between (a navbar's, side by side in the HTML) are
    two spaces apart, as cells are. A link to the URL of the link just before, only blanks
    between (a social icon then its name), is written once: it replaces a bare one, and is
    left out after one of the same label (an icon whose alt is the name)."""
    label = label.strip()
    href = (href or "").strip()
    if not href or href.startswith("#") or href.lower().startswith("javascript:"):
        out.text(label)
        return
    if not label and alt:
        label = alt.strip()
    if not label or label == href:
        shown = href
    elif label == href.removeprefix("mailto:"):
        shown = label
    else:
        shown = f"{label} <{href}>"
    parts = out.parts
    last = out.last_link
    if (
        last is not None
        and last[1] == href
        and last[0] < len(parts)
        and not "".join(parts[last[0] + 1 :]).strip()
    ):
        if label == last[2]:
            return
        if not last[2] and parts[last[0]] == href:
            parts[last[0]] = _FOLD.sub(" ", shown)
            out.last_link = (last[0], href, label)
            return
    if out.link_end == len(parts) and not out.pending and not out.at_line_start:
        out.text("  ", fold=False)
    before = len(parts)
    out.text(shown)
    if len(parts) > before:
        out.link_end = len(parts)
        out.last_link = (len(parts) - 1, href, label)
