"""CSS declarations inside `style="..."` attributes, merged and cleaned the way juice does.

juice (what MJML users inline with) settles a property set both by a stylesheet rule and by
the element's own `style` attribute by importance first: a stylesheet `!important` beats the
element's own value, which beats a normal stylesheet value. It then writes the winner without
`!important`, so the `@media` overrides left in `<style>` (MJML's responsive columns, dark
mode) can still change it. These helpers work on the serialized HTML with regular expressions:
both inliners write attributes double-quoted, and a parse and re-serialize would cost more
than the inlining itself.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# A start tag with its attributes; quoted values may hold '>' or '<'. Possessive, as
# tags.ATTRIBUTES: the same matches, found faster.
TAG = re.compile(
    r"""<[A-Za-z][\w:-]*+(?:\s++[^\s"'=<>/]++(?:\s*+=\s*+(?:"[^"]*+"|'[^']*+'|[^\s"'=<>`]++))?+)*+"""
    r"""\s*/?>"""
)
# Searched for in a copy of the text read in linear time (`readable`, `comments_and_tags`).
COMMENT_OR_TAG = re.compile(r"<!--.*?-->|" + TAG.pattern, re.S)
_NOT_A_BANG = "\0"  # read as "!" by TAG, and no comment starts with "<\0--"
STYLE_ATTR = re.compile(r'(\sstyle=)"([^"]*)"')
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)
_IMPORTANT_WORD = re.compile(r"important", re.I)
_SPLIT = re.compile(r";(?![^(]*\))")  # a ';' outside url(...) / var(...)
_SPLIT_MARKS = re.compile(r"[;()]")

Declaration = tuple[str, str, bool]  # property (lower case), value, important


def readable(html: str) -> str:
    """`html`, or a copy of it where COMMENT_OR_TAG finds the same spans in linear time.

    A `<!--` that no `-->` follows is no comment, but the lazy `.*?` looks for its end up
    to the end of the text, once for each such `<!--`: quadratic (40 KB of them took 4 s).
    Whether any `-->` follows is known once, from the last one; the copy has another
    character for the `!` of each `<!--` after it, which TAG reads as it reads `!`."""
    tail = max(html.rfind("-->") - 3, 0)
    if html.find("<!--", tail) == -1:
        return html
    return html[:tail] + html[tail:].replace("<!--", f"<{_NOT_A_BANG}--")


def comments_and_tags(html: str) -> list[str]:
    """`COMMENT_OR_TAG.findall(html)`, in linear time. Without a `<!--` no comment can
    match, and `TAG` alone finds the same tags a fifth faster (it starts at `<` only)."""
    if "<!--" not in html:
        return TAG.findall(html)
    masked = readable(html)
    if masked is html:
        return COMMENT_OR_TAG.findall(html)
    return [html[m.start() : m.end()] for m in COMMENT_OR_TAG.finditer(masked)]


def map_tags(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to every start tag outside comments: MSO conditional comments hold
    markup for Outlook that juice leaves byte for byte."""
    masked = readable(html)
    if masked is html:
        return COMMENT_OR_TAG.sub(
            lambda m: m.group(0) if m.group(0).startswith("<!--") else change(m.group(0)), html
        )
    out: list[str] = []
    done = 0
    for m in COMMENT_OR_TAG.finditer(masked):
        start, end = m.span()
        text = html[start:end]
        out.append(html[done:start])
        out.append(text if text.startswith("<!--") else change(text))
        done = end
    out.append(html[done:])
    return "".join(out)


def parse(style: str) -> list[Declaration]:
    """`color: red; width: 10px !important` -> [("color", "red", False), ("width", ...)]."""
    out: list[Declaration] = []
    for part in _split(style):
        name, sep, value = part.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not sep or not name or not value:
            continue
        kept = _without_important(value) if "!" in value else None
        out.append((name, value, False) if kept is None else (name, kept, True))
    return out


def _split(style: str) -> list[str]:
    """`_SPLIT.split(style)`, in linear time: its look-ahead read on to the next "(" from
    every ";" (quadratic: 40 KB of ";" took 1.4 s). A ";" is kept when the first
    parenthesis after it is a ")"."""
    if style.count(";") <= 64:
        return _SPLIT.split(style)
    out: list[str] = []
    end = len(style)
    after = ""  # the first parenthesis after the current mark
    for m in reversed(list(_SPLIT_MARKS.finditer(style))):
        if m.group() != ";":
            after = m.group()
        elif after != ")":
            out.append(style[m.end() : end])
            end = m.start()
    out.append(style[:end])
    out.reverse()
    return out


def _without_important(value: str) -> str | None:
    """`value` less what `_IMPORTANT` finds in it, or None if it finds nothing; in linear
    time (the search tried `\\s*!` at each space of a run of them: quadratic)."""
    rest = value.rstrip()
    if len(rest) < 9 or not _IMPORTANT_WORD.fullmatch(rest, len(rest) - 9):
        return None
    rest = rest[:-9].rstrip()
    if not rest.endswith("!"):
        return None
    return rest[:-1].rstrip()


def serialize(declarations: list[Declaration]) -> str:
    """juice's form: `prop: value;` joined by spaces, `!important` dropped and those
    declarations moved last (juice sorts by importance), so they still win over a shorthand
    that came after them."""
    ordered = [d for d in declarations if not d[2]] + [d for d in declarations if d[2]]
    return " ".join(f"{name}: {value};" for name, value, _ in ordered)


def merge(from_sheet: list[Declaration], own: list[Declaration]) -> list[Declaration]:
    """The cascade juice applies between inlined rules and the element's own style."""
    winners: dict[str, Declaration] = {}
    for decl in from_sheet:
        winners.pop(decl[0], None)  # a later declaration of a property moves it to the end
        winners[decl[0]] = decl
    for decl in own:
        held = winners.get(decl[0])
        if held is not None and held[2] and not decl[2]:
            continue  # the stylesheet's !important wins over the element's own value
        winners.pop(decl[0], None)
        winners[decl[0]] = decl
    return list(winners.values())


def strip_important(html: str) -> str:
    """Drop `!important` from every style attribute, as juice writes inlined values, and
    move those declarations last, as juice sorts them: `border-color: #ccc !important`
    must still beat a `border: 2px solid transparent` that came after it.

    Only the tags around an occurrence of "important" are visited (a regular expression or
    a callback per tag cost more than css-inline itself); tags inside comments (MSO
    conditionals, Outlook's) and the stylesheets are left as they are. The places asked
    about only move on, so each look back for the last "<", ">", "<!--" or "-->" reads only
    what lies after the place asked before, and the next ">" is looked for again only once
    it is passed: a long text with many "important" was read back to its start once for
    each (quadratic; 0.4 MB took 0.5 s)."""
    at = html.find("important")
    if at == -1:
        return html
    out: list[str] = []
    done = 0
    read = 0  # html[:read] looked at for "<" and ">"
    lt = gt = -1  # their last places there
    looked = 0  # html[:looked] looked at for "<!--" and "-->"
    opened = closed = -1  # their last places there
    next_gt = html.find(">", at)
    while at != -1:
        if at > next_gt != -1:
            next_gt = html.find(">", at)
        found = html.rfind("<", read, at)
        if found != -1:
            lt = found
        found = html.rfind(">", read, at)
        if found != -1:
            gt = found
        read = at
        start, end = lt, next_gt
        if start < done or end == -1 or gt > start:
            at = html.find("important", at + 9)  # text or CSS, not inside a start tag
            continue
        if start > looked:
            since = looked - 3 if looked > 3 else 0  # what ends after html[:looked]
            found = html.rfind("<!--", since, start)
            if found != -1:
                opened = found
            found = html.rfind("-->", since, start)
            if found != -1:
                closed = found
            looked = start
        if not html[start + 1 : start + 2].isalpha() or opened > closed:
            at = html.find("important", end)
            continue
        tag = html[start : end + 1]
        out.append(html[done:start])
        out.append(STYLE_ATTR.sub(lambda s: f'{s.group(1)}"{_important_last(s.group(2))}"', tag))
        done = end + 1
        at = html.find("important", done)
    if not out:
        return html
    out.append(html[done:])
    return "".join(out)


def _important_last(style: str) -> str:
    if "important" not in style:
        return style
    return serialize(parse(style))
