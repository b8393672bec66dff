"""An invisible character in an address's domain is refused at its line, named.

UTS #46 maps a zero-width space, a soft hyphen or a variation selector to nothing, so
`brand.from: "Streamly <hello@ex\\u200bample.com>"` (a pasted zero-width space) loaded as
`hello@example.com`, another domain than the one typed, without a word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BUILD = ("build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")


def _settings(example: Path, key: str, value: str) -> None:
    settings = example / "mailglot.yaml"
    text, count = re.subn(
        rf"(?m)^  {key}: .*$", f"  {key}: {value}", settings.read_text(encoding="utf-8")
    )
    assert count == 1
    settings.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    ("key", "value", "said"),
    [
        (
            "from",
            '"Streamly <hello@ex\u200bample.com>"',
            "mailglot.yaml:4: brand.from: 'ex\\u200bample.com' holds U+200B ZERO WIDTH SPACE, "
            "which IDNA leaves out: the domain would be another than the one typed; write it "
            "without [error: schema]",
        ),
        (
            "email",
            "alex@str\u00adëam\u2060ly.example",
            "mailglot.yaml:14: recipient.email: 'str\\xadëam\\u2060ly.example' holds U+00AD "
            "SOFT HYPHEN, U+2060 WORD JOINER, which IDNA leaves out: the domain would be "
            "another than the one typed; write it without [error: schema]",
        ),
    ],
)
def test_an_invisible_character_in_a_domain_is_refused(cli, example, key, value, said):
    _settings(example, key, value)
    result = cli(example, *BUILD)
    assert result.exit_code == 1
    assert said in result.output.splitlines(), result.output
    assert not (example / "build/winback").exists()
