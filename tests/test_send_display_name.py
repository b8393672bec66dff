"""A `--to` display name that is not ASCII goes as an RFC 2047 encoded word, as send wrote it
before the headers were kept as built; only a local part that is not ASCII needs SMTPUTF8.

`send --to 'Ré QA <qa@tëst.example>'` wrote `To: Ré QA <qa@xn--tst-jma.example>` in raw
UTF-8 without asking for SMTPUTF8 (its addresses are ASCII once the domain is IDNA): 8-bit
header bytes to an 8BITMIME server, and to a 7-bit server too ("7bit-reencoded" re-encodes
only the body). Through the CLI, with real SMTP servers on loopback (aiosmtpd) recording the
MAIL and RCPT command lines and the data."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli
from tests.test_send_envelope import JOB, SUBJECT, Recorder, Seven, _head, _server, built

__all__ = ["built"]  # the built scaffold, shared with test_send_envelope

TO = "Ré QA <qa@tëst.example>"
TO_LINE = b"\r\nTo: =?utf-8?q?R=C3=A9?= QA <qa@xn--tst-jma.example>\r\n"  # as send wrote it


@pytest.mark.parametrize("handler", [Recorder, Seven], ids=["8bitmime", "7bit"])
def test_a_display_name_that_is_not_ascii_is_an_encoded_word(built: Path, handler) -> None:
    for recorder, address in _server(handler()):
        result = run_cli(built, "send", "--to", TO, "--smtp", address, JOB)
        assert (result.exit_code, result.output) == (
            0,
            f"mailglot: sent {JOB} ({SUBJECT}) to qa@xn--tst-jma.example via {address}\n",
        )
        [data] = recorder.data
        body = " BODY=8BITMIME" if handler is Recorder else ""  # never SMTPUTF8
        assert recorder.lines == [
            f"MAIL FROM:<hello@acme.example> size={len(data)}{body}",
            "RCPT TO:<qa@xn--tst-jma.example>",
        ]
        assert TO_LINE in _head(data)
        assert _head(data).isascii()
        if handler is Seven:
            assert data.isascii()


def test_names_are_folded_as_the_email_package_folds_them(built: Path) -> None:
    """Two names, one quoted with a comma, on a line longer than 78 characters."""
    to = '"Ré, QA" <qa@example.net>, Ünï Lönger Name Thät Goes Ön And Ön <b@exämple.net>'
    for recorder, address in _server(Seven()):
        result = run_cli(built, "send", "--to", to, "--smtp", address, JOB)
        assert result.exit_code == 0, result.output
        [data] = recorder.data
        assert recorder.lines[1:] == ["RCPT TO:<qa@example.net>", "RCPT TO:<b@xn--exmple-cua.net>"]
        assert data.isascii()
        assert (
            b"\r\nTo: =?utf-8?q?R=C3=A9=2C?= QA <qa@example.net>, =?utf-8?b?w5xuw68gTMO2bmdl?=\r\n"
            b" =?utf-8?q?r_Name_Th=C3=A4t_Goes_=C3=96n_And_=C3=96n?= <b@xn--exmple-cua.net>\r\n"
        ) in data
