"""MJML elements placed where MJML does not allow them (`mjml.placement` warnings), and
where in the templates an element of the rendered MJML was written (every MJML finding).

Node mjml warns at its default validation level ("soft") when, say, an `<mj-spacer>` sits
directly in `<mj-body>` or an `<mj-text>` directly in `<mj-section>`; MRML compiles them
without a word, into markup Node never writes and clients lay out as they please. The
rendered MJML of each job is read (`mjml_structure`) against Node's table (`mjml_rules`),
in Node's words, and each finding is pointed at the template line that wrote the element.

Cost: the job's tags are read once for all of Node's rules (`mjml_structure`, measured in
`mjml_validator`). Each template family's tags are read once, into look-ups by element, by
the tag's text and by the attribute names it writes, so locating a finding costs a few
dictionary look-ups whatever the number of tags: a template writing a thousand tags, each
with its own finding, was quadratic when every finding went through every tag.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mailglot.render.mjml_rules import COMPONENTS
from mailglot.render.mjml_structure import TOKEN, Structure, Token, read, start_tags, tag_text

CODE = "mjml.placement"
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# The words of a tag an attribute name is looked up in: each run after white space that
# ends at white space, "=", "/" or ">". A name holding none of those is a word of the tag
# exactly when `\s<name>(?=[\s=/>])` is found in it; other names are searched for that way.
_WORD = re.compile(r"\s([^\s=/>]+)(?=[\s=/>])")
_NOT_A_WORD = re.compile(r"[\s=/>]")


@dataclass(frozen=True)
class Misplaced:
    child: str
    parent: str
    tag: str  # its start tag, as rendered


def misplaced(mjml: str) -> tuple[Misplaced, ...]:
    """Each component whose parent is a component that does not accept it, in document
    order (the root `<mjml>`'s children are not checked, as in Node)."""
    tokens, found = read(mjml)
    return misplaced_in(tokens, found)


def misplaced_in(tokens: Sequence[Token], found: Structure) -> tuple[Misplaced, ...]:
    return tuple(
        Misplaced(child, parent, tag_text(tokens[i])) for i, child, parent in found.misplaced
    )


@dataclass(frozen=True, eq=False)
class _Written:
    """A start tag the family writes."""

    path: str  # "templates/<name>"
    line: int
    parent: str  # its parent in Node's tree
    text: str  # as the template writes it, Jinja comments blanked
    words: frozenset[str]  # see _WORD


@dataclass
class _Group:
    """Tags of one element, by their parent. Those whose parent is no component (HTML, or
    none) are candidates whatever the finding's parent, so they are also kept as `loose`."""

    tags: list[_Written] = field(default_factory=list)
    by_parent: dict[str, list[_Written]] = field(default_factory=dict)
    loose: list[_Written] = field(default_factory=list)

    def add(self, tag: _Written) -> None:
        self.tags.append(tag)
        self.by_parent.setdefault(tag.parent, []).append(tag)
        if tag.parent not in COMPONENTS:
            self.loose.append(tag)

    def tiers(self, parent: str) -> tuple[tuple[list[_Written], ...], ...]:
        """The candidates with the same parent, then all candidates (as disjoint parts):
        a tag under another component is the same element written correctly elsewhere."""
        same = self.by_parent.get(parent, [])
        return (same,), (self.loose, same) if parent in COMPONENTS else (self.loose,)


@dataclass(frozen=True)
class _Family:
    elements: dict[str, _Group]  # element -> its tags
    as_written: dict[tuple[str, str], _Group]  # (element, tag's text in the source) -> tags
    writing: dict[tuple[str, str], _Group]  # (element, word) -> the tags with that word


def locate(
    family: tuple[tuple[str, str], ...], found: Misplaced, attributes: Sequence[str] = ()
) -> tuple[str | None, int | None]:
    """The template and line that wrote the element. Candidates are its tags in the
    templates, less those the template itself places in another component (the same
    element written correctly elsewhere); the first non-empty of these decides, if it has
    one: start tag as rendered and same parent, as rendered, then (a finding about some of
    its `attributes`) writing one of them and same parent, writing one, then same parent,
    any. Otherwise (written in several places alike, or made by an expression) no line."""
    index = _family(family)
    if found.child not in index.elements:
        return None, None
    for group in _groups(index, found, attributes):
        for parts in group.tiers(found.parent) if group else ():
            count = sum(map(len, parts))
            if count == 1:
                tag = next(t for part in parts for t in part)
                return tag.path, tag.line
            if count:
                return None, None
    return None, None


def _groups(index: _Family, found: Misplaced, attributes: Sequence[str]) -> Iterator[_Group | None]:
    """The candidates of each pair of tiers, made only when the tiers before are empty."""
    yield index.as_written.get((found.child, found.tag))
    if attributes:
        yield _writers(index, found.child, attributes)
    yield index.elements[found.child]


def _writers(index: _Family, element: str, attributes: Sequence[str]) -> _Group | None:
    """The element's tags writing any of `attributes`."""
    if len(attributes) == 1 and not _NOT_A_WORD.search(attributes[0]):
        return index.writing.get((element, attributes[0]))
    tags: dict[_Written, None] = {}
    for name in attributes:
        if _NOT_A_WORD.search(name):
            pattern = re.compile(rf"\s{re.escape(name)}(?=[\s=/>])")
            tags.update((t, None) for t in index.elements[element].tags if pattern.search(t.text))
        elif (element, name) in index.writing:
            tags.update((t, None) for t in index.writing[element, name].tags)
    group = _Group()
    for tag in tags:
        group.add(tag)
    return group


@lru_cache(maxsize=64)
def _family(family: tuple[tuple[str, str], ...]) -> _Family:
    """Every start tag the family writes, Jinja comments left out, read once per family
    (not once per finding) into the look-ups `locate` needs."""
    index = _Family({}, {}, {})
    for name, source in family:
        for child, text, tag in _written(name, source):
            index.elements.setdefault(child, _Group()).add(tag)
            if text is not None:
                index.as_written.setdefault((child, text), _Group()).add(tag)
            for word in tag.words:
                index.writing.setdefault((child, word), _Group()).add(tag)
    return index


def _written(name: str, source: str) -> Iterator[tuple[str, str | None, _Written]]:
    """(element, the tag read at its offset in the source, the tag) of a template's tags.

    A rendered tag is "as written" when the source at the tag's offset starts with it; a
    tag's end follows from its own characters, so that holds exactly when it is the tag
    TOKEN reads there, and the look-up by that text answers it for every tag at once."""
    plain = _JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
    matches = list(TOKEN.finditer(plain))
    shape = [(m.group(1) or "", m.group(2) or "", m.group(4) or "") for m in matches]
    line, counted = 1, 0
    for i, child, parent in start_tags(shape):
        at, end = matches[i].span()
        line += source.count("\n", counted, at)
        counted = at
        text = plain[at:end]
        if source[at:end] == text:  # what TOKEN reads at `at` in the source too
            in_source: str | None = text
        else:  # a Jinja comment inside the tag
            match = TOKEN.match(source, at)
            in_source = match.group(0) if match else None
        words = frozenset(_WORD.findall(text))
        yield child, in_source, _Written(f"templates/{name}", line, parent, text, words)
