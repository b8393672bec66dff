"""The .eml of a job: a multipart/alternative message for test sends and spam scoring, filled
with the preview's sample data and carrying the headers Gmail and Yahoo require of bulk senders
since 2024: List-Unsubscribe (https, plus mailto when configured) with RFC 8058 one-click.

Everything in it derives from the job, so two builds of the same inputs give the same bytes:
the Message-ID hashes the job id and the message, the boundary hashes the message, and the Date
is the job's scheduled send time. A campaign without a schedule has no date of its own; its
.eml carries none, and `send` (or the spam score) adds the moment of sending, as a platform
would.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.header import Header
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr
from functools import lru_cache
from urllib.parse import quote

from mailglot.plan import Job
from mailglot.project.settings import Settings
from mailglot.render import quoted_printable
from mailglot.render.eml_subject import subject_header

ONE_CLICK = "List-Unsubscribe=One-Click"
FALLBACK_DOMAIN = "mailglot.invalid"


@dataclass(frozen=True)
class Envelope:
    """Who, when and how to leave: the headers around one job's parts."""

    sender: str
    to: str
    subject: str
    lang: str
    job_id: str  # campaign/locale/variant
    send_at: datetime | None = None  # aware; None for campaigns without a schedule
    unsubscribe_url: str = ""  # the recipient's one-click URL (sample data in the .eml)
    unsubscribe_mailto: str = ""  # an address that unsubscribes whoever writes to it


def list_unsubscribe(url: str, mailto: str) -> str | None:
    """RFC 2369 / RFC 8058: https first (one-click needs it), mailto as the fallback."""
    targets = []
    if url.startswith("https://"):
        targets.append(f"<{url}>")
    if mailto:
        address = mailto.removeprefix("mailto:")
        targets.append(f"<mailto:{address}?subject={quote('unsubscribe')}>")
    return ", ".join(targets) or None


def message_id(job_id: str, sender: str, content: str | bytes | tuple[bytes, ...]) -> str:
    """Same job and content -> same id (reproducible builds); any change -> a new one, so a
    test inbox never files a corrected email as a duplicate of the previous one. `content`
    may come encoded (UTF-8) already, or as the encoded pieces it is joined from: the
    digest is the same."""
    hashed = hashlib.sha256(f"{job_id}\0".encode())
    if isinstance(content, tuple):
        for piece in content:
            hashed.update(piece)
    else:
        hashed.update(content if isinstance(content, bytes) else content.encode())
    return f"<{hashed.hexdigest()[:20]}.{_readable(job_id)}@{_domain(sender)}>"


@lru_cache(maxsize=64)
def _readable(job_id: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", ".", job_id).strip(".")


@lru_cache(maxsize=64)
def _domain(sender: str) -> str:
    """The sender's domain, parsed once per sender: every job of a project has the same."""
    return parseaddr(sender)[1].partition("@")[2] or FALLBACK_DOMAIN


def job_envelope(settings: Settings, job: Job, subject: str, lang: str) -> Envelope:
    """The test send goes to the sample recipient, with the sample unsubscribe URL."""
    return Envelope(
        sender=settings.brand.sender,
        to=settings.recipient.get("email", "test@example.com"),
        subject=subject,
        lang=lang,
        job_id=job.id,
        send_at=job.timing.send_at,
        unsubscribe_url=settings.recipient.get("unsubscribe_url", ""),
        unsubscribe_mailto=settings.unsubscribe_mailto,
    )


# What ends a line or pads a header: ASCII whitespace and the other line separators. Not every
# Unicode space: a translation's no-break spaces (French "40\u00a0%", "Black Friday\u202f:"),
# thin and ideographic spaces are its typography, and the subject a reviewer approved in the
# gallery is the one that must arrive (str.split() turned them into plain spaces).
_LINE_SPACE = re.compile(r"[\t\n\v\f\r \x1c-\x1f\x85\u2028\u2029]+")


def one_line(value: str) -> str:
    """A header is one line: a translation's line break or stray spaces must not end it."""
    return _LINE_SPACE.sub(" ", value).strip(" ")


def set_subject(msg: EmailMessage, subject: str) -> None:
    """Non-ASCII subjects are encoded whole, by `email.header.Header`: the policy's own folding
    drops the space between an encoded word and plain text ("خصم 40%" arrives as "خصم40%").
    Text that merely looks like an encoded word (`=?utf-8?q?...?=`) is encoded too, or every
    reader would decode it into something else."""
    subject = one_line(subject)
    if subject.isascii() and "=?" not in subject:
        msg["Subject"] = subject
    else:
        msg.set_raw("Subject", Header(subject, "utf-8", header_name="Subject").encode())


def build_eml(envelope: Envelope, *, text: str, html: str) -> bytes:
    # each part encoded once: hashed twice as one (UTF-8 of a join is the join of the
    # parts' UTF-8), then written
    text_bytes, html_bytes = text.encode(), html.encode()
    content = (envelope.subject.encode(), text_bytes, html_bytes)  # hashed piece by piece
    heads = [_header("From", envelope.sender), _header("To", envelope.to)]
    heads.append(_subject_header(envelope.subject))
    if envelope.send_at is not None:
        heads.append(_date_header(envelope.send_at, envelope.send_at.utcoffset()))
    heads.append(message_id_header(message_id(envelope.job_id, envelope.sender, content)))
    heads.append(_unsubscribe_headers(envelope.unsubscribe_url, envelope.unsubscribe_mailto))
    # A boundary derived from the content keeps the file byte-identical across builds.
    hashed = hashlib.sha256(content[0])
    hashed.update(text_bytes)
    hashed.update(html_bytes)
    boundary = f"=_mailglot_{hashed.hexdigest()[:24]}"
    heads.append(
        f'MIME-Version: 1.0\r\nContent-Type: multipart/alternative;\r\n boundary="{boundary}"\r\n'.encode()
    )
    heads.append(_header("Content-Language", envelope.lang))
    return b"".join(heads) + b"\r\n" + _alternative(boundary, text_bytes, html_bytes)


@lru_cache(maxsize=1024)
def _header(name: str, value: str) -> bytes:
    """One header exactly as EmailMessage writes it (parsed, refused if it holds a line
    break, folded), remembered: From, To, Date and the unsubscribe headers repeat across
    every job of a build, and parsing them was most of the time of a whole .eml."""
    msg = EmailMessage(policy=SMTP)
    msg[name] = value
    return msg.as_bytes()[:-2]  # without the blank line that ends the header block


@lru_cache(maxsize=256)
def _date_header(send_at: datetime, offset: timedelta | None) -> bytes:
    """The Date header of a send time (a campaign's variants share one), remembered by the
    moment and its UTC offset: two times of one moment in other zones are equal datetimes,
    but are written apart."""
    return _header("Date", format_datetime(send_at))


@lru_cache(maxsize=64)
def _unsubscribe_headers(url: str, mailto: str) -> bytes:
    """List-Unsubscribe, and List-Unsubscribe-Post for an https one (b"" when there is no
    way to leave): the same in every job of a build."""
    unsubscribe = list_unsubscribe(url, mailto)
    if not unsubscribe:
        return b""
    heads = _header("List-Unsubscribe", unsubscribe)
    if url.startswith("https://"):
        heads += _header("List-Unsubscribe-Post", ONE_CLICK)
    return heads


_PLAIN_ID = re.compile(r"<[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*>")


def message_id_header(value: str) -> bytes:
    """The Message-ID header: new in every job, so `_header`'s memory never helps it. A plain
    dot-atom id on a line within the policy's 78 columns is written as EmailMessage writes it
    (tested against it); anything else goes through EmailMessage."""
    if len(value) <= _MAX_LINE - len("Message-ID: ") and _PLAIN_ID.fullmatch(value):
        return f"Message-ID: {value}\r\n".encode()
    return _header("Message-ID", value)


@lru_cache(maxsize=1024)
def _subject_header(subject: str) -> bytes:
    """Written by `eml_subject` (~0.01 ms) when it can, else by EmailMessage (~0.2 ms)."""
    written = subject_header(one_line(subject))
    if written is not None:
        return written
    msg = EmailMessage(policy=SMTP)
    set_subject(msg, subject)
    return msg.as_bytes()[:-2]


def _alternative(boundary: str, text: bytes, html: bytes) -> bytes:
    """The two parts, encoded as `EmailMessage.set_content` chooses (7bit or 8bit when every
    line fits, else the shorter of quoted-printable and base64 on the first lines) but with
    binascii's C encoders: the pure-Python ones were the slowest step of a render."""
    out = []
    for subtype, body in (("plain", text), ("html", html)):
        cte, payload = _encode(body)
        head = f'--{boundary}\r\nContent-Type: text/{subtype}; charset="utf-8"\r\n'
        if out:
            head = "\r\n" + head  # the line break before a boundary belongs to the boundary
        out.append(f"{head}Content-Transfer-Encoding: {cte}\r\n\r\n".encode() + payload)
    out.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(out)


def _encode(data: bytes) -> tuple[str, bytes]:
    """The first ten lines, encoded to choose between quoted-printable and base64, are kept
    and only the lines after them encoded next: b2a_qp encodes a line the same way whatever
    comes before or after it (line ends are "\n" here, none is "\r\n"), and a text part of
    ten lines or fewer was encoded whole twice. For the same reason a line is encoded on its
    own (`_quoted`), and the short ones are remembered. `data`: the part in UTF-8."""
    lines = _lines(data)
    if max(map(len, lines), default=0) <= _MAX_LINE:
        return ("7bit" if data.isascii() else "8bit"), b"\r\n".join(lines) + b"\r\n"
    encoded = _quoted(lines)
    first = b"".join(encoded[:10])  # b2a_qp's length: its "\n" written "\r\n" here
    # b2a_base64's length for the first lines, CRLF ended, and its own "\n"
    crlf_ended = sum(map(len, lines[:10])) + 2 * len(lines[:10])
    if len(first) - first.count(b"\n") > (crlf_ended + 2) // 3 * 4 + 1:
        crlf = b"\r\n".join(lines) + b"\r\n"  # base64 carries the CRLFs inside, as email does
        return "base64", base64.encodebytes(crlf).replace(b"\n", b"\r\n")
    return "quoted-printable", b"".join(encoded)


def _lines(data: bytes) -> list[bytes]:
    """`data.splitlines()`: by `split` at "\n" when there is no "\r" (the other line end
    bytes.splitlines knows), as the parts always are: splitlines looks at every byte in
    turn (~0.01 ms of a 13 kB HTML part), split skips from one "\n" to the next."""
    if b"\r" in data:
        return data.splitlines()
    lines = data.split(b"\n")
    if not lines[-1]:
        lines.pop()  # splitlines gives no line after a last line end, or for no data
    return lines


# Short lines -> their quoted-printable, "\r\n" ended. An email's HTML is ~30 lines, and
# but for its title and the long body line, the jobs of a template and locale write the
# same ones (the head's style sheets, the footer's conditional comments): b2a_qp, which
# reads byte by byte, encoded them again for every job (~0.07 ms of a small email's .eml).
_SHORT_LINES: dict[bytes, bytes] = {}


def _quoted(lines: list[bytes]) -> list[bytes]:
    """Each line as `b2a_qp(line + b"\n", istext=True)` writes it, with "\r\n" for its
    "\n" (written so, not replaced in the whole part after: ~0.01 ms a small email); a long
    line takes `quoted_printable`'s path (the same bytes, faster), a short one is looked up
    with the others and remembered."""
    short = quoted_printable.LONG  # a long line is never remembered here: not hashed
    encoded = [_SHORT_LINES.get(line) if len(line) < short else None for line in lines]
    if None not in encoded:
        return encoded  # type: ignore[return-value]
    if len(_SHORT_LINES) >= 4096:  # bounded: titles and text parts come and go
        _SHORT_LINES.clear()
    for at, line in enumerate(lines):
        if encoded[at] is None:
            encoded[at] = quoted_printable.encode_line(line)
            if len(line) < short:
                _SHORT_LINES[line] = encoded[at]  # type: ignore[assignment]
    return encoded  # type: ignore[return-value]


_MAX_LINE = 78  # the policy's max_line_length
