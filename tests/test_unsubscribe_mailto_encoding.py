"""`unsubscribe_mailto` addresses that a URI cannot carry as they are spelled are percent-
encoded in List-Unsubscribe (RFC 6068); what is no address is refused at its line.

`leave%fr@`, `a/b@`, `fr&de=1@`, `a#b@` and non-ASCII addresses went into the header as
typed: `#` ended the URI there, `&` and `=` read as a second header field, `%` as an escape,
and a non-ASCII address was written as an RFC 2047 encoded word, which no client reads as a
URI. Through the CLI, building a copy of the example project."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.test_unsubscribe_mailto import BUILD, _set_mailto

HTTPS = b"List-Unsubscribe: <https://streamly.example/u/sample>,\r\n <mailto:"


def _header(example: Path) -> bytes:
    """The List-Unsubscribe header as the built .eml holds it, folded line and all."""
    eml = (example / "build/winback/en_US/a/email.eml").read_bytes()
    start = eml.index(b"List-Unsubscribe:")
    return eml[start : eml.index(b"\r\nList-Unsubscribe-Post:", start)]


@pytest.mark.parametrize(
    ("typed", "address", "uri"),
    [
        ("leave%fr@streamly.example", "leave%fr@streamly.example", "leave%25fr@streamly.example"),
        (
            '"fr&de=1/a#b@streamly.example"',
            "fr&de=1/a#b@streamly.example",
            "fr%26de%3D1%2Fa%23b@streamly.example",
        ),
        (
            "'{x}|^`@streamly.example'",
            "{x}|^`@streamly.example",
            "%7Bx%7D%7C%5E%60@streamly.example",
        ),
        ("désabonnement@exemple.fr", "désabonnement@exemple.fr", "d%C3%A9sabonnement@exemple.fr"),
        ("leave@müller.example", "leave@müller.example", "leave@m%C3%BCller.example"),
        # a subaddress and the characters RFC 6068 lets stand as they are
        (
            "o'neil+fr!$*@streamly.example",
            "o'neil+fr!$*@streamly.example",
            "o'neil+fr!$*@streamly.example",
        ),
        # after mailto: the value is a URI: its escapes are read once, never encoded twice
        ('"mailto:a%2Fb@streamly.example"', "a/b@streamly.example", "a%2Fb@streamly.example"),
    ],
)
def test_an_address_a_uri_cannot_carry_as_spelled_is_percent_encoded(
    cli, example: Path, typed: str, address: str, uri: str
) -> None:
    _set_mailto(example, typed)
    result = cli(example, *BUILD)
    assert result.exit_code == 0, result.output
    header = _header(example)
    assert header == HTTPS + f"{uri}?subject=unsubscribe>".encode("ascii")
    assert unquote(uri) == address  # what a client decodes is the address as spelled


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        ("a[b@streamly.example", "'[' cannot stand in the mailbox name (before the @)"),
        ("a:b@streamly.example", "':' cannot stand in the mailbox name (before the @)"),
        (
            "a..b@streamly.example",
            "the mailbox name 'a..b' starts or ends with a dot, or has two in a row",
        ),
        (
            "leave@streamly_mail.example",
            "'streamly_mail.example' is not a domain name (letters, digits and hyphens between "
            "dots)",
        ),
        (
            '"leave@[192.0.2.1]"',
            "'[192.0.2.1]' is not a domain name (letters, digits and hyphens between dots)",
        ),
        (
            '"mailto:a%FFb@streamly.example"',
            "its %-escapes are not UTF-8 (write the address as it is spelled, without mailto: "
            "and escapes)",
        ),
    ],
)
def test_what_is_no_address_is_refused_at_its_line(cli, example: Path, typed: str, said: str):
    line = _set_mailto(example, typed)
    result = cli(example, *BUILD)
    assert result.exit_code == 1
    shown = typed.strip('"')
    assert [row for row in result.output.splitlines() if "[error: " in row] == [
        f"mailglot.yaml:{line}: unsubscribe_mailto: expected an address like leave@example.com, "
        f"got {shown!r}: {said} [error: schema]"
    ]
    assert not (example / "build/winback/en_US/a/email.eml").exists()
