"""`unsubscribe_mailto` holds the address alone: mailglot writes the mailto URI around it.

`Leave <leave@streamly.example>` built without a word and made the List-Unsubscribe header
`<mailto:Leave <leave@streamly.example>?subject=unsubscribe>`, whose URI ends at the first
`>`; `leave@streamly.example?subject=unsubscribe` made `...?subject=unsubscribe?subject=...`.
Both are refused at their mailglot.yaml line with the value to write instead.
"""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

BUILD = ("build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")


def _set_mailto(example: Path, value: str) -> int:
    """Adds `unsubscribe_mailto: value` to mailglot.yaml; the line it is on."""
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    assert "unsubscribe_mailto" not in text
    settings.write_text(f"{text.rstrip()}\nunsubscribe_mailto: {value}\n", encoding="utf-8")
    return len(settings.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    ("value", "said"),
    [
        (
            '"Leave <leave@streamly.example>"',
            ", got 'Leave <leave@streamly.example>': write unsubscribe_mailto: "
            "leave@streamly.example (List-Unsubscribe takes the address without a name or < >)",
        ),
        (
            "<leave@streamly.example>",
            ", got '<leave@streamly.example>': write unsubscribe_mailto: leave@streamly.example "
            "(List-Unsubscribe takes the address without a name or < >)",
        ),
        (
            "leave@streamly.example?subject=unsubscribe",
            ", got 'leave@streamly.example?subject=unsubscribe': write unsubscribe_mailto: "
            "leave@streamly.example (mailglot adds ?subject=unsubscribe itself)",
        ),
        (
            '"leave@streamly.example x"',
            " (no name, spaces or ?query), got 'leave@streamly.example x'",
        ),
    ],
)
def test_a_name_a_query_or_spaces_are_refused_at_their_line(cli, example, value, said):
    line = _set_mailto(example, value)
    result = cli(example, *BUILD)
    assert result.exit_code == 1
    assert [row for row in result.output.splitlines() if "[error: " in row] == [
        f"mailglot.yaml:{line}: unsubscribe_mailto: expected an address like leave@example.com "
        f"alone{said} [error: schema]"
    ]
    assert not (example / "build/winback/en_US/a/email.eml").exists()


@pytest.mark.parametrize("value", ["leave@streamly.example", '"mailto:leave@streamly.example"'])
def test_the_address_alone_makes_a_well_formed_list_unsubscribe(cli, example, value):
    _set_mailto(example, value)
    result = cli(example, *BUILD)
    assert result.exit_code == 0, result.output
    eml = (example / "build/winback/en_US/a/email.eml").read_bytes()
    header = message_from_bytes(eml, policy=default)["List-Unsubscribe"]
    assert " ".join(str(header).split()) == (
        "<https://streamly.example/u/sample>, <mailto:leave@streamly.example?subject=unsubscribe>"
    )
