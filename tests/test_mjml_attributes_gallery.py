"""A value Node refuses, from campaign data, shown in the review gallery as text (Chromium)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import gallery_page, run_cli

MESSAGE = "Attribute background-color has invalid value: {} for type Color "


def test_a_refused_value_from_campaign_data_is_text_in_the_gallery(example: Path) -> None:
    campaign = example / "campaigns/recommendations.yaml"
    data = campaign.read_text(encoding="utf-8")
    hostile = "<img src=x onerror=alert(1)>navy"
    campaign.write_text(data.replace('"#7c2d12"', f'"{hostile}"'), encoding="utf-8")
    result = run_cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output  # no ';': a value, refused by its type
    # Jinja escaped the value in the MJML; Node's message shows the attribute as written
    shown = MESSAGE.format("&lt;img src=x onerror=alert(1)&gt;navy")
    assert f"templates/recommendations.mjml.j2:12: warning: {shown}" in result.output
    with gallery_page(example / "build" / "index.html") as page:
        page.click('.card[data-id="recommendations/fr_FR/a"]')
        page.keyboard.press("6")
        findings = page.locator("#detail ul.findings")
        texts = findings.locator("li span[title*='mjml.attribute-value']").all_text_contents()
        assert texts == [shown]
        assert findings.locator("img").count() == 0
        title = findings.locator("li span[title*='mjml.attribute-value']").get_attribute("title")
        assert title == "templates/recommendations.mjml.j2:12 [mjml.attribute-value]"
