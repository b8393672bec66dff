"""An `http://` `recipient.unsubscribe_url` is said at its line: the .eml's List-Unsubscribe
takes only https (one-click unsubscribe, RFC 8058), and every .eml was built without the
header while build and check said '0 error(s), 0 warning(s)'. Through the CLI on a copy of
the example project."""

from __future__ import annotations

import json
from pathlib import Path

BUILD = ("build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
WARNING = (
    "mailglot.yaml:15: warning: recipient.unsubscribe_url: http://streamly.example/u/sample is "
    "not https, so each .eml gets no List-Unsubscribe header: one-click unsubscribe (RFC "
    "8058), which Gmail and Yahoo require of bulk senders, needs an https URL; write https:// "
    "[config.unsubscribe-http]"
)


def _settings(example: Path, old: str, new: str) -> None:
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")


def _eml(example: Path) -> bytes:
    return (example / "build/winback/fr_FR/a/email.eml").read_bytes()


def test_an_http_unsubscribe_url_is_warned_once_by_build_and_check(cli, example: Path) -> None:
    _settings(example, '"https://streamly.example/u/sample"', '"http://streamly.example/u/sample"')
    for _ in range(2):  # built, then a rebuild with nothing to do replays it
        result = cli(example, *BUILD)
        assert result.exit_code == 0, result.output
        lines = result.output.splitlines()
        assert lines.count(WARNING) == 1, result.output
        assert "0 error(s), 1 warning(s)" in lines[-1]
    assert b"List-Unsubscribe" not in _eml(example)  # as the warning says

    result = cli(example, "check")
    assert result.exit_code == 0
    assert result.output.splitlines().count(WARNING) == 1, result.output
    found = json.loads(cli(example, "check", "--json").output)
    assert found["ok"] is True
    assert [f for f in found["findings"] if f["code"] == "config.unsubscribe-http"] == [
        {
            "path": "mailglot.yaml",
            "line": 15,
            "code": "config.unsubscribe-http",
            "severity": "warning",
            "message": WARNING.removeprefix("mailglot.yaml:15: warning: ").removesuffix(
                " [config.unsubscribe-http]"
            ),
            "job": None,
        }
    ]


def test_with_a_mailto_the_header_keeps_only_it(cli, example: Path) -> None:
    _settings(example, '"https://streamly.example/u/sample"', '"http://streamly.example/u/sample"')
    _settings(example, "checks: {", 'unsubscribe_mailto: "leave@streamly.example"\nchecks: {')
    result = cli(example, *BUILD)
    assert result.exit_code == 0, result.output
    assert (
        "mailglot.yaml:15: warning: recipient.unsubscribe_url: http://streamly.example/u/sample "
        "is not https, so each .eml's List-Unsubscribe holds only the unsubscribe_mailto "
        "address, with no List-Unsubscribe-Post: one-click unsubscribe (RFC 8058), which Gmail "
        "and Yahoo require of bulk senders, needs an https URL; write https:// "
        "[config.unsubscribe-http]"
    ) in result.output.splitlines()
    eml = _eml(example)
    assert b"\r\nList-Unsubscribe: <mailto:leave@streamly.example?subject=unsubscribe>\r\n" in eml
    assert b"List-Unsubscribe-Post" not in eml


def test_checks_disable_silences_it(cli, example: Path) -> None:
    _settings(example, '"https://streamly.example/u/sample"', '"http://streamly.example/u/sample"')
    _settings(example, "disable: []", "disable: [config.unsubscribe-http]")
    for command in (BUILD, ("check",)):
        result = cli(example, *command)
        assert result.exit_code == 0, result.output
        assert "unsubscribe_url" not in result.output
        assert "0 error(s), 0 warning(s)" in result.output


def test_an_upper_case_https_scheme_keeps_the_one_click_headers(cli, example: Path) -> None:
    """`HTTPS://` is https; the .eml chose the header by the scheme as written and left it out."""
    _settings(example, '"https://streamly.example/u/sample"', '"HTTPS://streamly.example/u/sample"')
    result = cli(example, *BUILD)
    assert result.exit_code == 0, result.output
    assert "0 error(s), 0 warning(s)" in result.output
    assert (
        b"\r\nList-Unsubscribe: <https://streamly.example/u/sample>\r\n"
        b"List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
    ) in _eml(example)
