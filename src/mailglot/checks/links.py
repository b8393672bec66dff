"""Link hygiene in the delivered HTML: every link absolute https, none to a placeholder or to
this machine.

Placeholders: `#`, empty or `TODO`-like hrefs, the documentation domains `example.com`,
`example.org`, `example.net` (and subdomains), a bare `example` host, and the reserved
`.example`, `.invalid`, `.test` and `.localhost` names (RFC 2606/6761) -- except under the
brand's own website: a fictional brand (the example project's `streamly.example`) must use a
reserved name, and its links are its real ones. Merge tags (`{{unsubscribe_url}}`) are the
platform's to fill and are not judged; `mailto:` and `tel:` links are fine.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from urllib.parse import urlsplit

from mailglot.checks.locate import TemplateLines, href
from mailglot.errors import Diagnostic, Severity
from mailglot.render.tracking import links

DOC_DOMAINS = ("example.com", "example.org", "example.net")
RESERVED_TLDS = (".example", ".invalid", ".test", ".localhost")
LOCAL_HOSTS = ("localhost", "127.0.0.1", "0.0.0.0", "::1", "[::1]")
_MERGE_TAG = re.compile(r"^(\{\{.*\}\}|\*\|.*\|\*|%%.*%%)$", re.S)
_EMPTY = re.compile(r"^(todo|tbd|fixme|xxx|url|link|https?://)?$", re.I)
_TODO = re.compile(r"\b(TODO|TBD|FIXME)\b")


def brand_host(website: str) -> str:
    return (urlsplit(website).hostname or "").lower()


def _under(host: str, domain: str) -> bool:
    return bool(domain) and (host == domain or host.endswith("." + domain))


@lru_cache(maxsize=4096)
def judge_link(url: str, brand: str) -> tuple[str, Severity, str] | None:
    """(code, severity, why) for one href, or None when it is fine. Judged once per process:
    every job of a campaign and locale has the same links."""
    if _MERGE_TAG.match(url) or url.lower().startswith(("mailto:", "tel:")):
        return None
    if url.startswith("#") or _EMPTY.match(url) or _TODO.search(url):
        return ("links.placeholder", "error", "is a placeholder")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not parts.scheme:
        return ("links.relative", "error", "is not absolute, so it leads nowhere in an inbox")
    if parts.scheme not in ("http", "https"):
        return ("links.scheme", "error", f"uses {parts.scheme}:, which email clients block")
    if host in LOCAL_HOSTS or host.endswith(".localhost"):
        return ("links.localhost", "error", "points at this machine, not the internet")
    if not _under(host, brand) and (
        host == "example"
        or any(_under(host, d) for d in DOC_DOMAINS)
        or host.endswith(RESERVED_TLDS)
    ):
        return ("links.placeholder", "error", "points at a placeholder domain")
    if parts.scheme != "https":
        return ("links.https", "warning", "is not https: clients warn, trackers break")
    return None


def link_findings(
    source: str, html_path: str, website: str, templates: TemplateLines
) -> Iterator[Diagnostic]:
    brand = brand_host(website)
    for link in links(source):
        verdict = judge_link(link.url, brand)
        if verdict is None:
            continue
        code, severity, why = verdict
        where = templates.find(href(link.url))
        path, line = where or (html_path, source.count("\n", 0, link.start) + 1)
        yield Diagnostic(path, line, code, severity, f"link {link.url!r} {why}")
