"""What the MJML fixes share: the record a fix made before compiling hands to its partner
after compiling, and the reading and writing of one start tag's attributes.

Its own module so that a fix can live in a module of its own (`mj_classes`, `link_titles`)
and `mjml_fixes`, which lists every fix in its order, can import it without a cycle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_ATTR = re.compile(r"""(\s+)([^\s"'=<>/]+)(?:(\s*=\s*)("[^"]*"|'[^']*'|[^\s"'=<>`]+))?""")
TAG_NAME = re.compile(r"<([A-Za-z][\w:-]*)")
_ATTRIBUTES_OPEN = re.compile(r"<mj-attributes\b")
_ATTRIBUTES_CLOSE = "</mj-attributes>"


# the components whose fixes are skipped when the body has none, and the two whose start
# tags are kept for a look at their attributes (`note_components`), read whole: a quoted
# value may hold a '>' (alt="x > y")
_COMPONENTS = re.compile(
    r"<mj-(?:(social-element|carousel-image|carousel|divider|table|accordion|hero)(?![\w-])"
    r"|(wrapper|image)(?![\w-])((?:[^>\"']++|\"[^\"]*+\"|'[^']*+')*+))"
)


@dataclass
class Fixing:
    """What a BEFORE step hands to the AFTER steps for one document."""

    components: frozenset[str] = frozenset()  # of _COMPONENTS, without "mj-"
    # the attributes of the body's mj-wrapper and mj-image tags, and the <mj-attributes> blocks
    attribute_text: str = ""
    full_width: bool = False  # "full-width" is written somewhere in the body or mj-attributes
    comments: dict[str, str] = field(default_factory=dict)
    html_attributes: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)
    # (mode, ratio or height, border-radius as written or "", left + right padding in px)
    heroes: list[tuple[str, int, str, int]] = field(default_factory=list)
    # each hero's mj-image and mj-divider children, as `heroes._children` notes them
    hero_children: list[tuple[tuple[str, int, int | str | None], ...]] = field(default_factory=list)
    link_titles: dict[str, str] = field(default_factory=dict)  # token -> ' title="..."'
    accordion_weights: list[str] = field(default_factory=list)  # each title's, "" for none
    table_roles: list[str] = field(default_factory=list)  # each mj-table's, "" for none
    wrapper_gaps: list[str] = field(default_factory=list)  # each mj-wrapper's, "" for none
    # each mj-carousel's (thumbnails="supported", number of thumbnails written)
    carousel_thumbnails: list[tuple[bool, int]] = field(default_factory=list)
    # token -> (attributes, style declarations, icon on the right) for an <img>
    image_attributes: dict[str, tuple[str, str, bool]] = field(default_factory=dict)
    # the left and right borders of each mj-button with a width in px ([] when none has any)
    button_borders: list[int] = field(default_factory=list)
    # each mj-group's columns: what its Outlook cell lacks (None: unknown), what
    # `unitless_lengths`' border marks make MRML take off it, and whether a bare padding
    # number of it is read only through those marks ([] when no cell needs a change)
    group_columns: list[list[tuple[int | None, float, bool]]] = field(default_factory=list)
    unitless: bool = False  # paddings' bare numbers and borders were marked for MRML (`+Npx`)
    inner_border_marks: bool = False  # columns were given their inner borders' sides in px
    body_id: str | None = None  # mj-body's id, double-quoted as written (MRML drops it)


Attrs = list[tuple[str, str, str, str]]  # (space before, name, "=" with spaces, quoted value)


def split_tag(tag: str) -> tuple[str, Attrs, str]:
    """`<mj-text a="1" b>` -> ("<mj-text", [(" ", "a", "=", '"1"'), (" ", "b", "", "")], ">")."""
    name = TAG_NAME.match(tag)
    assert name is not None
    end = len(tag) - (2 if tag.endswith("/>") else 1)
    body = tag[name.end() : end]
    tail = body[len(body.rstrip()) :] + tag[end:]
    attrs = [(m[1], m[2], m[3] or "", m[4] or "") for m in _ATTR.finditer(body.rstrip())]
    return name.group(0), attrs, tail


def join_tag(head: str, attrs: Attrs, tail: str) -> str:
    return head + "".join(f"{sp}{n}{eq}{v}" for sp, n, eq, v in attrs) + tail


def with_token(head: str, attrs: Attrs, tail: str, carrier: str, token: str) -> str:
    """The tag with `token` appended to the value of its `carrier` attribute, inside the
    quotes: how a value MRML drops rides through it (image attributes, link titles)."""
    marked = [
        (sp, n, eq, (v[:-1] + token + v[-1]) if v[:1] in "\"'" else v + token)
        if n == carrier
        else (sp, n, eq, v)
        for sp, n, eq, v in attrs
    ]
    return join_tag(head, marked, tail)


def attributes_block(mjml: str) -> tuple[int, int] | None:
    """Where the first `<mj-attributes>...</mj-attributes>` is, as the pattern
    `<mj-attributes\\b.*?</mj-attributes>` (re.S) finds it, with its end found by `str.find`:
    the lazy pattern tried the closing tag at every character of the block, three times an
    email. A later opening tag has no closing tag after it when the first has none."""
    opening = _ATTRIBUTES_OPEN.search(mjml)
    if opening is None:
        return None
    end = mjml.find(_ATTRIBUTES_CLOSE, opening.end())
    return None if end == -1 else (opening.start(), end + len(_ATTRIBUTES_CLOSE))


_LAST_BLOCKS: tuple[str, tuple[tuple[int, int], ...]] = ("", ())
_NEXT_IN_HEAD = re.compile(r"<mj-attributes\b|</mj-head")


def attributes_blocks(mjml: str) -> tuple[tuple[int, int], ...]:
    """Where every `<mj-attributes>...</mj-attributes>` of the head is, in document order:
    the first as `attributes_block` finds it, then the others that start before the first
    `</mj-head` after it (a block outside the head is not read). Node mjml reads all the
    blocks of its `<mj-head>`, in order, into one record: a later value for the same tag (or
    mj-class) and attribute wins, the others are kept (`mjml_defaults`). The search stops at
    the head's end, and the answer is remembered for the last document: the fixes ask about
    one document several times, and a search through a head of non-Latin text costs
    microseconds."""
    global _LAST_BLOCKS
    last = _LAST_BLOCKS
    if last[0] is mjml:
        return last[1]
    blocks: list[tuple[int, int]] = []
    at = mjml.find("<mj-attributes")
    while at != -1 and _ATTRIBUTES_OPEN.match(mjml, at) is None:  # <mj-attributesx>
        at = mjml.find("<mj-attributes", at + 1)
    while at != -1:
        end = mjml.find(_ATTRIBUTES_CLOSE, at + 14)
        if end == -1:
            break
        end += len(_ATTRIBUTES_CLOSE)
        blocks.append((at, end))
        if len(blocks) > 1 and mjml.find("</mj-head", at, end) != -1:
            break  # the head closed inside this block: none after it is read
        following = _NEXT_IN_HEAD.search(mjml, end)
        at = -1 if following is None or following.group(0)[1] == "/" else following.start()
    _LAST_BLOCKS = (mjml, tuple(blocks))
    return _LAST_BLOCKS[1]


def attributes_text(mjml: str) -> str:
    """The text of every `<mj-attributes>` block of the head, in order ("" for none): read in
    that order, later tags overriding earlier ones, it says what Node resolves from them."""
    blocks = attributes_blocks(mjml)
    if len(blocks) == 1:
        return mjml[blocks[0][0] : blocks[0][1]]
    return "".join(mjml[start:end] for start, end in blocks)


def body_start(mjml: str) -> int:
    """Where `<mj-body` opens (-1 for nowhere): after the `<mj-attributes>` blocks, whose
    `<mj-body width=...>` is the body's defaults. The fixes that pair the components they
    noted with MRML's output one by one must not count a default as a component."""
    blocks = attributes_blocks(mjml)
    return mjml.find("<mj-body", blocks[-1][1] if blocks else 0)


_TD_TOKEN = re.compile(r"<td\b|</td>")


def cell_end(html: str, start: int) -> int:
    """Where the cell opened just before `start` closes (after its `</td>`)."""
    depth = 1
    for token in _TD_TOKEN.finditer(html, start):
        depth += 1 if token.group(0) == "<td" else -1
        if depth == 0:
            return token.end()
    return len(html)


def note_components(mjml: str, fixing: Fixing) -> str:
    """Which of the less common components the body has, and the attributes that can set
    an mj-wrapper's `gap` or an mj-image's `sizes` and side borders: one scan of the body
    (and of the `<mj-attributes>` blocks, where defaults and mj-classes are), so that the fixes of the
    others cost a set lookup or a look at a few tags, not a search of the whole text each."""
    body = max(mjml.find("<mj-body"), 0)
    names: set[str] = set()
    kept: list[str] = []
    for rare, tag, attributes in _COMPONENTS.findall(mjml, body):
        names.add(rare or tag)
        if tag:
            kept.append(attributes)
    defaults = attributes_text(mjml)
    fixing.components = frozenset(names)
    fixing.attribute_text = "".join(kept) + defaults
    fixing.full_width = mjml.find("full-width", body) != -1 or "full-width" in defaults
    return mjml
