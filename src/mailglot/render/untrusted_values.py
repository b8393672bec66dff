"""A value from outside the team may not write CSS: one that would fails its job.

MRML writes most MJML attributes into a `style` attribute as they are (`color`, `border`,
`background-color`, `padding`...), and a designer may write `style="color: {{ data.c }}"` on
HTML in an `mj-text` or `{{ data.c }}` in an `<mj-style>`. A `;` from campaign data, a
translation or calendar text ends the declaration there and starts the next: a data colour
of `#1e3a5f;background-image:url(https://...);position:fixed` laid a tracking pixel over the
whole email. Node's validator is no guard (it accepts any value containing `rgb(...)` as a
colour and does not look at `border` or `font-family` at all), so the rule is about the
characters that leave a value, wherever it lands:

- in an MJML attribute MRML writes as CSS, or an HTML `style` attribute: `;`;
- where the value sits in a CSS `url(...)` (an attribute named `...url`, a `style` that
  holds `url(`): also quotes, parentheses and backslashes, which leave the `url(...)`
  (`x'), url('https://evil.example/p.gif` adds a background layer without any `;`);
- in a style sheet: also `{`, `}` and `@`.

Plain-text attributes (`alt`, `title`, `href`, `src`...) are HTML, not CSS, and are left to
the escaping every value gets. Whether a value came from outside is decided from the job's
own texts: a value holding one of them (the whole value, or one of at least `MIN_PART`
characters, after character references are decoded) that itself carries such a character.
Each start tag is judged once per process (a template's jobs write the same few), so a job
without such a tag pays a dictionary look-up per tag; only a job with one asks for its texts.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from jinja2 import Environment

from mailglot.errors import Diagnostic, escape_control
from mailglot.i18n.untrusted import decoded
from mailglot.render import placement
from mailglot.render.mjml_attributes import parse_attributes
from mailglot.render.mjml_structure import Structure, Token, tag_text
from mailglot.render.template import template_family

CODE = "mjml.attribute-value"
MIN_PART = 3  # shorter texts ("px", "a") are found in values by chance
# MJML attributes MRML writes as HTML attributes, not CSS
TEXT_ATTRIBUTES = frozenset(
    {
        "alt",
        "title",
        "href",
        "src",
        "srcset",
        "sizes",
        "name",
        "rel",
        "target",
        "css-class",
        "mj-class",
        "id",
        "lang",
        "dir",
        "usemap",
        "label",
        "value",
        "role",
        "aria-label",
    }
)
_DECLARATION = frozenset(";")
_URL = frozenset(";'\"()\\")
_SHEET = frozenset(";'\"()\\{}@")
_STYLE_ATTRIBUTE = ("style=", "style =", "STYLE=", "Style=")  # as HTML in templates is written
_SHEETS = re.compile(r"<(mj-style|style)\b[^>]*>(.*?)(?:</\1\s*>|\Z)", re.S | re.I)
# Jinja code in a template's style sheet: only then can a sheet hold a value from outside
_CODE_IN_SHEET = re.compile(r"<(mj-style|style)\b[^>]*>(?:(?!</\1).)*?(?:\{\{|\{%)", re.S | re.I)

# (attribute, the characters that leave its value) per start tag, judged once per process
_RISKY: dict[Token, tuple[tuple[str, frozenset[str], str], ...]] = {}
_RISKY_MAX = 16384


def _risky(token: Token) -> tuple[tuple[str, frozenset[str], str], ...]:
    """The attributes of a start tag whose value holds a character that leaves CSS: (name,
    those characters, the value decoded). Most tags have none."""
    found = _RISKY.get(token)
    if found is not None:
        return found
    if len(_RISKY) >= _RISKY_MAX:
        _RISKY.clear()
    out = []
    name = token[1].lower()
    for attribute, raw in parse_attributes(token[2]).items():
        key = attribute.lower()
        if key == "style":
            value = decoded(raw)
            danger = _URL if "url(" in value.lower() else _DECLARATION
        elif name.startswith("mj-") and key not in TEXT_ATTRIBUTES:
            value = decoded(raw)
            danger = _URL if key.endswith("url") else _DECLARATION
        else:
            continue
        present = danger.intersection(value)
        if present:
            out.append((attribute, frozenset(present), value))
    verdict = _RISKY[token] = tuple(out)
    return verdict


class OutsideValues:
    """What one renderer keeps between jobs: each template's family, to locate a finding."""

    def __init__(self, shown: Callable[[str], str] = str) -> None:
        self._shown = shown
        self._families: dict[str, tuple[tuple[str, str], ...]] = {}
        self._sheets: dict[str, bool] = {}  # does a template of the family code in a sheet

    def refused(
        self,
        env: Environment,
        template: str,
        read_as: tuple[str, list[Token], Structure],
        texts: Callable[[], Iterable[tuple[str, str]]],
    ) -> Diagnostic | None:
        """The first place where a value from one of `texts` ((where it comes from, text)
        pairs, asked for only when needed) would write CSS, as an error; None when none.
        `read_as` is the document, its tokens and structure (as the validator read it)."""
        mjml, tokens, structure = read_as
        risky: list[tuple[int, tuple[tuple[str, frozenset[str], str], ...]]] = []
        if structure.components:  # MJML attributes: each component's tag judged once
            picked = structure.component_tokens(tokens)
            verdicts = list(map(_RISKY.get, picked))
            if None in verdicts:
                verdicts = [
                    v if v is not None else _risky(t) for t, v in zip(picked, verdicts, strict=True)
                ]
            if any(verdicts):
                risky = [
                    (c[0], v) for c, v in zip(structure.components, verdicts, strict=True) if v
                ]
        if any(spelling in mjml for spelling in _STYLE_ATTRIBUTE):  # HTML a designer wrote
            components = {i for i, _, _ in structure.components}
            risky += [
                (i, r)
                for i, t in enumerate(tokens)
                if t[1] and not t[0] and i not in components and (r := _risky(t))
            ]
        sheets = []
        if self._code_in_sheets(env, template):
            sheets = [m.group(2) for m in _SHEETS.finditer(mjml)]
        if not risky and not sheets:
            return None
        parents = {i: parent for i, _, parent in structure.components}
        outside = [(where, decoded(t).strip()) for where, t in texts()]
        outside = [(where, t) for where, t in outside if t]
        for index, attributes in risky:
            for attribute, present, value in attributes:
                origin = _origin(value, present, outside)
                if origin is not None:
                    where, text = origin
                    return self._at(
                        env,
                        template,
                        tokens[index],
                        parents.get(index),
                        attribute,
                        where,
                        text,
                        present,
                    )
        for sheet in sheets:
            value = decoded(sheet)
            origin = _origin(value, _SHEET.intersection(value), outside)
            if origin is not None:
                where, text = origin
                return Diagnostic(
                    f"templates/{template}",
                    None,
                    CODE,
                    "error",
                    f"a style sheet holds {self._text(text)} from {where}, with "
                    f"{_listed(_SHEET.intersection(text))}, which would write CSS of its own "
                    "(a value from campaign data, a translation or a calendar is a value, "
                    "never CSS); this email is not built",
                )
        return None

    def _family(self, env: Environment, template: str) -> tuple[tuple[str, str], ...]:
        if template not in self._families:
            self._families[template] = template_family(env, template)
        return self._families[template]

    def _code_in_sheets(self, env: Environment, template: str) -> bool:
        if template not in self._sheets:
            family = self._family(env, template)
            self._sheets[template] = any(_CODE_IN_SHEET.search(src) for _, src in family)
        return self._sheets[template]

    def _at(
        self,
        env: Environment,
        template: str,
        token: Token,
        parent: str | None,
        attribute: str,
        where: str,
        text: str,
        present: frozenset[str],
    ) -> Diagnostic:
        path, line = None, None
        if parent is not None:
            element = placement.Misplaced(token[1], parent, tag_text(token))
            path, line = placement.locate(self._family(env, template), element, (attribute,))
        chars = _listed(present.intersection(text))
        return Diagnostic(
            path or f"templates/{template}",
            line,
            CODE,
            "error",
            f"{attribute} of <{token[1]}> gets {self._text(text)} from {where}, whose {chars} "
            "would end its CSS and write more (a value from campaign data, a translation or a "
            "calendar is a value, never CSS); this email is not built",
        )

    def _text(self, text: str) -> str:
        shown = text if len(text) <= 80 else text[:77] + "..."
        return repr(escape_control(self._shown(shown)))


def _origin(
    value: str, present: frozenset[str], outside: list[tuple[str, str]]
) -> tuple[str, str] | None:
    for where, text in outside:
        if not present.intersection(text):
            continue
        if text == value.strip() or (len(text) >= MIN_PART and text in value):
            return where, text
    return None


def _listed(chars: Iterable[str]) -> str:
    return ", ".join(repr(c) for c in sorted(chars))


def job_texts(
    campaign: str,
    context: Mapping[str, Any],
    translations: Iterable[tuple[str, str]],
) -> Iterator[tuple[str, str]]:
    """A job's texts from outside the team, each with where it comes from: the campaign's
    data (as the job sees it: its market's values, strings translated and filled), subject
    and preheader, the event's name, the market's name and address, and `translations`
    ((msgid, translation) pairs the job looked up)."""
    yield from _leaves(context.get("data"), f"campaigns/{campaign}.yaml", "data")
    for key in ("subject", "preheader"):
        if isinstance(context.get(key), str):
            yield f"campaigns/{campaign}.yaml {key}", context[key]
    event = context.get("event")
    if isinstance(event, Mapping) and isinstance(event.get("name"), str):
        yield f"calendars/events.yaml {event.get('id')}.name", event["name"]
    market = context.get("market")
    if isinstance(market, Mapping):
        for key in ("name", "address"):
            if isinstance(market.get(key), str):
                yield f"calendars/markets.yaml {market.get('code')}.{key}", market[key]
    for msgid, text in translations:
        if text and text != msgid:
            label = msgid if len(msgid) <= 40 else msgid[:37] + "..."
            yield f"the translation of {label!r}", text


def _leaves(value: Any, file: str, loc: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield f"{file} {loc}", str(value)
    elif isinstance(value, Mapping):
        for key, item in value.items():
            yield from _leaves(item, file, f"{loc}.{key}")
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from _leaves(item, file, f"{loc}.{i}")
