"""The attribute values a translation may change, and how its tags must be written.

Alt, title and aria-label values are text: a translation translates them (an English alt text
in a French email helps no one), screened as the rest of the string is (no markup, no
merge-tag syntax: `check_syntax` reads the whole string) and here for the quote that would end
the value.

A translation keeps its msgid's tags, but a link may move to a page `l10n.allowed_links`
allows, so an `href` value is the translator's text. Such a value is a URL alone: a quote, a
backslash or a space in it is no part of a link, and a value that holds one is refused. MRML
once wrote a single-quoted value's `"` as `\\"` (Rust's escape, not HTML's), so a translated
`href='https://.../" onclick=...'` became a real `onclick`; a pattern's `**` matched it whole.
For the same reason a tag is written as the source writes it, its quotes included: the
markup check compares tags read (names and values), this module compares them as typed, the
values a translation may change set aside.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterator

from mailglot.i18n.checks.base import TAG, Finding

# An attribute as typed: its name, then `=` and a value in double quotes, single quotes or
# none (as browsers read them), the value's span being what a translation may change.
_ATTRIBUTE = re.compile(
    r"([A-Za-z_:][-A-Za-z0-9_:.]*)(?:(\s*=\s*)(?:\"([^\"]*)\"|'([^']*)'|([^\s\"'=<>`]+)))?"
)
TRANSLATED = frozenset({"href"})  # attributes whose value a translation writes: a URL
TEXT = frozenset({"alt", "title", "aria-label"})  # ...or text, translated like any other
# Characters no text attribute carries: a straight double quote could end the value (MRML
# once wrote one as `\"`), a backtick ended values in old Internet Explorer.
_NOT_IN_TEXT = frozenset('"`')
# Characters no URL carries as typed (a browser would end the value, or read a new one).
_NOT_IN_URL = frozenset("\"'\\`<>")
SHOWN = 80  # characters of a refused value shown in a message


def url_problems(value: str) -> list[str]:
    """The characters of `value` a URL cannot carry as typed, each named once, in order:
    quotes, a backslash, a backtick, angle brackets, spaces of any kind, control and
    invisible format characters."""
    found: list[str] = []
    for char in value:
        if char in found:
            continue
        if char in _NOT_IN_URL or char.isspace() or unicodedata.category(char) in ("Cc", "Cf"):
            found.append(char)
    return found


def shown(value: str) -> str:
    """A value as a message shows it: at most `SHOWN` characters."""
    return value if len(value) <= SHOWN else value[: SHOWN - 1] + "…"


def named(chars: list[str]) -> str:
    """`'"', ' ', '\\u200b'`: each character as Python writes it, invisible ones escaped."""
    return ", ".join(
        repr(c) if c in "\"'" else "'" + c.encode("unicode_escape").decode("ascii") + "'"
        for c in chars
    )


def _tags_as_typed(text: str, typographic: frozenset[str]) -> Iterator[tuple[str, str]]:
    """(tag as typed with each translated value written …, spaces between attributes as one
    space; the tag read: `<a href=…>`) for each start tag with an attribute."""
    for m in TAG.finditer(text):
        name, raw = m.group(2), m.group(3)
        if name is None or m.group(1) or not raw or "=" not in raw:
            continue
        if name.lower() in typographic and not raw.strip(" /"):
            continue
        typed, read = [], []
        for a in _ATTRIBUTE.finditer(raw):
            attr = a.group(1)
            if a.group(2) is None:
                typed.append(attr)
                read.append(attr.lower())
                continue
            value = next(v for v in a.group(3, 4, 5) if v is not None)
            if attr.lower() in TRANSLATED or attr.lower() in TEXT:
                value = "…"
            quote = '"' if a.group(3) is not None else "'" if a.group(4) is not None else ""
            typed.append(f"{attr}{a.group(2).strip()}{quote}{value}{quote}")
            read.append(f"{attr.lower()}={value}")
        rest = _ATTRIBUTE.sub("", raw).strip()
        typed_text = f"<{name} {' '.join(typed)}{(' ' + rest) if rest else ''}>"
        yield typed_text, f"<{name.lower()} {' '.join(sorted(read))}>"


def check_translated_values(text: str) -> Iterator[Finding]:
    """Each `href` of the translation that holds a character no URL carries, and each alt,
    title or aria-label text that holds one no attribute value carries."""
    for m in TAG.finditer(text):
        raw = m.group(3)
        if m.group(2) is None or not raw or "=" not in raw:
            continue
        for a in _ATTRIBUTE.finditer(raw):
            attr = a.group(1).lower()
            if a.group(2) is None or (attr not in TRANSLATED and attr not in TEXT):
                continue
            value = next(v for v in a.group(3, 4, 5) if v is not None)
            if attr in TRANSLATED:
                bad = url_problems(value)
                if bad:
                    yield Finding(
                        "catalog.markup",
                        f"the link's {a.group(1)} holds {named(bad)}, which no URL carries: "
                        f"{shown(value)} (write the URL alone, a space as %20)",
                    )
                continue
            bad = [c for c in dict.fromkeys(value) if c in _NOT_IN_TEXT or _control(c)]
            if bad:
                yield Finding(
                    "catalog.markup",
                    f"the {a.group(1)} text holds {named(bad)}, which an attribute value cannot "
                    f"carry: {shown(value)} (write quotes as « » or “ ”)",
                )


def _control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"


def check_spelling(source: str, translation: str, typographic: frozenset[str]) -> Iterator[Finding]:
    """Tags with attributes written otherwise than the source writes them (quotes, case,
    spaces around `=`), the values a translation may change set aside."""
    if "=" not in translation:
        return
    src = list(_tags_as_typed(source, typographic))
    dst = list(_tags_as_typed(translation, typographic))
    extra = Counter(t for t, _ in dst) - Counter(t for t, _ in src)
    if not extra:
        return
    for typed in sorted(extra):
        read = next(r for t, r in dst if t == typed)
        like = [t for t, r in src if r == read and t != typed]
        where = f", {like[0]}" if like else ""
        yield Finding(
            "catalog.markup",
            f"{typed} is not written as the source writes it{where}: copy the tag as "
            "written, its quotes included",
        )
