"""Links written as text in a campaign's subject, preheader and `data.strings`.

A link in campaign text written `<a href="...">` may go only to the brand's site or where
`l10n.allowed_links` allows (`campaign_markup`). The same link written as text reaches the
reader all the same: the text part shows it as the link, and mail clients make a URL, a
`www.` name, a host name (`streamly-billing.com/pay`) or an address clickable in the HTML part
and the inbox. So each is held to the rule of the href, at the line of the value that holds
it. Once in a msgid, every translation could carry it as well (`catalog.links` compares a
translation's links with its source's).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mailglot.errors import Diagnostic
from mailglot.i18n.checks import bare_hosts
from mailglot.project.yamlfile import Loc, YamlDoc, string_leaves

if TYPE_CHECKING:
    from mailglot.project.campaign_markup import MarkupPolicy

# Where campaign text that reaches an email is: `data`'s other values are the templates' to
# place (an image's name, a colour, a number), and most never show as text.
PLACES: tuple[Loc, ...] = (("subject",), ("preheader",), ("data", "strings"))


def text_link_problems(doc: YamlDoc, policy: MarkupPolicy) -> list[Diagnostic]:
    """Every link written as text in campaign text that goes where its href could not."""
    data = doc.data if isinstance(doc.data, dict) else {}
    out = []
    for place in PLACES:
        for loc, text in string_leaves(_at(data, place), place):
            where = ".".join(str(p) for p in loc)
            out += [doc.error(loc, m) for m in link_problems(where, text, policy)]
    return out


def _at(data: dict[str, Any], place: Loc) -> Any:
    value: Any = data
    for key in place:
        value = value.get(key) if isinstance(value, dict) else None
    return value


def link_problems(where: str, text: str, policy: MarkupPolicy) -> list[str]:
    """Why each link `text` writes as text may not reach an email; none when all may."""
    if "." not in text and "&" not in text and "://" not in text:
        return []  # every address and host name holds a dot
    urls, addresses, hosts = bare_hosts.written_links(text)
    out = []
    rule = f"links in campaign text go to {policy.links_to()}"
    for url in urls:
        full = url if "://" in url else "https://" + url  # `www.` names: as clients link them
        host = _host(full.split("://", 1)[1])
        if not (policy.host_allowed(host) or policy.links.link_allowed(full)):
            out.append(f"{where}: link {url!r} written as text goes to {host or 'no host'}; {rule}")
    for address in addresses:
        host = address.rpartition("@")[2].lower()
        if not policy.host_allowed(host):
            out.append(
                f"{where}: address {address!r} written as text goes to {host} (mail clients "
                f"make it a mailto: link); {rule}"
            )
    for link in hosts:
        host = _host(link)
        if not (policy.host_allowed(host) or bare_hosts.allowed(link, policy.links)):
            out.append(
                f"{where}: host name {link!r} written as text goes to {host} (mail clients "
                f"make it a link); {rule}"
            )
    return list(dict.fromkeys(out))


def _host(rest: str) -> str:
    """The host of what follows `scheme://` (or of a host link), lower case, without user
    and port: the part a browser opens."""
    authority = rest
    for mark in "/?#\\":
        authority = authority.split(mark, 1)[0]
    host = authority.rpartition("@")[2]
    if not host.startswith("["):
        host = host.split(":", 1)[0]
    return host.lower()
