"""`send` and 8-bit bodies (RFC 6152): `mailglot init`'s French email has a text part written
`Content-Transfer-Encoding: 8bit`. It went out without `BODY=8BITMIME`, and to servers that
do not offer 8BITMIME too. Now: BODY=8BITMIME where the server offers it, else a 7-bit copy
that decodes to the same text. Through the CLI, with real SMTP servers on loopback
(aiosmtpd) that record the MAIL FROM parameters and the data."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.handlers import Sink

from tests.smtp_loopback import smtp_server


class Recorder(Sink):
    """Keeps each message's MAIL FROM parameters and data; `eight_bit=False` makes the server
    leave 8BITMIME out of its EHLO reply, as servers that take only 7-bit mail do."""

    def __init__(self, eight_bit: bool) -> None:
        self.eight_bit = eight_bit
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        return [r for r in responses if self.eight_bit or r != "250-8BITMIME"]

    async def handle_DATA(self, server, session, envelope):
        self.received.append((list(envelope.mail_options), envelope.content))
        return "250 OK"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import run_cli

    root = tmp_path_factory.mktemp("init")
    project = root / "p"
    assert run_cli(root, "init", str(project)).exit_code == 0
    assert run_cli(project, "build", "--no-screenshots").exit_code == 0
    eml = (project / "build/welcome/fr_FR/a/email.eml").read_bytes()
    assert b"Content-Transfer-Encoding: 8bit\r\n" in eml and not eml.isascii()
    return project


def _send(cli, project: Path, server: Recorder, job: str) -> tuple[dict, list[str], bytes]:
    with smtp_server(server) as address:
        result = cli(project, "send", "--json", "--to", "qa@example.net", "--smtp", address, job)
    assert result.exit_code == 0, result.output
    [(options, data)] = server.received
    return json.loads(result.output)["summary"], options, data


def _texts(data: bytes) -> list[str]:
    msg = message_from_bytes(data, policy=policy.default)
    return [part.get_content() for part in msg.walk() if part.get_content_maintype() == "text"]


def test_an_8bit_body_is_announced_to_a_server_offering_8bitmime(cli, built: Path) -> None:
    summary, options, data = _send(cli, built, Recorder(eight_bit=True), "welcome/fr_FR")
    assert options == [f"SIZE={summary['bytes']}", "BODY=8BITMIME"]  # SIZE: smtplib's own
    assert summary["body"] == "8bitmime"
    eml = (built / "build/welcome/fr_FR/a/email.eml").read_bytes()
    body = eml[eml.index(b"\r\n\r\n") :]
    assert data.endswith(body)  # the parts as built, 8-bit and all
    assert summary["bytes"] == len(data)


def test_a_server_without_8bitmime_gets_a_7bit_copy_with_the_same_text(cli, built: Path) -> None:
    summary, options, data = _send(cli, built, Recorder(eight_bit=False), "welcome/fr_FR")
    assert options == [f"SIZE={summary['bytes']}"]  # no BODY=
    assert summary["body"] == "7bit-reencoded"
    assert data.isascii()
    assert b"Content-Transfer-Encoding: 8bit" not in data
    assert b"Content-Transfer-Encoding: base64\r\n" in data
    eml = (built / "build/welcome/fr_FR/a/email.eml").read_bytes()
    assert _texts(data) == _texts(eml)
    assert "Bienvenue, Sam\u202f!" in _texts(data)[0]
    sent = message_from_bytes(data, policy=policy.default)
    built_msg = message_from_bytes(eml, policy=policy.default)
    for name in ("From", "Subject", "Message-ID", "List-Unsubscribe", "Content-Language"):
        assert sent[name] == built_msg[name]


@pytest.mark.parametrize("eight_bit", [True, False])
def test_a_7bit_message_goes_as_before(cli, built: Path, eight_bit: bool) -> None:
    summary, options, data = _send(cli, built, Recorder(eight_bit), "welcome/en_US")
    assert options == [f"SIZE={summary['bytes']}"]  # no BODY=
    assert summary["body"] == "7bit"
    eml = (built / "build/welcome/en_US/a/email.eml").read_bytes()
    assert data.endswith(eml[eml.index(b"\r\n\r\n") :])
