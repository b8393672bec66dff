"""The texts and values of a compiled email that css-inline's work does not depend on, and
what css-inline writes for each: the emails of a template (its variants, its locales, its
campaigns) differ there and nowhere else, so inline.py inlines the email with a placeholder
in each place once and fills each email's own texts in (`cut`).

css-inline reads the HTML with html5ever, matches the stylesheet's selectors against the tree
and writes the tree back. A run is replaced only where its fate is proven the placeholder's:

- Text between two tags in `<body>`, and the `<title>` text. Selectors never read text, but
  for `:empty`, which a run that is not empty cannot change. The tree builder treats a
  character by its class alone (NUL, white space, other), and only a run of white space may
  be placed apart (in a table, a column group, before `<body>`), so runs of white space are
  kept and a run is replaced only if it holds other characters, as the placeholder does.
  Elements whose content is not read as markup or where the class of each character counts
  (script, style, textarea, pre, template, svg, math, frameset, col...) refuse the email.
- Values of `href`, `src`, `alt`, `title`, `aria-label` and `lang` on elements of the body
  and on `<html>`: only when no stylesheet names the attribute (an attribute selector,
  `:lang()`) nor escapes a character (which could spell any name). css-inline's own
  pseudo-classes (`:link`) look at whether `href` is there, not at its value.

What css-inline writes is worked out as html5ever reads (a carriage return made a line
feed, references decoded) and css-inline's serializer writes (`&`, a no-break space, `<` and
`>` escaped in text; `&`, a no-break space and `"` in a value). A run is kept in the HTML
inlined (and so in the key of what is shared) when anything about it is uncertain: a
control character, a lone surrogate, a noncharacter, a reference that could be read two
ways (`&amp` without `;`, `&#128;`), a value with `<` or `>`. Anything the document says that
this reading does not cover plainly (a tag it does not know the shape of, a comment with
`--` inside, text after `</body>`) refuses the email: it is inlined by itself.

The steps after css-inline (`juice_compat`, `strip_important`, `_at_rules_last`) then work the
same on the filled HTML as on the one with placeholders: a value holding "important" or
"style=", a title holding `-->` or a pseudo-class name set aside (`:hover`), are kept.

Reading an email through (`cut`) costs several times what filling it in does, so a job's
email is first compared with skeletons already made (`Skeleton.fill_in`): the pieces between
the placeholders must be the email's, each run a text without `<` or a value without `"`
that would be replaced there. html5ever then reads the email as it read the skeleton, each
run in its placeholder's place (a reference cannot reach past the run: a `<` or a `"` ends
it), so the skeleton's proof holds for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from html.entities import html5

from mailglot.render.juice_compat import HINT

_W = "[ \t\n\r\f]"  # white space, as the tokenizer reads it (a CR becomes a LF first)
_NAME = "[a-zA-Z][-a-zA-Z0-9:_.]*+"
_ANAME = "[a-zA-Z_:][-a-zA-Z0-9_:.]*+"
_ATTRS = f'(?:{_W}++{_ANAME}(?:="[^"]*+")?+)*+{_W}*+'
# A comment that ends at its first `-->` as html5ever reads it: no `<!-->` or `<!--->`, no
# `--` inside (so no `--!>`, which also ends one).
_COMMENT = "<!--(?!-?>)[^-]*+(?:-(?!-)[^-]*+)*+-->"
_HEAD_ITEM = f"(?:<meta{_ATTRS}/?>|<link{_ATTRS}/?>|<style{_ATTRS}>[^<]*+</style>|{_COMMENT})"
_HEAD_ITEMS = f"(?:{_HEAD_ITEM}{_W}*+)*+"
_PREFIX = re.compile(
    f"(?i:<!doctype html>)?+{_W}*+(<html{_ATTRS}>){_W}*+<head>{_W}*+{_HEAD_ITEMS}"
    f"(?:<title>([^<]*+)</title>{_W}*+{_HEAD_ITEMS})?+</head>{_W}*+(<body{_ATTRS}>)"
)
# Start tags that change how what follows is read (raw text, foreign content, a leading line
# feed dropped, white space placed apart) or that css-inline reads (a stylesheet): refused.
_SPECIAL = (
    "(?i:script|style|title|textarea|xmp|iframe|noembed|noframes|noscript|plaintext"
    "|template|svg|math|pre|listing|frameset|frame|col|colgroup|html|head|body"
    "|link|meta|base|isindex)"
    f"(?:{_W}|/|>)"
)
NAMES = ("href", "src", "alt", "title", "aria-label", "lang")
_NAMED = f"(?i:{'|'.join(NAMES)})="
_BORING = (
    f"{_COMMENT}"
    f"|</(?!(?i:body|html)(?:{_W}|>)){_NAME}{_W}*+>"
    f"|{_W}++(?=<)"
    f'|<(?!{_SPECIAL}){_NAME}(?:{_W}++(?!{_NAMED}){_ANAME}(?:="[^"]*+")?+)*+{_W}*+/?>'
)
_ITEM = re.compile(
    f"(?:{_BORING})*+(?:([^<]++)|(<(?!{_SPECIAL}){_NAME}{_ATTRS}/?>)"
    f"|(</body>{_W}*+</html>{_W}*+\\Z))"
)
_ATTR = re.compile(f'{_W}++({_ANAME})(?:="([^"]*+)")?+')
# Characters kept wherever they are: controls but tab, line feed and form feed (a carriage
# return is read as a line feed: only text that holds one is worked out), lone surrogates
# (which cannot reach css-inline), noncharacters. Those beyond the first plane are looked for
# apart: a class with them is read several times slower.
_BMP_ODD = "\x00-\x08\x0b\x0d-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
_ODD = re.compile(
    f"[{_BMP_ODD}"
    + "".join(
        chr(plane | 0xFFFE) + chr(plane | 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)
    )
    + "]"
)
# What sends a run the long way: markup, a quote, a reference, a raw no-break space (written
# `&nbsp;`), an odd character, a character beyond the first plane (which might be one)
_NOT_PLAIN = re.compile(f'[&<>"\xa0{_BMP_ODD}\U00010000-\U0010ffff]')
_NOT_PLAIN_BUT_AMPERSAND = re.compile(f'[<>"\xa0{_BMP_ODD}\U00010000-\U0010ffff]')
# What a reference in a run must be to be read one way: a name with its `;` (the longest
# name html5ever can match), a number with its `;`, or a lone `&` before a character that
# starts neither
_REFERENCE = re.compile(r"&(?:([a-zA-Z][a-zA-Z0-9]*+;)|#([0-9]{1,7});|#[xX]([0-9a-fA-F]{1,6});)?")
_AFTER_LONE = re.compile("[a-zA-Z0-9#]")
_NOT_SPACE = re.compile("[^ \t\n\f]")


# What a placeholder stands for: what is asked of a run there, and how it is written
TEXT, TITLE, VALUE, HTML_VALUE = range(4)  # HTML_VALUE: a value of the `<html>` tag


@dataclass(frozen=True)
class Skeleton:
    """An email with a placeholder for each run, as the pieces around the placeholders."""

    pieces: tuple[str, ...]  # pieces[0], placeholder 0, pieces[1], ..., pieces[-1]
    kinds: tuple[int, ...]  # what each placeholder stands for
    text: str  # the HTML with the placeholders

    def fill_in(self, html: str) -> tuple[str, ...] | None:
        """What css-inline writes for each run of an email that is this skeleton with its
        own runs, or None when it is not (another piece, a run that would be kept)."""
        pieces = self.pieces
        if not html.startswith(pieces[0]):
            return None
        pos = len(pieces[0])
        written = []
        for kind, piece in zip(self.kinds, pieces[1:], strict=True):
            end = html.find('"' if kind >= VALUE else "<", pos)
            if end == -1 or not html.startswith(piece, end):
                return None
            run = html[pos:end]
            forms = _FORMS[kind]
            form = forms.get(run, "")
            if form == "":
                if len(forms) >= 1024:  # bounded: serve runs for hours
                    forms.clear()
                form = forms[run] = _WRITE[kind](run)
            if form is None:
                return None
            written.append(form)
            pos = end + len(piece)
        return tuple(written) if pos == len(html) else None


def placeholder(mark: str, number: int) -> str:
    return f"mglot{mark}r{number}x"


def stylesheet_names(head: str) -> frozenset[str]:
    """The names of NAMES whose values may be replaced under this head's stylesheets: those
    no `<style>` names (in any case; the blocks in comments counted too), none if one
    escapes a character."""
    css = "".join(re.findall(r"<style\b[^>]*>([^<]*)", head, re.I)).lower()
    if "\\" in css:
        return frozenset()
    return frozenset(name for name in NAMES if name not in css)


_NAMES: dict[str, frozenset[str]] = {}  # a head, its title cut out -> stylesheet_names


def _head_names(html: str, start: re.Match[str]) -> frozenset[str]:
    """stylesheet_names of the email's head, kept per head without its title: the jobs of a
    template and locale share it."""
    a, b = start.span(2) if start.group(2) is not None else start.span(3)
    head = html[start.end(1) : a] + html[b : start.start(3)]
    names = _NAMES.get(head)
    if names is None:
        if len(_NAMES) >= 64:  # bounded: serve runs for hours
            _NAMES.clear()
        names = _NAMES[head] = stylesheet_names(head)
    return names


def cut(html: str, mark: str) -> tuple[Skeleton, tuple[str, ...]] | None:
    """The email's skeleton and what css-inline writes for each of its runs, or None when
    the email is not written plainly enough to know where they are (then it is inlined by
    itself)."""
    start = _PREFIX.match(html)
    if start is None:
        return None
    names = _head_names(html, start)
    spans: list[tuple[int, int, int, str]] = []  # (start, end, kind, written) of each run
    _values(html, start.span(1), names, spans, HTML_VALUE)
    if start.group(2) is not None:
        _add(spans, start.span(2), TITLE, html)
    _values(html, start.span(3), names, spans, VALUE)
    pos = start.end()
    while True:
        m = _ITEM.match(html, pos)
        if m is None:
            return None
        pos = m.end()
        if m.group(1) is not None:
            _add(spans, m.span(1), TEXT, html)
        elif m.group(2) is not None:
            _values(html, m.span(2), names, spans, VALUE)
        else:
            break
    pieces = []
    done = 0
    for a, b, _, _ in spans:
        pieces.append(html[done:a])
        done = b
    pieces.append(html[done:])
    text = "".join(
        piece + (placeholder(mark, n) if n < len(spans) else "") for n, piece in enumerate(pieces)
    )
    skeleton = Skeleton(tuple(pieces), tuple(kind for _, _, kind, _ in spans), text)
    return skeleton, tuple(form for _, _, _, form in spans)


def _add(spans: list, span: tuple[int, int], kind: int, html: str) -> None:
    form = _WRITE[kind](html[span[0] : span[1]])
    if form is not None:
        spans.append((*span, kind, form))


def _values(html: str, tag: tuple[int, int], names: frozenset[str], spans: list, kind: int) -> None:
    """The values of a start tag (html[tag[0]:tag[1]]) that may be replaced, added."""
    if names:
        seen = set()  # html5ever keeps the first of an attribute given twice
        for m in _ATTR.finditer(html, *tag):
            name = m.group(1).lower()
            if m.group(2) and name in names and name not in seen:
                _add(spans, m.span(2), kind, html)
            seen.add(name)


def _verbatim(run: str) -> bool:
    """Whether html5ever reads the run as it is written and css-inline writes it back so, in
    an element or a value: of references only `&amp;` and `&nbsp;` (read as "&" and a
    no-break space, written back so), no markup, quote, odd character or raw no-break space
    (written `&nbsp;`). Each `&` must begin one of those two (they cannot overlap, so their
    counts tell), counted rather than matched: the email's preheader holds a hundred."""
    found = _NOT_PLAIN.search(run)
    if found is None:
        return True
    return (
        run.count("&") == run.count("&amp;") + run.count("&nbsp;")
        and _NOT_PLAIN_BUT_AMPERSAND.search(run, found.start()) is None
    )


def _text(run: str) -> str | None:
    """How css-inline writes a run of text, or None to keep it: a run of white space alone
    (once references are read) may be placed apart (see the module's docstring)."""
    if _verbatim(run):
        # references read as characters that are not space: the run's class is its own
        return run if _NOT_SPACE.search(run) else None
    decoded = _decoded(run)
    if decoded is None or _NOT_SPACE.search(decoded) is None:
        return None
    return _escaped(decoded)


def _escaped(decoded: str) -> str:
    """A text as css-inline writes it again: `&`, no-break spaces, `<` and `>` as references."""
    return (
        decoded.replace("&", "&amp;")
        .replace("\xa0", "&nbsp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
    )


def _title(run: str) -> str | None:
    """The `<title>` text: not empty (`:empty`), no `-->` or pseudo-class name set aside
    (juice_compat.set_aside reads the head up to its first `-->` or for those names)."""
    if not run or "-->" in run or HINT.search(run):
        return None
    if _verbatim(run):
        return run
    decoded = _decoded(run)
    if not decoded:
        return None
    return _escaped(decoded)


def _value(raw: str) -> str | None:
    """How css-inline writes an attribute's value, or None to keep it: empty, or holding `<`,
    `>`, "important" or "style=" (what the steps after css-inline look for in tags)."""
    if not raw:
        return None
    verbatim = _verbatim(raw)
    decoded = raw if verbatim else _decoded(raw)  # as far as the words below go
    if decoded is None or "<" in decoded or ">" in decoded:
        return None
    lowered = decoded.lower()
    if "important" in lowered or "style=" in lowered:
        return None
    if verbatim:
        return raw
    return decoded.replace("&", "&amp;").replace('"', "&quot;").replace("\xa0", "&nbsp;")


def _html_value(raw: str) -> str | None:
    """A value of the `<html>` tag, read by set_aside's shortcut as the head is."""
    return None if HINT.search(raw) else _value(raw)


_WRITE = (_text, _title, _value, _html_value)  # by kind
# By kind, runs seen -> their written form (None: kept): the jobs of a campaign share most
# of their texts, the variants of a job all but the subject (no run is written empty)
_FORMS: tuple[dict[str, str | None], ...] = ({}, {}, {}, {})


def _decoded(raw: str) -> str | None:
    """The characters html5ever reads from a run or a value, or None when unsure."""
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    out: list[str] = []
    done = 0
    for m in _REFERENCE.finditer(text):
        name, decimal, hexadecimal = m.groups()
        if name is not None:
            char = html5.get(name)
        elif decimal is not None or hexadecimal is not None:
            char = _code_point(int(decimal, 10) if decimal else int(hexadecimal, 16))
        else:
            char = None if _AFTER_LONE.match(text, m.end()) else "&"
        if char is None:
            return None
        out += (text[done : m.start()], char)
        done = m.end()
    out.append(text[done:])
    decoded = "".join(out)
    return None if _ODD.search(decoded) else decoded


def _code_point(number: int) -> str | None:
    """The character a numeric reference stands for, when html5ever reads it as that one;
    those it reads otherwise (NUL, C1 controls read as Windows-1252, surrogates) are odd
    characters, which `_decoded` refuses, as it does other controls and noncharacters."""
    return chr(number) if number <= 0x10FFFF else None
