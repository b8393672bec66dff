"""A value from outside written into CSS may not open a comment or add `!important`.

With a template's `<span style="color: {{ data.c2 }}; font-size: 30px; display: block">`,
`c2: "red /*"` built with no finding and the comment swallowed the template's own
`font-size` and `display`; `"red !important"` reordered the inlined declarations. Both are
refused now, as `;`, `{`, `}`, a backslash and `url(` were.
"""

from __future__ import annotations

from pathlib import Path

import pytest

TEMPLATE = "templates/css.mjml.j2"
FROM_OUTSIDE = (
    "would end its CSS and write more (a value from campaign data, a translation or a calendar "
    "is a value, never CSS); this email is not built"
)


def _project(example: Path, value: str) -> None:
    source = (example / "templates/winback.mjml.j2").read_text(encoding="utf-8")
    source = source.replace(
        "    <mj-text>{{ data.strings.intro }}</mj-text>\n",
        "    <mj-text>{{ data.strings.intro }}</mj-text>\n"
        '    <mj-text><span style="color: {{ data.c2 }}; font-size: 30px; display: block">x'
        "</span></mj-text>\n",
    )
    (example / TEMPLATE).write_text(source, encoding="utf-8")
    campaign = (example / "campaigns/winback.yaml").read_text(encoding="utf-8")
    campaign = campaign.replace("template: winback.mjml.j2", "template: css.mjml.j2")
    campaign = campaign.replace("markets: all", "markets: [US]")
    campaign = campaign.replace("  percent: 50\n", f"  percent: 50\n  c2: {value}\n")
    (example / "campaigns/css.yaml").write_text(campaign, encoding="utf-8")


@pytest.mark.parametrize(
    ("value", "shown", "markers"),
    [
        ('"red /*"', "'red /*'", "'/*'"),
        ('"red */ x"', "'red */ x'", "'*/'"),
        ('"red !important"', "'red !important'", "'!important'"),
        ('"red ! IMPORTANT"', "'red ! IMPORTANT'", "'!important'"),
    ],
)
def test_a_comment_or_important_from_campaign_data_fails_the_job(
    cli, example, value, shown, markers
):
    _project(example, value)
    result = cli(example, "build", "--no-screenshots", "--campaign", "css", "--locale", "en_US")
    assert result.exit_code == 1
    assert [line for line in result.output.splitlines() if "[error: " in line] == [
        f"{TEMPLATE}:8: style of <span> gets {shown} from campaigns/css.yaml data.c2, whose "
        f"{markers} {FROM_OUTSIDE} [error: mjml.attribute-value] (2 jobs: css/en_US/a, css/en_US/b)"
    ]
    assert not (example / "build/css/en_US").exists()


def test_a_plain_value_keeps_the_templates_declarations(cli, example):
    _project(example, '"red"')
    result = cli(example, "build", "--no-screenshots", "--campaign", "css", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    html = (example / "build/css/en_US/a/email.html").read_text(encoding="utf-8")
    assert '<span style="color: red; font-size: 30px; display: block">x</span>' in html
