"""An internationalized domain in `brand.from` or `recipient.email` is written in IDNA in the
.eml's headers; a non-ASCII mailbox name or what is no domain name is refused at its line.

`from: "Streamly <hello@strëamly.example>"` failed every job as 'UnicodeEncodeError ...
[error: internal]' located at the campaign (the Message-ID), and the From header it would
have written held an RFC 2047 encoded word inside the domain; `email: alex.ñ@exämple.com`
gave 'To: alex.=?utf-8?q?=C3=B1?=@=?utf-8?q?ex=C3=A4mple?=.com'. Through the CLI on a copy
of the example project, and a send through a real SMTP server on loopback."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from aiosmtpd.handlers import Sink

from tests.smtp_loopback import smtp_server

BUILD = ("build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")


def _settings(example: Path, **lines: str) -> None:
    """Replace the example's `from:` / `email:` lines with the values given (as typed)."""
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    for key, value in lines.items():
        text, count = re.subn(rf"(?m)^  {key}: .*$", f"  {key}: {value}", text)
        assert count == 1
    settings.write_text(text, encoding="utf-8")


def _heads(example: Path) -> bytes:
    eml = (example / "build/winback/fr_FR/a/email.eml").read_bytes()
    return eml[: eml.index(b"\r\nList-Unsubscribe:")]


def test_an_idn_sender_and_recipient_are_written_in_idna(cli, example: Path) -> None:
    _settings(
        example, **{"from": '"Strëamly Café <hello@strëamly.example>"', "email": "alex@exämple.com"}
    )
    result = cli(example, *BUILD)
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output
    heads = _heads(example)
    assert re.fullmatch(
        rb"From: =\?utf-8\?q\?Str=C3=ABamly_Caf=C3=A9\?= <hello@xn--stramly-tya\.example>\r\n"
        rb"To: alex@xn--exmple-cua\.com\r\n"
        rb"Subject: Alex, votre liste vous attend\r\n"
        rb"Message-ID: <[0-9a-f]{20}\.winback\.fr_FR\.a@xn--stramly-tya\.example>",
        heads,
    ), heads
    # the gallery names the sender as typed
    gallery = (example / "build/gallery-data.js").read_text(encoding="utf-8")
    assert '"sender": "Strëamly Café"' in gallery


def test_idna_2008_keeps_the_sharp_s(cli, example: Path) -> None:
    """IDNA 2003 (Python's codec) wrote straße.example as strasse.example, another domain."""
    _settings(example, email="kim@straße.example")
    assert cli(example, *BUILD).exit_code == 0
    assert b"\r\nTo: kim@xn--strae-oqa.example\r\n" in _heads(example)


def test_an_ascii_address_is_kept_as_typed(cli, example: Path) -> None:
    _settings(example, **{"from": '"Streamly <Hello@Streamly.Example>"'})
    assert cli(example, *BUILD).exit_code == 0
    assert _heads(example).startswith(b"From: Streamly <Hello@Streamly.Example>\r\n")


NOT_ASCII = (
    "the mailbox name {name!r} (before the @) is not ASCII: such an address needs SMTPUTF8 "
    "(RFC 6531) on every server on the way, which mailglot's .eml and send do not use; write "
    "an ASCII mailbox name (a non-ASCII domain is fine: it is written in IDNA, xn--...) "
    "[error: schema]"
)


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        (
            "from",
            '"Streamly <hëllo@streamly.example>"',
            "mailglot.yaml:4: brand.from: " + NOT_ASCII.format(name="hëllo"),
        ),
        (
            "email",
            "alex.ñ@exämple.com",
            "mailglot.yaml:14: recipient.email: " + NOT_ASCII.format(name="alex.ñ"),
        ),
        (
            "from",
            '"Streamly <hello@stream_ly.example>"',
            "mailglot.yaml:4: brand.from: 'stream_ly.example' is not a domain name: 'stream_ly' "
            "is not a label of letters, digits and hyphens (not first or last, 63 at most) "
            "[error: schema]",
        ),
        (
            "from",
            '"Streamly <hello@strëamly..example>"',
            "mailglot.yaml:4: brand.from: 'strëamly..example' is not a domain name: a dot starts "
            "or ends it, or two stand in a row [error: schema]",
        ),
        (
            "email",
            "alex@😀.example",
            "mailglot.yaml:14: recipient.email: '😀.example' is not a domain name IDNA can write "
            "(Codepoint U+1F600 at position 1 of '😀' not allowed); internationalized domains "
            "hold letters, digits and hyphens of any script between dots [error: schema]",
        ),
        (
            "from",
            '"Streamly <hello@[192.0.2.1]>"',
            "mailglot.yaml:4: brand.from: [192.0.2.1] is an address literal, which no inbox "
            "trusts as a sender's or recipient's domain; write the domain name [error: schema]",
        ),
        (
            "email",
            '"Alex <alex@example.com>"',
            "mailglot.yaml:14: recipient.email: expected an address like alex@example.com, got "
            "'Alex <alex@example.com>' [error: schema]",
        ),
    ],
)
def test_what_a_header_cannot_carry_is_refused_at_its_line(
    cli, example: Path, key: str, value: str, said: str
) -> None:
    _settings(example, **{key: value})
    for command in (BUILD, ("check", "--json")):
        result = cli(example, *command)
        assert result.exit_code == 1
        if command[0] == "build":
            assert said in result.output.splitlines(), result.output
        else:
            [finding] = json.loads(result.output)["findings"]
            assert (
                f"{finding['path']}:{finding['line']}: {finding['message']}"
                == said.removesuffix(" [error: schema]")
            )


class _Inbox(Sink):
    def __init__(self) -> None:
        self.envelopes: list[tuple[str, bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append((envelope.mail_from, envelope.content))
        return "250 OK"


def test_send_gives_the_server_the_idna_sender(cli, example: Path) -> None:
    _settings(example, **{"from": '"Streamly <hello@strëamly.example>"'})
    assert cli(example, *BUILD).exit_code == 0
    inbox = _Inbox()
    with smtp_server(inbox) as address:
        result = cli(
            example, "send", "--to", "qa@example.net", "--smtp", address, "winback/fr_FR/a"
        )
    assert result.exit_code == 0, result.output
    [(mail_from, content)] = inbox.envelopes
    assert mail_from == "hello@xn--stramly-tya.example"
    assert content.startswith(b"From: Streamly <hello@xn--stramly-tya.example>\r\n")


class _Recipients(Sink):
    def __init__(self) -> None:
        self.received: list[tuple[list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):
        self.received.append((envelope.rcpt_tos, envelope.content))
        return "250 OK"


def test_send_writes_an_idn_test_inbox_in_idna(cli, example: Path) -> None:
    """It went into To as an encoded word and made smtplib ask for SMTPUTF8, which aiosmtpd
    (like many servers) does not offer: 'could not send ... SMTPUTF8 capability'."""
    assert cli(example, *BUILD).exit_code == 0
    inbox = _Recipients()
    with smtp_server(inbox) as address:
        result = cli(
            example, "send", "--to", "QA <qa@exämple.net>", "--smtp", address, "winback/fr_FR/a"
        )
        refused = cli(
            example, "send", "--to", "qa@😀.example", "--smtp", address, "winback/fr_FR/a"
        )
    assert result.exit_code == 0, result.output
    [(rcpts, content)] = inbox.received
    assert rcpts == ["qa@xn--exmple-cua.net"]
    assert b"\r\nTo: QA <qa@xn--exmple-cua.net>\r\n" in content
    assert refused.exit_code == 2
    assert refused.output == (
        "mailglot: --to 'qa@😀.example': '😀.example' is not a domain name IDNA can write "
        "(Codepoint U+1F600 at position 1 of '😀' not allowed); internationalized domains hold "
        "letters, digits and hyphens of any script between dots\n"
    )
