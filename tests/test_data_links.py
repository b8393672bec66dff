"""A link that campaign data makes script or protocol-relative is refused at the value's line
in the campaign, where the fix goes, with the template line that writes it: it was told at
`build/inj/en_US/a/email.html:31`, a file nobody edits, and the email was written with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

TEMPLATE = """{% extends "layouts/base.mjml.j2" %}
{% block content %}
<mj-section><mj-column>
<mj-button href="{{ data.url }}">Go</mj-button>
</mj-column></mj-section>
{% endblock %}
"""
CAMPAIGN = """template: inj.mjml.j2
markets: [US]
subject: "Hello"
data:
  title: Hello
  url: {url}
"""


def _build(cli, example: Path, url: str, template: str = TEMPLATE) -> tuple[int, list[dict]]:
    (example / "templates/inj.mjml.j2").write_text(template, encoding="utf-8")
    (example / "campaigns/inj.yaml").write_text(CAMPAIGN.format(url=url), encoding="utf-8")
    args = ("build", "--no-screenshots", "--json", "--campaign", "inj", "--locale", "en_US")
    result = cli(example, *args)
    document = json.loads(result.stdout)
    return result.exit_code, [
        (f["path"], f["line"], f["code"], f["message"])
        for f in document["findings"]
        if f["severity"] == "error"
    ]


@pytest.mark.parametrize(
    ("typed", "code", "told"),
    [
        ('"javascript:alert(1)"', "links.scheme", "'javascript:alert(1)' uses javascript:"),
        ('" JaVaScRiPt:alert(2)"', "links.scheme", "'JaVaScRiPt:alert(2)' uses javascript:"),
        ('"data:text/html,<b>x</b>"', "links.scheme", "'data:text/html,<b>x</b>' uses data:"),
    ],
)
def test_a_script_link_from_data_is_refused_at_its_campaign_line(cli, example, typed, code, told):
    exit_code, errors = _build(cli, example, typed)
    assert exit_code == 1
    assert errors == [
        (
            "campaigns/inj.yaml",
            6,
            code,
            f"data.url: link {told}, which email clients block (at templates/inj.mjml.j2:4)",
        )
    ]
    assert not (example / "build/inj/en_US/a/email.html").exists()


def test_a_protocol_relative_link_from_data_is_refused_at_its_campaign_line(cli, example):
    exit_code, errors = _build(cli, example, '"//evil.example.com/x"')
    assert exit_code == 1
    assert errors == [
        (
            "campaigns/inj.yaml",
            6,
            "links.relative",
            "data.url: link '//evil.example.com/x' is not absolute, so it leads nowhere in an "
            "inbox (at templates/inj.mjml.j2:4)",
        )
    ]


def test_a_markets_value_and_a_link_set_before_its_include_are_traced(cli, example):
    """by_market: the market's line; `{% set %}` then an include: the template, no line."""
    template = TEMPLATE.replace(
        '<mj-button href="{{ data.url }}">Go</mj-button>',
        '{% set cta_url = data.url %}{% set cta_label = "Go" %}\n'
        '{% include "partials/cta.mjml.j2" %}',
    )
    url = '\n    by_market:\n      US: "javascript:alert(3)"'
    exit_code, errors = _build(cli, example, url, template)
    assert exit_code == 1
    assert errors == [
        (
            "campaigns/inj.yaml",
            8,
            "links.scheme",
            "data.url.by_market.US: link 'javascript:alert(3)' uses javascript:, which email "
            "clients block (at templates/inj.mjml.j2)",
        )
    ]


def test_other_doubtful_links_are_left_to_the_link_check(cli, example):
    """An sms: link from data is not script: built, and told by the link check as before."""
    exit_code, errors = _build(cli, example, '"sms:+15550100"')
    assert exit_code == 1
    assert [e[2:] for e in errors] == [
        ("links.scheme", "link 'sms:+15550100' uses sms:, which email clients block")
    ]
    assert errors[0][0] == "build/inj/en_US/a/email.html"
    assert (example / "build/inj/en_US/a/email.html").is_file()
