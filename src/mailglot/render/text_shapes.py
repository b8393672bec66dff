"""The text part of a body whose markup was seen before, without parsing it again.

The jobs of a template write the same markup (tags, attribute names, comments, the blank
runs between tags) and differ in the words between tags and in attribute values (links,
the subject in the wrapper's label, a right-to-left email's styles). libxml2 builds the
same tree from the same markup whatever those words and values are: inside `<body>` a
word is only ever text of the element that is open, and a double-quoted value only ends
at its quote. So the first body of a shape is parsed once with numbered markers in place
of its words and values, and the tree kept as tuples that say which markers each text and
attribute holds; every later body of that shape is cut into words and values with str
methods and walked over those tuples, through text.py's writer. Parsing and walking lxml's
tree was ~0.5 ms of a small email's text part, the cut and the walk here are ~0.2 ms.

Left to text.py (None here): a `<` or `>` in a word or value, a `"` in a word, a single
quote or a stray double quote in a tag, a NUL in a word, elements whose content libxml2
reads as raw text (script, style, textarea...), `<meta>` (it may name an encoding), and
shapes where a word does not end up as text inside `<body>` (in a comment, after
`</html>`). A word or value holding `&`, a carriage return or a NUL is what libxml2 makes
of it alone (remembered): it reads them the same anywhere in a body, and reads every other
character as it is (checked for every code point).
"""

from __future__ import annotations

import re

from lxml import etree

from mailglot.render import text_recut
from mailglot.render.text_program import Node, Shape, Template
from mailglot.render.text_writer import _A, _KIND

# the parser of text.py: comments are dropped and the texts around them joined
_PARSER = etree.HTMLParser(remove_comments=True)
# A tag as the cut leaves it (between its `<` and `>`, values emptied): a name or `!`/`/`
# first, then anything but quotes, angle brackets and NUL, double quotes only as `=""`;
# the tags of a body are checked at once, joined by NULs.
_TAG = r"""[!/a-zA-Z][^<>"'\x00]*+(?:(?<==)""[^<>"'\x00]*+)*+"""
_TAGS = re.compile(f"{_TAG}(?:\x00{_TAG})*+")
# A word (a text between two tags) with something other than HTML's blanks: a numbered
# marker stands for it. Blank ones stay in the shape as they are: libxml2 may drop blanks
# outside `<body>`, never a word.
_WORD = re.compile(r"(?<![^\x00])[ \t\n\f\r]*+[^\x00 \t\n\f\r][^\x00]*+")
_WORD_MARK = re.compile("\ue000([0-9]+)\ue001")
_VALUE_MARK = re.compile("\ue002([0-9]+)\ue003")
_MARKS = re.compile("[\ue000-\ue003]")
_NOT_ANGLES = bytes(b for b in range(256) if b not in b"<>")
# what libxml2 does not read as markup (or may read otherwise), and where it reads an encoding
_RAW = frozenset(
    [
        "script",
        "style",
        "textarea",
        "title",
        "xmp",
        "iframe",
        "noembed",
        "noframes",
        "noscript",
        "plaintext",
        "meta",
    ]
)

# Shapes seen, by their markup, or None for a shape left to
# text.py. Bounded: a project has a few templates, each with a shape per layout choice.
_SHAPES: dict[tuple[str, str], Shape | None] = {}


def body_text(body: str) -> str | None:
    """The text part of `body` (a page from `<body` on, its head plain), or None: not a shape
    this module reads; text.py parses it.

    The cut, in str methods (a regular expression over the body cost as much as libxml2's
    parse): split at double quotes, values are the odd pieces; the rest joined, with `""`
    for each value, split at `<` and `>`, gives tags and words in turn, provided `<` and `>`
    alternate there (checked on its bytes) and no value holds an angle bracket. A body of
    a shape seen twice is cut only where its bodies differ (`text_recut`)."""
    known = text_recut.read(body)
    if known is not None:
        return known[0].text_of(known[1], known[2])
    quoted = body.split('"')
    if not len(quoted) % 2:
        return None
    values = "".join(quoted[1::2])
    if "<" in values or ">" in values:
        return None  # a quote in a word, or an unclosed one
    skeleton = '""'.join(quoted[0::2])
    angles = skeleton.encode("utf-8", "surrogatepass").translate(None, _NOT_ANGLES)
    if angles != b"<>" * (len(angles) // 2) or not angles:
        return None
    parts = skeleton.replace(">", "<").split("<")  # "", tag, word, tag, word...
    joined = "\x00".join(parts[0::2])
    if '"' in joined or joined.count("\x00") * 2 + 1 != len(parts):
        return None  # a value within a word, or a NUL
    key = ("<".join(parts[1::2]), _WORD.sub("\x01", joined))
    shape = _SHAPES.get(key, False)
    if shape is False:
        shape = _learn(parts)
        if len(_SHAPES) >= 64:
            _SHAPES.clear()
        _SHAPES[key] = shape
    if shape is None:
        return None
    text_recut.note(key, shape, body, parts, quoted)
    return shape.text_of(parts, quoted)


def _learn(parts: list[str]) -> Shape | None:
    """The shape of a body cut into `parts` (words at even indices, tags at odd): its markup
    parsed once with markers for its words and values, each marker the index of what it
    stands for in `parts` or in the split at quotes (values: 1, 3, 5...)."""
    tags = "\x00".join(parts[1::2])
    if not _TAGS.fullmatch(tags) or _MARKS.search(tags):
        return None
    bits = tags.split('""')  # values are at 1, 3, 5... of the split at quotes
    marks = [f'"\ue002{number}\ue003"' for number in range(1, 2 * len(bits) - 1, 2)]
    bits[1:] = [mark + bit for mark, bit in zip(marks, bits[1:], strict=True)]
    words = [  # each word's marker: its index in `parts`
        f"\ue000{2 * number}\ue001" if word.strip(" \t\n\f\r") else word
        for number, word in enumerate(parts[::2])
    ]
    marked = [words[0]]
    for tag, word in zip("".join(bits).split("\x00"), words[1:], strict=True):
        marked.append(f"<{tag}>{word}")
    try:
        doc = etree.fromstring("".join(marked), _PARSER)
    except (etree.LxmlError, ValueError):  # text.py's parse of the body says what is wrong
        return None
    body = doc.find("body") if doc is not None else None
    if body is None or any(el.tag in _RAW for el in doc.iter()):
        return None
    inside = "".join(
        [body.text or "", *(t for el in body.iterdescendants() for t in (el.text, el.tail) if t)]
    )
    expected = sum(1 for word in parts[0::2] if word.strip(" \t\n\f\r"))
    if len(_WORD_MARK.findall(inside)) != expected or "\ue002" in inside:
        return None  # a word outside <body> or in a value, or a value read as a word
    try:
        return Shape(_template(body.text, _WORD_MARK), _children(body))
    except ValueError:  # a value holding more than its marker
        return None


def _children(el: etree._Element) -> tuple[Node, ...]:
    nodes = []
    for child in el:
        tag = child.tag
        if tag.__class__ is not str:  # a processing instruction: its tail only
            raise ValueError(tag)
        kind = _KIND.get(tag, 0)
        tail = _template(child.tail, _WORD_MARK)
        if kind < 0:  # an image keeps its alt where a link keeps its href (text_program)
            alt = _value(child.get("alt")) if tag == "img" else None
            nodes.append((kind, tag, None, alt, None, (), tail))
            continue
        style = _value(child.get("style"))
        href = _value(child.get("href")) if kind == _A else None
        text = _template(child.text, _WORD_MARK)
        nodes.append((kind, tag, style, href, text, _children(child), tail))
    return tuple(nodes)


def _template(text: str | None, mark: re.Pattern[str]) -> Template:
    if not text:
        return None
    pieces = mark.split(text)
    if len(pieces) == 1:
        return text
    items = [int(p) if i % 2 else p for i, p in enumerate(pieces) if p or i % 2]
    return items[0] if len(items) == 1 else tuple(items)


def _value(value: str | None) -> Template:
    template = _template(value, _VALUE_MARK)
    if template is None or template.__class__ in (str, int):
        return template
    raise ValueError(value)
