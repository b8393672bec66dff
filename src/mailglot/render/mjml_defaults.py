"""What `<mj-attributes>` says, and the defaults MRML ignores written on the elements (a fix of
`mjml_fixes`).

Node mjml resolves an attribute as: the element's own, then its mj-classes (the later class
first), then the defaults for its tag in `<mj-attributes>`, then `<mj-all>`, then what a
parent hands its children (mj-social to its elements, mj-carousel to its images), then the
component's own default. MRML lets what the parent hands down win over the tag's defaults,
and ignores a few tag defaults altogether: `<mj-social-element color="..."/>`,
`<mj-carousel-image border-radius="..."/>` and `<mj-divider align="left"/>` changed nothing
(nor did the `title` of `<mj-button>`: `link_titles` carries that one), nor did an mj-class on
a social element or a carousel image.
Those defaults are written on each element that sets none of them itself and whose
mj-classes do not set them either, and those classes' values on the element, which is
Node's order.

The fixes that carry an attribute MRML drops (`image_attributes`) read the same record to
resolve a value the way Node does.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from mailglot.render.fixing import Attrs, Fixing, attributes_text, body_start, join_tag, split_tag

_DEFAULT_TAG = re.compile(r"<(mj-[\w-]+)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
# tag -> the attributes whose <mj-attributes> defaults MRML does not apply ("*": all of them)
IGNORED: dict[str, tuple[str, ...]] = {
    "mj-social-element": ("*",),
    "mj-carousel-image": ("*",),
    "mj-divider": ("align",),
}
_ALL_NAMES = tuple(t for t, names in IGNORED.items() if names == ("*",))
_FOUND = frozenset(("social-element", "carousel-image", "divider"))  # as `note_components` names
_WITH_CLASSES = frozenset(("social-element", "carousel-image"))
_ELEMENTS = re.compile(
    r"<(mj-social-element|mj-carousel-image|mj-divider)\b(?:[^>\"']|\"[^\"]*\"|'[^']*')*>"
)


@dataclass(frozen=True)
class Defaults:
    """Values as written in the source (quoted), by attribute name."""

    all: dict[str, str] = field(default_factory=dict)
    tags: dict[str, dict[str, str]] = field(default_factory=dict)
    classes: dict[str, dict[str, str]] = field(default_factory=dict)

    def resolve(self, tag: str, own: dict[str, str], name: str) -> str | None:
        """`name` for an element `tag` with attributes `own`, in Node's order (what a parent
        hands down is the caller's to add)."""
        if name in own:
            return own[name]
        for cls in reversed(_unquote(own.get("mj-class", "")).split()):
            value = self.classes.get(cls, {}).get(name)
            if value is not None:
                return value
        value = self.tags.get(tag, {}).get(name)
        return value if value is not None else self.all.get(name)

    def set_by_classes(self, own: dict[str, str]) -> set[str]:
        names: set[str] = set()
        for cls in _unquote(own.get("mj-class", "")).split():
            names.update(self.classes.get(cls, {}))
        return names


NONE = Defaults()


def _unquote(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value


def read_defaults(mjml: str) -> Defaults:
    """Every `<mj-attributes>` block of the document, read in order as one (empty when there
    is none): Node merges them tag by tag and class by class, a later value for the same
    attribute winning (a layout's block and a child template's, say)."""
    text = attributes_text(mjml)
    return _parse(text) if text else NONE


@lru_cache(maxsize=256)
def _parse(block: str) -> Defaults:
    defaults = Defaults()
    for m in _DEFAULT_TAG.finditer(block):
        tag = m.group(1)
        if tag == "mj-attributes":
            continue
        attrs = {n: v for _, n, eq, v in split_tag(m.group(0))[1] if eq}
        if tag == "mj-all":
            defaults.all.update(attrs)
        elif tag == "mj-class":
            name = _unquote(attrs.pop("name", ""))
            defaults.classes.setdefault(name, {}).update(attrs)
        else:
            defaults.tags.setdefault(tag, {}).update(attrs)
    return defaults


def ignored_defaults(mjml: str, fixing: Fixing) -> str:
    """Write the tag defaults MRML ignores (`IGNORED`) on the elements of the body, and for
    mj-social-element and mj-carousel-image also what their mj-classes set (MRML lets the
    parent's values win over those too)."""
    found = fixing.components & _FOUND
    if not found or "<mj-attributes" not in mjml:
        return mjml
    defaults = read_defaults(mjml)
    wanted = _ignored(defaults)
    classes = bool(defaults.classes) and bool(found & _WITH_CLASSES)
    body = body_start(mjml)  # after the defaults' <mj-body>
    if not (wanted or classes) or body == -1:
        return mjml
    changed = False

    def element(m: re.Match[str]) -> str:
        nonlocal changed
        tag = m.group(1)
        head, attrs, tail = split_tag(m.group(0))
        own = {n: v for _, n, _, v in attrs}
        added = _from_classes(defaults, own) if tag in _ALL_NAMES else []
        skip = own.keys() | defaults.set_by_classes(own)
        added += [(" ", n, "=", v) for n, v in wanted.get(tag, ()) if n not in skip]
        if not added:
            return m.group(0)
        changed = True
        return join_tag(head, attrs + added, tail)

    out = mjml[:body] + _ELEMENTS.sub(element, mjml[body:])
    return out if changed else mjml


def _from_classes(defaults: Defaults, own: dict[str, str]) -> Attrs:
    """What the element's mj-classes set and it does not, the later class winning."""
    values: dict[str, str] = {}
    for cls in _unquote(own.get("mj-class", "")).split():
        values.update(defaults.classes.get(cls, {}))
    return [(" ", n, "=", v) for n, v in values.items() if n not in own]


def _ignored(defaults: Defaults) -> dict[str, list[tuple[str, str]]]:
    """The defaults of `IGNORED`, by tag."""
    out = {}
    for tag, names in IGNORED.items():
        given = defaults.tags.get(tag)
        if given:
            pairs = [(n, v) for n, v in given.items() if names == ("*",) or n in names]
            if pairs:
                out[tag] = pairs
    return out
