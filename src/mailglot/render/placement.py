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
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from mailglot.render.direction import SHORTHANDS, SIDE_VALUED, mirrored_shorthand, physical
from mailglot.render.mjml_attributes import parse_attributes
from mailglot.render.mjml_rules import COMPONENTS
from mailglot.render.mjml_structure import (
    TOKEN,
    Structure,
    Token,
    read,
    start_tags,
    tag_text,
    token_matches,
)

CODE = "mjml.placement"
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)
# The words of a tag an attribute name is looked up in: each run after white space that
# ends at white space, "=", "/" or ">". A name holding none of those is a word of the tag
# exactly when `\s<name>(?=[\s=/>])` is found in it; other names are searched for that way.
_WORD = re.compile(r"\s([^\s=/>]+)(?=[\s=/>])")
_NOT_A_WORD = re.compile(r"[\s=/>]")
_NEWLINE = re.compile(r"\r\n?")  # Jinja writes every line break of a template as "\n"


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

    @classmethod
    def of(cls, tags: Iterable[_Written]) -> _Group:
        """A group of `tags`, each once."""
        group = cls()
        for tag in dict.fromkeys(tags):
            group.add(tag)
        return group

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
    # the tags writing an attribute with a value an expression makes, or one not read plainly
    unfixed: dict[tuple[str, str], _Group]
    # (element, attribute, value) -> the tags whose fixed value for it renders as that value
    fixed: dict[tuple[str, str, str], _Group]


def locate(
    family: tuple[tuple[str, str], ...], found: Misplaced, attributes: Sequence[str] = ()
) -> tuple[str | None, int | None]:
    """The template and line that wrote the element. Candidates are its tags in the
    templates, less those the template itself places in another component (the same
    element written correctly elsewhere); the first non-empty of these decides, if it has
    one: start tag as rendered and same parent, as rendered, then (a finding about some of
    its `attributes`) writing one of them and same parent, writing one, then same parent,
    any. Otherwise (written in several places alike, or made by an expression) no line.
    A tag that writes the attribute as fixed text is not the one if that text cannot
    render as the value the finding is about: an invalid colour from campaign data is at
    the tag writing `{{ pick.color }}`, not at the one writing `#ffffff`."""
    index = _family(family)
    if found.child not in index.elements:
        return None, None
    for groups in _candidates(index, found, attributes):
        for tier in (0, 1):
            parts = [part for group in groups if group for part in group.tiers(found.parent)[tier]]
            count = sum(map(len, parts))
            if count == 1:
                tag = next(t for part in parts for t in part)
                return tag.path, tag.line
            if count:
                return None, None
    return None, None


def _candidates(
    index: _Family, found: Misplaced, attributes: Sequence[str]
) -> Iterator[Sequence[_Group | None]]:
    """The candidates of each pair of tiers, as groups no tag is in twice, each made only
    when the tiers before are empty."""
    yield (index.as_written.get((found.child, found.tag)),)
    if attributes:
        yield _writers(index, found, attributes)
    yield (index.elements[found.child],)


def _writers(index: _Family, found: Misplaced, attributes: Sequence[str]) -> list[_Group | None]:
    """The element's tags writing any of `attributes` with a value that may render as the
    one in the rendered tag (names that are no word of a tag: any value)."""
    element = found.child
    rendered = TOKEN.match(found.tag)
    values = parse_attributes(rendered.group(3)) if rendered else {}
    groups: list[_Group | None] = []
    for name in attributes:
        if _NOT_A_WORD.search(name):
            pattern = re.compile(rf"\s{re.escape(name)}(?=[\s=/>])")
            groups.append(
                _Group.of(t for t in index.elements[element].tags if pattern.search(t.text))
            )
        elif name not in values:
            groups.append(index.writing.get((element, name)))
        else:
            groups.append(index.unfixed.get((element, name)))
            groups.append(index.fixed.get((element, name, values[name])))
    if len(attributes) == 1 and len(groups) == 2:
        return groups  # one attribute's two kinds of tags: no tag in both
    return [_Group.of(t for group in groups if group for t in group.tags)]


@lru_cache(maxsize=64)
def _family(family: tuple[tuple[str, str], ...]) -> _Family:
    """Every start tag the family writes, Jinja comments left out, read once per family
    (not once per finding) into the look-ups `locate` needs."""
    index = _Family({}, {}, {}, {}, {})
    for name, source in family:
        for child, text, tag, values in _written(name, source):
            index.elements.setdefault(child, _Group()).add(tag)
            if text is not None:
                index.as_written.setdefault((child, text), _Group()).add(tag)
            for word in tag.words:
                index.writing.setdefault((child, word), _Group()).add(tag)
                value = values.get(word)
                if value is None or "{{" in value:
                    index.unfixed.setdefault((child, word), _Group()).add(tag)
                    continue
                for rendered in _renderings(word, _NEWLINE.sub("\n", value)):
                    index.fixed.setdefault((child, word, rendered), _Group()).add(tag)
    return index


def _renderings(name: str, value: str) -> set[str]:
    """What a fixed value may become in the rendered MJML: the job's direction makes
    `start`/`end` a side and mirrors 4-value paddings (`direction.resolve_attributes`)."""
    out = {value}
    if name.lower() in SIDE_VALUED:
        out.update((physical(value, False), physical(value, True)))
    elif name.lower() in SHORTHANDS:
        out.add(mirrored_shorthand(value))
    return out


def _written(name: str, source: str) -> Iterator[tuple[str, str | None, _Written, dict[str, str]]]:
    """(element, the tag read at its offset in the source, the tag, its attributes' values
    when they are read plainly) of a template's tags.

    A rendered tag is "as written" when the source at the tag's offset starts with it; a
    tag's end follows from its own characters, so that holds exactly when it is the tag
    TOKEN reads there, and the look-up by that text answers it for every tag at once."""
    plain = _without_jinja_comments(source)
    matches = list(token_matches(plain))  # spans in `plain`
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
        tag = _Written(f"templates/{name}", line, parent, text, words)
        written = plain[matches[i].start(3) : matches[i].end(3)]
        yield child, in_source, tag, _plain_values(written, source[at:end])


def _without_jinja_comments(source: str) -> str:
    """The source with each Jinja comment blanked but its line breaks. A `{#` no `#}`
    follows is no comment (inside `{% raw %}` or a string): only the text up to the last
    `#}` is searched, so the lazy `.*?` does not run to the end once for each of them."""
    end = source.rfind("#}") + 2
    blank = _JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source[:end])
    return blank + source[end:] if end > 1 else source


def _plain_values(written: str, in_source: str) -> dict[str, str]:
    """The tag's attribute values as Node reads them, where the template wrote each
    attribute itself: none when a Jinja statement or comment is in the tag (what renders
    depends on it) or an expression stands outside a value (it may write attributes)."""
    if "{%" in in_source or "{#" in in_source:
        return {}
    values = parse_attributes(written)
    return {} if any("{" in n or "}" in n for n in values) else values
