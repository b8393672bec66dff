"""recipient: in mailglot.yaml, checked where it is typed.

Mailchimp merge tags are made from the field names, upper-cased, letters and digits only, 10
at most: `subscription_tier` and `subscription_type` both came out as *|SUBSCRIPTI|* (a subject
"{subscription_tier} or {subscription_type}" read '*|SUBSCRIPTI|* or *|SUBSCRIPTI|*'), a field
`名前` as *||*, with no finding. The sample unsubscribe_url goes into each .eml's
List-Unsubscribe header as <URL>: one holding '>, <https://evil.example/x' added a second
target there."""

from __future__ import annotations

from email import message_from_bytes, policy
from pathlib import Path

import pytest

from mailglot.errors import ContentError
from mailglot.project.loader import load_project

URL = 'unsubscribe_url: "https://streamly.example/u/sample"'


def _settings(example: Path, *replacements: tuple[str, str]) -> None:
    path = example / "mailglot.yaml"
    text = path.read_text(encoding="utf-8")
    for old, new in replacements:
        assert old in text
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")


def _errors(example: Path) -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_project(example)
    return [f"{d} [{d.severity}: {d.code}]" for d in caught.value.diagnostics]


def test_mailchimp_tags_that_meet_or_are_empty_are_errors_at_their_lines(example: Path, cli):
    _settings(
        example,
        ("merge_tags: handlebars", "merge_tags: mailchimp"),
        (
            URL,
            f"{URL}\n  subscription_tier: Gold\n  subscription_type: annual\n  名前: サム\n"
            "  fname: Al",
        ),
    )
    assert _errors(example) == [
        "mailglot.yaml:17: recipient.subscription_type: 'subscription_tier' and "
        "'subscription_type' both become the Mailchimp merge tag *|SUBSCRIPTI|* (a tag keeps "
        "the name's letters and digits, 10 at most); rename one of the two fields "
        "[error: schema]",
        "mailglot.yaml:18: recipient.名前: '名前' has no letter A-Z or digit to make a Mailchimp "
        "merge tag of (it would be *||*); name the field in Latin letters, like first_name "
        "[error: schema]",
        "mailglot.yaml:19: recipient.fname: 'first_name' and 'fname' both become the Mailchimp "
        "merge tag *|FNAME|* (first_name is always *|FNAME|* in Mailchimp); rename one of the "
        "two fields [error: schema]",
    ]
    result = cli(example, "build", "--no-screenshots")
    assert result.exit_code == 1
    assert (
        "mailglot.yaml:17: recipient.subscription_type: 'subscription_tier' and "
        "'subscription_type' both become the Mailchimp merge tag *|SUBSCRIPTI|*"
    ) in result.output
    assert "Traceback" not in result.output and not (example / "build/winback").exists()


def test_distinct_mailchimp_tags_and_other_styles_still_load(example: Path):
    fields = f"{URL}\n  subscription_tier: Gold\n  plan_type: annual"
    _settings(example, ("merge_tags: handlebars", "merge_tags: mailchimp"), (URL, fields))
    assert load_project(example).settings.recipient["plan_type"] == "annual"
    _settings(
        example,
        ("merge_tags: mailchimp", "merge_tags: liquid"),
        (fields, f"{fields}\n  subscription_type: x\n  名前: サム"),  # liquid keeps whole names
    )
    assert load_project(example).settings.merge_tags == "liquid"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (
            '"https://streamly.example/u/sample>, <https://evil.example/x"',
            "expected one URL (it goes into each .eml's List-Unsubscribe header as <URL>), got "
            "'https://streamly.example/u/sample>, <https://evil.example/x': a space, '<', '>' "
            "cannot be part of a URL (percent-encode them, e.g. %3E for >)",
        ),
        (
            '"mailto:leave@streamly.example"',
            "expected one http(s) URL like https://example.com/unsubscribe (it goes into each "
            ".eml's List-Unsubscribe header), got 'mailto:leave@streamly.example'",
        ),
        (
            '"/u/sample"',
            "expected one http(s) URL like https://example.com/unsubscribe (it goes into each "
            ".eml's List-Unsubscribe header), got '/u/sample'",
        ),
    ],
)
def test_the_sample_unsubscribe_url_is_one_url(example: Path, value: str, expected: str):
    _settings(example, (URL, f"unsubscribe_url: {value}"))
    assert _errors(example) == [
        f"mailglot.yaml:15: recipient.unsubscribe_url: {expected} [error: schema]"
    ]


def test_a_url_with_a_query_and_escapes_reaches_the_header_whole(example: Path, cli):
    url = "https://streamly.example/u/sample?lists=news,offers&ref=%3Ex"
    _settings(example, (URL, f'unsubscribe_url: "{url}"'))
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert result.exit_code == 0, result.output
    eml = (example / "build/winback/fr_FR/a/email.eml").read_bytes()
    msg = message_from_bytes(eml, policy=policy.default)
    assert str(msg["List-Unsubscribe"]).strip() == f"<{url}>"  # one target, folded
