"""What every reader meets first: a subject, a preheader, the right language and direction,
and tables that screen readers do not announce as data.

Subject and preheader are judged as the inbox shows them (the preview text, merge fields
filled with sample data). The preheader must also be in the HTML (MJML's hidden
`<mj-preview>` text): without it, inboxes show the first words of the body instead.
"""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from functools import lru_cache

from lxml import html as lxml_html

from mailglot.errors import Diagnostic
from mailglot.i18n.checks import display_columns
from mailglot.invisible import describe, shows_nothing

PREHEADER_COLUMNS = 140  # the most any inbox shows next to the subject
_HTML_TAG = re.compile(r"<html\b[^>]*>", re.I)
_ATTR = re.compile(r"""\b(lang|dir)\s*=\s*["']([^"']*)["']""", re.I)
_ENDS_REFERENCE = re.compile(r"[;\t\n\f <]")  # html.unescape reads no reference across these


def subject_findings(subject: str, path: str) -> Iterator[Diagnostic]:
    if not subject.strip():
        yield Diagnostic(path, None, "subject.missing", "error", "the subject line is empty")
    elif shows_nothing(subject):  # a data value made of zero-width characters, say
        message = f"the subject line shows nothing (only {describe(subject)})"
        yield Diagnostic(path, None, "subject.missing", "error", message)


def preheader_findings(preheader: str, source: str, path: str) -> Iterator[Diagnostic]:
    text = " ".join(preheader.split())
    if not text:
        yield Diagnostic(
            path,
            None,
            "preheader.missing",
            "warning",
            "no preheader: inboxes show the first words of the body next to the subject",
        )
        return
    width = display_columns(text)
    if width > PREHEADER_COLUMNS:
        yield Diagnostic(
            path,
            None,
            "preheader.length",
            "warning",
            f"preheader is {width} columns wide; inboxes show at most about "
            f"{PREHEADER_COLUMNS} (CJK characters count twice), the rest is cut: {text!r}",
        )
    if not (_plainly_in_text(text, source) or text in _words(source)):
        yield Diagnostic(
            path,
            None,
            "preheader.absent",
            "warning",
            f"the preheader {text!r} is not in the HTML (is <mj-preview> in the layout?)",
        )


def _words(source: str) -> str:
    """What a reader sees of the HTML: tags as spaces, references decoded, spaces collapsed."""
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", source)).split())


def _plainly_in_text(text: str, source: str) -> bool:
    """Whether `text` (spaces collapsed) is found in `_words(source)` without making it, which
    costs a pass over the whole email per job: an occurrence of `text` as written, outside
    any tag and beyond the reach of a character reference, is among those words unchanged.
    No '<', '>' or '&' in `text`; after the last '<' before it comes a '>' (so no tag spans
    it); between the last '&' before it and it, a character that ends every reference (';' or
    a space, which a stripped tag also becomes). False only means: look the long way."""
    if not text or "<" in text or ">" in text or "&" in text:
        return False
    at = source.find(text)
    while at != -1:
        lt = source.rfind("<", 0, at)
        amp = source.rfind("&", 0, at)
        if (lt == -1 or source.rfind(">", lt, at) != -1) and (
            amp == -1 or _ENDS_REFERENCE.search(source, amp + 1, at)
        ):
            return True
        at = source.find(text, at + 1)
    return False


def lang_dir_findings(source: str, lang: str, direction: str, path: str) -> Iterator[Diagnostic]:
    tag = _HTML_TAG.search(source)
    found = dict((k.lower(), v) for k, v in _ATTR.findall(tag.group(0))) if tag else {}
    line = source.count("\n", 0, tag.start()) + 1 if tag else None
    for attr, expected in (("lang", lang), ("dir", direction)):
        actual = found.get(attr)
        if actual != expected:
            shown = "missing" if actual is None else f"{actual!r}"
            yield Diagnostic(
                path,
                line,
                "i18n.lang-dir",
                "error",
                f'<html> {attr} is {shown}, the locale needs {attr}="{expected}" (screen '
                "readers pick their voice from it; right-to-left text needs dir)",
            )


_TABLE_START = re.compile(r"<table\b", re.I)
_TABLE_TEXT = re.compile(r"<table\b[^>]*>", re.I)
_TABLE_TAG = re.compile(
    r"""<table((?:\s+[^\s"'=<>/]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+))?)*)\s*/?>""", re.I
)
_TABLE_ATTR = re.compile(r"""([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")


def _all_tables_presentational(source: str) -> bool:
    """True when every `<table` in the text is a plain start tag with one role attribute,
    "presentation" or "none": then no table can be reported, and the parse is skipped (an
    MJML email's tables all are). Anything less plain (a second role, an entity, a tag the
    pattern does not read whole, a `<table` inside another one's text) leaves the answer to
    the parser."""
    tags = _TABLE_TEXT.findall(source)
    if not _each_table_found(source, tags):
        return False
    return all(map(_presentational, tags))


def _each_table_found(source: str, tags: list[str]) -> bool:
    """Whether `tags` (`_TABLE_TEXT`'s matches) start at every `<table` of the text, which a
    second pass counting them told before. When no tag holds a '<' after its first, none
    hides another, and only a `<table` after the last one (with no '>' to end it) is left
    to look for: in the text after it, not the whole email again."""
    if not tags or any("<" in tag[1:] for tag in tags):
        return len(tags) == len(_TABLE_START.findall(source))
    last = tags[-1]
    return _TABLE_START.search(source, source.rfind(last) + len(last)) is None


@lru_cache(maxsize=1024)
def _presentational(tag: str) -> bool:
    """One start tag's text (up to its first '>'), read once per process: MJML's repeat."""
    whole = _TABLE_TAG.fullmatch(tag)
    if whole is None:
        return False
    roles = [
        m.group(2) if m.group(2) is not None else m.group(3) or m.group(4) or ""
        for m in _TABLE_ATTR.finditer(whole.group(1))
        if m.group(1).lower() == "role"
    ]
    return len(roles) == 1 and roles[0].lower() in ("presentation", "none")


def table_findings(source: str, path: str) -> Iterator[Diagnostic]:
    """Layout tables (no <th>, no caption) must say role="presentation", or screen readers
    announce rows and columns around every paragraph."""
    if not plainly_presentational(source):
        yield from parsed_table_findings(source, path)


def plainly_presentational(source: str) -> bool:
    """Whether no table can be reported, seen without parsing (`_all_tables_presentational`)."""
    return bool(source.strip()) and _all_tables_presentational(source)


def parsed_table_findings(source: str, path: str) -> Iterator[Diagnostic]:
    """What the parser finds, whatever the text looks like."""
    root = lxml_html.document_fromstring(source)
    missing = [
        t
        for t in root.iter("table")
        if (t.get("role") or "").lower() not in ("presentation", "none")
        and not t.xpath(".//th | ./caption")
    ]
    for table in missing:
        attrs = " ".join(f'{k}="{v}"' for k, v in table.attrib.items())
        yield Diagnostic(
            path,
            table.sourceline,
            "a11y.table-role",
            "warning",
            f'layout table <table {attrs}> has no role="presentation"',
        )
