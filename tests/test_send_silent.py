"""A server that takes the connection and never greets is told in 10 s, by name.

`send` waited 30 s (the session's timeout) and then said 'could not send through
127.0.0.1:PORT: Connection unexpectedly closed: timed out'. The greeting now has 10 s (see
send.GREETING_S); the rest of the session keeps its 30 s, so a server that takes longer than
10 s to accept a message still gets it sent. Through the CLI, with real sockets on loopback:
one that accepts and never writes (also on port 465, where a server waits for TLS), one that
starts a greeting and stops, and a real SMTP server (aiosmtpd) slow to answer the message."""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.smtp_loopback import smtp_server
from tests.test_send_outcomes import SUBJECT, Choosy, built  # noqa: F401 - the fixture


@contextmanager
def mute_server(says: bytes = b"", port: int = 0) -> Iterator[tuple[str, list[bytes]]]:
    """A TCP server on loopback that accepts, writes `says` (nothing by default) and then
    only listens: HOST:PORT, and every byte the client sent."""
    listener = socket.create_server(("127.0.0.1", port))
    heard: list[bytes] = []
    held: list[socket.socket] = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            held.append(conn)
            conn.sendall(says)
            while chunk := conn.recv(4096):
                heard.append(chunk)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{listener.getsockname()[1]}", heard
    finally:
        listener.close()
        for conn in held:
            conn.close()
        thread.join(5)


def test_a_server_that_never_greets_is_named_in_10_s(built: Path) -> None:  # noqa: F811
    with mute_server() as (address, heard):
        started = time.monotonic()
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                         "welcome/fr_FR", "--json")  # fmt: skip
        waited = time.monotonic() - started
    assert result.exit_code == 1
    document = json.loads(result.stdout)
    assert (document["ok"], document["summary"]["error"]) == (
        False,
        f"{address} accepted the connection but sent no SMTP greeting within 10 s: is it an "
        "SMTP server?",
    )
    assert heard == []  # nothing sent: not even EHLO
    assert 9.5 < waited < 20  # 30 s before


def test_a_greeting_begun_and_not_ended_is_shown_as_far_as_it_went(
    built: Path,  # noqa: F811 - the fixture
) -> None:
    with mute_server(b"220-mx.example ESMTP hold on\r\n") as (address, heard):
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                         "welcome/fr_FR")  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        f"mailglot: {address} began its SMTP greeting ('220-mx.example ESMTP hold on') but "
        "did not end it within 10 s\n",
    )
    assert heard == []


def test_port_465_is_told_it_wants_tls_first(built: Path) -> None:  # noqa: F811
    """A server on 465 waits for a TLS hello, as silent as no server at all."""
    with ExitStack() as stack:
        try:
            address, heard = stack.enter_context(mute_server(port=465))
        except OSError as exc:  # a port below 1024 needs root, or something else has it
            pytest.skip(f"cannot listen on 127.0.0.1:465: {exc}")
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                         "welcome/fr_FR")  # fmt: skip
    assert (result.exit_code, result.output) == (
        1,
        "mailglot: 127.0.0.1:465 accepted the connection but sent no SMTP greeting within 10 s: "
        "port 465 takes TLS from the first byte, which mailglot does not speak; use the "
        "server's port 587 with --starttls\n",
    )
    assert heard == []


class Slow(Choosy):
    """Takes the message, and answers 250 after 12 s (a server scanning a large message)."""

    async def handle_DATA(self, server, session, envelope):
        await asyncio.sleep(12)
        return await super().handle_DATA(server, session, envelope)


def test_the_rest_of_the_session_keeps_its_longer_timeout(built: Path) -> None:  # noqa: F811
    handler = Slow()
    with smtp_server(handler) as address:
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                         "welcome/fr_FR")  # fmt: skip
    assert (result.exit_code, result.output) == (
        0,
        f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to qa@x.example via {address}\n",
    )
    assert handler.delivered == [["qa@x.example"]]
