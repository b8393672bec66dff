"""A server's reply reaches the terminal as text, never as terminal control: a reply carrying
escape sequences set the window title, cleared the screen and coloured what followed, and a
multi-line reply started a line of the server's choosing ('FAKE: mailglot: sent OK'). The
terminal shows it on one line with control characters escaped; --json keeps the reply as the
server said it (JSON escapes it). A real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Sink

from tests.conftest import run_cli
from tests.test_send_outcomes import SUBJECT, _free_port, built  # noqa: F401 - the fixture

HOSTILE = "550-\x1b]0;pwned\x07\x1b[2J\x1b[31mFAKE: mailglot: sent OK\r\n550 \x1b[0mend"
SAID = "\x1b]0;pwned\x07\x1b[2J\x1b[31mFAKE: mailglot: sent OK\n\x1b[0mend"  # as smtplib joins it
SHOWN = "550 \\x1b]0;pwned\\x07\\x1b[2J\\x1b[31mFAKE: mailglot: sent OK \\x1b[0mend"


class Hostile(Sink):
    """Refuses `bad@` addresses with a two-line reply full of escape sequences."""

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("bad"):
            return HOSTILE
        envelope.rcpt_tos.append(address)
        return "250 OK"


@pytest.fixture
def hostile() -> Iterator[str]:
    port = _free_port()
    controller = Controller(Hostile(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        controller.stop()


def test_a_refusal_with_escape_sequences_is_shown_escaped_on_one_line(
    built: Path,  # noqa: F811 - the fixture
    hostile: str,
) -> None:
    send = ("send", "--smtp", hostile, "welcome/fr_FR")
    some = run_cli(built, *send, "--to", "ok@x.example, bad@x.example")
    assert (some.exit_code, some.output) == (
        1,
        f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to ok@x.example via {hostile}; the "
        f"server refused bad@x.example: {SHOWN}\n",
    )
    every = run_cli(built, *send, "--to", "bad@x.example")
    assert (every.exit_code, every.output) == (
        1,
        f"mailglot: could not send through {hostile}: the server refused bad@x.example: {SHOWN}\n",
    )
    as_json = run_cli(built, *send, "--to", "ok@x.example, bad@x.example", "--json")
    assert as_json.exit_code == 1
    assert "\x1b" not in as_json.stdout  # JSON escapes it: \u001b
    refused = json.loads(as_json.stdout)["summary"]["refused"]
    assert refused == [{"address": "bad@x.example", "code": 550, "reply": SAID}]
