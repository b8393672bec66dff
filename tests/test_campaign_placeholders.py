"""`{name}` placeholders in a campaign's subject, preheader and data.strings, checked at load.

data.strings were not checked at all: `{typo}`, `{0}`, `{a[0]}`, `{ a }` or a lone `{`
failed each job at render as 'KeyError ... [error: internal]' with no line, and a format spec
(`{expires:%Y}`) was silently dropped. A list or mapping data key passed the loader (it is a
data key) and failed the same way, in a subject too. A subject's `{percent:>99999999}` was
named `{percent}`, as if the name were wrong.
"""

from __future__ import annotations

from pathlib import Path

from tests.campaign_clone import errors, write_clone

CAMPAIGN = "campaigns/fmt.yaml"
SHOWN_AS = "not a text value; a placeholder shows text, a number or a date"
NO_FORMAT = (
    "a placeholder takes no format or conversion (numbers and dates are written the locale's way)"
)


def _campaign(example: Path, subject_b: str, data: str, strings: str) -> None:
    """A win-back clone for US and FR: subject variant b, extra data keys, data.strings."""
    subject = ('b: "Come back for {percent}% off"', f'b: "{subject_b}"')
    expires = ("  expires: 2027-01-31\n", "  expires: 2027-01-31\n" + data)
    write_clone(example, CAMPAIGN, strings, [subject, expires])


def test_placeholders_in_data_strings_are_checked_at_their_line(cli, example):
    _campaign(
        example,
        "Come back for {percent}% off",
        "",
        '    typo: "Intro {nonexistent} end"\n'
        '    odd: "{0} {} {percent[0]} { percent } {expires.year}"\n'
        '    lone: "Intro {percent end"\n'
        '    formats: "Intro {expires:%Y} {percent!r} {months:,}"\n'
        '    one: "Only {percent:>20}"\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "fmt", "--campaign", "winback")
    assert result.exit_code == 1
    assert errors(result) == [
        f"{CAMPAIGN}:14: unknown placeholder {{nonexistent}} in data.strings.typo; expected a "
        "recipient field or a data key: coupon, email, expires, first_name, months, percent, "
        "unsubscribe_url [error: schema]",
        f"{CAMPAIGN}:15: data.strings.odd: placeholders {{0}}, {{}}, {{percent[0]}}, "
        "{ percent }, {expires.year} should be plain names like {first_name} [error: schema]",
        f"{CAMPAIGN}:16: data.strings.lone: a lone {{ or }} (write {{{{ or }}}} for a literal "
        "brace) [error: schema]",
        f"{CAMPAIGN}:17: data.strings.formats: placeholders {{expires:%Y}}, {{percent!r}}, "
        f"{{months:,}} should be plain names like {{first_name}}: {NO_FORMAT} [error: schema]",
        f"{CAMPAIGN}:18: data.strings.one: placeholder {{percent:>20}} should be a plain name "
        f"like {{first_name}}: {NO_FORMAT} [error: schema]",
    ]
    assert "internal" not in result.output
    assert not (example / "build/fmt").exists()
    assert (example / "build/winback/fr_FR/a/email.html").is_file()  # the others built


def test_a_list_or_mapping_cannot_fill_a_placeholder(cli, example):
    _campaign(
        example,
        "Come back for {percent:>99999999}% off {picks}",
        "  picks: [a, b]\n  plan: {name: x}\n  price:\n    by_market: {US: [1, 2], default: 3}\n",
        '    intro: "{picks} {plan} {strings} {price}"\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "fmt")
    assert result.exit_code == 1
    assert errors(result) == [
        f"{CAMPAIGN}:6: subject.b: placeholder {{percent:>99999999}} should be a plain name "
        f"like {{first_name}}: {NO_FORMAT} [error: schema]",
        f"{CAMPAIGN}:6: subject.b: placeholder {{picks}}: data.picks is a list (a template can "
        f"show its items), {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:18: data.strings.intro: placeholder {{picks}}: data.picks is a list (a "
        f"template can show its items), {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:18: data.strings.intro: placeholder {{plan}}: data.plan is a mapping (a "
        f"template can show its values), {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:18: data.strings.intro: placeholder {{strings}}: data.strings holds the "
        f"campaign's msgids, {SHOWN_AS} [error: schema]",
        f"{CAMPAIGN}:18: data.strings.intro: placeholder {{price}}: data.price for US is a list "
        f"(a template can show its items), {SHOWN_AS} [error: schema]",
    ]
    assert "internal" not in result.output


def test_braces_in_a_style_tag_are_told_at_the_line_not_as_a_key_error(cli, example):
    _campaign(
        example,
        "Come back for {percent}% off",
        "",
        '    intro: "<style>body{display:none}</style>"\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "fmt")
    assert result.exit_code == 1
    assert errors(result)[1:] == [
        f"{CAMPAIGN}:14: data.strings.intro: placeholder {{display:none}} should be a plain "
        f"name like {{first_name}}: {NO_FORMAT} [error: schema]",
    ]
    assert errors(result)[0].startswith(
        f"{CAMPAIGN}:14: data.strings.intro: markup campaign text may not hold: <style>; "
    )
    assert "KeyError" not in result.output


def test_text_numbers_and_dates_fill_data_strings_as_before(cli, example):
    _campaign(
        example,
        "Come back for {percent}% off",
        "",
        '    intro: "{first_name}: {percent}% off {months} months, until {expires} ({coupon})"\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "fmt", "--locale", "fr_FR")
    assert result.exit_code == 0, result.output
    text = (example / "build/fmt/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "{{first_name}}: 50% off 3 months, until 31 janv. 2027 (COMEBACK50)" in text
