"""`brand.from` and `recipient.email`: the addresses of mailglot.yaml that become the From and
To headers of every .eml, checked at their line and held in the form a header carries.

A header's address is ASCII. An internationalized domain (`hello@strëamly.example`) is written
as DNS knows it, in IDNA (`hello@xn--stramly-tya.example`): as typed it made the email module
write an RFC 2047 encoded word inside the domain (`hello@=?utf-8?q?str=C3=ABamly?=.example`,
which RFC 2047 forbids there and no reader decodes), and the Message-ID, made of the same
domain, failed every job as an 'internal' UnicodeEncodeError located at the campaign. The
setting holds the IDNA form, so render/eml.py, send's envelope sender (taken from From), the
Message-ID and the previews all write it as it is; a display name stays as typed (the email
module encodes a name properly).

IDNA 2008 with UTS #46's non-transitional mapping, as browsers (WHATWG URL) and libidn2 write
it, through the `idna` package: Python's own `idna` codec is IDNA 2003, which maps `ß` to
`ss` and `ς` to `σ`, a different domain (`straße.example` -> `strasse.example`, where IDNA
2008 writes `xn--strae-oqa.example`), and takes code points IDNA 2008 refuses (emoji).

A non-ASCII mailbox name (`hëllo@`) has no ASCII form: it needs SMTPUTF8 (RFC 6531) on every
server on the way, which mailglot's .eml and `send` do not use. It is refused at its line.
"""

from __future__ import annotations

import re
import unicodedata
from email.utils import getaddresses

import idna

# RFC 5321's sub-domain: letters, digits and hyphens, neither first nor last, 63 at most
_LDH_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_MAX_DOMAIN = 253  # octets of a domain name written with dots, without a final dot


def header_sender(value: str) -> str:
    """`Name <mailbox@domain>` (or the address alone) with its domain in IDNA; the rest as
    typed. Call after the value is known to hold one address (settings.one_address)."""
    name, address = getaddresses([value])[0]
    local, _, domain = address.rpartition("@")
    written = ascii_domain(local, domain)
    if written == domain:
        return value
    at = value.rfind(f"@{domain}") + 1 or value.rfind(domain)  # `hello @ domain` too
    held = value[:at] + written + value[at + len(domain) :]
    if at < 0 or getaddresses([held]) != [(name, f"{local}@{written}")]:
        # the domain also in a comment after the address, or spread with comments
        raise ValueError(f"write the address as {name or 'Name'} <{local}@{written}>")
    return held


def header_address(value: str) -> str:
    """A bare `mailbox@domain` (the sample recipient) with its domain in IDNA."""
    found = getaddresses([value])
    address = found[0][1] if len(found) == 1 else ""
    if found[0][0] or address != value.strip() or "@" not in address:
        raise ValueError(f"expected an address like alex@example.com, got {value!r}")
    local, _, domain = address.rpartition("@")
    return f"{local}@{ascii_domain(local, domain)}"


def ascii_domain(local: str, domain: str) -> str:
    """The domain as a header writes it: as typed when ASCII (DNS ignores case; the bytes
    built before stay the same), else its IDNA A-labels. A problem is a ValueError saying
    what to write."""
    if not local.isascii():
        raise ValueError(
            f"the mailbox name {local!r} (before the @) is not ASCII: such an address needs "
            "SMTPUTF8 (RFC 6531) on every server on the way, which mailglot's .eml and send do "
            "not use; write an ASCII mailbox name (a non-ASCII domain is fine: it is written "
            "in IDNA, xn--...)"
        )
    return idna_domain(domain)


def idna_domain(domain: str) -> str:
    """`ascii_domain` without the mailbox name: send's --to, whose non-ASCII mailbox names
    smtplib sends with SMTPUTF8 to a server that offers it."""
    if domain.startswith("["):
        raise ValueError(
            f"{domain} is an address literal, which no inbox trusts as a sender's or "
            "recipient's domain; write the domain name"
        )
    if domain.isascii():
        if problem := _ascii_problem(domain):
            raise ValueError(f"{domain!r} is not a domain name: {problem}")
        return domain
    if "" in domain.split("."):
        raise ValueError(f"{domain!r} is not a domain name: {_EMPTY}")
    if dropped := _dropped(domain):
        raise ValueError(
            f"{domain!r} holds {dropped}, which IDNA leaves out: the domain would be another "
            "than the one typed; write it without"
        )
    try:
        written = idna.encode(domain, uts46=True, transitional=False).decode("ascii")
    except idna.IDNAError as exc:
        raise ValueError(
            f"{domain!r} is not a domain name IDNA can write ({exc}); internationalized "
            "domains hold letters, digits and hyphens of any script between dots"
        ) from None
    if len(written) > _MAX_DOMAIN:
        raise ValueError(
            f"{domain!r} is too long for a domain name ({len(written)} octets in IDNA)"
        )
    return written


_EMPTY = "a dot starts or ends it, or two stand in a row"


def _dropped(domain: str) -> str:
    """The characters of `domain` UTS #46 maps to nothing (a zero-width space, a soft
    hyphen, a variation selector: pasted with the text, unseen), each named: 'U+200B ZERO
    WIDTH SPACE'. Mapped silently, `hello@ex\u200bample.com` wrote `example.com`."""
    gone = dict.fromkeys(c for c in domain if not c.isascii() and not _mapped(c))
    return ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, 'character')}" for c in gone)


def _ascii_problem(domain: str) -> str | None:
    labels = domain.split(".")
    if "" in labels:
        return _EMPTY
    if bad := next((label for label in labels if not _LDH_LABEL.fullmatch(label)), None):
        return (
            f"{bad!r} is not a label of letters, digits and hyphens (not first or last, 63 at most)"
        )
    if len(domain) > _MAX_DOMAIN:
        return f"{len(domain)} characters, {_MAX_DOMAIN} at most"
    return None


def _mapped(char: str) -> str:
    """What UTS #46 maps `char` to; a code point it refuses is kept (IDNA's own error, with
    the domain, says so after)."""
    try:
        return idna.uts46_remap(char, std3_rules=False, transitional=False)
    except idna.IDNAError:
        return char
