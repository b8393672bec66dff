"""A test send goes to the --to addresses and nobody else, from the .eml's From address, with
the headers as built (only To replaced), and says what it sent without letting the .eml write
to the terminal.

`send` handed the parsed .eml to smtplib's send_message, which takes the envelope from the
headers: an .eml carrying Cc or Bcc (a merged CI shard's, edited on the way) was sent to those
too, one carrying Resent-Date and Resent-To only to the Resent-To, from `MAIL FROM:<None>`,
and mailglot said it sent to --to. The email package re-wrote the headers on the way, writing
a Subject's encoded line break raw into the delivered header block, and the decoded Subject
was printed with its escape sequences. Now an .eml with a header no build writes is refused,
the envelope is explicit and the built bytes go as they are.

Through the CLI, with a real SMTP server on loopback (aiosmtpd) that records the MAIL FROM
and RCPT TO command lines as the client wrote them, and the data."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink
from aiosmtpd.smtp import SMTP

from mailglot.send import send
from mailglot.send_message import NotAsBuilt, Outgoing, prepare
from tests.conftest import run_cli
from tests.smtp_loopback import free_port
from tests.test_send_outcomes import init_built

JOB = "welcome/fr_FR/a"
EML = f"build/{JOB}/email.eml"
SUBJECT = "Bienvenue chez Acme, Sam"
REBUILD = "so mailglot does not send it (it is not as a build writes it); build the job again"


class Recorder(Sink):
    """Keeps the MAIL and RCPT command lines and each message's data."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.data: list[bytes] = []

    async def handle_DATA(self, server, session, envelope):
        self.data.append(envelope.original_content)
        return "250 OK"


class _Recording(SMTP):
    async def smtp_MAIL(self, arg: str | None) -> None:
        self.event_handler.lines.append(f"MAIL {arg}")
        await super().smtp_MAIL(arg)

    async def smtp_RCPT(self, arg: str | None) -> None:
        self.event_handler.lines.append(f"RCPT {arg}")
        await super().smtp_RCPT(arg)


class _Controller(Controller):
    def factory(self) -> SMTP:
        return _Recording(self.handler, **self.SMTP_kwargs)


class Seven(Recorder):
    """Leaves 8BITMIME out of its EHLO reply, as servers that take only 7-bit mail do."""

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [r for r in responses if r != "250-8BITMIME"]


def _server(handler: Recorder, **options: object) -> Iterator[tuple[Recorder, str]]:
    port = free_port()
    controller = _Controller(handler, hostname="127.0.0.1", port=port, **options)
    controller.start()
    try:
        yield handler, f"127.0.0.1:{port}"
    finally:
        controller.stop()


@pytest.fixture
def server() -> Iterator[tuple[Recorder, str]]:
    yield from _server(Recorder())


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_built(tmp_path_factory.mktemp("envelope"))


@pytest.fixture
def project(built: Path, tmp_path: Path) -> Path:
    """A copy of the built project whose .eml a test may change."""
    return shutil.copytree(built, tmp_path / "p", symlinks=True)


def _head(data: bytes) -> bytes:
    return data[: data.index(b"\r\n\r\n") + 2]


def _edited(project: Path, old: bytes, new: bytes) -> bytes:
    eml = project / EML
    before = eml.read_bytes()
    assert before.count(old) == 1
    eml.write_bytes(before.replace(old, new))
    return before


def test_the_envelope_is_the_from_address_and_the_to_addresses(built: Path, server) -> None:
    handler, address = server
    to = "Quality Assurance Team <qa-team-one@example.net>, Second Reviewer <two@example.net>"
    result = run_cli(built, "send", "--to", to, "--smtp", address, JOB)
    assert (result.exit_code, result.output) == (
        0,
        f"mailglot: sent {JOB} ({SUBJECT}) to qa-team-one@example.net, two@example.net via "
        f"{address}\n",
    )
    [data] = handler.data
    assert handler.lines == [
        f"MAIL FROM:<hello@acme.example> size={len(data)} BODY=8BITMIME",
        "RCPT TO:<qa-team-one@example.net>",
        "RCPT TO:<two@example.net>",
    ]
    # the bytes as built, the To line replaced (folded as the build folds), a Date added: the
    # campaign has no schedule
    eml = (built / EML).read_bytes()
    to_line = (
        b"To: Quality Assurance Team <qa-team-one@example.net>,\r\n"
        b" Second Reviewer <two@example.net>\r\n"
    )
    expected = _head(eml).replace(b"To: sam@example.com\r\n", to_line)
    assert re.fullmatch(re.escape(expected) + rb"Date: [^\r\n]+ \+0000\r\n", _head(data))
    assert data.endswith(eml[eml.index(b"\r\n\r\n") :])


@pytest.mark.parametrize(
    ("added", "named"),
    [
        (
            b"Bcc: attacker@evil.example\r\nCc: other@evil.example\r\n",
            "a header no build writes (Bcc)",
        ),
        (b"cc: other@evil.example\r\n", "a header no build writes (cc)"),
        (
            b"Resent-Date: Thu, 25 Nov 2027 09:00:00 +0300\r\nResent-To: a@evil.example\r\n",
            "a header no build writes (Resent-Date)",
        ),
        (b"Reply-To: attacker@evil.example\r\n", "a header no build writes (Reply-To)"),
        (
            b"Disposition-Notification-To: attacker@evil.example\r\n",
            "a header no build writes (Disposition-Notification-To)",
        ),
        (b"From: Attacker <attacker@evil.example>\r\n", "more than one From header"),
    ],
)
def test_an_eml_with_a_header_no_build_writes_is_not_sent(
    project: Path, server, added: bytes, named: str
) -> None:
    handler, address = server
    _edited(project, b"To: sam@example.com\r\n", b"To: sam@example.com\r\n" + added)
    result = run_cli(project, "send", "--to", "qa@example.net", "--smtp", address, JOB)
    assert (result.exit_code, result.output) == (1, f"mailglot: {EML} has {named}, {REBUILD}\n")
    assert handler.lines == [] and handler.data == []
    as_json = run_cli(project, "send", "--to", "qa@example.net", "--smtp", address, JOB, "--json")
    assert as_json.exit_code == 1
    assert json.loads(as_json.stdout)["summary"]["error"] == f"{EML} has {named}, {REBUILD}"
    assert handler.lines == []


@pytest.mark.parametrize(
    ("old", "new", "said"),
    [
        (b"From: Acme <hello@acme.example>\r\n", b"", "has no From header"),
        (
            b"From: Acme <hello@acme.example>\r\n",
            b"From: Acme <a@x.example>, <b@x.example>\r\n",
            "its From header does not name one sender address",
        ),
        (
            b"From: Acme <hello@acme.example>\r\n",
            b"From: Acme\r\n",
            "its From header does not name one sender address",
        ),
        (
            b"To: sam@example.com\r\n",
            b"To: sam@example.com\r\nBcc attacker@evil.example\r\n",
            "line 3 is not a header field",
        ),
        (
            b"To: sam@example.com\r\n",
            b"To: s\xc3\xa4m@example.com\r\n",
            "line 2 holds 8-bit bytes, which no build writes in a header",
        ),
    ],
)
def test_an_eml_whose_headers_a_build_did_not_write_is_not_sent(
    project: Path, server, old: bytes, new: bytes, said: str
) -> None:
    handler, address = server
    _edited(project, old, new)
    result = run_cli(project, "send", "--to", "qa@example.net", "--smtp", address, JOB)
    separator = " " if said.startswith("has") else ": "
    assert (result.exit_code, result.output) == (
        1,
        f"mailglot: {EML}{separator}{said}, {REBUILD}\n",
    )
    assert handler.lines == []


HOSTILE = (  # ESC]0;PWNED BEL ESC[2J ESC[1;31mALL CLEAR ESC[0m CR LF mailglot: fake line
    b"=?utf-8?b?G10wO1BXTkVEBxtbMkobWzE7MzFtQUxMIENMRUFSG1swbQ0KbWFpbGdsb3Q6IGZha2UgbGluZQ==?="
)


def test_a_subject_with_escapes_and_a_line_break_is_shown_escaped_and_sent_as_built(
    project: Path, server
) -> None:
    handler, address = server
    _edited(project, f"Subject: {SUBJECT}\r\n".encode(), b"Subject: " + HOSTILE + b"\r\n")
    result = run_cli(project, "send", "--to", "qa@example.net", "--smtp", address, JOB)
    assert (result.exit_code, result.output) == (
        0,
        f"mailglot: sent {JOB} (\\x1b]0;PWNED\\x07\\x1b[2J\\x1b[1;31mALL CLEAR\\x1b[0m\\x0d\\x0a"
        f"mailglot: fake line) to qa@example.net via {address}\n",
    )
    [data] = handler.data
    head = _head(data)
    assert b"\r\nSubject: " + HOSTILE + b"\r\nMessage-ID: " in head  # the line as built
    assert b"\x1b" not in head and b"fake line" not in head
    as_json = run_cli(project, "send", "--to", "qa@example.net", "--smtp", address, JOB, "--json")
    assert json.loads(as_json.stdout)["summary"]["subject"] == (
        "\x1b]0;PWNED\x07\x1b[2J\x1b[1;31mALL CLEAR\x1b[0m\r\nmailglot: fake line"
    )  # as the inbox shows it; JSON escapes it
    assert "\x1b" not in as_json.stdout


def test_the_7bit_copy_keeps_the_headers_as_built(built: Path) -> None:
    """A server without 8BITMIME gets the 8-bit parts re-encoded, under the built headers."""
    for handler, address in _server(Seven()):
        result = run_cli(built, "send", "--to", "qa@example.net", "--smtp", address, JOB)
        assert result.exit_code == 0, result.output
        [data] = handler.data
        assert handler.lines[0] == f"MAIL FROM:<hello@acme.example> size={len(data)}"
        eml = (built / EML).read_bytes()
        expected = _head(eml).replace(b"To: sam@example.com\r\n", b"To: qa@example.net\r\n")
        assert _head(data).startswith(expected)
        assert data.isascii() and b"Content-Transfer-Encoding: base64\r\n" in data


def test_a_mailbox_name_that_is_not_ascii_goes_with_smtputf8(built: Path, server) -> None:
    handler, address = server
    result = run_cli(built, "send", "--to", "Q <qä@exämple.net>", "--smtp", address, JOB)
    assert (result.exit_code, result.output) == (
        0,
        f"mailglot: sent {JOB} ({SUBJECT}) to qä@xn--exmple-cua.net via {address}\n",
    )
    [data] = handler.data
    assert handler.lines == [
        f"MAIL FROM:<hello@acme.example> size={len(data)} SMTPUTF8 BODY=8BITMIME",
        "RCPT TO:<qä@xn--exmple-cua.net>",
    ]
    assert "\r\nTo: Q <qä@xn--exmple-cua.net>\r\n".encode() in data

    for handler, plain in _server(Recorder(), enable_SMTPUTF8=False):
        refused = run_cli(built, "send", "--to", "qä@example.net", "--smtp", plain, JOB)
        assert (refused.exit_code, refused.output) == (
            1,
            f"mailglot: could not send through {plain}: the server does not offer SMTPUTF8, "
            "which qä@example.net needs (a mailbox name that is not ASCII has no other "
            "form); send to an ASCII address\n",
        )
        assert handler.lines == []


def test_a_control_character_in_an_address_is_refused_shown_escaped(built: Path, server) -> None:
    handler, address = server
    result = run_cli(built, "send", "--to", "qa\x1b[2J@example.net", "--smtp", address, JOB)
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: --to 'qa\\x1b[2J@example.net' is not an email address\n",
    )
    assert handler.lines == []


def test_the_envelope_never_comes_from_the_headers(server) -> None:
    """Whatever a message's headers say (prepare refuses such an .eml before this), send()
    gives the server the Outgoing's sender and recipients only."""
    handler, address = server
    head = (
        b"From: Acme <hello@acme.example>\r\nTo: qa@example.net\r\n"
        b"Bcc: attacker@evil.example\r\nResent-Date: Thu, 25 Nov 2027 09:00:00 +0300\r\n"
        b"Resent-From: x@evil.example\r\nResent-To: attacker@evil.example\r\nSubject: hi\r\n"
    )
    out = Outgoing(
        sender="hello@acme.example",
        recipients=("qa@example.net",),
        to="qa@example.net",
        subject="hi",
        message_id="<1@acme.example>",
        head=head,
        body=b"hello\r\n",
    )
    host, _, port = address.rpartition(":")
    delivery = send(out, host, int(port))
    assert (delivery.accepted, delivery.refused, delivery.body) == (("qa@example.net",), (), "7bit")
    assert handler.lines == [
        f"MAIL FROM:<hello@acme.example> size={len(out.data)}",
        "RCPT TO:<qa@example.net>",
    ]
    assert handler.data == [out.data]


def test_every_email_of_the_example_goes_as_built_but_its_to(example_build: Path) -> None:
    """Every header the build writes is one send takes (BUILT_HEADERS), and the bytes that
    go are the built ones, the To line replaced."""
    emls = sorted((example_build / "build").rglob("email.eml"))
    assert len(emls) > 20
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    for eml in emls:
        built = eml.read_bytes()
        out = prepare(built, "qa@example.net", now, eml.name)
        assert re.search(rb"(?m)^To: [^\r\n]+\r\n(?=[^ \t])", built), eml  # one line
        expected = re.sub(rb"(?m)^To: [^\r\n]+\r\n", b"To: qa@example.net\r\n", _head(built))
        if b"\r\nDate: " not in _head(built):
            expected += b"Date: Mon, 30 Nov 2026 12:00:00 +0000\r\n"
        assert (out.head, out.body) == (expected, built[len(_head(built)) + 2 :]), eml
        assert out.data == expected + b"\r\n" + out.body
        assert (out.sender, out.recipients) == ("hello@streamly.example", ("qa@example.net",))


def test_a_folded_to_is_replaced_whole_and_bare_line_ends_go_as_crlf() -> None:
    now = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    rest = b"Subject: s\r\nDate: Thu, 26 Nov 2026 09:00:00 +0300\r\nMessage-ID: <1@x.example>\r\n"
    built = (
        b"From: A <a@x.example>\r\nTo: Long Name <long@x.example>,\r\n Other <o@x.example>\r\n"
        + rest
        + b"\r\nbody\r\n"
    )
    out = prepare(built, "qa@example.net", now, "email.eml")
    assert out.data == b"From: A <a@x.example>\r\nTo: qa@example.net\r\n" + rest + b"\r\nbody\r\n"
    assert prepare(built.replace(b"\r\n", b"\n"), "qa@example.net", now, "email.eml") == out
    assert (out.sender, out.recipients, out.message_id) == (
        "a@x.example",
        ("qa@example.net",),
        "<1@x.example>",
    )
    with pytest.raises(NotAsBuilt) as refused:
        prepare(built.replace(b"\r\n\r\n", b"\r\n"), "qa@example.net", now, "e\x1b[2J.eml")
    assert (
        str(refused.value) == f"e\\x1b[2J.eml has no header block ended by a blank line, {REBUILD}"
    )
