"""Node mjml's validator as mailglot findings: what Node warns about at its default level.

mjml-validator 5.4.1 runs five rules on every element but the root (its default
`MJMLRulesCollection`); each becomes a warning in Node's words, at the template line that
wrote the element (`placement.locate`):
- validChildren: a component its parent does not accept (`mjml.placement`, placement.py);
- validTag: an element that is no MJML component, `<mj-colum>` or a `<div>` outside
  `mj-text`/`mj-raw` ("Element mj-colum doesn't exist or is not registered", `mjml.element`);
- validAttributes: attributes the component does not take (`mjml.attribute`);
- validTypes: values their type does not accept (`mjml.attribute-value`; both in
  mjml_attributes.py);
- errorAttr reports `<mj-include>` files it could not read; Node skips includes by default
  (`ignoreIncludes`) and MRML refuses them, so it has nothing to say here. (`requiredTitle`
  ships in the package but is not one of the default rules.)

Values in messages come from the rendered MJML, so from campaign data and translations: a
finding shows them as text (the gallery escapes it, the terminal shows control characters
as escapes), with merge fields as the platform's tags and line breaks as `\\n`, one finding a
line. Each distinct finding is located once per template.

Cost, per job (warm worker, the email.mjml files of `scripts/bench.py --jobs 1000` and of the
example): 99 and 142 us for every rule, where `mjml.placement` alone took 66 and 95 us, in
jobs of 5-6 and 13 ms of render CPU; two thirds of it was the one `findall` over the
document, now a cut at its tags with each distinct tag read once (`mjml_structure`). A
worker also compiles each type's pattern once, the first time it meets it (2-3 ms in all).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from jinja2 import Environment

from mailglot.errors import Diagnostic
from mailglot.render import mjml_variants, placement
from mailglot.render.mjml_attributes import Refused, refused
from mailglot.render.mjml_rules import message as placement_message
from mailglot.render.mjml_structure import Structure, Token, read, tag_text, token_matches
from mailglot.render.template import template_family

UNKNOWN = "mjml.element"


@dataclass(frozen=True)
class Problem:
    index: int  # the element's token in the document
    element: str
    parent: str
    code: str
    message: str  # Node's, the values as rendered
    attributes: tuple[str, ...] = ()  # the attributes it is about


# Each component's start tag (its token) judged once per process: a template's jobs write the
# same few tags, so a job's components cost a dictionary look-up each, done in C.
_JUDGED: dict[Token, tuple[Refused, ...]] = {}
_JUDGED_MAX = 16384


def _judge(token: Token, name: str, known: tuple[Refused, ...] | None) -> tuple[Refused, ...]:
    if known is not None:
        return known
    if len(_JUDGED) >= _JUDGED_MAX:
        _JUDGED.clear()
    verdict = _JUDGED[token] = refused(name, token[2]) if token[2] else ()
    return verdict


def problems(mjml: str) -> tuple[list[Token], list[Problem]]:
    """The document's tokens, and what Node's validator reports about it, element by
    element in document order."""
    tokens, found = read(mjml)
    return tokens, _problems(tokens, found)


def _problems(tokens: list[Token], found: Structure) -> list[Problem]:
    out = [
        Problem(i, child, parent, placement.CODE, placement_message(child, parent))
        for i, child, parent in found.misplaced
    ]
    out += [
        Problem(i, name, parent, UNKNOWN, f"Element {name} doesn't exist or is not registered")
        for i, name, parent in found.unknown
    ]
    if found.components:
        tokens_of = found.component_tokens(tokens)
        verdicts = list(map(_JUDGED.get, tokens_of))
        if None in verdicts:
            verdicts = [
                _judge(t, c[1], v)
                for t, c, v in zip(tokens_of, found.components, verdicts, strict=True)
            ]
        if any(verdicts):
            for (i, name, parent), verdict in zip(found.components, verdicts, strict=True):
                out += [Problem(i, name, parent, r.code, r.message, r.attributes) for r in verdict]
    if len(out) > 1:
        out.sort(key=lambda p: p.index)
    return out


class MjmlValidator:
    """What one renderer knows: each template's family and each finding already located.
    `shown` turns the rendered MJML's merge-field tokens into what the user wrote."""

    def __init__(self, shown: Callable[[str], str] = str) -> None:
        self._shown = shown
        self._families: dict[str, tuple[tuple[str, str], ...]] = {}
        self._located: dict[tuple[str, str, str, str, str], Diagnostic] = {}
        self.last: tuple[str, list[Token], Structure] | None = None  # the last document read
        # The last tokens judged and their problems: a job's variants share their tokens
        # (mjml_variants), the same list, so the problems of the first serve the others.
        self._judged: tuple[list[Token], list[Problem]] | None = None

    def findings(self, env: Environment, template: str, mjml: str) -> list[Diagnostic]:
        tokens, structure = mjml_variants.read(mjml, read)  # once for a job's variants
        self.last = (mjml, tokens, structure)  # for the next look at the same document
        if self._judged is not None and self._judged[0] is tokens:
            found = self._judged[1]
        else:
            found = _problems(tokens, structure)
            self._judged = (tokens, found)
        if not found:
            return []
        out: dict[Diagnostic, None] = {}
        for item in found:
            tag = tag_text(tokens[item.index])
            key = (template, item.parent, tag, item.code, item.message)
            if key not in self._located:
                self._located[key] = self._diagnostic(env, template, item, tag)
            out[self._located[key]] = None
        return list(out)

    def _diagnostic(self, env: Environment, template: str, item: Problem, tag: str) -> Diagnostic:
        if template not in self._families:
            self._families[template] = template_family(env, template)
        element = placement.Misplaced(item.element, item.parent, tag)
        path, line = placement.locate(self._families[template], element, item.attributes)
        message = self._shown(item.message).replace("\n", "\\n")
        return Diagnostic(path or f"templates/{template}", line, item.code, "warning", message)


def lines_of(mjml: str, found: Sequence[Problem]) -> list[int]:
    """The line of each problem's element in `mjml` (Node's `line`), for comparing with it."""
    from_token = [m.start() for m in token_matches(mjml)]
    lines: dict[int, int] = {}
    line, counted = 1, 0
    for at in sorted({from_token[p.index] for p in found}):  # each line break counted once
        line += mjml.count("\n", counted, at)
        lines[at], counted = line, at
    return [lines[from_token[p.index]] for p in found]
