"""A body shape's walk, written out once as a list of steps and run for each body.

text.py's walk decides at every element what to do with it: its kind, whether a paragraph
or a line ends, how deep in lists it is, whether it follows a cell, whether it is in
`<pre>`. For a shape (text_shapes.py) all of that is known before any body of it is seen;
what is left to each body is its words, its links and whether a styled element is hidden.
So the walk over a shape's tuples is done once for each set of styled elements a body
hides, writing down those decisions as steps (two line breaks in a row become one), and
each body runs the steps: ~23 steps for a small email (~0.05 ms) where the walk over its
tuples visited ~66 elements (~0.12 ms).

The steps are text.py's walk in the same order: `_compile` follows `_walk`, `_element`
and `_link` branch by branch, and tests/test_text_shapes.py compares with the walk.
"""

from __future__ import annotations

from lxml import etree

from mailglot.render.text_writer import (
    _A,
    _BLOCK,
    _BR,
    _CELL,
    _LIST,
    _PARA,
    _TR,
    _Writer,
    hides,
    tidy,
    write_bullet,
    write_link,
)

# A template of a text or value: None (nothing), a str (the same in every body of the
# shape), an int (word or value number i) or a tuple of those (words joined across a comment).
Template = str | int | tuple[str | int, ...] | None
# (kind, tag, style, href, text, children, tail): an element as the walk reads it
Node = tuple[int, str, Template, Template, Template, tuple, Template]

# Steps, each a tuple whose first item says what it does:
_STEP_TEXT = 0  # (., template, fold): a text or tail
_STEP_BREAK = 1  # (., lines): a line (1) or paragraph (2) ends before what comes next
_STEP_CELL_GAP = 3  # (.,): two spaces between cells on a line
_STEP_NEWLINE = 4  # (.,): `<br>`
_STEP_LINK = 5  # (.,): a link's label starts, written apart
_STEP_LINK_END = 6  # (., href, alts): the label is written with its link (alts: its images')
_STEP_LIST = 7  # (., first): a list starts (first: 0 numbered, -1 bulleted)
_STEP_LIST_END = 8  # (.,)
_STEP_BULLET = 9  # (.,)

_PARSER = etree.HTMLParser(remove_comments=True)  # the parser of text.py
_HIDES: dict[tuple[str, str], bool] = {}  # (style as written, tag) -> whether it hides
_DECODED: dict[tuple[str, str], str] = {}  # ("text" | "value", raw) -> what libxml2 reads


class Shape:
    """A body shape's tree and its walks, one for each set of its styled elements a body
    hides (nearly always the same: the preheader)."""

    __slots__ = ("children", "hidden", "styles", "tags", "text", "walks")

    def __init__(self, text: Template, children: tuple[Node, ...]) -> None:
        self.text, self.children = text, children
        tags = _styles(children)  # the values that are a style, each with its element's tag
        self.styles, self.tags = tuple(sorted(tags)), tags
        self.walks: dict[tuple[int, ...], tuple[tuple, ...]] = {}
        # the styles of a body (as written) -> which of them hide their element: a shape's
        # bodies nearly always write the same styles (a button's, a section's), each looked
        # at in every body cost more than the walk's steps
        self.hidden: dict[tuple[str, ...], tuple[int, ...]] = {}

    def text_of(self, parts: list[str], quoted: list[str]) -> str:
        """The text part of a body of this shape: words in `parts`, values in `quoted`."""
        styles = tuple([quoted[i] for i in self.styles])
        hidden = self.hidden.get(styles)
        if hidden is None:
            maybe = [i for i in self.styles if _may_hide(quoted[i])]
            tags = self.tags
            hidden = tuple([i for i in maybe if _hides(quoted[i], tags[i])]) if maybe else ()
            if len(self.hidden) >= 16:
                self.hidden.clear()
            self.hidden[styles] = hidden
        steps = self.walks.get(hidden)
        if steps is None:
            found: list[tuple] = []
            _compile(self.text, self.children, False, 0, frozenset(hidden), found)
            steps = self.walks[hidden] = tuple(found)
            if len(self.walks) > 16:
                self.walks.clear()
        return run(steps, parts, quoted)


def _may_hide(css: str) -> bool:
    """Whether a style may hide its element: it holds a word `hides` looks for or what
    libxml2 may read as some of it (scans of a short string cost less than one regular
    expression)."""
    return "none" in css or "hidden" in css or "&" in css or "\r" in css or "\x00" in css


def _hides(raw: str, tag: str) -> bool:
    """`hides` for a style as the body writes it, remembered: a body's styles are the same
    in each body of its shape (a button's, a section's), and reading one may cost more than
    the rest of its walk (a regular expression over a long style)."""
    key = (raw, tag)
    found = _HIDES.get(key)
    if found is None:
        found = hides(read(raw, "value"), tag)
        if len(_HIDES) >= 4096:
            _HIDES.clear()
        _HIDES[key] = found
    return found


def _styles(children: tuple[Node, ...]) -> dict[int, str]:
    """The styles that are a value of the body, each with its element's tag."""
    found = {}
    for node in children:
        if node[2].__class__ is int:
            found[node[2]] = node[1]
        found.update(_styles(node[5]))
    return found


def _compile(
    text: Template,
    children: tuple[Node, ...],
    pre: bool,
    lists: int,
    hidden: frozenset[int],
    steps: list,
) -> None:
    """text.py's `_walk` with `lists` the depth of lists it is in (their counters are the
    run's) and `hidden` the values of the styles that hide their element in this body."""
    if text is not None:
        steps.append((_STEP_TEXT, text, not pre))
    after_cell = False
    for kind, tag, style, href, inner, kids, tail in children:
        if kind >= 0 and not (style in hidden if style.__class__ is int else hides(style, tag)):  # type: ignore[arg-type]
            _compile_element(kind, tag, href, inner, kids, pre, lists, after_cell, hidden, steps)
        after_cell = kind == _CELL
        if tail is not None:
            steps.append((_STEP_TEXT, tail, not pre))


def _compile_element(
    kind: int,
    tag: str,
    href: Template,
    inner: Template,
    kids: tuple[Node, ...],
    pre: bool,
    lists: int,
    after_cell: bool,
    hidden: frozenset[int],
    steps: list,
) -> None:
    if kind >= _BLOCK:
        lines = 1 if kind == _TR or (lists and kind == _PARA) else 2
        _break(lines, steps)
        _compile(inner, kids, pre or tag == "pre", lists, hidden, steps)
        _break(lines, steps)
    elif kind == _CELL:
        if after_cell:
            steps.append((_STEP_CELL_GAP,))
        _compile(inner, kids, pre, lists, hidden, steps)
    elif kind == _BR:
        steps.append((_STEP_NEWLINE,))
    elif kind == _A:
        steps.append((_STEP_LINK,))
        _compile(inner, kids, False, 0, hidden, steps)
        steps.append((_STEP_LINK_END, href, _alts(kids)))
    elif kind == _LIST:
        _break(2 if not lists else 1, steps)
        steps.append((_STEP_LIST, 0 if tag == "ol" else -1))
        _compile(inner, kids, pre, lists + 1, hidden, steps)
        steps.append((_STEP_LIST_END,))
        _break(2 if not lists else 1, steps)
    elif kind:  # _LI
        _break(1, steps)
        if lists:
            steps.append((_STEP_BULLET,))
        _compile(inner, kids, pre, lists, hidden, steps)
        _break(1, steps)
    else:
        _compile(inner, kids, pre, lists, hidden, steps)


def _alts(children: tuple[Node, ...]) -> tuple[Template, ...]:
    """The alts of the images in a link, in document order (text.py's `_alt` takes the first
    not blank): an image node keeps its alt in the href's place (text_shapes)."""
    found: list[Template] = []
    for kind, tag, _style, href, _text, kids, _tail in children:
        if tag == "img":
            found.append(href)
        elif kind >= 0:
            found.extend(_alts(kids))
    return tuple(found)


def _break(lines: int, steps: list) -> None:
    """Two breaks in a row are one, of the larger: nothing written between them."""
    if steps and steps[-1][0] == _STEP_BREAK:
        steps[-1] = (_STEP_BREAK, max(lines, steps[-1][1]))
    else:
        steps.append((_STEP_BREAK, lines))


def run(steps: tuple[tuple, ...], parts: list[str], quoted: list[str]) -> str:
    """A walk's steps run for a body: words in `parts`, values in `quoted`."""
    out = _Writer()
    lists: list[list[int]] = []
    links: list[tuple[_Writer, list[list[int]]]] = []
    at, end = 0, len(steps)
    while at < end:
        step = steps[at]
        at += 1
        what = step[0]
        if what == _STEP_BREAK:
            lines = step[1]
            if out.parts and out.pending < lines:
                out.pending = lines
            out.at_line_start = True
        elif what == _STEP_TEXT:
            template = step[1]
            if template.__class__ is int:
                value = parts[template]
                if "&" in value or "\r" in value or "\x00" in value:
                    value = read(value, "text")
            elif template.__class__ is str:
                value = template
            else:
                value = "".join(
                    [p if p.__class__ is str else read(parts[p], "text") for p in template]
                )
            if value:
                out.text(value, step[2])
        elif what == _STEP_CELL_GAP:
            if not out.at_line_start:
                out.text("  ", fold=False)
        elif what == _STEP_NEWLINE:
            out.newline()
        elif what == _STEP_LINK:
            links.append((out, lists))
            out, lists = _Writer(), []
        elif what == _STEP_LINK_END:
            label = "".join(out.parts)
            out, lists = links.pop()
            href = step[1]
            alt = None
            if step[2] and not label.strip():
                for template in step[2]:
                    alt = (
                        template
                        if template.__class__ is not int
                        else read(quoted[template], "value")
                    )
                    if alt and alt.strip():
                        break
                    alt = None
            write_link(
                out,
                label,
                href if href is None or href.__class__ is str else read(quoted[href], "value"),
                alt,
            )
        elif what == _STEP_LIST:
            lists.append([step[1]])
        elif what == _STEP_LIST_END:
            lists.pop()
        else:  # a bullet
            write_bullet(out, lists)
    return tidy("".join(out.parts))


def read(raw: str, where: str) -> str:
    """`raw` as libxml2 reads it in a text ("text") or a double-quoted value ("value")."""
    if "&" not in raw and "\r" not in raw and "\x00" not in raw:
        return raw
    decoded = _DECODED.get((where, raw))
    if decoded is None:
        if where == "text":
            found = etree.fromstring(f"<body><div>{raw}</div></body>", _PARSER).find("body/div")
            decoded = found.text or ""
        else:
            found = etree.fromstring(f'<body><a href="{raw}"></a></body>', _PARSER).find("body/a")
            decoded = found.get("href") or ""
        if len(_DECODED) >= 4096:
            _DECODED.clear()
        _DECODED[(where, raw)] = decoded
    return decoded
