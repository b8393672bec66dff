"""Character references in a campaign's own subject and preheader are refused at their line.

`subject: "Save &amp; win&nbsp;today &#x1F600;"` reached the .eml's Subject header and the
inbox as typed, with no finding, while a translation doing the same is refused
(`catalog.entities`).
"""

from __future__ import annotations

from pathlib import Path

CAMPAIGN = "campaigns/ent.yaml"


def _campaign(example: Path, subject: str, preheader: str) -> None:
    text = (example / "campaigns/winback.yaml").read_text(encoding="utf-8")
    text = text.replace("markets: all", "markets: [US]")
    text = text.replace('a: "{first_name}, your watchlist misses you"', f'a: "{subject}"')
    text = text.replace(
        'preheader: "Your profile and watchlist are right where you left them."',
        f'preheader: "{preheader}"',
    )
    (example / CAMPAIGN).write_text(text, encoding="utf-8")


def test_references_in_subject_and_preheader_are_refused_with_the_character_to_write(cli, example):
    _campaign(example, "Save &amp; win&nbsp;today &#x1F600;", "Preheader &lt;b&gt; here &hellip;")
    result = cli(example, "build", "--no-screenshots", "--campaign", "ent")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "[error: " in line] == [
        f"{CAMPAIGN}:5: subject.a: &amp;, &nbsp;, &#x1F600; show as typed in plain text (an "
        "inbox shows the subject as written); write the character: '&' for &amp;, a no-break "
        "space (U+00A0) for &nbsp;, '\U0001f600' for &#x1F600; [error: schema]",
        f"{CAMPAIGN}:7: preheader: &lt;, &gt;, &hellip; show as typed in plain text (an inbox "
        "shows the preheader as written); write the character: '<' for &lt;, '>' for &gt;, "
        "'…' for &hellip; [error: schema]",
    ]
    assert not (example / "build/ent").exists()


def test_an_ampersand_that_starts_no_reference_is_text(cli, example):
    _campaign(example, "Save & win AT&T; today", "Fish & chips")
    result = cli(example, "build", "--no-screenshots", "--campaign", "ent", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    eml = (example / "build/ent/en_US/a/email.eml").read_bytes()
    assert b"\r\nSubject: Save & win AT&T; today\r\n" in eml
