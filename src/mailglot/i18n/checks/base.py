"""What every translation check works on: a `Pair` in, `Finding`s out, and the codes table.

A check is a plain function `(Pair) -> Iterator[Finding]`. The pair carries the two strings and
the project's translation policy, so a check can be tested on literal input without a catalog,
a project or a build. Severity, whether a code protects the email, and the fix hint live in
`CODES`, so the README table, the build and `l10n-status` all read them from one place.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from functools import lru_cache

from mailglot.errors import PROTECTED_CODES, Diagnostic, Severity
from mailglot.i18n.checks.memo import per_text
from mailglot.i18n.checks.url_paths import resolved

# Any `{...}` field, not only plain names: `{first_name.__class__}`, `{0}` or `{x!r}` in a
# translation is a field the source does not have, and is reported as one.
BRACE_FIELD = re.compile(r"(?<!\{)\{(?![%#])([^{}]*)\}(?!\})")
# A named %-conversion as Python reads it: flags, width, precision, a length modifier Python
# ignores, then the type (`%(price)s`, `%(count)d`, `%(rate).1f`, `%(x)r`).
PERCENT_FIELD = re.compile(
    r"%\(([A-Za-z_][A-Za-z0-9_]*)\)[-+ #0]*(?:\d+|\*)?(?:\.(?:\d+|\*)?)?[hlL]?[diouxXeEfFgGcrsa]"
)
# As browsers tokenise: `/` separates attributes too (`<svg/onload=...>` is an svg with an
# onload attribute), and comments, doctypes and processing instructions are markup as well.
# A comment or declaration ends at the first ">" and holds no "<" (one that does is not read
# as one: its "<" starts a tag or is text): reading "<!" to the next ">" from every "<!" was
# quadratic on text with many and no ">" after them.
TAG = re.compile(r"<\s*(/?)\s*([A-Za-z][A-Za-z0-9-]*)((?:[\s/][^<>]*)?)>|<[!?][^<>]*>")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'«»]+", re.I)
# Starts only where its local part can start (the lookbehind): tried at every character of a
# long run like 'a.a.a...' the pattern was quadratic (160 KB: ~40 s).
EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
ENTITY = re.compile(r"&(?:#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);", re.I)


@dataclass(frozen=True)
class Code:
    severity: Severity
    hint: str  # one line: what the translator does about it
    protected: bool = False  # refused whatever checks.disable or an accept comment says


@dataclass(frozen=True)
class Finding:
    code: str
    text: str


@dataclass(frozen=True)
class Policy:
    """What a project decides about its translations (mailglot.yaml), for one locale."""

    locale: str = "fr_FR"
    source_locale: str = "en_US"
    disabled: tuple[str, ...] = ()
    keep_as_is: tuple[str, ...] = ()
    protected_terms: tuple[str, ...] = ()  # kept exactly as the source writes them
    term_spellings: tuple[tuple[str, str, str], ...] = ()  # (term, language/locale, spelling)
    allowed_links: tuple[str, ...] = ()
    typographic_tags: frozenset[str] = frozenset()
    merge_style: str = "handlebars"
    headers: frozenset[str] = frozenset()  # subject and preheader msgids: mail headers
    # Where the project's own sources use each msgid (`checks.usage`), which decides how it is
    # formatted; `sources_known` is False for a policy made without a project.
    template_ids: frozenset[str] = frozenset()  # in a template's gettext call or {% trans %}
    campaign_ids: frozenset[str] = frozenset()  # a campaign's subject, preheader, data.strings
    plain_ids: frozenset[str] = frozenset()  # shown as written (event names)
    # (msgid, attribute) for msgids the templates print only in attribute values, where no tag
    # is read (`checks.attribute_use`)
    attribute_uses: frozenset[tuple[str, str]] = frozenset()
    sources_known: bool = False
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)

    @property
    def language(self) -> str:
        return _language(self.locale)

    def for_locale(self, locale: str) -> Policy:
        return replace(self, locale=locale)

    def link_allowed(self, url: str) -> bool:
        """Whether `l10n.allowed_links` allows `url` as a browser reads it: its dot segments
        resolved (`/fr/../account` is `/account`), never one holding a backslash or an
        encoded slash (`url_paths`)."""
        if not self.allowed_links:
            return False
        read = resolved(url)
        return read is not None and any(
            _glob(pattern, self.locale).fullmatch(read) for pattern in self.allowed_links
        )

    def read_as(self, url: str) -> str:
        """', which browsers read as ...' for a URL whose dot segments change where it goes
        (or which they may read otherwise), said where a refused link is named; else ''."""
        read = resolved(url)
        if read is None:
            return (
                " (it holds a backslash, an encoded slash or a space, which browsers and "
                "servers may read as another path)"
            )
        return f" (browsers read it as {read})" if read != url else ""


@dataclass(frozen=True)
class Pair:
    """One source/translation pair: a plain message, or one plural form against its msgid."""

    source: str
    translation: str
    policy: Policy = Policy()
    msgid: str = ""  # the (singular) msgid, which keys `policy.headers`
    plural_ids: tuple[str, ...] = ()  # msgid and msgid_plural of a plural message
    form: int | None = None
    single_number: bool = False  # CLDR uses this form for one number only (`one` in English)
    forms: tuple[str, ...] = ()  # every form of a plural message, empty ones included
    forms_needed: int = 0  # nplurals of the catalog
    # a form for 1 and many other numbers ("1, 21, 31, 41..."), which says msgid_plural
    also_for: str = ""
    # How the string is filled, decided from where the project uses its msgid (a template's
    # gettext call %-formats it; a campaign's subject, preheader or data.strings fills its
    # `{name}` fields; an event name is shown as written): see `checks.usage`.
    from_templates: bool = True  # %-formatted by Jinja: `%%` is a literal percent
    braced: bool | None = None  # `{name}`-filled; None: when it is not %-formatted

    @property
    def is_header(self) -> bool:
        return (self.msgid or self.source) in self.policy.headers

    @property
    def attribute(self) -> str:
        """The attributes ('alt', 'alt, title') the templates use this msgid in, if that is the
        only place they use it (`checks.attribute_use`); else ''."""
        uses = self.policy.attribute_uses
        if not uses:
            return ""
        msgid = self.msgid or self.source
        return ", ".join(sorted(a for m, a in uses if m == msgid))

    @property
    def brace_formatted(self) -> bool:
        return (not self.from_templates) if self.braced is None else self.braced


Check = Callable[[Pair], Iterator[Finding]]


@lru_cache(maxsize=1024)
def _language(locale: str) -> str:
    """`fr` for fr_FR: asked by most checks of every string, worked out once per locale."""
    return locale.split("_")[0].lower()


def _glob(pattern: str, locale: str) -> re.Pattern[str]:
    """`l10n.allowed_links` patterns: `**` any characters, `*` within one path segment, `{lang}`
    the locale's language as URLs write it (fr, fr-FR, fr-fr or fr_FR)."""
    language = locale.split("_")[0]
    langs = sorted({language, locale, locale.replace("_", "-"), locale.replace("_", "-").lower()})
    out = []
    for part in re.split(r"(\*\*|\*|\{lang\})", pattern):
        if part == "**":
            out.append(".*")
        elif part == "*":
            out.append("[^/?#]*")
        elif part == "{lang}":
            out.append("(?:" + "|".join(map(re.escape, langs)) + ")")
        else:
            out.append(re.escape(part))
    return re.compile("".join(out))


def visible_text(text: str) -> str:
    """The words a reader sees: tags, placeholders and character references each replaced by
    U+FFFC, so "de %(x)s de" does not read as a doubled word."""
    if "<" not in text and "{" not in text and "%" not in text and "&" not in text:
        return text  # each of the four patterns starts with one of these
    return _visible(text)


@per_text
def _visible(text: str) -> str:
    for pattern, mark in ((TAG, "<"), (BRACE_FIELD, "{"), (PERCENT_FIELD, "%"), (ENTITY, "&")):
        if mark in text:  # what each pattern starts with (a substitution adds none)
            text = pattern.sub("\ufffc", text)
    return text


def without_links(text: str) -> str:
    """`URL.sub(" ", EMAIL.sub(" ", text))`, each pattern run only on a text it may match: an
    address holds "@", a URL "://" or "www." (any case). Both patterns are tried at every
    character of the text, which most texts of a catalog do not need."""
    if "@" in text:
        text = EMAIL.sub(" ", text)
    if _may_be_url(text):
        text = URL.sub(" ", text)
    return text


def may_link(text: str) -> bool:
    """Whether `text` may hold a URL or an address (see `without_links`)."""
    return "@" in text or _may_be_url(text)


def _may_be_url(text: str) -> bool:
    return "://" in text or "w." in text or "W." in text


def decode_references(text: str) -> str:
    """`text` with each character reference written as its character (`Str&#1077;amly` is
    "Strеamly" in the email): what a check of the letters and numbers a reader sees must see.
    Only well-formed references are decoded, as `visible_text` would have blanked them."""
    if "&" not in text:
        return text
    return _decoded(text)


@per_text
def _decoded(text: str) -> str:
    return ENTITY.sub(lambda m: html.unescape(m.group(0)), text)


def is_protected(code: str) -> bool:
    return code in PROTECTED_CODES


def display_columns(text: str) -> int:
    """How wide a subject line is in an inbox: CJK and other wide glyphs take two columns.
    No ASCII character is wide, combining or a format character, so ASCII text (most subjects
    and preheaders, judged for every job) is as wide as it is long."""
    if text.isascii():
        return len(text)
    return sum(map(_columns, text))


@lru_cache(maxsize=8192)
def _columns(char: str) -> int:
    """One character's columns, looked up once per process: a language has few characters."""
    if unicodedata.category(char) in ("Mn", "Cf"):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1
