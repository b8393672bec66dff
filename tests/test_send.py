"""Test sends go through a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import json
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from aiosmtpd.handlers import Sink

from tests.smtp_loopback import smtp_server


class Inbox(Sink):
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content))
        return "250 OK"


@pytest.fixture
def inbox():
    handler = Inbox()
    with smtp_server(handler) as address:
        yield handler, address


def test_send_a_built_french_email(tmp_path: Path, cli, inbox):
    handler, address = inbox
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0

    result = cli(project, "send", "--to", "qa@example.net", "--smtp", address, "welcome/fr_FR")
    assert result.exit_code == 0, result.output
    [(mail_from, rcpts, content)] = handler.messages
    assert mail_from == "hello@acme.example"
    assert rcpts == ["qa@example.net"]
    msg = message_from_bytes(content, policy=policy.default)
    assert msg["Subject"] == "Bienvenue chez Acme, Sam"
    assert msg["Content-Language"] == "fr-FR"
    assert msg["Message-ID"] and msg["Date"]
    assert msg.get_content_type() == "multipart/alternative"
    text = msg.get_body(("plain",)).get_content()
    html = msg.get_body(("html",)).get_content()
    assert "Bienvenue, Sam\u202f!" in text  # French spacing: narrow no-break space
    assert '<html lang="fr-FR" dir="ltr"' in html


def test_send_names_what_is_wrong(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    cli(project, "build", "--no-screenshots")
    result = cli(project, "send", "--to", "qa@example.net", "welcome/de_DE")
    assert result.exit_code == 2
    assert "no built email at build/welcome/de_DE" in result.output
    result = cli(
        project, "send", "--to", "qa@example.net", "--smtp", "127.0.0.1:1", "welcome/fr_FR"
    )
    assert result.exit_code == 1
    assert "could not send through 127.0.0.1:1" in result.output


def test_send_keeps_the_bulk_sender_headers_and_the_arabic_subject(example: Path, cli, inbox):
    handler, address = inbox
    settings = example / "mailglot.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + 'unsubscribe_mailto: "leave@streamly.example"\n',
        encoding="utf-8",
    )
    built = cli(example, "build", "--no-screenshots", "--campaign", "black_friday")
    assert built.exit_code == 0, built.output
    eml = example / "build/black_friday/ar_SA/a/email.eml"
    before = message_from_bytes(eml.read_bytes(), policy=policy.default)

    result = cli(
        example, "send", "--to", "qa@example.net", "--smtp", address, "black_friday/ar_SA/a"
    )
    assert result.exit_code == 0, result.output
    [(_, _, content)] = handler.messages
    msg = message_from_bytes(content, policy=policy.default)
    meta = json.loads((eml.parent / "meta.json").read_text(encoding="utf-8"))
    assert msg["Subject"] == before["Subject"] == meta["subject_preview"]
    assert msg["Subject"].startswith("الجمعة البيضاء: خصم ")
    assert msg["List-Unsubscribe"] == (
        "<https://streamly.example/u/sample>, <mailto:leave@streamly.example?subject=unsubscribe>"
    )
    assert msg["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    for header in ("Date", "Message-ID", "From", "Content-Language"):
        assert msg[header] == before[header], header
    assert msg["Date"].datetime.isoformat() == meta["send_at"]  # 09:00 in Riyadh
    assert msg["To"] == "qa@example.net"
    assert meta["preheader_preview"] in msg.get_body(("html",)).get_content()


def test_smtp_forms_and_a_built_email_that_links_out(tmp_path: Path, cli):
    """--smtp host:99999 was tried and reported as 'Connection refused'; [::1]:25 was looked
    up as the host name '[::1]'; an email.eml that is a link to a file elsewhere was sent."""
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    send = ("send", "--to", "qa@example.net", "welcome/fr_FR/a", "--smtp")
    result = cli(project, *send, "127.0.0.1:99999")
    assert result.exit_code == 2
    assert result.output == "mailglot: --smtp '127.0.0.1:99999': the port must be from 1 to 65535\n"
    result = cli(project, *send, "[::1]:1")
    assert result.exit_code == 1
    assert result.output.startswith("mailglot: could not send through [::1]:1: ")
    assert "not known" not in result.output

    secret = tmp_path / "secret.eml"
    secret.write_bytes(b"Subject: not built by mailglot\r\n\r\nsecret\r\n")
    eml = project / "build/welcome/fr_FR/a/email.eml"
    eml.unlink()
    eml.symlink_to(secret)
    result = cli(project, *send, "127.0.0.1:1")
    assert result.exit_code == 2
    assert result.output == (
        f"mailglot: build/welcome/fr_FR/a/email.eml is a link to {secret}, outside build/; "
        "mailglot does not send it (build the job again)\n"
    )


@pytest.mark.parametrize("to", ["@example.net", "qa@", "qa@example.net>"])
def test_an_address_without_a_mailbox_or_a_domain_is_refused(tmp_path: Path, cli, to: str):
    """'@example.net' (no mailbox) was sent, and the server was left to refuse it."""
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    result = cli(project, "send", "--to", to, "--smtp", "127.0.0.1:1", "welcome/fr_FR/a")
    assert result.exit_code == 2
    assert result.output == f"mailglot: --to {to!r} is not an email address\n"


def test_send_json_says_what_was_sent_where(tmp_path: Path, cli, inbox):
    handler, address = inbox
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    args = ("send", "--to", "qa@example.net", "--smtp", address, "welcome/fr_FR")
    result = cli(project, *args, "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    [(_, _, content)] = handler.messages
    msg = message_from_bytes(content, policy=policy.default)
    assert (document["command"], document["ok"], document["findings"]) == ("send", True, [])
    summary = document["summary"]
    assert summary["job"].startswith("welcome/fr_FR")
    assert summary["eml"] == f"build/{summary['job']}/email.eml"
    assert (summary["to"], summary["smtp"]) == ("qa@example.net", address)
    assert summary["subject"] == "Bienvenue chez Acme, Sam"
    assert summary["message_id"] == msg["Message-ID"]
    assert abs(summary["bytes"] - len(content)) < 10  # the server may drop the final CRLF
    assert result.stderr == ""

    quiet = cli(project, *args, "--quiet")
    assert quiet.exit_code == 0 and quiet.output == ""
    assert len(handler.messages) == 2


def test_send_json_when_it_cannot_send(tmp_path: Path, cli):
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    cli(project, "build", "--no-screenshots")
    for args, code, error in [
        (("welcome/de_DE",), 2, "no built email at build/welcome/de_DE"),
        (("--smtp", "127.0.0.1:1", "welcome/fr_FR"), 1, "could not send through 127.0.0.1:1"),
        (("--smtp", "nope", "welcome/fr_FR"), 2, "--smtp 'nope': expected HOST:PORT"),
    ]:
        result = cli(project, "send", "--to", "qa@example.net", *args, "--json")
        assert result.exit_code == code, result.output
        document = json.loads(result.stdout)
        assert (document["command"], document["ok"], document["findings"]) == ("send", False, [])
        assert document["summary"]["error"].startswith(error)
        assert result.stderr == ""
        quiet = cli(project, "send", "--to", "qa@example.net", *args, "--quiet")
        assert quiet.exit_code == code and error in quiet.output  # the error still shows


class Refusing(Sink):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return "550 5.1.1 No such mailbox here"


def test_what_the_server_refuses_is_said_in_its_words_and_ipv6_needs_brackets(tmp_path: Path, cli):
    """A refused recipient was shown as a Python dict ({'qa@…': (550, b'…')}); `--smtp ::1`
    tried the host ':' on port 1."""
    project = tmp_path / "p"
    cli(tmp_path, "init", str(project))
    assert cli(project, "build", "--no-screenshots").exit_code == 0
    with smtp_server(Refusing()) as address:  # 127.0.0.1:PORT
        result = cli(project, "send", "--to", "qa@example.net", "--smtp", address, "welcome/fr_FR")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: could not send through {address}: the server refused "
        "qa@example.net: 550 5.1.1 No such mailbox here\n"
    )
    for value in ("::1", "::1:25"):
        result = cli(project, "send", "--to", "qa@example.net", "--smtp", value, "welcome/fr_FR")
        assert (result.exit_code, result.output) == (
            2,
            f"mailglot: --smtp '{value}': an IPv6 address goes in brackets, then the port: "
            "[::1]:25\n",
        )
