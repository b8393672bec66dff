"""Send one built email to a test inbox over SMTP, headers as built (see render/eml.py), to
the --to addresses only (send_message.py)."""

from __future__ import annotations

import os
import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from mailglot.containment import link_out
from mailglot.errors import MailglotError, UsageError, escape_control
from mailglot.manifest import MANIFEST, read_manifest
from mailglot.output import not_linked_out
from mailglot.send_body import Body, for_server, mail_options
from mailglot.send_message import Outgoing


class SendError(MailglotError):
    pass


def find_job(build: Path, job: str) -> Path:
    """`winback/fr_FR/a`, or `winback/fr_FR` when the campaign has one variant; also the
    paths tab completion gives for them (`build/winback/fr_FR/a`, `.../a/email.eml`)."""
    not_linked_out(build)  # an email from a build/ linked out of the project is not sent
    job = job_id(build, job)
    folder = build / job
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
    if folder.is_file() and (folder.parent / "email.eml").is_file():
        owner = folder.parent.relative_to(build).as_posix()
        raise UsageError(
            f"build/{job} is not an email to send: send takes the job, {owner} (its email.eml)"
        )
    raise UsageError(
        f"no built email at build/{job}; jobs look like campaign/locale/variant "
        "(see build/manifest.json), and `mailglot build` makes them"
    )


def job_id(build: Path, named: str) -> str:
    """The job a user named, as the gallery names it. A path to the job's folder or to its
    email.eml names the same job (shells complete `build/winback/fr_FR/a/email.eml`), so it is
    taken as that job, not refused as `build/build/...`; a campaign really named `build`
    keeps its own jobs, which are tried first. `..` is taken as the user means it, before
    anything else (`build/../build/x/fr_FR/a` and `x/fr_FR/../fr_FR/a` are `x/fr_FR/a`, as
    the manifest names it): a path that still leaves build/ is refused by the caller."""
    path = Path(named)
    if path.is_absolute():
        path = Path(os.path.normpath(path))
        inside = [path.relative_to(b) for b in (build, build.resolve()) if path.is_relative_to(b)]
        if not inside:
            return named  # refused as no job of this build
        path = inside[0]
    elif path.parts[:1] == (build.name,) and not (build / os.path.normpath(path)).exists():
        path = Path(os.path.relpath(os.path.normpath(path), build.name))  # from the project
    else:
        path = Path(os.path.normpath(path))
    parts = [p for p in path.parts if p not in ("", ".")]
    if parts[-1:] == ["email.eml"]:
        parts.pop()
    return "/".join(parts)


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


@dataclass(frozen=True)
class Refusal:
    """One recipient the server would not take, with its reply as it gave it."""

    address: str
    code: int
    reply: str

    def __str__(self) -> str:
        return f"the server refused {escape_control(self.address)}: {self.code} {shown(self.reply)}"


@dataclass(frozen=True)
class Delivery:
    """Who the server took the message for, and who it refused: with several --to
    addresses, a server that refuses some still takes it for the others (smtplib returns
    the refused ones instead of raising), so the send is neither a success nor a failure.
    Nothing accepted: nothing was sent. `body`: how its body went (send_body.Body); `size`: its
    bytes as given to the server (CRLF line ends)."""

    accepted: tuple[str, ...]
    refused: tuple[Refusal, ...]
    body: Body
    size: int


GREETING_S = 10.0
"""How long a server that took the connection has to greet. Real servers greet within a
second; the slowest on purpose (sendmail's greet_pause, Postfix's postscreen_greet_wait) hold
it 5 to 6 s to catch clients that talk first, so 10 s waits for them all. RFC 5321's 5 minutes
is for mail relays that retry later, not for a person at a terminal: a port that takes the
connection and says nothing (a server waiting for TLS first, as on port 465, or no SMTP server
at all) is told in 10 s, where the session's timeout took 30."""

SESSION_S = 30.0
"""Each later read or write of the session: a large message and a server that scans it
before answering 250 need more than the greeting."""


def send(
    out: Outgoing, host: str, port: int, *, starttls: bool = False, timeout: float = SESSION_S
) -> Delivery:
    """Credentials, when the server wants them, come from MAILGLOT_SMTP_USER/PASSWORD. The
    envelope is `out`'s, never taken from the headers (smtplib's send_message takes Cc,
    Bcc and Resent-* as recipients)."""
    user, password = os.environ.get("MAILGLOT_SMTP_USER"), os.environ.get("MAILGLOT_SMTP_PASSWORD")
    smtp = _Client(timeout=timeout)  # connected below, so a greeting it cannot read is at hand
    try:
        code, greeting = smtp.connect(host, port)
        if code != 220:
            smtp.close()
            raise smtplib.SMTPConnectError(code, greeting)
        with smtp:
            if starttls:
                smtp.starttls()
            if user and password:
                smtp.login(user, password)
            smtp.ehlo_or_helo_if_needed()  # again after STARTTLS: what the server offers now
            body, data = for_server(out, smtp.has_extn("8bitmime"))
            if body == "smtputf8" and not smtp.has_extn("smtputf8"):
                raise smtplib.SMTPNotSupportedError(_no_utf8(out))
            refused = smtp.sendmail(
                out.sender, list(out.recipients), data, mail_options=mail_options(body)
            )
    except smtplib.SMTPRecipientsRefused as exc:  # every one: sent to nobody, said by the caller
        refused = exc.recipients
    except (OSError, smtplib.SMTPException) as exc:
        smtp.close()
        raise SendError(_failure(exc, server_name(host, port), smtp.heard)) from exc
    rejected = tuple(_refusals(refused))
    accepted = tuple(a for a in out.recipients if a not in refused)
    return Delivery(accepted, rejected, body, len(data))


def _no_utf8(out: Outgoing) -> str:
    """smtplib said 'One or more source or delivery addresses require internationalized
    email support, but the server does not advertise the required SMTPUTF8 capability'."""
    named = ", ".join(a for a in (out.sender, *out.recipients) if not a.isascii())
    return (
        f"the server does not offer SMTPUTF8, which {escape_control(named)} needs (a mailbox "
        "name that is not ASCII has no other form); send to an ASCII address"
    )


class _Heard:
    """smtplib's reading end of the socket, keeping the last line the server said."""

    def __init__(self, file: BinaryIO) -> None:
        self.file, self.line = file, b""

    def readline(self, size: int = -1) -> bytes:
        self.line = self.file.readline(size)
        return self.line

    def close(self) -> None:
        self.file.close()


class _Client(smtplib.SMTP):
    """smtplib's client, keeping what the server said last: when a reply does not start
    with a three-digit code, smtplib reports code -1 and the line without its first four
    bytes ('-1 arbage not smtp'), which is no way to tell a user what answered."""

    heard = b""

    def connect(
        self, host: str = "localhost", port: int = 0, source_address: tuple[str, int] | None = None
    ) -> tuple[int, bytes]:
        self._host = host  # set by __init__ only: starttls names it to the TLS handshake
        try:
            reply = super().connect(host, port, source_address)
        except smtplib.SMTPServerDisconnected as exc:  # smtplib's word for a read timing out too
            if isinstance(exc.__context__, TimeoutError):
                raise _Silent() from exc
            raise
        if self.sock is not None:
            self.sock.settimeout(self.timeout)  # the rest of the session: its own timeout
        return reply

    def _get_socket(self, host: str, port: int, timeout: float) -> socket.socket:
        """Connecting may take the session's timeout (a slow route is no silent server);
        the greeting that follows gets GREETING_S."""
        sock = super()._get_socket(host, port, timeout)
        sock.settimeout(GREETING_S)
        return sock

    def getreply(self) -> tuple[int, bytes]:
        if self.file is None and self.sock is not None:
            self.file = _Heard(self.sock.makefile("rb"))  # type: ignore[assignment]
        file = self.file  # smtplib drops it when a read fails: what was read before still counts
        try:
            return super().getreply()
        finally:
            if isinstance(file, _Heard):
                self.heard = file.line


class _Silent(smtplib.SMTPException):
    """The server took the connection and sent no greeting within GREETING_S."""


def _failure(exc: Exception, where: str, heard: bytes) -> str:
    if isinstance(exc, _Silent) and heard:  # '220-' and then nothing: it started, no more
        began = escape_control(heard.decode("utf-8", "replace").strip())
        return (
            f"{where} began its SMTP greeting ('{began[:80]}') but did not end it within "
            f"{GREETING_S:g} s"
        )
    if isinstance(exc, _Silent):
        said = f"{where} accepted the connection but sent no SMTP greeting within {GREETING_S:g} s"
        if where.endswith(":465"):  # SMTP over TLS from the first byte: it waits for a client hello
            return (
                f"{said}: port 465 takes TLS from the first byte, which mailglot does not "
                "speak; use the server's port 587 with --starttls"
            )
        return f"{said}: is it an SMTP server?"
    if isinstance(exc, smtplib.SMTPResponseException) and exc.smtp_code == -1:
        said = escape_control(heard.decode("utf-8", "replace").strip())
        return (
            f"the server at {where} does not speak SMTP (it said '{said[:80]}'); --smtp "
            "names a mail server's SMTP port, e.g. localhost:1025 or smtp.example.com:587"
        )
    return f"could not send through {where}: {_why(exc)}"


def _refusals(refused: dict[str, tuple[int, bytes | str]]) -> Iterator[Refusal]:
    for rcpt, (code, said) in refused.items():
        yield Refusal(rcpt, code, _text(said))


def _why(exc: Exception) -> str:
    """What the server said, in its own words: a refused recipient's str() is a Python dict
    ({'qa@x': (550, b'...')}), a refused sender's a tuple."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return "; ".join(str(r) for r in _refusals(exc.recipients))
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return (
            f"the server refused the sender {exc.sender}: {exc.smtp_code} "
            f"{shown(_text(exc.smtp_error))}"
        )
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {shown(_text(exc.smtp_error))}"
    return str(exc)


def _text(said: bytes | str) -> str:
    return said.decode("utf-8", "replace") if isinstance(said, bytes) else str(said)


def shown(reply: str) -> str:
    """A server's reply as the terminal shows it: on one line (smtplib joins a multi-line
    reply's lines with line breaks) and with control characters escaped, so a server cannot
    clear the screen, retitle the window or start a line of its own choosing. --json keeps
    the reply as said: JSON escapes them itself."""
    return escape_control(" ".join(reply.split("\n")))


def server_name(host: str, port: int) -> str:
    """HOST:PORT as --smtp takes it back: an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"
