"""A null or yes/no data value cannot fill a placeholder: it reached the inbox as 'None'.

`subject: "Hi {nothing} {flag}"` with `nothing: null` and `flag: false` sent the subject
'Hi None False' (and the same in data.strings), as Python writes those values.
"""

from __future__ import annotations

from pathlib import Path

from tests.campaign_clone import errors, write_clone

CAMPAIGN = "campaigns/nul.yaml"
SHOWN_AS = "not a text value; a placeholder shows text, a number or a date"
YES_NO = (
    "(YAML reads an unquoted yes, no, on, off, true or false as a yes/no value; write the "
    "word in quotes)"
)


def _campaign(example: Path) -> None:
    subject = ('b: "Come back for {percent}% off"', 'b: "Hi {nothing} {flag}"')
    data = (
        "  expires: 2027-01-31\n",
        "  expires: 2027-01-31\n  nothing:\n  flag: false\n  member: yes\n"
        "  tier:\n    by_market: {US: null, FR: Gold}\n",
    )
    write_clone(example, CAMPAIGN, '    intro: "{member} {tier} {percent}"\n', [subject, data])


def test_null_and_yes_no_values_are_refused_where_a_placeholder_names_them(cli, example):
    _campaign(example)
    result = cli(example, "build", "--no-screenshots", "--campaign", "nul")
    assert result.exit_code == 1
    assert errors(result) == [
        f"{CAMPAIGN}:6: subject.b: placeholder {{nothing}}: data.nothing is null (a key with "
        f"nothing after it is empty to YAML), {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:6: subject.b: placeholder {{flag}}: data.flag is false {YES_NO}, "
        f"{SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:19: data.strings.intro: placeholder {{member}}: data.member is true "
        f"{YES_NO}, {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:19: data.strings.intro: placeholder {{tier}}: data.tier for US is null (a "
        f"key with nothing after it is empty to YAML), {SHOWN_AS} [error: schema]",
    ]
    assert not (example / "build/nul").exists()


def test_unused_null_and_yes_no_values_stay_the_templates(cli, example):
    """Only a placeholder's value must be shown as text: a template may test a flag."""
    _campaign(example)
    path = example / CAMPAIGN
    text = path.read_text(encoding="utf-8")
    text = text.replace('"Hi {nothing} {flag}"', '"Hi {percent}"').replace(
        '"{member} {tier} {percent}"', '"{percent}% {coupon}"'
    )
    path.write_text(text, encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "nul", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    eml = (example / "build/nul/en_US/b/email.eml").read_bytes()
    assert b"\r\nSubject: Hi 50\r\n" in eml
