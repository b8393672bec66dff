"""A multipart/alternative message for test sends, filled with the preview's sample data.

No Date or Message-ID here: they belong to the moment of sending, and leaving them out keeps
the build reproducible.
"""

from __future__ import annotations

import hashlib
from email.message import EmailMessage
from email.policy import SMTP


def build_eml(*, sender: str, to: str, subject: str, text: str, html: str, lang: str) -> bytes:
    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = subject
    msg.set_content(text, subtype="plain", charset="utf-8")
    msg.add_alternative(html, subtype="html", charset="utf-8")
    msg["Content-Language"] = lang  # after the body: set_content drops Content-* headers
    # A boundary derived from the content keeps the file byte-identical across builds.
    digest = hashlib.sha256((subject + text + html).encode()).hexdigest()[:24]
    msg.set_boundary(f"=_mailglot_{digest}")
    return msg.as_bytes()
