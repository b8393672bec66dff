"""Link hygiene: one planted fault per kind, with its code, severity and location."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.checks.links import judge_link, link_findings
from mailglot.checks.locate import job_templates

BRAND = "streamly.example"


@pytest.mark.parametrize(
    ("url", "code", "severity"),
    [
        ("#", "links.placeholder", "error"),
        ("", "links.placeholder", "error"),
        ("https://streamly.example/TODO", "links.placeholder", "error"),
        ("https://example.com/offer", "links.placeholder", "error"),
        ("https://www.example.org/", "links.placeholder", "error"),
        ("https://example/offer", "links.placeholder", "error"),
        ("https://shop.other.example/", "links.placeholder", "error"),
        ("http://localhost:8000/offer", "links.localhost", "error"),
        ("https://127.0.0.1/offer", "links.localhost", "error"),
        ("/offer/black_friday", "links.relative", "error"),
        ("javascript:alert(1)", "links.scheme", "error"),
        ("http://streamly.example/offer", "links.https", "warning"),
    ],
)
def test_bad_links(url: str, code: str, severity: str):
    assert judge_link(url, BRAND)[:2] == (code, severity)


@pytest.mark.parametrize(
    "url",
    [
        "https://streamly.example/offer",  # the fictional brand's own reserved domain
        "https://cdn.streamly.example/email/x.png",
        "https://www.imdb.com/title/tt0000001/",
        "{{unsubscribe_url}}",
        "*|UNSUB|*",
        "mailto:help@streamly.example",
        "tel:+18005550100",
    ],
)
def test_good_links(url: str):
    assert judge_link(url, BRAND) is None


def test_finding_points_at_the_template_line(tmp_path: Path):
    template = tmp_path / "templates/promo.mjml.j2"
    template.parent.mkdir()
    template.write_text(
        '<mj-text>\n  <a href="https://example.com/deal">Deal</a>\n</mj-text>\n', encoding="utf-8"
    )
    html = '<html>\n<body>\n<p><a href="https://example.com/deal">Deal</a>\n<a href="#">x</a></p>'
    templates = job_templates(tmp_path, "promo.mjml.j2", (("templates/promo.mjml.j2", "1"),))
    found = list(
        link_findings(html, "build/p/en_US/a/email.html", "https://streamly.example", templates)
    )
    assert [(d.path, d.line, d.code) for d in found] == [
        ("templates/promo.mjml.j2", 2, "links.placeholder"),
        ("build/p/en_US/a/email.html", 4, "links.placeholder"),  # not in a template: the HTML
    ]
    assert found[0].message == "link 'https://example.com/deal' points at a placeholder domain"
    assert found[1].message == "link '#' is a placeholder"


def test_a_link_is_judged_for_the_brand_asked_about():
    """Verdicts are remembered per process: the brand is part of what is remembered."""
    url = "https://streamly.example/offer"
    assert judge_link(url, BRAND) is None
    assert judge_link(url, "other.example")[:2] == ("links.placeholder", "error")
    assert judge_link(url, BRAND) is None
