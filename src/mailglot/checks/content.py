"""Built-in checks on the HTML and text that would be sent."""

from __future__ import annotations

import re
from collections.abc import Iterator

from mailglot.checks.output import Finding, Output
from mailglot.checks.sources import relocate, text_source
from mailglot.checks.variants import shared
from mailglot.errors import Diagnostic
from mailglot.i18n.checks import display_columns
from mailglot.i18n.pseudo import PSEUDO_LOCALES
from mailglot.markup import IMG_TAG

_ALT = re.compile(r"\balt\s*=", re.I)


def html_size(out: Output) -> Iterator[Finding]:
    if len(out.html) * 4 <= out.max_html_bytes:
        return  # UTF-8 takes at most four bytes a character: no need to encode every email
    size = len(out.html.encode())
    if size > out.max_html_bytes:
        yield (
            "warning",
            f"HTML is {size:,} bytes; Gmail clips messages over "
            f"{out.max_html_bytes:,} bytes and hides the rest, unsubscribe link included",
        )


def image_alt(out: Output) -> Iterator[Finding]:
    """Every image without alt, each tag whole (a tag cut at 80 characters lost its URL).
    The same in every variant of a job (`variants`)."""
    yield from shared("a11y.alt", out.html, out.path, (), lambda: _image_alt(out.html))


def _image_alt(html: str) -> Iterator[Finding]:
    missing = [m.group(0) for m in IMG_TAG.finditer(html) if not _ALT.search(m.group(0))]
    if missing:
        yield (
            "warning",
            f"{len(missing)} image(s) without alt text (shown when images are off): "
            + "; ".join(missing),
        )


def legal_address(out: Output) -> Iterator[Finding]:
    if out.address and out.address not in out.text:
        yield (
            "error",
            f"the market's postal address {out.address!r} is not in the email "
            "(required in commercial email by CAN-SPAM and similar laws)",
        )


def unsubscribe(out: Output) -> Iterator[Finding]:
    tag = out.unsubscribe_tag
    if tag and not _links_to(out.html, tag):
        yield ("error", f"no link to the unsubscribe URL ({tag}) in the email")


def _links_to(html: str, url: str) -> bool:
    """Whether `href\\s*=\\s*["']` + url is in the HTML, read back from each place the url
    is (one or two) instead of a search tried at every "href" of the email."""
    at = html.find(url)
    while at != -1:
        if _after_href(html, at):
            return True
        at = html.find(url, at + 1)
    return False


def _after_href(html: str, at: int) -> bool:
    """Whether `href`, blanks, `=`, blanks and a quote end just before `at` (blanks as `\\s`
    reads them: str.isspace)."""
    at -= 1
    if at < 0 or html[at] not in "\"'":
        return False
    at -= 1
    while at >= 0 and html[at].isspace():
        at -= 1
    if at < 0 or html[at] != "=":
        return False
    at -= 1
    while at >= 0 and html[at].isspace():
        at -= 1
    return at >= 3 and html[at - 3 : at + 1] == "href"


def subject_length(out: Output) -> Iterator[Finding]:
    """Located where the words are written, as preheader.length is: the catalog entry of a
    translated subject, the campaign's `subject:` line otherwise (an Output without
    settings, in a unit test, leaves it at the email)."""
    if out.meta.locale in PSEUDO_LOCALES:
        return  # lengthened on purpose, to show layouts under stress
    subject = out.meta.subject_preview
    width = display_columns(subject)
    if width > out.subject_columns:
        message = (
            f"subject {subject!r} is {width} columns wide; phone inboxes show about "
            f"{out.subject_columns} (CJK characters count twice), so it will be cut"
        )
        if out.settings is None:
            yield ("warning", message)
            return
        where = text_source(out.root, out.meta, "subject", out.settings.source_locale)
        yield relocate(Diagnostic(out.path, None, "subject.length", "warning", message), where)
