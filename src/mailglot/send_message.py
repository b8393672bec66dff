"""What a test send gives the server: the built .eml's bytes with only its To line replaced,
from the address its From names, to the --to addresses and nobody else.

`send` parsed the .eml with the email package and handed it to smtplib's send_message, which
takes the envelope from the headers: a Cc or Bcc in the file got the email too, a Resent-Date
made it go to the Resent-To addresses only, from `MAIL FROM:<None>`, and the message was
re-generated on the way, writing a decoded line break of the Subject raw into the delivered
headers. Now the envelope is explicit and the headers go as built.

An .eml whose headers a build does not write (a Bcc, a Resent-*, a Reply-To, a second From)
is refused rather than cleaned: it is not what the build made, typically a merged CI shard
edited on the way, and a test send exists to show the reviewer what will go out. Sending a
cleaned copy would hide that the file changed, while the file itself (the gallery's download,
`check --spam`'s input) would still carry what was added; the way out is to build the job again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesHeaderParser
from email.utils import format_datetime, getaddresses, make_msgid

from mailglot.errors import MailglotError, UsageError, escape_control
from mailglot.project.settings_address import idna_domain

BUILT_HEADERS = (
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "List-Unsubscribe",
    "List-Unsubscribe-Post",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
    "Content-Language",
)
"""Every header render/eml.py writes, or has written (a top-level Content-Transfer-Encoding:
none today, kept for a single-part message), each once. Anything else is not a build's."""

_BUILT = {name.lower(): name for name in BUILT_HEADERS}
_LINE_END = re.compile(rb"\r\n|\r|\n")
_FIELD_NAME = re.compile(rb"[!-9;-~]+")  # RFC 5322 ftext: printable ASCII but the colon


class NotAsBuilt(MailglotError):
    """The .eml holds what no build writes: it is not sent."""


@dataclass(frozen=True)
class Outgoing:
    """One test send. `sender` and `recipients`: the SMTP envelope (MAIL FROM, RCPT TO);
    `head`: the header block as built, To replaced, each line ending CRLF, without the blank
    line; `body`: everything after that blank line, as built (CRLF line ends). `to`,
    `subject` and `message_id` are the headers' values as a reader shows them (decoded)."""

    sender: str
    recipients: tuple[str, ...]
    to: str
    subject: str
    message_id: str
    head: bytes
    body: bytes

    @property
    def data(self) -> bytes:
        return self.head + b"\r\n" + self.body


def prepare(eml: bytes, to: str, now: datetime, name: str) -> Outgoing:
    """The built message as the test inbox gets it: only To changes. The build's Date,
    Message-ID and List-Unsubscribe headers are kept (the inbox judges what will be sent); a
    campaign without a schedule has no Date in its .eml, so it gets the moment of sending.
    `name`: the file as messages name it (build/.../email.eml)."""
    name = escape_control(name)
    found = getaddresses([to])
    if "\r" in to or "\n" in to or not found or not all(_address(a) for _, a in found):
        raise UsageError(f"--to {to!r} is not an email address")  # no header injection
    to = _idna(to, found)
    recipients = tuple(dict.fromkeys(a for _, a in getaddresses([to])))  # each one RCPT
    data = _LINE_END.sub(b"\r\n", eml)  # as the email package wrote it when it re-generated
    end = data.find(b"\r\n\r\n")
    if end < 0 or data.startswith(b"\r\n"):
        raise NotAsBuilt(f"{name} has no header block ended by a blank line, {_REBUILD}")
    fields = _fields(data[: end + 2], name)
    headers = BytesHeaderParser(policy=policy.SMTP).parsebytes(data[: end + 4])
    sender = _sender(headers, name)

    # SMTPUTF8 only for a local part that is not ASCII (its domain is IDNA by now): a name
    # that is not ASCII is an RFC 2047 encoded word, as builds write brand.from's name
    to_line = _line("To", to, utf8=not all(a.isascii() for a in recipients))
    names = [field_name for field_name, _ in fields]
    lines = [to_line if n == "To" else raw for n, raw in fields]
    if "To" not in names:  # a build writes it second, after From
        lines.insert(names.index("From") + 1, to_line)
    subject, message_id = headers["Subject"], headers["Message-ID"]
    if headers["Date"] is None:
        lines.append(_line("Date", format_datetime(now)))
    if message_id is None:  # an .eml built by an older mailglot
        message_id = make_msgid(domain=sender.partition("@")[2])
        lines.append(_line("Message-ID", message_id))
    shown_to = BytesHeaderParser(policy=policy.SMTP).parsebytes(to_line + b"\r\n")["To"]
    return Outgoing(
        sender=sender,
        recipients=recipients,
        to=str(shown_to),
        subject="" if subject is None else str(subject),
        message_id=str(message_id),
        head=b"".join(lines),
        body=data[end + 4 :],
    )


_REBUILD = "so mailglot does not send it (it is not as a build writes it); build the job again"


def _fields(head: bytes, name: str) -> list[tuple[str, bytes]]:
    """The header block's fields, each with its folded lines, under its name as
    BUILT_HEADERS spells it; anything a build does not write is refused, naming it."""
    fields: list[tuple[str, bytes]] = []
    for number, line in enumerate(head.split(b"\r\n")[:-1], start=1):
        if not line.isascii():
            raise NotAsBuilt(
                f"{name}: line {number} holds 8-bit bytes, which no build writes in a header, "
                f"{_REBUILD}"
            )
        if line[:1] in (b" ", b"\t") and fields:  # a folded line goes on with the field
            fields[-1] = (fields[-1][0], fields[-1][1] + line + b"\r\n")
            continue
        field, colon, _ = line.partition(b":")
        if not colon or not _FIELD_NAME.fullmatch(field):
            raise NotAsBuilt(f"{name}: line {number} is not a header field, {_REBUILD}")
        known = _BUILT.get(field.decode().lower())
        if known is None:
            raise NotAsBuilt(f"{name} has a header no build writes ({field.decode()}), {_REBUILD}")
        if any(known == seen for seen, _ in fields):
            raise NotAsBuilt(f"{name} has more than one {known} header, {_REBUILD}")
        fields.append((known, line + b"\r\n"))
    if not any(known == "From" for known, _ in fields):
        raise NotAsBuilt(f"{name} has no From header, {_REBUILD}")
    return fields


def _sender(headers: EmailMessage, name: str) -> str:
    """MAIL FROM: the address of From, the only one it may name (brand.from)."""
    addresses = getattr(headers["From"], "addresses", ())
    if len(addresses) != 1 or not _address(addresses[0].addr_spec):
        raise NotAsBuilt(f"{name}: its From header does not name one sender address, {_REBUILD}")
    return str(addresses[0].addr_spec)


def _line(name: str, value: str, *, utf8: bool = False) -> bytes:
    """One header as EmailMessage writes and folds it (as render/eml.py does). `utf8`: for
    an address whose local part is not ASCII, which has no 7-bit form and goes in UTF-8 with
    SMTPUTF8. Otherwise a display name that is not ASCII becomes an RFC 2047 encoded word:
    written raw, it went 8-bit to servers never asked for SMTPUTF8 (RFC 6532 headers without
    it), where send used to write the encoded word."""
    msg = EmailMessage(policy=policy.SMTPUTF8 if utf8 else policy.SMTP)
    msg[name] = value
    return msg.as_bytes()[:-2]  # without the blank line that ends the header block


def _idna(to: str, found: list[tuple[str, str]]) -> str:
    """--to with its internationalized domains in IDNA, as the build writes brand.from's
    (project/settings_address): `qa@exämple.net` went into the To header as an RFC 2047
    encoded word and made smtplib ask the server for SMTPUTF8. A non-ASCII local part has
    no ASCII form: it is sent with SMTPUTF8, where the server offers it."""
    for _, address in found:
        domain = address.rpartition("@")[2]
        if not domain.isascii():
            try:
                written = idna_domain(domain)
            except ValueError as exc:
                raise UsageError(f"--to {to!r}: {exc}") from None
            to = to.replace(f"@{domain}", f"@{written}")
    return to


def _address(addr: str) -> bool:
    """local@domain, both parts there (`@example.com` and `a@` are no inbox)."""
    local, at, domain = addr.rpartition("@")
    return bool(at and local and domain) and not any(c.isspace() for c in domain)
