"""The eml part's transfer encoding as `EmailMessage.set_content` chooses it, every line
through `binascii.b2a_qp`: the plain way the eml's encoding shortcuts are held to."""

from __future__ import annotations

import base64
import binascii


def encode_reference(data: bytes) -> tuple[str, bytes]:
    """(Content-Transfer-Encoding, body with CRLF line ends) for a part's bytes: 7bit or 8bit
    when no line passes 78 bytes, else base64 if the first ten lines come out shorter so,
    else quoted-printable."""
    lines = data.splitlines()
    if max(map(len, lines), default=0) <= 78:
        return ("7bit" if data.isascii() else "8bit"), b"\r\n".join(lines) + b"\r\n"
    qp = binascii.b2a_qp(b"\n".join(lines[:10]) + b"\n", istext=True)
    if len(qp) > len(binascii.b2a_base64(b"\r\n".join(lines[:10]) + b"\r\n")):
        crlf = b"\r\n".join(lines) + b"\r\n"
        return "base64", base64.encodebytes(crlf).replace(b"\n", b"\r\n")
    whole = binascii.b2a_qp(b"\n".join(lines) + b"\n", istext=True)
    return "quoted-printable", whole.replace(b"\n", b"\r\n")
