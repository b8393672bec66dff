"""How a built email's body goes to the SMTP server: as it is, announced, or made 7-bit.

render/eml.py writes a non-ASCII part whose lines all fit as `Content-Transfer-Encoding:
8bit` (`mailglot init`'s French email is one). RFC 6152 lets a client send such data only to
a server that offers 8BITMIME, and only with `MAIL FROM:<...> BODY=8BITMIME`; `send` sent it
without, and to any server, which may refuse it or strip the eighth bit. Now an 8-bit message
goes with BODY=8BITMIME where the server offers it, and otherwise as a 7-bit copy: its 8-bit
parts re-encoded by the email package (base64, the text unchanged once decoded), as a relay
does it (RFC 6152 section 3), under the headers as built (only the body is taken from the
copy). A message that is 7-bit already goes as before. An address that is not ASCII (a --to
mailbox name) needs SMTPUTF8, which implies 8BITMIME (RFC 6531).
"""

from __future__ import annotations

from email import message_from_bytes, policy
from email.parser import BytesHeaderParser
from typing import Literal

from mailglot.errors import MailglotError
from mailglot.send_message import Outgoing

Body = Literal["7bit", "8bitmime", "7bit-reencoded", "smtputf8"]
"""7bit: the message is ASCII as built; 8bitmime: sent as built with BODY=8BITMIME;
7bit-reencoded: the server offers no 8BITMIME, its 8-bit parts were re-encoded; smtputf8: an
address is not ASCII (a --to), and it goes with SMTPUTF8 and BODY=8BITMIME."""

_CONTENT = ("MIME-Version", "Content-Type", "Content-Transfer-Encoding")


def for_server(out: Outgoing, offers_8bitmime: bool) -> tuple[Body, bytes]:
    """How `out` goes to a server that does or does not offer 8BITMIME, and its bytes."""
    if not all(a.isascii() for a in (out.sender, *out.recipients)):
        return "smtputf8", out.data  # the server is asked for SMTPUTF8, or not sent to
    data = out.data
    if data.isascii():
        return "7bit", data
    if offers_8bitmime:
        return "8bitmime", data
    # the generator re-encodes a text part holding 8-bit data with its charset's body
    # encoding (base64 for UTF-8) and writes the new Content-Transfer-Encoding; only the
    # body is taken from it: the headers go as built, not as the email package re-writes them
    seven = message_from_bytes(data, policy=policy.SMTP).as_bytes(
        policy=policy.SMTP.clone(cte_type="7bit")
    )
    end = seven.find(b"\r\n\r\n")
    body = seven[end + 4 :]
    if end < 0 or not body.isascii() or _content(seven[: end + 4]) != _content(out.head):
        # no text part (nothing the email package would re-encode), or a single part whose
        # own headers it re-wrote
        raise MailglotError(
            "the server does not take 8-bit mail (it offers no 8BITMIME), and this message "
            "could not be made 7-bit; send through a server that offers 8BITMIME"
        )
    return "7bit-reencoded", out.head + b"\r\n" + body


def _content(head: bytes) -> list[list[str]]:
    """The headers that say how the body reads: the same before and after re-encoding, or
    the re-encoded body does not go under the built headers."""
    headers = BytesHeaderParser(policy=policy.SMTP).parsebytes(head.rstrip(b"\r\n") + b"\r\n\r\n")
    return [[str(v) for v in headers.get_all(name, [])] for name in _CONTENT]


def mail_options(body: Body) -> list[str]:
    """MAIL FROM's parameters (smtplib adds SIZE where offered)."""
    if body == "smtputf8":
        return ["SMTPUTF8", "BODY=8BITMIME"]
    return ["BODY=8BITMIME"] if body == "8bitmime" else []
