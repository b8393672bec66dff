"""A link that campaign data makes script or leads off to another site is refused at the data.

`<mj-button href="{{ data.url }}">` with `data.url: "javascript:alert(1)"` (or
`" JaVaScRiPt:..."`, `"//evil.example.com/x"`) was written into the email and told by the link
check at `build/.../email.html:31`, a file nobody edits. The fix goes in the campaign, so the
job is refused with the check's own code and words, and `render.data_origin` puts it at the
value's line in `campaigns/<id>.yaml`. Only an href whose start is one data value is traced
back (`href="{{ data.url }}"`, `href="{{ data.url }}?ref=mail"`); a link the template writes,
and any other doubtful link (`sms:`, a path), is left to the link check after the build.

Each job pays one scan of its MJML for hrefs that are not http(s), mailto, tel or merge tags.
"""

from __future__ import annotations

import html
import re
from typing import Any
from urllib.parse import urlsplit

from mailglot.checks.links import judge_link
from mailglot.project.yamlfile import leaves

# Schemes that run script or read the reader's own machine: never a link campaign data means.
_DANGEROUS = frozenset({"javascript", "vbscript", "data", "file"})
# As templates write it: case-blind matching cost ~1 ms a job (data cannot write attributes).
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)')""")
_FINE = ("https://", "http://", "mailto:", "tel:", "{{", "*|", "%%")


class DataLinkError(Exception):
    """`value`, a string of the campaign's data, starts an href the email must not carry."""

    def __init__(self, value: str, written: str, code: str, message: str):
        self.value, self.code, self.message = value, code, message
        self.written = written  # as a template writes the value: data.url, data.links.home
        super().__init__(message)


def refused_link(mjml: str, data: Any) -> DataLinkError | None:
    """The first href of `mjml` that a data value makes script or protocol-relative."""
    if "href" not in mjml:
        return None
    for m in _HREF.finditer(mjml):
        raw = m.group(1) if m.group(1) is not None else m.group(2)
        if raw.lstrip().lower().startswith(_FINE):
            continue
        url = html.unescape(raw).strip()
        verdict = _dangerous(url)
        if verdict is None:
            continue
        found = _value_at_start(url, data)
        if found is not None:
            return DataLinkError(*found, verdict[0], f"link {url!r} {verdict[1]}")
    return None


def template_line(family: tuple[tuple[str, str], ...], written: str) -> tuple[str, int] | None:
    """(template, line) of the one line of the job's templates (`template.template_family`)
    that writes `written` in an href, if one does."""
    found = [
        (name, n)
        for name, source in family
        for n, line in enumerate(source.splitlines(), start=1)
        if "href" in line and re.search(re.escape(written) + r"(?![\w.\[])", line)
    ]
    return found[0] if len(found) == 1 else None


def _dangerous(url: str) -> tuple[str, str] | None:
    """(code, why) as the link check words it, for a script scheme or a `//host` link."""
    verdict = judge_link(url, "")
    if verdict is None or verdict[0] not in ("links.scheme", "links.relative"):
        return None
    if verdict[0] == "links.scheme" and urlsplit(url).scheme not in _DANGEROUS:
        return None
    if verdict[0] == "links.relative" and not url.startswith("//"):
        return None
    return verdict[0], verdict[2]


def _value_at_start(url: str, data: Any) -> tuple[str, str] | None:
    """(the one data string the href starts with and that is itself such a link, its path as
    a template writes it)."""
    found = {
        leaf: ".".join(str(part) for part in _written(loc))
        for loc, leaf in leaves(data, ("data",))
        if isinstance(leaf, str)
        and leaf.strip()
        and url.startswith(leaf.strip())
        and _dangerous(leaf.strip()) is not None
    }
    return next(iter(found.items())) if len(found) == 1 else None


def _written(loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """A market's value (`data.url.by_market.DE`) is written `data.url` in the template."""
    return loc[: loc.index("by_market")] if "by_market" in loc else loc
