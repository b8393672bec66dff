"""A value from outside the team may not write CSS: one that would fails its job.

MRML writes most MJML attributes into a `style` attribute or a style sheet as they are
(`color`, `border`, `background-color` into the `background` shorthand, a carousel's
thumbnail colours into `<style>`), and a designer may write `style="color: {{ data.c }}"` on
HTML in an `mj-text`, in an Outlook conditional comment, or `{{ data.c }}` in an
`<mj-style>`. A `;` from campaign data, a translation or calendar text ends the declaration
there and starts the next: a data colour of `#1e3a5f;background-image:url(https://...);
position:fixed` laid a tracking pixel over the whole email. Node's validator is no guard (it
takes any value holding `rgb(...)` for a colour and does not look at `border` or
`font-family`), so the rule is about what leaves a value or loads something, wherever it
lands:

- in an MJML attribute MRML writes as CSS (those of `mj-class` and `mj-all` too) or an HTML
  `style` attribute: `;`, `{`, `}`, a backslash and `url(`, `image-set(`, `expression(`, `@import`
  (`#fff url(...)` needs no `;` in the `background` shorthand), `/*` and `*/` (a comment
  swallows the declarations after it) and `!important` (it reorders them);
- in a url MRML quotes (`background-url`): also quotes (but `/*` and `!important` are text
  inside them); in one it writes bare (`mj-font`'s href, in `@import url(...)`): also
  parentheses and white space;
- in a style sheet: also `@` and `<`.

Quotes and parentheses elsewhere are values (`rgb(0 0 0 / 50%)`, `'Helvetica Neue'`), and
plain-text attributes (`alt`, `title`, `href`, `src`...) are HTML, left to the escaping every
value gets. A value came from outside when it holds one of the job's own texts that itself
brings such a mark (a `;` alone is enough, so a value split over two fields is found),
compared lower-cased (a template may `|lower` it); a translation is given piece by piece
between its placeholders, every plural form. Each start tag is judged once per process (a
template's jobs write the same few), so a job without such a tag pays a dictionary look-up
per tag; only a job with one asks for its texts.
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
IMPORTANT = "!important"  # CSS reads `! important` too (white space after the `!`)
_IMPORTANT = re.compile(r"!\s*important")
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
# What leaves a value, per place (characters, and functions that load or run something):
# a declaration's value (an MJML attribute MRML writes as CSS, an HTML `style`); a url
# MRML writes quoted (`background-url`: url('...')); one it writes bare (`mj-font`'s href:
# @import url(...)); a style sheet.
_LOADS = ("url(", "image-set(", "expression(", "@import")
# Outside a string, `/*` opens a comment that swallows the declarations after it (up to the
# template's own `*/`, or to the end), and `!important` reorders them (css-inline moves an
# important declaration after the others): a value cannot do either.
_COMMENTS = ("/*", "*/", IMPORTANT)
_DECLARATION = (frozenset(";{}\\"), _LOADS + _COMMENTS)
_QUOTED_URL = (frozenset(";{}\\'\""), _LOADS)  # inside quotes, /* and ! are text
_BARE_URL = (frozenset("\\'\"() \t\n\r\f"), _LOADS)  # what ends an unquoted url token
_SHEET = (frozenset(";{}\\@<"), _LOADS + _COMMENTS)
Place = tuple[frozenset[str], tuple[str, ...]]
# A style attribute however a template spells it (`sTyLe =`), found in the document's bytes
# lower-cased (ASCII only: as fast as looking for a few spellings, ~10 us); a document with
# none is not read for HTML styles.
_STYLE_ATTRIBUTE = re.compile(rb"yle[\t\n\f\r ]*=")
_SHEETS = re.compile(r"<(mj-style|style)\b[^>]*>(.*?)(?:</\1\s*>|\Z)", re.S | re.I)
# Jinja code in a template's style sheet: only then can a sheet hold a value from outside
_CODE_IN_SHEET = re.compile(r"<(mj-style|style)\b[^>]*>(?:(?!</\1).)*?(?:\{\{|\{%)", re.S | re.I)
_HTML_ATTRIBUTE = re.compile(
    r"<mj-html-attribute\b[^>]*?\bname[\t\n\f\r ]*=[\t\n\f\r ]*[\"']?([^\"'\t\n\f\r >]*)[^>]*>"
    r"(.*?)</mj-html-attribute",
    re.S,
)
# Outlook reads the HTML in conditional comments, which a parser takes for one comment
_CONDITIONAL = re.compile(r"<!--\[if\b.*?(?:-->|\Z)", re.S | re.I)
_TAG_IN_COMMENT = re.compile(r"<([A-Za-z][^\t\n\f\r />]*)([^<>]*)>")


def _markers(value: str, place: Place) -> frozenset[str]:
    """What in `value` (decoded, lower-cased) could leave it at `place`."""
    chars, loads = place
    found = chars.intersection(value)
    if "(" in value or "@" in value or "*" in value or "!" in value:  # each marker holds one
        found = found.union(load for load in loads if _holds(value, load))
    return frozenset(found)


def _holds(text: str, marker: str) -> bool:
    """Whether lower-cased `text` holds `marker` as CSS reads it."""
    if marker == IMPORTANT:
        return "!" in text and _IMPORTANT.search(text) is not None
    return marker in text


# (attribute, what could leave its value, the value decoded and lower-cased) per start tag,
# judged once per process
_RISKY: dict[tuple[str, str], tuple[tuple[str, frozenset[str], str], ...]] = {}
_RISKY_MAX = 16384


def _risky_token(token: Token) -> tuple[tuple[str, frozenset[str], str], ...]:
    return _risky(token[1], token[2])


def _risky(name: str, attributes: str) -> tuple[tuple[str, frozenset[str], str], ...]:
    """The attributes of a start tag whose value holds something that could leave CSS. Most
    tags have none."""
    key_ = (name, attributes)
    found = _RISKY.get(key_)
    if found is not None:
        return found
    if len(_RISKY) >= _RISKY_MAX:
        _RISKY.clear()
    out = []
    name = name.lower()
    for attribute, raw in parse_attributes(attributes).items():
        key = attribute.lower()
        if key == "style":
            place = _DECLARATION
        elif name == "mj-font" and key == "href":
            place = _BARE_URL
        elif name.startswith("mj-") and key not in TEXT_ATTRIBUTES:
            place = _QUOTED_URL if key.endswith("url") else _DECLARATION
        else:
            continue
        value = decoded(raw).lower()
        present = _markers(value, place)
        if present:
            out.append((attribute, present, value))
    verdict = _RISKY[key_] = tuple(out)
    return verdict


class OutsideValues:
    """What one renderer keeps between jobs: each template's family, to locate a finding."""

    def __init__(self, shown: Callable[[str], str] = str) -> None:
        self._shown = shown
        self._families: dict[str, tuple[tuple[str, str], ...]] = {}
        self._sheets: dict[str, bool] = {}  # "*": does any template write code in a sheet

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
        # (token index, or None inside a conditional comment; tag name; its risky attributes)
        risky: list[tuple[int | None, str, tuple[tuple[str, frozenset[str], str], ...]]] = []
        for i in structure.component_order:  # MJML components: each tag judged once a process
            token = tokens[i]
            verdict = _RISKY.get((token[1], token[2]))
            if verdict is None:
                verdict = _risky_token(token)
            if verdict:
                risky.append((i, token[1], verdict))
        for i in structure.head_others:  # the head's mj-class, mj-all and tag defaults
            if r := _risky_token(tokens[i]):
                risky.append((i, tokens[i][1], r))
        # The other start tags (HTML), when the document has a style attribute: looked for
        # only when one of them is risky (most documents have none)
        html = [(i, tokens[i][1], r) for i in structure.others if (r := _risky_token(tokens[i]))]
        if html and _STYLE_ATTRIBUTE.search(mjml.encode("utf-8", "surrogatepass").lower()):
            risky += html
        if "<mj-html-attribute" in mjml:  # its text is written as the attribute's value
            for attribute in _HTML_ATTRIBUTE.finditer(mjml):
                if attribute.group(1).lower() == "style":
                    value = decoded(attribute.group(2)).lower()
                    if present := _markers(value, _DECLARATION):
                        risky.append((None, "mj-html-attribute", (("style", present, value),)))
        if "<!--[" in mjml:
            for comment in _CONDITIONAL.finditer(mjml):
                for tag in _TAG_IN_COMMENT.finditer(comment.group()):
                    if r := _risky(tag.group(1), tag.group(2)):
                        risky.append((None, tag.group(1), r))
        sheets = []
        if self._code_in_sheets(env, template):
            sheets = [m.group(2) for m in _SHEETS.finditer(mjml)]
        if not risky and not sheets:
            return None
        parents = {i: parent for i, _, parent in structure.components}
        shown: dict[str, str] = {}  # each text lower-cased (a template may have |lower'd it)
        outside = []
        for where, text in texts():
            plain = decoded(text).strip()
            if plain:
                shown.setdefault(plain.lower(), plain)
                outside.append((where, plain.lower()))
        for index, name, attributes in risky:
            for attribute, present, value in attributes:
                origin = _origin(value, present, outside)
                if origin is not None:
                    where, text = origin[0], shown[origin[1]]
                    token = tokens[index] if index is not None else None
                    return self._at(
                        env,
                        template,
                        (name, token, parents.get(index) if index is not None else None),
                        attribute,
                        (where, text),
                        present,
                    )
        for sheet in sheets:
            value = decoded(sheet).lower()
            present = _markers(value, _SHEET)
            origin = _origin(value, present, outside)
            if origin is not None:
                where, text = origin[0], shown[origin[1]]
                return Diagnostic(
                    f"templates/{template}",
                    None,
                    CODE,
                    "error",
                    f"a style sheet holds {self._text(text)} from {where}, with "
                    f"{_listed(_found_in(text, present))}, which would write CSS of its own "
                    "(a value from campaign data, a translation or a calendar is a value, "
                    "never CSS); this email is not built",
                )
        return None

    def _family(self, env: Environment, template: str) -> tuple[tuple[str, str], ...]:
        if template not in self._families:
            self._families[template] = template_family(env, template)
        return self._families[template]

    def _code_in_sheets(self, env: Environment, template: str) -> bool:
        """Whether any template writes Jinja code in a style sheet: read once per renderer
        from the templates' sources (a template's family would take a parse of each)."""
        if "*" not in self._sheets:
            loader = env.loader
            names = [
                name
                for name in (loader.list_templates() if loader is not None else [])
                if not name.startswith("assets/")  # images and fonts, no templates
            ]
            self._sheets["*"] = any(
                _CODE_IN_SHEET.search(_source(env, name)) is not None for name in names
            )
        return self._sheets["*"]

    def _at(
        self,
        env: Environment,
        template: str,
        tag: tuple[str, Token | None, str | None],
        attribute: str,
        origin: tuple[str, str],
        present: frozenset[str],
    ) -> Diagnostic:
        name, token, parent = tag
        where, text = origin
        path, line = None, None
        if token is not None and parent is not None:
            element = placement.Misplaced(token[1], parent, tag_text(token))
            path, line = placement.locate(self._family(env, template), element, (attribute,))
        else:  # HTML in an mj-text, a conditional comment or a {% trans %} block
            path, line = _html_place(self._family(env, template), name, attribute)
        return Diagnostic(
            path or f"templates/{template}",
            line,
            CODE,
            "error",
            f"{attribute} of <{name}> gets {self._text(text)} from {where}, whose "
            f"{_listed(_found_in(text, present))} would end its CSS and write more (a value "
            "from campaign data, a translation or a calendar is a value, never CSS); this "
            "email is not built",
        )

    def _text(self, text: str) -> str:
        shown = text if len(text) <= 80 else text[:77] + "..."
        return repr(escape_control(self._shown(shown)))


def _html_place(
    family: tuple[tuple[str, str], ...], name: str, attribute: str
) -> tuple[str | None, int | None]:
    """The template and line of the one HTML start tag in the family that writes
    `attribute` with an expression (`<p style="color: {{ c }}">`), else of the one that
    writes it at all; no line when there are several or none. HTML inside an `mj-text` is no
    element of MJML's tree, so placement.locate does not index it."""
    pattern = re.compile(
        rf"<{re.escape(name)}(?=[\t\n\f\r />])[^<>]*?[\t\n\f\r /]{re.escape(attribute)}"
        rf"[\t\n\f\r ]*=[^<>]*>",
        re.I,
    )
    found = [(path, source, m) for path, source in family for m in pattern.finditer(source)]
    for candidates in ([f for f in found if "{{" in f[2].group(0)], found):
        if len(candidates) == 1:
            path, source, m = candidates[0]
            return f"templates/{path}", source.count("\n", 0, m.start()) + 1
        if candidates:
            break
    return None, None


def _source(env: Environment, name: str) -> str:
    try:
        return env.loader.get_source(env, name)[0] if env.loader is not None else ""
    except Exception:  # a template that cannot be read is reported where it is rendered
        return ""


def _origin(
    value: str, present: frozenset[str], outside: list[tuple[str, str]]
) -> tuple[str, str] | None:
    """The first outside text that is in `value` and brings one of the `present` markers
    itself (however short: a ';' alone is enough), or None."""
    for where, text in outside:
        if _found_in(text, present) and text in value:
            return where, text
    return None


def _found_in(text: str, present: frozenset[str]) -> list[str]:
    lowered = text.lower()
    return [marker for marker in present if _holds(lowered, marker)]


def _listed(markers: Iterable[str]) -> str:
    return ", ".join(repr(m) for m in sorted(markers))


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
