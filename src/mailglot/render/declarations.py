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
COMMENT_OR_TAG = re.compile(r"<!--.*?-->|" + TAG.pattern, re.S)
# only the tags that need it: the callback per tag cost more than the inlining itself
_COMMENT_OR_IMPORTANT_TAG = re.compile(
    r"<!--.*?-->|<[A-Za-z][^<>]*?!\s*important[^<>]*>", re.S | re.I
)
STYLE_ATTR = re.compile(r'(\sstyle=)"([^"]*)"')
_IMPORTANT = re.compile(r"\s*!\s*important\s*$", re.I)
_SPLIT = re.compile(r";(?![^(]*\))")  # a ';' outside url(...) / var(...)

Declaration = tuple[str, str, bool]  # property (lower case), value, important


def map_tags(html: str, change: Callable[[str], str]) -> str:
    """Apply `change` to every start tag outside comments: MSO conditional comments hold
    markup for Outlook that juice leaves byte for byte."""
    return COMMENT_OR_TAG.sub(
        lambda m: m.group(0) if m.group(0).startswith("<!--") else change(m.group(0)), html
    )


def parse(style: str) -> list[Declaration]:
    """`color: red; width: 10px !important` -> [("color", "red", False), ("width", ...)]."""
    out: list[Declaration] = []
    for part in _SPLIT.split(style):
        name, sep, value = part.partition(":")
        name, value = name.strip().lower(), value.strip()
        if not sep or not name or not value:
            continue
        important = bool(_IMPORTANT.search(value))
        out.append((name, _IMPORTANT.sub("", value) if important else value, important))
    return out


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
    conditionals, Outlook's) and the stylesheets are left as they are."""
    out: list[str] = []
    done = 0
    at = html.find("important")
    while at != -1:
        start = html.rfind("<", 0, at)
        end = html.find(">", at)
        if start < done or end == -1 or html.rfind(">", 0, at) > start:
            at = html.find("important", at + 9)  # text or CSS, not inside a start tag
            continue
        if not html[start + 1 : start + 2].isalpha() or _in_comment(html, start):
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


def _in_comment(html: str, at: int) -> bool:
    return html.rfind("<!--", 0, at) > html.rfind("-->", 0, at)


def _important_last(style: str) -> str:
    if "important" not in style:
        return style
    return serialize(parse(style))
