"""MJML elements placed where MJML does not allow them (`mjml.placement` warnings).

Node mjml warns at its default validation level ("soft") when, say, an `<mj-spacer>` sits
directly in `<mj-body>` or an `<mj-text>` directly in `<mj-section>`; MRML compiles them
without a word, into markup Node never writes and clients lay out as they please. The
rendered MJML of each job is read here against Node's table (`mjml_rules`), in Node's words,
and each finding is pointed at the template line that wrote the element.

Cost: one `findall` over the job's MJML for its tags (end tags and comments included);
the walk through them is cached per distinct token sequence (a template's jobs share a few),
and locating a finding in the templates is done once per template and element. Measured
inside real renders (scripts/bench.py projects): 60-140 us of a job's 4.7-13 ms of render
CPU, 1-2 %, nearly all of it the `findall` (about 0.5 us a tag).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache

from jinja2 import Environment

from mailglot.errors import Diagnostic
from mailglot.render.mjml_rules import (
    COMPONENTS,
    ENDING_TAGS,
    SKIPPED_PARENTS,
    allowed,
    message,
)
from mailglot.render.template import template_family

CODE = "mjml.placement"
# a comment (all groups empty), or a tag: "/" if an end tag, its name, "/" if self-closing
_TOKEN = re.compile(
    r"""<!--.*?-->|<(/?)([A-Za-z][\w:.-]*+)(?:[^>"'/]++|"[^"]*+"|'[^']*+'|/(?!>))*+(/?)>""", re.S
)
_VOID = frozenset(
    [
        "area",
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
    ]
)
_JINJA_COMMENT = re.compile(r"\{#.*?#\}", re.S)


@dataclass(frozen=True)
class Misplaced:
    child: str
    parent: str
    tag: str  # its start tag, as rendered


def misplaced(mjml: str) -> tuple[Misplaced, ...]:
    """Each component whose parent is a component that does not accept it, in document
    order (the root `<mjml>`'s children are not checked, as in Node)."""
    tokens = _TOKEN.findall(mjml)
    found = _misplaced_at(tuple(tokens))
    if not found:
        return ()
    tags = [m.group(0) for m in _TOKEN.finditer(mjml)]  # the rare email with findings
    return tuple(Misplaced(child, parent, tags[i]) for i, child, parent in found)


@lru_cache(maxsize=1024)
def _misplaced_at(tokens: tuple[tuple[str, str, str], ...]) -> tuple[tuple[int, str, str], ...]:
    """(token index, child, parent) of each misplaced element. It depends on the tokens
    alone, and every job of a template has the same few structures, so each structure is
    walked once per process: per job, only the tokens are read (one `findall`)."""
    return tuple(
        (i, name, parent)
        for i, name, parent in _start_tags(tokens)
        if name in COMPONENTS
        and parent in COMPONENTS
        and parent not in SKIPPED_PARENTS
        and not allowed(parent, name)
    )


def _start_tags(tokens: Sequence[tuple[str, str, str]]) -> Iterator[tuple[int, str, str]]:
    """(index, name, parent's name or "") of each start tag, as Node's parser nests them:
    comments passed over, the content of MJML's raw-HTML elements not read as tags."""
    stack: list[str] = []
    raw = ""  # inside this ending tag's content until its end tag
    for i, (slash, name, self_closing) in enumerate(tokens):
        if not name or (raw and not (slash and name == raw)):
            continue  # a comment, or HTML inside mj-text, mj-raw...
        if slash:
            raw = ""
            if name in stack:
                while stack.pop() != name:
                    pass
            continue
        yield i, name, stack[-1] if stack else ""
        if self_closing or name.lower() in _VOID:
            continue
        stack.append(name)
        if name in ENDING_TAGS:
            raw = name


def locate(family: tuple[tuple[str, str], ...], found: Misplaced) -> tuple[str | None, int | None]:
    """The template and line that wrote the element. Candidates are its tags in the
    templates, less those the template itself places in another component (the same
    element written correctly elsewhere); the first non-empty of these decides, if it has
    one: start tag as rendered and same parent, as rendered, same parent, any. Otherwise
    (written in several places alike, or made by an expression) no line."""
    candidates: list[tuple[str, str, int, bool, bool]] = []
    for name, source in family:
        plain = _JINJA_COMMENT.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), source)
        matches = list(_TOKEN.finditer(plain))
        for i, child, parent in _start_tags([m.groups("") for m in matches]):
            if child != found.child or (parent in COMPONENTS and parent != found.parent):
                continue
            at = matches[i].start()
            candidates.append(
                (name, source, at, source.startswith(found.tag, at), parent == found.parent)
            )
    tiers = (
        [c for c in candidates if c[3] and c[4]],
        [c for c in candidates if c[3]],
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


class PlacementCheck:
    """What one renderer knows: each template's family and each finding already located."""

    def __init__(self) -> None:
        self._families: dict[str, tuple[tuple[str, str], ...]] = {}
        self._located: dict[tuple[str, Misplaced], Diagnostic] = {}

    def findings(self, env: Environment, template: str, mjml: str) -> list[Diagnostic]:
        found = misplaced(mjml)
        if not found:
            return []
        out: dict[Diagnostic, None] = {}
        for item in found:
            key = (template, item)
            if key not in self._located:
                self._located[key] = self._diagnostic(env, template, item)
            out[self._located[key]] = None
        return list(out)

    def _diagnostic(self, env: Environment, template: str, item: Misplaced) -> Diagnostic:
        if template not in self._families:
            self._families[template] = template_family(env, template)
        path, line = locate(self._families[template], item)
        return Diagnostic(
            path or f"templates/{template}",
            line,
            CODE,
            "warning",
            message(item.child, item.parent),
        )
