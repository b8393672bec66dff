"""Send one built email to a test inbox over SMTP.

The .eml in the build has no Date or Message-ID (they belong to the moment of sending and
would make builds irreproducible); they are added here, with the test recipient.
"""

from __future__ import annotations

import os
import smtplib
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import formatdate, make_msgid, parseaddr
from pathlib import Path

from mailglot.errors import MailglotError, UsageError


class SendError(MailglotError):
    pass


def find_job(build: Path, job: str) -> Path:
    """`winback/fr_FR/a`, or `winback/fr_FR` when the campaign has one variant."""
    folder = build / job.strip("/")
    if not folder.resolve().is_relative_to(build.resolve()):
        raise UsageError(f"{job!r} is not a job of this build")
    if (folder / "email.eml").is_file():
        return folder / "email.eml"
    variants = sorted(p.parent.name for p in folder.glob("*/email.eml")) if folder.is_dir() else []
    if len(variants) == 1:
        return folder / variants[0] / "email.eml"
    if variants:
        raise UsageError(
            f"{job} has variants {', '.join(variants)}: name one, e.g. {job}/{variants[0]}"
        )
    raise UsageError(
        f"no built email at build/{job}; jobs look like campaign/locale/variant "
        "(see build/manifest.json), and `mailglot build` makes them"
    )


def prepare(eml: bytes, to: str, sender_domain: str | None = None) -> EmailMessage:
    if "@" not in parseaddr(to)[1]:
        raise UsageError(f"--to {to!r} is not an email address")
    msg = message_from_bytes(eml, policy=policy.SMTP)
    assert isinstance(msg, EmailMessage)
    del msg["To"]
    msg["To"] = to
    msg["Date"] = formatdate(localtime=True)
    domain = sender_domain or parseaddr(str(msg["From"]))[1].partition("@")[2] or None
    msg["Message-ID"] = make_msgid(domain=domain)
    return msg


def send(
    msg: EmailMessage, host: str, port: int, *, starttls: bool = False, timeout: float = 30
) -> None:
    """Credentials, when the server wants them, come from MAILGLOT_SMTP_USER/PASSWORD."""
    user, password = os.environ.get("MAILGLOT_SMTP_USER"), os.environ.get("MAILGLOT_SMTP_PASSWORD")
    try:
        with smtplib.SMTP(host, port, timeout=timeout) as smtp:
            if starttls:
                smtp.starttls()
            if user and password:
                smtp.login(user, password)
            smtp.send_message(msg)
    except (OSError, smtplib.SMTPException) as exc:
        raise SendError(f"could not send through {host}:{port}: {exc}") from exc
