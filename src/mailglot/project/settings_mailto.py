"""`unsubscribe_mailto`: the address List-Unsubscribe's mailto URI is made of, checked at its
line in mailglot.yaml and percent-encoded there as RFC 6068 asks, so the header holds a URI
whatever the address holds.

An address may hold characters a URI may not carry as they are: `leave%fr@`, `a/b@`,
`fr&de@`, `a=b@`, `a#b@`, `{x}@` and any non-ASCII letter (`désabonnement@exemple.fr`,
`leave@müller.example`). They were written into the header unencoded: `#` ended the URI, `&`
and `=` are read as a second header field, `%` as an escape, and non-ASCII went out as an
RFC 2047 encoded word that no client reads as a URI. The setting is stored encoded
(`leave%25fr@...`, `d%C3%A9sabonnement@exemple.fr`, UTF-8 for the domain too, as RFC 6068's
own examples do), so render/eml.py writes it as it is. What is no address at all, or most
likely a mistake (a name, `<...>`, a `?query`, a space), is refused with what to write.
"""

from __future__ import annotations

import re
from email.utils import getaddresses
from urllib.parse import quote, unquote

MAILTO = "an address like leave@example.com"
# what is refused before anything else, as a mistake rather than an address: a name's `<`/`>`
# or quotes, a `?query`, spaces, a list or a comment
_NOT_IN_MAILTO = re.compile(r'[\s<>"?(),;\\]')
# RFC 5322 atext, less `?` (refused above), and the dots between a mailbox name's parts
_ATEXT_OR_DOT = frozenset("!#$%&'*+-/=^_`{|}~.")
# what RFC 6068 lets stand unencoded in the address (unreserved characters and the sub-delims
# it does not ask to encode); quote() keeps letters, digits and `-._~` itself
_AS_IS = "!$'*+"


def mailto_address(value: str) -> str:
    """The address of `<mailto:ADDRESS?subject=unsubscribe>`, percent-encoded. The value is
    the address alone, as it is spelled (mailglot writes the URI around it); after `mailto:`
    it is a URI, whose escapes are read once, so `mailto:a%2Fb@x.example` is not encoded
    twice. `Leave <a@b>` made `<mailto:Leave <a@b>?subject=unsubscribe>`, a header whose URI
    ends early; `a@b?subject=x` a second query: a name or a query is refused with the address
    to write instead, rather than dropped, so the value says what the header holds."""
    if any(ord(c) < 32 or c == "\x7f" for c in value):  # a line break adds a header
        raise ValueError(f"expected {MAILTO} on one line, got {value!r}")
    address = value
    if value.startswith("mailto:"):
        try:
            address = unquote(value.removeprefix("mailto:"), errors="strict")
        except UnicodeDecodeError:
            raise ValueError(
                f"expected {MAILTO}, got {value!r}: its %-escapes are not UTF-8 (write the "
                "address as it is spelled, without mailto: and escapes)"
            ) from None
    if _NOT_IN_MAILTO.search(address):
        _refuse_mistake(value, address)
    if "@" not in address:
        raise ValueError(f"expected {MAILTO}, got {value!r}")
    local, _, domain = address.rpartition("@")
    if problem := _mailbox_problem(local) or _domain_problem(domain):
        raise ValueError(f"expected {MAILTO}, got {value!r}: {problem}")
    return f"{quote(local, safe=_AS_IS)}@{quote(domain, safe='')}"


def _refuse_mistake(value: str, address: str) -> None:
    name, parsed = getaddresses([address.partition("?")[0]])[0]
    clean = "@" in parsed and not _NOT_IN_MAILTO.search(parsed)
    if clean and (name or "<" in address):
        why = "List-Unsubscribe takes the address without a name or < >"
    elif clean and "?" in address:
        why = "mailglot adds ?subject=unsubscribe itself"
    else:
        raise ValueError(f"expected {MAILTO} alone (no name, spaces or ?query), got {value!r}")
    raise ValueError(
        f"expected {MAILTO} alone, got {value!r}: write unsubscribe_mailto: {parsed} ({why})"
    )


def _mailbox_problem(local: str) -> str | None:
    """RFC 5322's dot-atom, with RFC 6532's non-ASCII letters: a quoted mailbox name
    (`"a b"@x`) is refused above, as its quotes and spaces are."""
    for char in local:
        if not (char.isascii() and (char.isalnum() or char in _ATEXT_OR_DOT)) and not _letter(char):
            return f"{char!r} cannot stand in the mailbox name (before the @)"
    if not local:
        return "there is no mailbox name before the @"
    if "" in local.split("."):
        return f"the mailbox name {local!r} starts or ends with a dot, or has two in a row"
    return None


def _domain_problem(domain: str) -> str | None:
    """Letters, digits and hyphens in dot-separated labels; non-ASCII letters are an
    internationalized domain's (the client sending the email looks its A-labels up)."""
    labels = domain.split(".")
    for label in labels:
        plain = all((c.isascii() and (c.isalnum() or c == "-")) or _letter(c) for c in label)
        if not label or not plain or label.startswith("-") or label.endswith("-"):
            return f"{domain!r} is not a domain name (letters, digits and hyphens between dots)"
    return None


def _letter(char: str) -> bool:
    """A non-ASCII character an internationalized address may hold: printable, not a space
    (a no-break space or a control character is no letter of any address)."""
    return not char.isascii() and char.isprintable() and not char.isspace()
