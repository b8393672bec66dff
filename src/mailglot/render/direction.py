"""Step 1b: the job's reading direction applied to the MJML, so templates never branch on it.

A template writes sides logically: `align="start"`/`"end"` (on mj-text, mj-button, mj-image,
mj-section/mj-wrapper `text-align`, mj-social, mj-navbar, mj-table, mj-divider...),
`padding-start`/`padding-end` (and `border-start`/`border-end`), and 4-value paddings read in
the writing order (top, end, bottom, start). This step turns them into the physical
`left`/`right` every MJML compiler and email client understands, mirrored for right-to-left
locales, and gives right-to-left jobs right-to-left defaults: sections and groups lay their
columns out from the right (MJML's `direction="rtl"`), columns and text run right to left,
text is right-aligned. A template keeps a section's columns in source order with an explicit
`direction="ltr"` (on the mj-section, an mj-class or `<mj-attributes>`), and `left`/`right`
stay physical. The `<mjml>` root gets the job's `lang` and `dir`; a template that wrote other
values hears about it (see `language_findings`).

It runs on Jinja's output before compilation and edits only MJML start tags: the HTML inside
ending tags (mj-text, mj-button, mj-raw...) and comments are copied byte for byte.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache, partial

from jinja2 import Environment

from mailglot.errors import Diagnostic
from mailglot.i18n.locales import LocaleInfo
from mailglot.render import mjml_variants
from mailglot.render.mjml_start_tags import (
    CLOSE,
    ENDING_TAGS,
    SCAN,
    Tag,
    hides_token,
    parsed_attributes,
    start_tags,
)
from mailglot.render.tags import (
    Attribute,
    format_attributes,
    with_values,
)
from mailglot.render.template import template_family

SIDE_VALUED = frozenset({"align", "text-align", "icon-position", "ico-align"})
SHORTHANDS = frozenset({"padding", "inner-padding", "icon-padding", "text-padding"})
LOGICAL_PREFIXES = ("padding", "border", "ico-padding")

# What a right-to-left job gets unless the template's <mj-attributes> says otherwise
# (per component or through mj-all). Inline attributes and mj-class win as usual.
RTL_DEFAULTS: dict[str, dict[str, str]] = {
    "mj-section": {"direction": "rtl"},
    "mj-wrapper": {"direction": "rtl"},
    "mj-group": {"direction": "rtl"},
    "mj-column": {"direction": "rtl"},
    "mj-text": {"align": "right"},
    "mj-table": {"align": "right"},
}

_ROOT_LINE = re.compile(r"<mjml\b", re.I)
_CLOSE_ATTRIBUTES = re.compile(r"</mj-attributes\s*>", re.I)


@dataclass(frozen=True)
class Conflict:
    """The template wrote `attribute="written"` on <mjml>; mailglot used `used`."""

    attribute: str  # lang | dir
    written: str
    used: str


@dataclass(frozen=True)
class Oriented:
    mjml: str
    conflicts: tuple[Conflict, ...]


def physical(value: str, rtl: bool) -> str:
    """`start`/`end` as `left`/`right` for the job's direction; any other value unchanged."""
    side = value.strip().lower()
    if side not in ("start", "end"):
        return value
    return "left" if (side == "start") != rtl else "right"


def mirrored_shorthand(value: str) -> str:
    """`top right bottom left` with its sides swapped; 1- to 3-value forms are symmetric."""
    parts = value.split()
    if len(parts) != 4:
        return value
    return " ".join((parts[0], parts[3], parts[2], parts[1]))


def resolve_attributes(attributes: list[Attribute], rtl: bool) -> list[Attribute]:
    """One element's logical sides made physical; a logical side wins over the physical
    attribute it becomes (`padding-start` beats a `padding-left` on a left-to-right job)."""
    out: list[tuple[Attribute, bool]] = []
    for a in attributes:
        name, value, logical = a.name, a.value, False
        lower = name.lower()
        if lower in SIDE_VALUED:
            value = physical(value, rtl)
        elif lower in SHORTHANDS and rtl:
            value = mirrored_shorthand(value)
        elif lower.endswith(("-start", "-end")) and lower.rsplit("-", 1)[0] in LOGICAL_PREFIXES:
            prefix, side = lower.rsplit("-", 1)
            name, logical = f"{prefix}-{physical(side, rtl)}", True
        out.append((Attribute(name, value, a.quote), logical))
    from_logical = {a.name for a, logical in out if logical}
    return [a for a, logical in out if logical or a.name.lower() not in from_logical]


def _template_defaults(mjml: str, tags: list[Tag]) -> dict[str, set[str]]:
    """Attributes the template's <mj-attributes> sets, per component (mj-all included)."""
    out: dict[str, set[str]] = {}
    if not any(tag.name == "mj-attributes" for tag in tags):
        return out
    closes = [m.start() for m in _CLOSE_ATTRIBUTES.finditer(mjml)]
    inside_to = -1  # where the blocks opened so far end: from a block's start to its end
    for tag in tags:
        if tag.name != "mj-class" and tag.start < inside_to:
            out.setdefault(tag.name, set()).update(a.name.lower() for a in tag.attributes)
        if tag.name == "mj-attributes" and not tag.self_closing:
            i = bisect_left(closes, tag.end)  # its block ends at the next closing tag
            inside_to = max(inside_to, closes[i] if i < len(closes) else len(mjml))
    return out


def rtl_defaults(mjml: str, tags: list[Tag]) -> str:
    """The <mj-attributes> children a right-to-left job gets, minus what the template set."""
    written = _template_defaults(mjml, tags)
    everywhere = written.get("mj-all", set())
    parts = []
    for component, defaults in RTL_DEFAULTS.items():
        mine = written.get(component, set()) | everywhere
        attrs = [Attribute(k, v, '"') for k, v in defaults.items() if k not in mine]
        if attrs:
            parts.append(f"<{component}{format_attributes(attrs)} />")
    return "".join(parts)


def _placement(tags: list[Tag], defaults: str) -> tuple[int, str]:
    """Where the defaults go (after which tag) and how they are wrapped: first in the
    template's own <mj-attributes> (one block, so later steps that read it see all of it),
    else in a new one at the top of <mj-head>, else in a new <mj-head>."""
    if not defaults:
        return -1, ""
    block = f"<mj-attributes>{defaults}</mj-attributes>"
    for i, tag in enumerate(tags):
        if tag.name == "mj-attributes" and not tag.self_closing:
            return i, defaults
    for i, tag in enumerate(tags):
        if tag.name == "mj-head":
            return i, block + ("</mj-head>" if tag.self_closing else "")
    for i, tag in enumerate(tags):
        if tag.name == "mjml" and not tag.self_closing:
            return i, f"<mj-head>{block}</mj-head>"
    return -1, ""


def _root(tag: Tag, lang: str, direction: str) -> tuple[str, list[Conflict]]:
    text, conflicts = _root_text(tag.raw, lang, direction)
    return text, list(conflicts)


@lru_cache(maxsize=1024)
def _root_text(raw: str, lang: str, direction: str) -> tuple[str, tuple[Conflict, ...]]:
    """<mjml> with the job's lang and dir, and what the template wrote instead: the same
    for every job of a template and locale."""
    attributes = list(parsed_attributes(raw))
    used = {"lang": lang, "dir": direction}
    conflicts = tuple(
        Conflict(a.name.lower(), a.value, used[a.name.lower()])
        for a in attributes
        if a.name.lower() in used and a.value.strip().lower() != used[a.name.lower()].lower()
    )
    return f"<mjml{format_attributes(with_values(attributes, used))}>", conflicts


def orient(mjml: str, lang: str, direction: str) -> Oriented:
    """The MJML with the job's lang/dir on <mjml>, logical sides resolved and, for a
    right-to-left job, right-to-left defaults placed before the template's own."""
    rtl = direction == "rtl"
    if not rtl:
        oriented = _left_to_right(mjml, lang, direction)
        if oriented is not None:
            return oriented
    return _oriented(mjml, lang, direction, rtl)


def _oriented(mjml: str, lang: str, direction: str, rtl: bool) -> Oriented:
    tags = list(start_tags(mjml))
    after, inserted = _placement(tags, rtl_defaults(mjml, tags) if rtl else "")
    pieces: list[str] = []
    conflicts: list[Conflict] = []
    pos = 0
    for i, tag in enumerate(tags):
        pieces.append(mjml[pos : tag.start])
        pos = tag.end
        if tag.name == "mjml" and not tag.self_closing:
            text, conflicts = _root(tag, lang, direction)
            pieces.append(text)
        else:
            pieces.append(
                _oriented_tag(mjml[tag.start : tag.end], tag.name, tag.raw, tag.self_closing, rtl)
            )
        if i == after:
            if tag.self_closing:  # <mj-head /> opens to take the defaults
                pieces[-1] = pieces[-1][:-2].rstrip() + ">"  # `\s*/>$` tried at each space
            pieces.append(inserted)
    pieces.append(mjml[pos:])
    return Oriented("".join(pieces), tuple(conflicts))


def _left_to_right(
    mjml: str, lang: str, direction: str, mark: tuple[int, int] | None = None
) -> Oriented | None:
    """`orient` for a left-to-right job (no defaults to place) in one `re.sub` over the
    tokens, the contents of ending tags passed over by their position, instead of a search
    and a `Tag` per token and a second loop; ~2x faster. A token that begins inside those
    contents and ends past their closing tag would hide a token `start_tags` finds: then
    None, and `orient` takes the long way; so too when a tag that does not close may hide
    one (see `SCAN`). With `mark` (a span of the text), None too when a token runs over it
    (mjml_variants)."""
    conflicts: tuple[Conflict, ...] = ()
    skip_to = 0  # where the contents of the last ending tag end
    straddled = False

    def token(m: re.Match[str]) -> str:
        nonlocal conflicts, skip_to, straddled
        text = m.group(0)
        if mark is not None and m.start() < mark[1] and m.end() > mark[0]:
            straddled = True
        if m.start() < skip_to:
            if m["bad"] is not None:
                return _no_tag(m)
            straddled = straddled or m.end() > skip_to
            return text
        known = _LTR_TOKENS.get(text)  # never a bad match's text, which ends before a ">"
        if known is None:
            if m["bad"] is not None:
                return _no_tag(m)
            known = _ltr_token(m)
        oriented, close = known
        if close is not None:
            closed = close.search(mjml, m.end())
            skip_to = closed.end() if closed else len(mjml)
        if oriented is None:  # <mjml>: the job's lang and dir
            oriented, conflicts = _root_text(m["attrs"], lang, direction)
        return oriented

    def _no_tag(m: re.Match[str]) -> str:
        """A bad match is copied, unless a token could start inside it."""
        if hides_token(mjml, m):
            raise _Hidden
        return m.group(0)

    try:
        out = SCAN.sub(token, mjml)
    except _Hidden:
        return None
    return None if straddled else Oriented(out, conflicts)


class _Hidden(Exception):
    """`SCAN` passed over a place where `TOKEN` may start: the long way reads the text."""


# A token's text -> what a left-to-right job writes for it (None for <mjml>, which takes the
# job's lang and dir) and the closing tag whose contents follow it (an ending tag's), if any.
# Both follow from the text alone, and templates repeat their tags in every job: one lookup
# instead of reading the match's groups and the keyed lookup of `_oriented_tag` per token.
_LTR_TOKENS: dict[str, tuple[str | None, re.Pattern[str] | None]] = {}


def _ltr_token(m: re.Match[str]) -> tuple[str | None, re.Pattern[str] | None]:
    text, name = m.group(0), m["name"]
    if name is None:
        known: tuple[str | None, re.Pattern[str] | None] = (text, None)  # comment or CDATA
    else:
        name = name.lower()
        self_closing = bool(m["slash"])
        close = CLOSE[name] if name in ENDING_TAGS and not self_closing else None
        if name == "mjml" and not self_closing:
            known = (None, close)
        else:
            known = (_oriented_tag(text, name, m["attrs"], self_closing, False), close)
    if len(_LTR_TOKENS) >= 8192:  # bounded: `serve` sees templates come and go for hours
        _LTR_TOKENS.clear()
    _LTR_TOKENS[text] = known
    return known


@lru_cache(maxsize=4096)
def _oriented_tag(text: str, name: str, raw: str, self_closing: bool, rtl: bool) -> str:
    """A start tag other than <mjml> made physical. It depends on the tag's text alone
    (name, attributes and slash are read from `text`), so each distinct tag is resolved once
    per process and direction: templates repeat theirs in every job."""
    tag = Tag(name, raw, 0, len(text), self_closing)
    if not tag.may_change(rtl):
        return text  # untouched tags keep their spelling
    attrs = resolve_attributes(tag.attributes, rtl)
    if attrs == tag.attributes:
        return text
    slash = " /" if self_closing else ""
    return f"<{name}{format_attributes(attrs)}{slash}>"


def _root_template(env: Environment, name: str) -> tuple[str, int | None]:
    """The template (following extends and includes) that writes <mjml>, and its line."""
    for current, source in template_family(env, name):
        found = _ROOT_LINE.search(source)
        if found:
            return f"templates/{current}", source.count("\n", 0, found.start()) + 1
    return f"templates/{name}", None


def language_findings(
    conflicts: tuple[Conflict, ...], env: Environment, template: str
) -> list[Diagnostic]:
    """A warning per lang/dir the template wrote differently, located at its <mjml> line."""
    if not conflicts:
        return []
    path, line = _root_template(env, template)
    return [
        Diagnostic(
            path,
            line,
            f"template.{c.attribute}",
            "warning",
            f'<mjml {c.attribute}="{c.written}"> differs from the job\'s {c.attribute} '
            f'"{c.used}", which mailglot sets on every email: drop {c.attribute} from <mjml>',
        )
        for c in conflicts
    ]


def orient_job(
    mjml: str, info: LocaleInfo, env: Environment, template: str
) -> tuple[str, list[Diagnostic]]:
    """The pipeline's entry: Jinja's MJML oriented for the job's locale, and its warnings."""
    shared = None
    if info.dir != "rtl":  # a job's variants share the reading of their MJML
        shared = mjml_variants.oriented(mjml, (info.lang, info.dir), partial(_marked, info))
    if shared is None:
        oriented = orient(mjml, info.lang, info.dir)
        shared = oriented.mjml, oriented.conflicts
    return shared[0], language_findings(shared[1], env, template)


def _marked(
    info: LocaleInfo, mjml: str, mark: tuple[int, int]
) -> tuple[str, tuple[Conflict, ...]] | None:
    """`orient` of a left-to-right job, or None when a token runs over `mark` or the text
    takes the long way."""
    oriented = _left_to_right(mjml, info.lang, info.dir, mark)
    return None if oriented is None else (oriented.mjml, oriented.conflicts)
