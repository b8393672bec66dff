"""A rendered MJML document read as Node mjml's parser reads it, for its validator's rules.

Node's validator (`mjml-validator`, default level "soft") walks the tree `mjml-parser-xml`
builds: htmlparser2 in HTML mode, tag names lowercased, the content of the "ending tags"
(`mj-text`, `mj-raw`, `mj-button`...) kept as raw HTML rather than read as elements, comments
left out (mailglot compiles without them, as `keepComments: false`), the root `<mjml>` not
checked and `<mj-include>` dropped (Node's `ignoreIncludes` default; MRML refuses it anyway).
Of that tree its rules look at each component's parent (`mjml.placement`), every element
that is not a component (`mjml.element`) and each component's attributes (`mjml.attribute`,
`mjml.attribute-value`).

Cost: per job, the MJML cut at its tags (`<...>`, in C) and each distinct tag read by TOKEN
once per process (TOKEN's `findall` over the whole document took about 2 us a tag, and is
still what reads a document with comments, quotes that run past a '>' or a stray '<'); the
walk through the tags is cached per distinct structure (the tags' names and slashes: a
template's jobs have a few), so per job only the attributes of the components are looked
at, and those through a cache of tags already judged.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from operator import itemgetter

from mailglot.render.mjml_rules import COMPONENTS, ENDING_TAGS, allowed

# What htmlparser2 (Node's parser, in HTML mode with `recognizeCDATA` and
# `recognizeSelfClosing`) reads, one token at a time: a tag, with "/" (and the spaces after
# it) if an end tag, its name (up to white space, "/" or ">"; an end tag's up to white space
# or ">"), its attributes as written and "/" (and spaces) if self-closing; or else, all
# groups empty, what holds no tags: a comment ("<!-->" and "<!--->" are whole ones), a CDATA
# section (text), a declaration or processing instruction (up to the next ">"), a bogus end
# tag, and a tag that never closes, which takes the rest of the text with it (as a comment
# or CDATA section left open does). The groups put together give the tag back as written.
# An attribute's name may hold quotes and begin with "="; an unquoted value runs to white
# space or ">": `<mj-spacer height=9px/>` is not self-closing and its height is "9px/".
_SPACE = "[\t\n\f\r ]"
_ATTRIBUTES = (
    rf"""(?:{_SPACE}++|/{_SPACE}*+(?!>)|[^\t\n\f\r />][^\t\n\f\r />=]*+"""
    rf"""(?:{_SPACE}*+={_SPACE}*+(?:"[^"]*+"|'[^']*+'|(?!["'])[^\t\n\f\r >]*+)"""
    rf"""|(?!{_SPACE}*+=)))*+"""
)
TOKEN = re.compile(
    r"<!--(?:-?>|.*?-->|.*)|<!\[CDATA\[(?:.*?\]\]>|.*)|<!(?:-.|[^-])[^>]*+>?|<\?[^>]*+>?"
    rf"|<(/{_SPACE}*+)?([A-Za-z](?(1)[^\t\n\f\r >]*+|[^\t\n\f\r />]*+))"
    rf"((?(1)[^>]*+|{_ATTRIBUTES}))((?(1)|(?:/{_SPACE}*+)?))>"
    rf"|</{_SPACE}*+[^A-Za-z>\t\n\f\r ][^>]*+>?|<(?:/{_SPACE}*+)?[A-Za-z].*",
    re.S,
)
# htmlparser2 reads the text of these up to an end tag of theirs, never tags in it
_TEXT_ONLY_START = re.compile(r"<(?:script|style|title|textarea)[\t\n\f\r />]", re.I | re.A)
_TEXT_ONLY_END = {
    name: re.compile(rf"</{name}(?=[\t\n\f\r >])", re.I | re.A)
    for name in ("script", "style", "title", "textarea")
}
Token = tuple[str, str, str, str]
_SHAPE = itemgetter(0, 1, 3)  # a token less its attributes
VOID = frozenset(
    [
        "area",
        "basefont",
        "command",
        "frame",
        "image",
        "keygen",
        "param",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
        "isindex",
    ]
)
# htmlparser2's start tags that end the open element first (while it is one of these)
_P, _FORM = ("p",), ("input", "option", "optgroup", "select", "button", "datalist", "textarea")
IMPLIED_ENDS: dict[str, tuple[str, ...]] = {
    "tr": ("tr", "th", "td"),
    "th": ("th",),
    "td": ("thead", "th", "td"),
    "body": ("head", "link", "script"),
    "li": ("li",),
    **dict.fromkeys(["select", "input", "output", "button", "datalist", "textarea"], _FORM),
    "option": ("option",),
    "optgroup": ("optgroup", "option"),
    **dict.fromkeys(["dd", "dt"], ("dd", "dt")),
    **dict.fromkeys(["rt", "rp"], ("rt", "rp")),
    **dict.fromkeys(["tbody", "tfoot"], ("thead", "tbody")),
    **dict.fromkeys(
        [
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "address",
            "article",
            "aside",
            "blockquote",
            "details",
            "div",
            "dl",
            "fieldset",
            "figcaption",
            "figure",
            "footer",
            "form",
            "header",
            "hr",
            "main",
            "nav",
            "ol",
            "pre",
            "section",
            "table",
            "ul",
        ],
        _P,
    ),
}
TEXT_ONLY = frozenset(["script", "style", "title", "textarea"])  # no tags read inside
# Tags Node's validator accepts without a component (rules/validTag.js), and the skipped root.
COMPONENT_LESS = frozenset(["mj-all", "mj-class", "mj-selector", "mj-html-attribute"])
SKIPPED = "mjml"
DROPPED = "mj-include"


@dataclass(frozen=True)
class Structure:
    """What Node's rules find in one structure, each element as (token index, its name,
    its parent's name or "")."""

    misplaced: tuple[tuple[int, str, str], ...]  # components their parent does not accept
    unknown: tuple[tuple[int, str, str], ...]  # elements that are no component
    components: tuple[tuple[int, str, str], ...]  # components, whose attributes are checked

    # the components' tokens of a document of this structure, picked in one C call
    component_tokens: Callable[[Sequence[Token]], tuple[Token, ...]] = field(
        compare=False, repr=False, default=lambda tokens: ()
    )
    # For the check of values from outside (untrusted_values), which walked every token for
    # them: the components' indices as a set (and that set's order), the other start tags,
    # and those of them before the first tag named mj-body.
    component_set: frozenset[int] = field(compare=False, repr=False, default=frozenset())
    component_order: tuple[int, ...] = field(compare=False, repr=False, default=())
    others: tuple[int, ...] = field(compare=False, repr=False, default=())
    head_others: tuple[int, ...] = field(compare=False, repr=False, default=())


def _picker(indices: Sequence[int]) -> Callable[[Sequence[Token]], tuple[Token, ...]]:
    if len(indices) == 1:
        only = indices[0]
        return lambda tokens: (tokens[only],)
    if not indices:
        return lambda tokens: ()
    return itemgetter(*indices)


def read(mjml: str) -> tuple[list[Token], Structure]:
    """The document's tokens, and what its structure holds for the rules."""
    tokens = find_tokens(mjml)
    return tokens, structure(tuple(map(_SHAPE, tokens)))


def find_tokens(text: str) -> list[Token]:
    """The document's tokens, each as TOKEN's groups ("" for those left out)."""
    if _TEXT_ONLY_START.search(text) is None:
        return _tags_alone(text) or TOKEN.findall(text)
    return [m.groups("") for m in token_matches(text)]


# A tag as written -> its token: a template's jobs write the same tags (per process, bounded)
_TAGS: dict[str, Token] = {}
_TAGS_MAX = 4096  # a job writes ~60 tags, a few of them new
_TAG = re.compile(r"<[^>]*+>")


def _tags_alone(text: str) -> list[Token] | None:
    """TOKEN's `findall`, when every '<' of the text begins a tag that ends at the next '>'
    (None otherwise, or for no tags). TOKEN costs ~2 us a tag over a whole document: each
    distinct tag is read by it once, and a document is cut at its '<' and '>' in C.

    The same tokens: TOKEN matches only at a '<', so none begins in the text between these
    tags; and at each tag's '<' it matches that tag's tag alternative (a name, so none of
    the alternatives before it, which need "<!" or "<?"), whose every quantifier is
    possessive: it reads the same characters the same way in the tag and in the document,
    and ends at the tag's '>', unless a quoted value runs past it, which no tag read whole
    (`fullmatch`, with a name) has. Any other tag (a comment, one that never closes) sends
    the document to TOKEN."""
    tags = _TAG.findall(text)
    if text.count("<") != len(tags):
        return None  # a '<' that begins no tag, or a tag with a '<' in it
    tokens = list(map(_TAGS.get, tags))
    if None in tokens:
        if len(_TAGS) >= _TAGS_MAX:
            _TAGS.clear()
        for i, tag in enumerate(tags):
            if tokens[i] is None:
                m = TOKEN.fullmatch(tag)
                if m is None or not m.group(2):
                    return None
                tokens[i] = _TAGS[tag] = m.groups("")
    return tokens  # type: ignore[return-value]


def token_matches(text: str) -> Iterator[re.Match[str]]:
    """TOKEN's matches in the text as htmlparser2 reads it: after the start tag of a
    `<script>`, `<style>`, `<title>` or `<textarea>`, its text up to its end tag is text.
    Linear: every part of TOKEN that may run on does so only to the end of its token, or
    takes the rest of the text."""
    if _TEXT_ONLY_START.search(text) is None:
        yield from TOKEN.finditer(text)
        return
    pos = 0
    while (m := TOKEN.search(text, pos)) is not None:
        yield m
        pos = m.end()
        name = (m.group(2) or "").lower()
        if name in _TEXT_ONLY_END and m.group(1) is None and not m.group(4):
            end = _TEXT_ONLY_END[name].search(text, pos)
            if end is None:
                return  # text to the end
            pos = end.start()


def tag_text(token: Token) -> str:
    """The tag as written in the document."""
    return f"<{token[0]}{token[1]}{token[2]}{token[3]}>"


@lru_cache(maxsize=1024)
def structure(shape: tuple[tuple[str, str, str], ...]) -> Structure:
    """It depends on the tags' names and slashes alone, and every job of a template has the
    same few structures, so each is walked once per process."""
    misplaced: list[tuple[int, str, str]] = []
    unknown: list[tuple[int, str, str]] = []
    components: list[tuple[int, str, str]] = []
    rooted = False
    for item in start_tags(shape):
        _, name, parent = item
        if not parent:  # a root; an element after the root's end tag is Node's new root
            if rooted:
                misplaced, unknown, components = [], [], []
            rooted = True
        if name == SKIPPED:
            continue
        if name not in COMPONENTS:
            if name not in COMPONENT_LESS:
                unknown.append(item)
            continue
        components.append(item)
        if parent in COMPONENTS and not allowed(parent, name):
            misplaced.append(item)
    picker = _picker([i for i, _, _ in components])
    indices = {i for i, _, _ in components}  # iterated as untrusted_values iterated its own
    others = tuple(
        i for i, (slash, name, _) in enumerate(shape) if name and not slash and i not in indices
    )
    body = next((i for i, t in enumerate(shape) if t[1] in ("mj-body", "MJ-BODY")), len(shape))
    return Structure(
        tuple(misplaced),
        tuple(unknown),
        tuple(components),
        picker,
        frozenset(indices),
        tuple(indices),
        others,
        tuple(i for i in others if i < body),
    )


def start_tags(shape: Sequence[tuple[str, str, str]]) -> Iterator[tuple[int, str, str]]:
    """(index, name, parent's name or "") of each start tag of Node's tree, names lowercased.

    htmlparser2 keeps a stack of every open element, inside raw content too: an end tag
    closes the elements left open above its own, some start tags end an open element
    (a `<div>` ends a `<p>`), a lone `</p>` or `</br>` is an element, and the text of
    `<script>`, `<style>`, `<title>` and `<textarea>` is not read for tags.
    mjml-parser-xml counts the ending tags open (their content is raw while one is) and
    builds its tree from the tags outside them, leaving `mj-include` out."""
    stack: list[tuple[str, bool]] = []  # htmlparser2's open elements: name, in Node's tree
    tree: list[str] = []  # the open elements of Node's tree
    where: dict[str, list[int]] = {}  # each name's places in the stack, innermost last
    raw = 0  # ending tags open: their content is not read as elements
    text = ""  # inside this element's text until its end tag
    for i, (slash, written, self_closing) in enumerate(shape):
        name = written.lower()
        if not name or (text and not (slash and name == text)):
            continue  # a comment, or inside <script>...
        text = ""
        if slash and name != "br" and (name != "p" or where.get(name)):
            places = None if name in VOID else where.get(name)
            if places:
                raw -= _close(stack, tree, where, places[-1])
            continue
        ended = IMPLIED_ENDS.get(name, ())
        while stack and stack[-1][0] in ended:
            raw -= _close(stack, tree, where, len(stack) - 1)
        in_tree = not raw and name != DROPPED
        if in_tree:
            yield i, name, tree[-1] if tree else ""
            tree.append(name)
        raw += name in ENDING_TAGS
        where.setdefault(name, []).append(len(stack))
        stack.append((name, in_tree))
        if slash or self_closing or name in VOID:  # `</br>` and a lone `</p>` too
            raw -= _close(stack, tree, where, len(stack) - 1)
        elif name in TEXT_ONLY:
            text = name


def _close(
    stack: list[tuple[str, bool]], tree: list[str], where: dict[str, list[int]], at: int
) -> int:
    """Close the element at `at` and those above it; the ending tags among them. Each
    name's places are kept (an end tag looked through the whole stack for its element:
    a deep document of end tags that close nothing was quadratic)."""
    ending = 0
    while len(stack) > at:
        name, in_tree = stack.pop()
        where[name].pop()
        ending += name in ENDING_TAGS
        if in_tree:
            tree.pop()
    return ending
