"""MJML elements placed where MJML does not allow them (`mjml.placement` warnings), and
where in the templates an element of the rendered MJML was written (every MJML finding).

Node mjml warns at its default validation level ("soft") when, say, an `<mj-spacer>` sits
directly in `<mj-body>` or an `<mj-text>` directly in `<mj-section>`; MRML compiles them
without a word, into markup Node never writes and clients lay out as they please. The
rendered MJML of each job is read (`mjml_structure`) against Node's table (`mjml_rules`),
in Node's words, and each finding is pointed at the template line that wrote the element.

Cost: the job's tags are read once for all of Node's rules (`mjml_structure`, measured in
`mjml_validator`); locating a finding in the templates is done once per template and
element, each template family's tags read once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from mailglot.render.mjml_rules import COMPONENTS
from mailglot.render.mjml_structure import TOKEN, Structure, Token, read, start_tags, tag_text

CODE = "mjml.placement"
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


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


def locate(
    family: tuple[tuple[str, str], ...], found: Misplaced, attributes: Sequence[str] = ()
) -> tuple[str | None, int | None]:
    """The template and line that wrote the element. Candidates are its tags in the
    templates, less those the template itself places in another component (the same
    element written correctly elsewhere); the first non-empty of these decides, if it has
    one: start tag as rendered and same parent, as rendered, then (a finding about some of
    its `attributes`) writing one of them and same parent, writing one, then same parent,
    any. Otherwise (written in several places alike, or made by an expression) no line."""
    candidates = [
        (name, source, at, source.startswith(found.tag, at), parent == found.parent, tag)
        for name, source, at, child, parent, tag in _family_tags(family)
        if child == found.child and (parent not in COMPONENTS or parent == found.parent)
    ]
    writes = [c for c in candidates if attributes and _writes(c[5], attributes)]
    tiers = (
        [c for c in candidates if c[3] and c[4]],
        [c for c in candidates if c[3]],
        [c for c in writes if c[4]],
        writes,
        [c for c in candidates if c[4]],
        candidates,
    )
    for tier in tiers:
        if len(tier) == 1:
            name, source, at = tier[0][:3]
            return f"templates/{name}", source.count("\n", 0, at) + 1
        if tier:
            break
    return None, None


@lru_cache(maxsize=64)
def _family_tags(
    family: tuple[tuple[str, str], ...],
) -> tuple[tuple[str, str, int, str, str, str], ...]:
    """(template, its source, offset, element, parent, start tag) of every start tag the
    family writes, Jinja comments left out: read once per family, not once per finding."""
    out = []
    for name, source in family:
        plain = _JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
        matches = list(TOKEN.finditer(plain))
        shape = [(m.group(1) or "", m.group(2) or "", m.group(4) or "") for m in matches]
        for i, child, parent in start_tags(shape):
            out.append((name, source, matches[i].start(), child, parent, matches[i].group(0)))
    return tuple(out)


def _writes(tag: str, attributes: Sequence[str]) -> bool:
    return any(re.search(rf"\s{re.escape(a)}(?=[\s=/>])", tag) for a in attributes)
