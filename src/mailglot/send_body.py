"""How a built email's body goes to the SMTP server: as it is, announced, or made 7-bit.

render/eml.py writes a non-ASCII part whose lines all fit as `Content-Transfer-Encoding:
8bit` (`mailglot init`'s French email is one). RFC 6152 lets a client send such data only to
a server that offers 8BITMIME, and only with `MAIL FROM:<...> BODY=8BITMIME`; `send` sent it
without, and to any server, which may refuse it or strip the eighth bit. Now an 8-bit message
goes with BODY=8BITMIME where the server offers it, and otherwise as a 7-bit copy: its 8-bit
parts re-encoded by the email package (base64, the text unchanged once decoded), as a relay
does it (RFC 6152 section 3). A message that is 7-bit already goes as before.
"""

from __future__ import annotations

from email import message_from_bytes
from email.message import EmailMessage
from email.utils import getaddresses
from typing import Literal

from mailglot.errors import MailglotError

Body = Literal["7bit", "8bitmime", "7bit-reencoded", "smtputf8"]
"""7bit: the message is ASCII as built; 8bitmime: sent as built with BODY=8BITMIME;
7bit-reencoded: the server offers no 8BITMIME, its 8-bit parts were re-encoded; smtputf8: an
address is not ASCII (a --to), and smtplib sends with SMTPUTF8 and BODY=8BITMIME itself."""


def for_server(msg: EmailMessage, offers_8bitmime: bool) -> tuple[Body, EmailMessage]:
    """How `msg` goes to a server that does or does not offer 8BITMIME, and what to send."""
    if not all(a.isascii() for _, a in getaddresses([str(msg["From"]), str(msg["To"])])):
        return "smtputf8", msg  # smtplib's own path, which asks for 8BITMIME itself
    if msg.as_bytes().isascii():
        return "7bit", msg
    if offers_8bitmime:
        return "8bitmime", msg
    # the generator re-encodes a text part holding 8-bit data with its charset's body
    # encoding (base64 for UTF-8) and writes the new Content-Transfer-Encoding
    seven = msg.as_bytes(policy=msg.policy.clone(cte_type="7bit"))
    if not seven.isascii():  # no text part: nothing the email package would re-encode
        raise MailglotError(
            "the server does not take 8-bit mail (it offers no 8BITMIME), and this message "
            "could not be made 7-bit; send through a server that offers 8BITMIME"
        )
    copy = message_from_bytes(seven, policy=msg.policy)
    assert isinstance(copy, EmailMessage)
    return "7bit-reencoded", copy
