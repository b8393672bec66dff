"""Send one built email to a test inbox over SMTP, headers as built (see render/eml.py)."""

from __future__ import annotations

import os
import smtplib
from datetime import datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import format_datetime, getaddresses, make_msgid, parseaddr
from pathlib import Path

from mailglot.containment import link_out
from mailglot.errors import MailglotError, UsageError
from mailglot.manifest import MANIFEST, read_manifest
from mailglot.output import not_linked_out


class SendError(MailglotError):
    pass


def find_job(build: Path, job: str) -> Path:
    """`winback/fr_FR/a`, or `winback/fr_FR` when the campaign has one variant."""
    not_linked_out(build)  # an email from a build/ linked out of the project is not sent
    folder = build / job.strip("/")
    if not folder.resolve().is_relative_to(build.resolve()):
        raise UsageError(f"{job!r} is not a job of this build")
    if (folder / "email.eml").is_file():
        return _inside(build, folder / "email.eml")
    variants = sorted(p.parent.name for p in folder.glob("*/email.eml")) if folder.is_dir() else []
    if len(variants) == 1:
        return _inside(build, folder / variants[0] / "email.eml")
    if variants:
        raise UsageError(
            f"{job} has variants {', '.join(variants)}: name one, e.g. {job}/{variants[0]}"
        )
    raise UsageError(
        f"no built email at build/{job}; jobs look like campaign/locale/variant "
        "(see build/manifest.json), and `mailglot build` makes them"
    )


def current(build: Path, eml: Path) -> None:
    """Refuse an email the last build did not make: a job that failed keeps its earlier
    files (SPEC 6), so its email.eml is not what the campaign, template or catalog now say.
    `export` skips such jobs; a test send of one would review an email that will not go out."""
    job = eml.parent.relative_to(build).as_posix()
    manifest = read_manifest(build)
    if manifest is None:
        raise SendError(
            f"build/{MANIFEST} is missing or unreadable, so mailglot cannot tell whether "
            f"build/{job}/email.eml is current; run `mailglot build` before sending"
        )
    entry = manifest.by_id().get(job)
    if entry is None or entry.place is None:
        raise SendError(
            f"{job} is not a job of the last build (build/{MANIFEST} does not list it); run "
            "`mailglot build` before sending"
        )
    if entry.kind == "failed":
        errors = [f for f in entry.findings if f.severity == "error"]
        why = f" ({errors[0]}{f' and {len(errors) - 1} more' if len(errors) > 1 else ''})"
        raise SendError(
            f"{job} failed in the last build{why if errors else ''}: its email.eml is from an "
            "earlier build, not what the project says now, so mailglot does not send it; fix "
            "the job and run `mailglot build` first"
        )


def _inside(build: Path, eml: Path) -> Path:
    """A built email that is a link to a file elsewhere is never read, let alone sent."""
    target = link_out(build, eml)
    if target is not None:
        raise UsageError(
            f"{eml.relative_to(build.parent)} is a link to {target}, outside build/; mailglot "
            "does not send it (build the job again)"
        )
    return eml


def prepare(eml: bytes, to: str, now: datetime) -> EmailMessage:
    """The built message as the test inbox gets it: only To changes. The build's Date,
    Message-ID and List-Unsubscribe headers are kept (the inbox judges what will be sent); a
    campaign without a schedule has no Date in its .eml, so it gets the moment of sending."""
    found = getaddresses([to])
    if "\r" in to or "\n" in to or not found or not all(_address(a) for _, a in found):
        raise UsageError(f"--to {to!r} is not an email address")  # no header injection
    msg = message_from_bytes(eml, policy=policy.SMTP)
    assert isinstance(msg, EmailMessage)
    del msg["To"]
    msg["To"] = to
    if msg["Date"] is None:
        msg["Date"] = format_datetime(now)
    if msg["Message-ID"] is None:  # an .eml built by an older mailglot
        domain = parseaddr(str(msg["From"]))[1].partition("@")[2] or None
        msg["Message-ID"] = make_msgid(domain=domain)
    return msg


def _address(addr: str) -> bool:
    """local@domain, both parts there (`@example.com` and `a@` are no inbox)."""
    local, at, domain = addr.rpartition("@")
    return bool(at and local and domain) and not any(c.isspace() for c in domain)


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
        raise SendError(f"could not send through {server_name(host, port)}: {_why(exc)}") from exc


def _why(exc: Exception) -> str:
    """What the server said, in its own words: a refused recipient's str() is a Python dict
    ({'qa@x': (550, b'...')}), a refused sender's a tuple."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(
            f"the server refused {rcpt}: {code} {_text(said)}"
            for rcpt, (code, said) in exc.recipients.items()
        )
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"the server refused the sender {exc.sender}: {exc.smtp_code} {_text(exc.smtp_error)}"
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    return str(exc)


def _text(said: bytes | str) -> str:
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)


def server_name(host: str, port: int) -> str:
    """HOST:PORT as --smtp takes it back: an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
