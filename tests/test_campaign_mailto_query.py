"""A mailto link in campaign text may set a subject and a body, nothing that adds recipients.

`mailto:help@streamly.example?bcc=spy@evil.example` passed the one-address check (it reads
the address before `?`) and reached email.html and email.txt: every reader who wrote to the
brand copied the spy. `?to=`, `?cc=`, `?bcc=` (any case, percent-encoded too) and any header
field other than subject and body are refused at the campaign line, as `a@x,b@y` is.
"""

from __future__ import annotations

from pathlib import Path

CAMPAIGN = "campaigns/winback.yaml"
LINE = 14


def _intro(example: Path, intro: str) -> None:
    """Give the win-back campaign (line 14) the data.strings intro `intro` (YAML, single
    quoted), sent to the US only."""
    path = example / CAMPAIGN
    text = path.read_text(encoding="utf-8").replace("markets: all", "markets: [US]")
    start = text.index("    intro:")
    end = text.index("\n", start)
    path.write_text(f"{text[:start]}    intro: '{intro}'{text[end:]}", encoding="utf-8")


def _errors(output: str) -> list[str]:
    return [line for line in output.splitlines() if "[error: " in line]


def test_recipient_fields_are_refused_at_the_campaign_line(cli, example):
    _intro(
        example,
        'Write <a href="mailto:help@streamly.example?bcc=spy@evil.example&amp;body=x">us</a>, '
        '<a href="mailto:help@streamly.example?subject=Hi&amp;CC=a@evil.example">here</a>, '
        '<a href="mailto:help@streamly.example?%74o=a@evil.example&amp;in-reply-to=x">there</a>'
        ' or <a href="mailto:x%40evil.example%2Chelp@streamly.example">us</a>',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback")
    assert result.exit_code == 1
    where = f"{CAMPAIGN}:{LINE}: data.strings.intro: link"
    only = "a mailto link in campaign text may set only subject= and body= (to=, cc= and bcc= "
    assert _errors(result.output) == [
        f"{where} 'mailto:help@streamly.example?bcc=spy@evil.example&body=x' sets bcc=: "
        f"{only}add recipients) [error: schema]",
        f"{where} 'mailto:help@streamly.example?subject=Hi&CC=a@evil.example' sets cc=: "
        f"{only}add recipients) [error: schema]",
        f"{where} 'mailto:help@streamly.example?%74o=a@evil.example&in-reply-to=x' sets to=, "
        f"in-reply-to=: {only}add recipients) [error: schema]",
        f"{where} 'mailto:x%40evil.example%2Chelp@streamly.example' is not one address; links "
        "in campaign text go to streamly.example or where l10n.allowed_links allows "
        "[error: schema]",
    ]
    assert not (example / "build/winback").exists()


def test_subject_and_body_reach_the_email(cli, example):
    _intro(
        example,
        'Write <a href="mailto:help@streamly.example?subject=Hi%20there&amp;body=x">us</a>',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback")
    assert result.exit_code == 0, result.output
    html = (example / "build/winback/en_US/a/email.html").read_text(encoding="utf-8")
    assert '<a href="mailto:help@streamly.example?subject=Hi%20there&amp;body=x">us</a>' in html
