"""Translation checks: plain functions in a registry, run on every catalog the build loads.

Translations come from outside the team, and Jinja's i18n extension marks them safe, so a
translation may carry only what its msgid carries: the same placeholders, the same tags
with the same attributes, no template or merge-tag syntax. A message that fails is dropped
before the catalog is compiled, so the email shows the source text and the build reports
the problem with the `.po` line.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from babel.messages.catalog import Catalog, Message

from mailglot.errors import Diagnostic, Severity

# Any `{...}` field, not only plain names: `{first_name.__class__}`, `{0}` or `{x!r}` in a
# translation is a field the source does not have, and is reported as one.
BRACE_FIELD = re.compile(r"(?<!\{)\{(?![%#])([^{}]*)\}(?!\})")
PERCENT_FIELD = re.compile(r"%\(([A-Za-z_][A-Za-z0-9_]*)\)[sdifr]")
LONE_PERCENT = re.compile(r"%(?!%|\([A-Za-z_][A-Za-z0-9_]*\)[sdifr])")
# As browsers tokenise: `/` separates attributes too (`<svg/onload=...>` is an svg with an
# onload attribute), and comments, doctypes and processing instructions are markup as well.
TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)((?:[\s/][^<>]*)?)>|<[!?][^>]*>")
# A `<` that a browser would read as the start of a tag, left over once whole tags are gone:
# an unclosed `<img src=x onerror=...` swallows the template's markup up to the next `>`.
TAG_OPEN = re.compile(r"<[A-Za-z/!?][^<>]{0,30}")
# Character references that decode to markup characters: harmless in HTML, but any step that
# decodes entities (a text part, a subject line, a sloppy converter) turns them into tags.
MARKUP_REF = re.compile(r"&(?:lt|gt|#0*(?:60|62)|#x0*(?:3c|3e));?", re.I)
ATTR = re.compile(r"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'=<>`]+))?")
TEMPLATE_SYNTAX = re.compile(r"\{\{|\}\}|\{%|%\}|\{#|#\}|\*\||\|\*|\[\[|\]\]")
_FORMATTER = string.Formatter()
VOID_TAGS = {"br", "img", "hr", "wbr", "meta", "link", "input", "source"}


@dataclass(frozen=True)
class Pair:
    """One source/translation pair: a plain message, or one plural form against its msgid."""

    source: str
    translation: str
    message: Message
    form: int | None = None  # plural form index


Check = Callable[[Pair], Iterator[str]]
CHECKS: dict[str, tuple[Severity, Check]] = {}


def register(code: str, severity: Severity = "error") -> Callable[[Check], Check]:
    def deco(fn: Check) -> Check:
        CHECKS[code] = (severity, fn)
        return fn

    return deco


def _tags(text: str) -> list[str]:
    out = []
    for m in TAG.finditer(text):
        if m.group(2) is None:
            out.append(m.group(0))  # comments, doctypes, processing instructions
            continue
        attrs = sorted(
            f"{a.group(1).lower()}={(a.group(2) or '').strip(chr(34) + chr(39))}"
            for a in ATTR.finditer(m.group(3) or "")
        )
        out.append(f"<{m.group(1)}{m.group(2).lower()} {' '.join(attrs)}>".replace(" >", ">"))
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


def _from_templates(message: Message) -> bool:
    """Messages used by Jinja are %-formatted; those from YAML are not."""
    if not message.locations:
        return True
    return any(str(path).startswith("templates/") for path, _ in message.locations)


@register("catalog.markup")
def check_markup(pair: Pair) -> Iterator[str]:
    src, dst = Counter(_tags(pair.source)), Counter(_tags(pair.translation))
    extra = dst - src
    if extra:
        yield f"markup not in the source text: {', '.join(sorted(extra))}"
    elif not _balanced(pair.translation) and _balanced(pair.source):
        yield "unbalanced tags: every opened tag must be closed in the same order"
    missing = src - dst
    if missing and not extra:
        yield f"markup of the source text missing: {', '.join(sorted(missing))}"
    stray = TAG_OPEN.findall(TAG.sub("", pair.translation))
    if len(stray) > len(TAG_OPEN.findall(TAG.sub("", pair.source))):
        yield (
            f"{stray[0]!r} starts a tag that is never closed with '>' (it would swallow the "
            "email's own markup); write the text without '<'"
        )
    refs = Counter(r.lower() for r in MARKUP_REF.findall(pair.translation))
    extra_refs = refs - Counter(r.lower() for r in MARKUP_REF.findall(pair.source))
    if extra_refs:
        yield (
            f"character references that decode to markup: {', '.join(sorted(extra_refs))} "
            "(write the text itself; translations may not build tags, even escaped)"
        )


@register("catalog.syntax-injection")
def check_template_syntax(pair: Pair) -> Iterator[str]:
    found = set(TEMPLATE_SYNTAX.findall(pair.translation)) - set(
        TEMPLATE_SYNTAX.findall(pair.source)
    )
    if found:
        yield (
            f"template or merge-tag syntax not in the source text: {' '.join(sorted(found))} "
            "(translations are text, never code)"
        )


@register("catalog.placeholders")
def check_placeholders(pair: Pair) -> Iterator[str]:
    msg = pair.message
    for pattern, shape in ((BRACE_FIELD, "{%s}"), (PERCENT_FIELD, "%%(%s)s")):
        if msg.pluralizable:
            ids = msg.id if isinstance(msg.id, (list, tuple)) else (msg.id,)
            allowed = {n for i in ids for n in pattern.findall(i)}
            used = set(pattern.findall(pair.translation))
            extra = used - allowed
            missing: set[str] = set()
        else:
            allowed = set(pattern.findall(pair.source))
            used = set(pattern.findall(pair.translation))
            extra, missing = used - allowed, allowed - used
        if missing:
            yield "placeholder missing: " + ", ".join(shape % n for n in sorted(missing))
        if extra:
            yield "placeholder not in the source text: " + ", ".join(
                shape % n for n in sorted(extra)
            )
    if (
        _from_templates(msg)
        and LONE_PERCENT.search(pair.translation)
        and not LONE_PERCENT.search(pair.source)
    ):
        yield "a literal % must be written %% in this string (the template formats it)"


@register("catalog.braces")
def check_braces(pair: Pair) -> Iterator[str]:
    """Campaign strings are filled with str.format rules: a stray brace would break them."""
    if _from_templates(pair.message):
        return
    try:
        list(_FORMATTER.parse(pair.translation))
    except ValueError:
        yield "a lone { or } (write {{ or }} for a literal brace)"


CatalogCheck = Callable[[Message, Catalog], Iterator[str]]
CATALOG_CHECKS: dict[str, tuple[Severity, CatalogCheck]] = {}


def check_plural_forms(message: Message, catalog: Catalog) -> Iterator[str]:
    if not message.pluralizable or not isinstance(message.string, (list, tuple)):
        return
    given, needed = len(message.string), catalog.num_plurals
    empty = [i for i, form in enumerate(message.string) if not form]
    if empty and len(empty) < given:
        yield (
            f"plural form {empty[0]} is empty while others are translated (it would show "
            "nothing); translate every form"
        )
    if given != needed:
        yield (
            f"{given} plural forms, but {catalog.locale_identifier or 'this language'} has "
            f"{needed} (Plural-Forms: {catalog.plural_forms})"
        )


CATALOG_CHECKS["catalog.plural-forms"] = ("error", check_plural_forms)


def display_columns(text: str) -> int:
    """How wide a subject line is in an inbox: CJK and other wide glyphs take two columns."""
    return sum(
        2 if unicodedata.east_asian_width(c) in "WF" else 1
        for c in text
        if unicodedata.category(c) not in ("Mn", "Cf")
    )


def pairs(message: Message) -> Iterator[Pair]:
    if message.pluralizable:
        ids = list(message.id)
        strings = message.string if isinstance(message.string, (list, tuple)) else [message.string]
        for i, text in enumerate(strings):
            if text:
                yield Pair(ids[0] if i == 0 else ids[-1], text, message, i)
    elif message.string:
        yield Pair(message.id, message.string, message)


def problems(
    message: Message, catalog: Catalog, disabled: frozenset[str] = frozenset()
) -> list[tuple[str, Severity, str]]:
    """(code, severity, text) for every check the message fails."""
    out = []
    for code, (severity, check) in CATALOG_CHECKS.items():
        if code not in disabled:
            out += [(code, severity, text) for text in check(message, catalog)]
    if out:  # the wrong number of forms makes the per-form checks meaningless
        return out
    for pair in pairs(message):
        for code, (severity, fn) in CHECKS.items():
            if code in disabled:
                continue
            for text in fn(pair):
                where = (
                    f" (plural form {pair.form})"
                    if pair.form is not None and message.pluralizable
                    else ""
                )
                out.append((code, severity, f"{text}{where}"))
    return out


def message_label(message: Message) -> str:
    msgid = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
    short = msgid if len(msgid) <= 50 else msgid[:47] + "..."
    ctx = f" [{message.context}]" if message.context else ""
    return f"{short!r}{ctx}"


def screen_catalog(catalog: Catalog, rel: str) -> list[Diagnostic]:
    """Report and drop every translation that fails an error-level check; report fuzzy
    entries, which gettext never uses, so nobody wonders why a translation does not show."""
    out: list[Diagnostic] = []
    for message in list(catalog):
        if not message.id:
            continue
        if message.fuzzy:
            if any(
                message.string if isinstance(message.string, (list, tuple)) else [message.string]
            ):
                out.append(
                    Diagnostic(
                        rel,
                        message.lineno,
                        "catalog.fuzzy",
                        "warning",
                        f"{message_label(message)}: fuzzy, so not used (the source "
                        "text is shown) until a translator reviews it",
                    )
                )
            continue
        found = problems(message, catalog)
        for code, severity, text in found:
            out.append(
                Diagnostic(
                    rel,
                    message.lineno,
                    code,
                    severity,
                    f"{message_label(message)}: {text}; the source text is used"
                    if severity == "error"
                    else f"{message_label(message)}: {text}",
                )
            )
        if any(sev == "error" for _, sev, _ in found):
            message.string = ("",) * len(message.string) if message.pluralizable else ""
    return out
