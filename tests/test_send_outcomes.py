"""What `send` tells a user about a server that takes the email for some recipients only,
a server that does not speak SMTP, a bad MAILGLOT_SMTP, and the job named as a path.

Through the CLI, with a real SMTP server on loopback (aiosmtpd) that refuses chosen
recipients, and a real socket that greets with garbage."""

from __future__ import annotations

import contextlib
import json
import shutil
import socket
import ssl
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.handlers import Sink

from tests.conftest import run_cli
from tests.smtp_loopback import free_port, smtp_server

SUBJECT = "Bienvenue chez Acme, Sam"


class Choosy(Sink):
    """Takes mail for every address but those starting with `refuse`."""

    def __init__(self) -> None:
        self.delivered: list[list[str]] = []

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.startswith("refuse"):
            return "550 5.1.1 User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.delivered.append(list(envelope.rcpt_tos))
        return "250 OK"


_free_port = free_port  # test_send_replies takes it from here


def init_built(parent: Path) -> Path:
    """The init project made in `parent` and built: sending reads build/ and changes nothing
    in it, so a module's tests share one."""
    project = parent / "p"
    assert run_cli(parent, "init", str(project)).exit_code == 0
    assert run_cli(project, "build", "--no-screenshots").exit_code == 0
    return project


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return init_built(tmp_path_factory.mktemp("send"))


@pytest.fixture
def choosy() -> Iterator[tuple[Choosy, str]]:
    handler = Choosy()
    with smtp_server(handler) as address:
        yield handler, address


def test_recipients_the_server_refuses_are_named_and_the_send_fails(built: Path, choosy) -> None:
    """smtplib returns the recipients it could not deliver to when it delivers to some: the
    send was reported as made to all of them, exit 0, `"ok": true`."""
    handler, address = choosy
    to = "ok@x.example,refuse@x.example"
    args = ("send", "--to", to, "--smtp", address, "welcome/fr_FR")
    result = run_cli(built, *args)
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to ok@x.example via {address}; the "
        "server refused refuse@x.example: 550 5.1.1 User unknown\n"
    )
    assert handler.delivered == [["ok@x.example"]]

    quiet = run_cli(built, *args, "--quiet")  # an error: --quiet still says it
    assert (quiet.exit_code, quiet.output) == (1, result.output)

    as_json = run_cli(built, "send", "--to", f"{to},refuse2@x.example", "--smtp", address,
                      "welcome/fr_FR/a", "--json")  # fmt: skip
    assert as_json.exit_code == 1 and as_json.stderr == ""
    document = json.loads(as_json.stdout)
    assert (document["command"], document["ok"]) == ("send", False)
    summary = document["summary"]
    assert summary["to"] == "ok@x.example, refuse@x.example, refuse2@x.example"
    assert summary["accepted"] == ["ok@x.example"]
    assert summary["refused"] == [
        {"address": "refuse@x.example", "code": 550, "reply": "5.1.1 User unknown"},
        {"address": "refuse2@x.example", "code": 550, "reply": "5.1.1 User unknown"},
    ]
    assert len(handler.delivered) == 3


def test_a_send_every_recipient_gets_says_so_and_lists_no_refusal(built: Path, choosy) -> None:
    handler, address = choosy
    result = run_cli(built, "send", "--to", "a@x.example, b@x.example", "--smtp", address,
                     "welcome/fr_FR/a", "--json")  # fmt: skip
    assert result.exit_code == 0
    summary = json.loads(result.stdout)["summary"]
    assert (summary["accepted"], summary["refused"]) == (["a@x.example", "b@x.example"], [])
    assert handler.delivered == [["a@x.example", "b@x.example"]]
    plain = run_cli(built, "send", "--to", "a@x.example", "--smtp", address, "welcome/fr_FR")
    assert (plain.exit_code, plain.output) == (
        0,
        f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to a@x.example via {address}\n",
    )
    # every recipient refused: nothing was sent, said as before; --json lists them too
    alone = run_cli(built, "send", "--to", "refuse@x.example", "--smtp", address, "welcome/fr_FR")
    assert (alone.exit_code, alone.output) == (
        1,
        f"mailglot: could not send through {address}: the server refused refuse@x.example: "
        "550 5.1.1 User unknown\n",
    )
    alone = run_cli(built, "send", "--to", "refuse@x.example", "--smtp", address,
                    "welcome/fr_FR", "--json")  # fmt: skip
    assert alone.exit_code == 1
    document = json.loads(alone.stdout)
    assert document["ok"] is False
    assert (document["summary"]["accepted"], document["summary"]["refused"]) == (
        [],
        [{"address": "refuse@x.example", "code": 550, "reply": "5.1.1 User unknown"}],
    )
    assert len(handler.delivered) == 2


@pytest.fixture
def not_smtp() -> Iterator[str]:
    """A server on loopback that greets with bytes that are no SMTP reply."""
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]

    def answer() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn:
                conn.sendall(b"\xff\xfe garbage not smtp\r\n")
                conn.settimeout(5)
                with contextlib.suppress(OSError):
                    conn.recv(1024)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{port}"
    finally:
        listener.close()


def test_a_server_that_does_not_speak_smtp_is_told_with_what_it_said(
    built: Path, not_smtp: str
) -> None:
    """It said 'could not send through 127.0.0.1:8030: -1 arbage not smtp' (smtplib's code
    for a reply without one, and the reply less its first four bytes)."""
    result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", not_smtp, "welcome/fr_FR")
    assert result.exit_code == 1
    assert result.output == (
        f"mailglot: the server at {not_smtp} does not speak SMTP (it said '\ufffd\ufffd garbage "
        "not smtp'); --smtp names a mail server's SMTP port, e.g. localhost:1025 or "
        "smtp.example.com:587\n"
    )
    as_json = run_cli(built, "send", "--to", "qa@x.example", "--smtp", not_smtp,
                      "welcome/fr_FR", "--json")  # fmt: skip
    assert as_json.exit_code == 1
    error = json.loads(as_json.stdout)["summary"]["error"]
    assert error.startswith(f"the server at {not_smtp} does not speak SMTP (it said ")


def test_a_bad_mailglot_smtp_is_named_as_the_environment_variable(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With no --smtp, MAILGLOT_SMTP=foo was told as "--smtp 'foo'", an option not typed."""
    monkeypatch.setenv("MAILGLOT_SMTP", "foo")
    send = ("send", "--to", "qa@x.example", "welcome/fr_FR")
    result = run_cli(built, *send)
    assert (result.exit_code, result.output) == (
        2,
        "mailglot: MAILGLOT_SMTP='foo' (set in the environment; --smtp overrides it): "
        "expected HOST:PORT, e.g. localhost:1025\n",
    )
    monkeypatch.setenv("MAILGLOT_SMTP", "127.0.0.1:70000")
    result = run_cli(built, *send)
    assert result.output == (
        "mailglot: MAILGLOT_SMTP='127.0.0.1:70000' (set in the environment; --smtp overrides "
        "it): the port must be from 1 to 65535\n"
    )
    typed = run_cli(built, "send", "--to", "qa@x.example", "--smtp", "bar", "welcome/fr_FR")
    assert (typed.exit_code, typed.output) == (
        2,
        "mailglot: --smtp 'bar': expected HOST:PORT, e.g. localhost:1025\n",
    )


def test_the_paths_tab_completion_gives_name_the_job(built: Path, choosy) -> None:
    """`build/welcome/fr_FR/a` and `welcome/fr_FR/a/email.eml` were refused as 'no built
    email at build/build/welcome/fr_FR/a'."""
    handler, address = choosy
    eml = built / "build/welcome/fr_FR/a/email.eml"
    for named in (
        "build/welcome/fr_FR/a",
        "build/welcome/fr_FR/a/",
        "./build/welcome/fr_FR/a/email.eml",
        "welcome/fr_FR/a/email.eml",
        "build/welcome/fr_FR",
        str(eml),
    ):
        result = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address, named)
        assert (named, result.exit_code, result.output) == (
            named,
            0,
            f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to qa@x.example via {address}\n",
        )
    assert len(handler.delivered) == 6

    other = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                    "build/welcome/fr_FR/a/email.html")  # fmt: skip
    assert (other.exit_code, other.output) == (
        2,
        "mailglot: build/welcome/fr_FR/a/email.html is not an email to send: send takes the "
        "job, welcome/fr_FR/a (its email.eml)\n",
    )
    missing = run_cli(built, "send", "--to", "qa@x.example", "--smtp", address,
                      "build/welcome/de_DE/a")  # fmt: skip
    assert (missing.exit_code, missing.output) == (
        2,
        "mailglot: no built email at build/welcome/de_DE/a; jobs look like "
        "campaign/locale/variant (see build/manifest.json), and `mailglot build` makes them\n",
    )
    assert len(handler.delivered) == 6


class OverTls(Choosy):
    async def handle_DATA(self, server, session, envelope):
        assert session.ssl is not None  # the message went over the upgraded connection
        return await super().handle_DATA(server, session, envelope)


@pytest.fixture
def tls_only(tmp_path: Path) -> Iterator[tuple[Choosy, str]]:
    """A server that takes mail only after STARTTLS, with a self-signed certificate."""
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=127.0.0.1", "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    handler = OverTls()
    with smtp_server(handler, tls_context=context, require_starttls=True) as address:
        yield handler, address


def test_starttls_upgrades_the_connection_and_refusals_are_still_told(
    built: Path, tls_only
) -> None:
    """The client that keeps what the server said connects after it is made, and still gives
    the TLS handshake the host name (smtplib sets it only when it connects on creation)."""
    handler, address = tls_only
    to = ("--to", "ok@x.example,refuse@x.example", "--smtp", address, "welcome/fr_FR/a")
    result = run_cli(built, "send", "--starttls", *to)
    assert (result.exit_code, result.output) == (
        1,
        f"mailglot: sent welcome/fr_FR/a ({SUBJECT}) to ok@x.example via {address}; the "
        "server refused refuse@x.example: 550 5.1.1 User unknown\n",
    )
    assert handler.delivered == [["ok@x.example"]]
    plain = run_cli(built, "send", *to)
    assert (plain.exit_code, plain.output) == (
        1,
        f"mailglot: could not send through {address}: the server refused the sender "
        "hello@acme.example: 530 Must issue a STARTTLS command first\n",
    )
    assert len(handler.delivered) == 1
