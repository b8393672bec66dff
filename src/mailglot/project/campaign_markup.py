"""Markup in a campaign's `data.strings`, screened at load as a translation's is.

`data.strings` values are msgids, and like `{% trans %}` text they reach the email as HTML.
A translation may carry only the markup its msgid carries, so the msgid itself is where
markup comes in: a campaign file holding `<script>`, an `onmouseover`, an `<iframe>`, a
password `<form>` or a link written `href='...'` (which MRML writes again with a `\\"`
that ends the value) built with no finding. Campaign data is text from outside the team:
it may hold the project's typographic tags (`l10n.typographic_tags`, no attributes) and
links to the brand's site or where `l10n.allowed_links` allows, written `<a href="...">`;
anything else is refused at its line, before any job is planned. Tags are read with the
translation checks' own patterns (`i18n.checks.base.TAG`, `safety.ATTR`, `MARKUP_REF`).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import unquote, urlsplit

from mailglot.errors import Diagnostic
from mailglot.i18n.checks.base import TAG, Policy
from mailglot.i18n.checks.safety import ATTR, MARKUP_REF, balanced
from mailglot.project.campaign_links import text_link_problems
from mailglot.project.settings import Settings
from mailglot.project.yamlfile import Loc, YamlDoc, string_leaves

LINK = "a"
# What an href from campaign text may not hold (decoded): a quote or a backslash ends or
# escapes the value somewhere on its way (MRML writes `"` as `\"`), `<` and `>` start tags,
# white space and control characters are no part of a link.
_NOT_IN_LINK = re.compile(r"[\"'\\<>\s\x00-\x1f\x7f]")
_HREF_ONLY = re.compile(r"\s*href\s*=\s*\"([^\"]*)\"\s*/?\s*", re.I)
_SCHEMES = ("https", "http", "mailto")
# A mailto link's header fields (RFC 6068) that add no recipient: `?to=`, `?cc=`, `?bcc=`
# add addresses the check of the link's one address never sees, other headers have no
# business in a marketing email's link.
_MAILTO_FIELDS = ("subject", "body")


@dataclass(frozen=True)
class MarkupPolicy:
    """What markup campaign text may hold: the project's typographic tags, and links to the
    brand's host (and its subdomains) or to what `l10n.allowed_links` allows."""

    typographic: frozenset[str]
    brand_host: str
    links: Policy  # allowed_links, read in the source locale

    @classmethod
    def of(cls, settings: Settings) -> MarkupPolicy:
        return cls(
            frozenset(settings.l10n.typographic_tags),
            (urlsplit(settings.brand.website).hostname or "").lower(),
            Policy(
                locale=settings.source_locale,
                source_locale=settings.source_locale,
                allowed_links=tuple(settings.l10n.allowed_links),
            ),
        )

    def host_allowed(self, host: str) -> bool:
        hosts = {urlsplit(p).hostname or "" for p in self.links.allowed_links}
        hosts = {h for h in hosts if h and "*" not in h and "{" not in h}
        brand = self.brand_host.removeprefix("www.")
        if brand:
            hosts.add(brand)
        return any(host == h or host.endswith("." + h) for h in hosts)

    def may(self) -> str:
        """What markup campaign text may hold, said after a refused tag."""
        links = f'links written <a href="..."> to {self.links_to()}'
        if not self.typographic:
            return f"it may hold only {links} (and tags listed in l10n.typographic_tags)"
        tags = ", ".join(f"<{t}>" for t in sorted(self.typographic))
        return f"it may hold only l10n.typographic_tags without attributes ({tags}) and {links}"

    def links_to(self) -> str:
        return f"{self.brand_host or 'the brand website'} or where l10n.allowed_links allows"


def strings_markup_problems(
    doc: YamlDoc, data: dict[str, Any], policy: MarkupPolicy
) -> list[Diagnostic]:
    """Every `data.strings` text whose markup campaign text may not hold, at its line, and
    every link written as text in campaign text (`campaign_links`) that goes where an href
    may not."""
    out = []
    for loc, text in string_leaves(data.get("strings"), ("data", "strings")):
        if "<" in text or "&" in text:  # every tag starts with "<", every reference with "&"
            out += [doc.error(loc, m) for m in markup_problems(_dotted(loc), text, policy)]
    return out + text_link_problems(doc, policy)


def markup_problems(where: str, text: str, policy: MarkupPolicy) -> list[str]:
    """Why the markup of `text` (HTML from a campaign) may not reach an email; none when it
    may. Each message starts with `where`."""
    refused: dict[str, None] = {}
    links: list[str] = []
    for m in TAG.finditer(text):
        name = m.group(2)
        if name is None:  # a comment, doctype or processing instruction
            typed = m.group(0)
            refused[typed if len(typed) <= 30 else typed[:27] + "...>"] = None
            continue
        name = name.lower()
        names = [a.lower() for a, _ in ATTR.findall(m.group(3) or "")]
        if name not in policy.typographic and name != LINK:
            if not m.group(1):  # its end tag adds nothing to say
                refused[_shown(name, names)] = None
        elif m.group(1):  # an end tag: attributes there are no HTML, and none is needed
            if names:
                refused[_shown("/" + name, names)] = None
        elif name in policy.typographic and names:
            refused[_shown(name, names)] = None
        elif name == LINK:
            if names != ["href"]:
                refused[_shown(name, names)] = None
            else:
                links += _link_problems(where, m.group(3), policy)
    out = []
    if refused:
        out.append(
            f"{where}: markup campaign text may not hold: {', '.join(refused)}; {policy.may()}"
        )
    out += list(dict.fromkeys(links))
    if not refused and not balanced(text):
        out.append(f"{where}: unbalanced tags: every opened tag must be closed in the same order")
    references = sorted({r.lower() for r in MARKUP_REF.findall(text)})
    if references:
        out.append(
            f"{where}: character references that decode to markup: {', '.join(references)} "
            "(write the text itself; campaign text may not build tags, even escaped)"
        )
    return out


def _shown(name: str, attributes: list[str]) -> str:
    """A refused tag as a message names it: `<b onmouseover>`, `<script>`."""
    return f"<{' '.join([name, *dict.fromkeys(attributes)])}>"


def _link_problems(where: str, raw: str, policy: MarkupPolicy) -> Iterator[str]:
    """What is wrong with a link's one `href` attribute (`raw`: the tag's attributes)."""
    quoted = _HREF_ONLY.fullmatch(raw)
    typed = quoted.group(1) if quoted else next(v for a, v in ATTR.findall(raw)).strip("\"'")
    url = html.unescape(typed)
    bad = _NOT_IN_LINK.search(url)
    if bad is not None:
        yield (
            f"{where}: link {url!r} holds {_character(bad.group())}: a link in campaign text "
            "holds no quotes, backslashes, spaces, < or > (write %20 for a space)"
        )
        return
    if quoted is None:
        yield f'{where}: link {url!r} is not in double quotes; write it href="{url}"'
        return
    scheme, host = _scheme_and_host(url)
    if scheme not in _SCHEMES:
        yield (
            f"{where}: link {url!r} is not an https://, http:// or mailto: link; links in "
            f"campaign text go to {policy.links_to()}"
        )
    elif scheme == "mailto" and not host:
        yield (
            f"{where}: link {url!r} is not one address; links in campaign text go to "
            f"{policy.links_to()}"
        )
    elif scheme == "mailto" and (fields := _mailto_fields(url)):
        yield (
            f"{where}: link {url!r} sets {', '.join(fields)}: a mailto link in campaign "
            "text may set only subject= and body= (to=, cc= and bcc= add recipients)"
        )
    elif not (policy.host_allowed(host) or policy.links.link_allowed(url)):
        yield (
            f"{where}: link {url!r} goes to {host or 'no host'}; links in campaign text go to "
            f"{policy.links_to()}"
        )


def _scheme_and_host(url: str) -> tuple[str, str]:
    try:
        parts = urlsplit(url)
    except ValueError:  # an unclosed [ in the host
        return "", ""
    scheme = parts.scheme.lower()
    if scheme == "mailto":  # one address: `a@brand,b@elsewhere` mails both (so does %2C)
        path = unquote(parts.path)
        one = path.count("@") == 1 and "," not in path
        return scheme, path.rpartition("@")[2].lower() if one else ""
    return scheme, (parts.hostname or "") if parts.netloc else ""


def _mailto_fields(url: str) -> list[str]:
    """The header fields of a mailto link other than subject and body, as named (decoded,
    lower case: mail clients read `?BCC=` and `?%62cc=` as bcc), each once."""
    query = urlsplit(url).query
    names = (unquote(field.partition("=")[0]).strip().lower() for field in query.split("&"))
    return list(dict.fromkeys(f"{n}=" for n in names if n and n not in _MAILTO_FIELDS))


def _character(char: str) -> str:
    if char.isspace() or not char.isprintable():
        return f"U+{ord(char):04X}"
    return repr(char)


def _dotted(loc: Loc) -> str:
    return ".".join(str(p) for p in loc)
