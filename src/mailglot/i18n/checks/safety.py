"""Checks that keep a translation from changing what the email *is*: its markup, its template
and merge-tag syntax, its placeholders and the number of plural forms.

Jinja's i18n extension marks translations safe, so a translation may carry only what its msgid
carries. Most of these codes are protected (README: translation policy): the string is refused
whatever `checks.disable` or an accept comment says, because using it would be unsafe.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from collections.abc import Iterator
from typing import NamedTuple

from mailglot.i18n.checks import attributes, conversions
from mailglot.i18n.checks.base import BRACE_FIELD, PERCENT_FIELD, TAG, Finding, Pair
from mailglot.i18n.checks.memo import per_text
from mailglot.i18n.untrusted import pair_problems

# A `<` that a browser would read as the start of a tag, left over once whole tags are gone:
# an unclosed `<img src=x onerror=...` swallows the template's markup up to the next `>`.
TAG_OPEN = re.compile(r"<[A-Za-z/!?][^<>]{0,30}")
# Character references that decode to markup characters: harmless in HTML, but any step that
# decodes entities (a text part, a subject line, a sloppy converter) turns them into tags.
MARKUP_REF = re.compile(r"&(?:lt|gt|#0*(?:60|62)|#x0*(?:3c|3e));?", re.I)
ATTR = re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
VOID_TAGS = {"br", "img", "hr", "wbr", "meta", "link", "input", "source"}
_FORMATTER = string.Formatter()


def _attrs(raw: str) -> list[tuple[str, str]]:
    return sorted(
        (a.group(1).lower(), (a.group(2) or "").strip("\"'")) for a in ATTR.finditer(raw or "")
    )


class _Tag(NamedTuple):
    sig: str  # the tag read: lower-case names, values unquoted, attributes in order
    href: str
    masked: str  # `sig` with the values a translation may change written `*`


def _tags(text: str, typographic: frozenset[str]) -> list[_Tag]:
    """One `_Tag` per tag; attribute-less typographic tags the project allows are left out.
    An `href` is compared apart so a link may move to an allowed URL, and alt, title and
    aria-label values are text a translation translates (`attributes.TEXT`)."""
    out = []
    for m in TAG.finditer(text):
        if m.group(2) is None:
            out.append(_Tag(m.group(0), "", m.group(0)))  # comments, doctypes, PIs
            continue
        name, attrs = m.group(2).lower(), _attrs(m.group(3))
        if name in typographic and all(a == "/" for a, _ in attrs):
            continue
        href = next((v for a, v in attrs if a == "href"), "")
        shown = " ".join(f"{a}={v}" for a, v in attrs)
        masked = " ".join(
            f"{a}=*" if (a == "href" and v) or a in attributes.TEXT else f"{a}={v}"
            for a, v in attrs
        )
        out.append(
            _Tag(
                f"<{m.group(1)}{name} {shown}>".replace(" >", ">"),
                href,
                f"<{m.group(1)}{name} {masked}>".replace(" >", ">"),
            )
        )
    return out


def _balanced(text: str) -> bool:
    stack: list[str] = []
    for m in TAG.finditer(text):
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name is None:
            continue
        name = name.lower()
        if (attrs or "").rstrip().endswith("/") or name in VOID_TAGS:
            continue
        if not closing:
            stack.append(name)
        elif not stack or stack.pop() != name:
            return False
    return not stack


balanced = _balanced  # campaign text is held to the same rule (project.campaign_markup)


def _masked(tags: list[_Tag]) -> Counter[str]:
    return Counter(t.masked for t in tags)


def check_markup(pair: Pair) -> Iterator[Finding]:
    if "<" not in pair.source and "<" not in pair.translation and "&" not in pair.translation:
        return  # no tag on either side (each starts with "<") and no reference to one
    policy = pair.policy
    # A subject or preheader is plain text: no tag is typographic there, inboxes show it typed;
    # so is an attribute's value (alt="..."), the only place some msgids are used.
    attribute = "" if pair.is_header else pair.attribute
    typographic = frozenset() if pair.is_header or attribute else policy.typographic_tags
    src = _tags(pair.source, typographic)
    dst = _tags(pair.translation, typographic)
    extra, missing = _masked(dst) - _masked(src), _masked(src) - _masked(dst)
    if extra:
        shown = sorted(Counter(t.sig for t in dst) - Counter(t.sig for t in src))
        if pair.is_header or attribute:  # in the order the reader would get them
            shown = [s for s in dict.fromkeys(t.sig for t in dst) if s in shown]
        if pair.is_header:
            yield Finding(
                "catalog.markup",
                "markup in a subject or preheader, which is plain text: the inbox would show "
                f"{', '.join(shown)} as typed",
            )
        elif attribute:
            who = "readers with images off and screen readers" if "alt" in attribute else "readers"
            yield Finding(
                "catalog.markup",
                f"markup in a text the templates use only as an attribute value ({attribute}), "
                f"which is plain text: {who} would get {', '.join(shown)} as typed",
            )
        else:
            yield Finding("catalog.markup", f"markup not in the source text: {', '.join(shown)}")
    elif not _balanced(pair.translation) and _balanced(pair.source):
        yield Finding(
            "catalog.markup", "unbalanced tags: every opened tag must be closed in the same order"
        )
    if missing and not extra:
        shown = sorted(Counter(t.sig for t in src) - Counter(t.sig for t in dst))
        yield Finding(
            "catalog.markup.missing", f"markup of the source text missing: {', '.join(shown)}"
        )
    if not extra and not missing:
        unfit = list(attributes.check_translated_values(pair.translation))
        yield from unfit
        yield from attributes.check_spelling(pair.source, pair.translation, typographic)
        moved = Counter(t.href for t in dst if t.href) - Counter(t.href for t in src if t.href)
        refused = [] if unfit else sorted(h for h in moved if not policy.link_allowed(h))
        if refused:
            yield Finding(
                "catalog.markup",
                f"link changed to {', '.join(h + policy.read_as(h) for h in refused)}, which "
                "l10n.allowed_links does not allow",
            )
    yield from _stray_markup(pair)


def _stray_markup(pair: Pair) -> Iterator[Finding]:
    stray = TAG_OPEN.findall(TAG.sub("", pair.translation))
    if len(stray) > len(TAG_OPEN.findall(TAG.sub("", pair.source))):
        yield Finding(
            "catalog.markup",
            f"{stray[0]!r} starts a tag that is never closed with '>' (it would swallow the "
            "email's own markup); write the text without '<'",
        )
    refs = Counter(r.lower() for r in MARKUP_REF.findall(pair.translation))
    extra_refs = refs - Counter(r.lower() for r in MARKUP_REF.findall(pair.source))
    if extra_refs:
        yield Finding(
            "catalog.markup",
            f"character references that decode to markup: {', '.join(sorted(extra_refs))} "
            "(write the text itself; translations may not build tags, even escaped)",
        )


def check_syntax(pair: Pair) -> Iterator[Finding]:
    """Template and merge-tag syntax, control characters and new line breaks: the same
    screen the build applies to every translation (`mailglot.i18n.untrusted`)."""
    for problem in pair_problems(pair.source, pair.translation):
        yield Finding("catalog.syntax-injection", problem)


def check_placeholders(pair: Pair) -> Iterator[Finding]:
    # A plural form may use any placeholder of the message; a form used for many numbers keeps
    # every placeholder of msgid_plural (its `source`), a form for one number only ("one" in
    # English) may leave them out, as msgfmt -c allows.
    ids = pair.plural_ids or (pair.source,)
    for pattern, shape, mark in ((BRACE_FIELD, "{%s}", "{"), (PERCENT_FIELD, "%%(%s)s", "%")):
        if (
            mark not in pair.translation
            and mark not in pair.source
            and all(mark not in i for i in ids)
        ):
            continue  # every field starts with its mark: none on either side
        allowed = {n for i in ids for n in _fields(i, mark)}
        used = set(_fields(pair.translation, mark))
        needed = set(_fields(pair.source, mark))
        missing = set() if pair.single_number else needed - used
        if missing:
            # a translator who followed msgid ("One series...") is told why msgid_plural counts
            singular = set(pattern.findall(pair.plural_ids[0])) if pair.plural_ids else needed
            why = (
                f"; this form is used for {pair.also_for}, so it keeps msgid_plural's placeholders"
                if pair.also_for and missing - singular
                else ""
            )
            yield Finding(
                "catalog.placeholders.missing",
                "placeholder missing: " + ", ".join(shape % n for n in sorted(missing)) + why,
            )
        if used - allowed:
            yield Finding(
                "catalog.placeholders.unknown",
                "placeholder not in the source text: "
                + ", ".join(shape % n for n in sorted(used - allowed)),
            )
    if pair.from_templates:
        yield from _percent(pair)
    elif pair.translation.count("%%") > pair.source.count("%%"):
        yield Finding("catalog.placeholders.percent", _shown_as_typed(pair))


@per_text
def _fields(text: str, mark: str) -> tuple[str, ...]:
    """The names of the text's `{name}` fields (`mark` "{") or `%(name)s` conversions ("%"):
    asked of the same msgid for each plural form and each of its ids."""
    if mark not in text:
        return ()
    return tuple((BRACE_FIELD if mark == "{" else PERCENT_FIELD).findall(text))


def _shown_as_typed(pair: Pair) -> str:
    how = (
        "it is filled with {name} placeholders, not %-formatted"
        if pair.brace_formatted
        else "it is shown as written, not %-formatted"
    )
    return f"'%%' would show as typed in this string ({how}): write a single % for a percent"


def _by_name(readings: list[conversions.Reading]) -> dict[str, list[conversions.Conversion]]:
    named: dict[str, list[conversions.Conversion]] = {}
    for reading in readings:
        for c in reading.conversions:
            if c.name is not None:
                named.setdefault(c.name, []).append(c)
    return named


def _percent(pair: Pair) -> Iterator[Finding]:
    """A string Jinja %-formats: its conversions must mean what the source's do, and a
    literal % is `%%`."""
    dst = conversions.read(pair.translation)
    source = conversions.read(pair.source)
    if not dst.lone and dst.conversions == source.conversions:
        return  # the source's own conversions in its order, and no lone %: nothing below finds
    named = _by_name([conversions.read(i) for i in (pair.plural_ids or (pair.source,))])
    odd = [
        c.raw
        for c in dst.conversions
        if c.name is not None and c.name not in named and not PERCENT_FIELD.fullmatch(c.raw)
    ]
    if odd:  # `%(prénom)s`, `%(first name)s`: names the check above does not read
        yield Finding(
            "catalog.placeholders.unknown", "placeholder not in the source text: " + ", ".join(odd)
        )
    changed = [
        (c, named[c.name])
        for c in dst.conversions
        if c.name in named and c.meaning not in {s.meaning for s in named[c.name]}
    ]
    if changed:
        yield Finding(
            "catalog.placeholders.percent",
            "; ".join(
                f"{c.raw} where the source has {' or '.join(dict.fromkeys(s.raw for s in same))}"
                for c, same in changed
            )
            + ": copy the source's conversion (another type or flag fails to format the "
            "value or writes it differently)",
        )
    want = [c for c in source.conversions if c.name is None]
    got = [c for c in dst.conversions if c.name is None]
    lone = list(dst.lone)
    if not want:
        lone += [c.raw for c in got]  # `100 % automatique`: `% a` is no conversion meant
    elif len(got) != len(want):
        if not (pair.single_number and len(got) < len(want)):
            yield Finding(
                "catalog.placeholders.percent",
                f"{len(got)} %-conversion(s) where the source has {len(want)} "
                f"({' '.join(c.raw for c in want)}): the string would fail to format",
            )
        return
    else:
        differ = [(g, w) for g, w in zip(got, want, strict=True) if g.meaning != w.meaning]
        if differ:
            yield Finding(
                "catalog.placeholders.percent",
                "; ".join(f"{g.raw} where the source has {w.raw}" for g, w in differ)
                + ": copy the source's conversions, in the source's order",
            )
    if lone and not source.lone:
        yield Finding(
            "catalog.placeholders.percent",
            "a literal % must be written %% in this string (the template formats it)",
        )


def check_braces(pair: Pair) -> Iterator[Finding]:
    """Campaign strings are filled with str.format rules: a stray brace would break them."""
    if not pair.brace_formatted:
        return
    try:
        list(_FORMATTER.parse(pair.translation))
    except ValueError:
        yield Finding("catalog.braces", "a lone { or } (write {{ or }} for a literal brace)")


def check_plural_forms(pair: Pair) -> Iterator[Finding]:
    """Reported once per message, on its first translated form."""
    if not pair.plural_ids or pair.form != next(i for i, s in enumerate(pair.forms) if s):
        return
    empty = [i for i, form in enumerate(pair.forms) if not form]
    if empty:
        yield Finding(
            "catalog.plural-forms",
            f"plural form {empty[0]} is empty while others are translated (it would show "
            "nothing); translate every form",
        )
    if len(pair.forms) != pair.forms_needed:
        yield Finding(
            "catalog.plural-forms",
            f"{len(pair.forms)} plural forms, but {pair.policy.locale} has {pair.forms_needed}",
        )
