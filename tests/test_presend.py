"""The pre-send checks end to end: planted faults in a copy of the example, built for real,
each found with its code, severity and the template line to change; the example itself is
free of them."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po, write_po

PLANTED = """<mj-section padding="0">
  <mj-column>
    <mj-text><a href="https://example.com/deal">placeholder</a></mj-text>
    <mj-text><a href="http://localhost:8000/preview">local</a></mj-text>
    <mj-text><a href="https://streamly.example/summer?utm_campaign=summer">own utm</a></mj-text>
    <mj-text><div style="display: flex">flexbox</div></mj-text>
    <mj-raw><table><tr><td>layout table</td></tr></table></mj-raw>
  </mj-column>
</mj-section>
"""
TRACKING = """tracking:
  params: {utm_source: streamly, utm_medium: email, utm_campaign: "{campaign}", utm_content: "{locale}-{variant}"}
"""
OUR_CODES = (
    "links",
    "client",
    "tracking",
    "preheader",
    "subject.missing",
    "i18n.lang-dir",
    "a11y.table-role",
)


def line_of(path: Path, text: str) -> int:
    return next(i for i, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line)


def plant(example: Path) -> Path:
    template = example / "templates/promo.mjml.j2"
    source = template.read_text("utf-8")
    template.write_text(source.replace("{% endblock %}", PLANTED + "{% endblock %}", 1), "utf-8")
    settings = example / "mailglot.yaml"
    settings.write_text(settings.read_text("utf-8") + TRACKING, "utf-8")
    return template


def test_planted_faults_are_found_located_and_grouped(example: Path, cli):
    template = plant(example)
    built = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "en_US"
    )
    assert built.exit_code == 1, built.output  # the placeholder and localhost links are errors
    rel = "templates/promo.mjml.j2"
    assert (
        f"{rel}:{line_of(template, 'example.com/deal')}: link 'https://example.com/deal' points "
        "at a placeholder domain [error: links.placeholder] (2 jobs: black_friday/en_US/a, "
        "black_friday/en_US/b)" in built.output
    )

    result = cli(example, "check", "--json")
    found = {
        (f["code"], f["severity"], f["path"], f["line"])
        for f in json.loads(result.output[: result.output.rindex("}") + 1])["findings"]
        if f["job"] == "black_friday/en_US/a"
    }
    html = "build/black_friday/en_US/a/email.html"
    expected = {
        ("links.placeholder", "error", rel, line_of(template, "example.com/deal")),
        ("links.localhost", "error", rel, line_of(template, "localhost:8000")),
        ("tracking.collision", "warning", rel, line_of(template, "utm_campaign=summer")),
        ("client.unsupported", "warning", rel, line_of(template, "display: flex")),
    }
    assert expected <= found
    [table] = [f for f in found if f[0] == "a11y.table-role"]
    assert table[1:3] == ("warning", html)
    # Tracked links carry the job's parameters; the unsubscribe link does not.
    email = (example / html).read_text("utf-8")
    assert "utm_campaign=black_friday&amp;utm_content=en_US-a" in email
    assert 'href="{{unsubscribe_url}}"' in email
    strict = cli(example, "check", "--strict")
    assert "[error: client.unsupported]" in strict.output


def test_missing_preheader_is_a_warning_on_the_campaign(example: Path, cli):
    campaign = example / "campaigns/renewal.yaml"
    campaign.write_text(
        "\n".join(
            line
            for line in campaign.read_text("utf-8").splitlines()
            if not line.startswith("preheader:")
        )
        + "\n",
        "utf-8",
    )
    cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "de_DE")
    result = cli(example, "check")
    assert (
        "campaigns/renewal.yaml: warning: no preheader: inboxes show the first words"
        in result.output
    )
    assert "[preheader.missing] (1 job: renewal/de_DE/a)" in result.output


def test_the_example_is_free_of_presend_findings(example_build: Path):
    findings = []
    for meta in (example_build / "build").glob("*/*/*/meta.json"):
        findings += json.loads(meta.read_text("utf-8"))["findings"]
    ours = [f for f in findings if f["code"].startswith(OUR_CODES)]
    assert ours == []


def test_a_long_translated_preheader_points_at_its_catalog_line(example: Path, cli):
    campaign = (example / "campaigns/renewal.yaml").read_text("utf-8")
    msgid = next(
        line.split(":", 1)[1].strip().strip('"')
        for line in campaign.splitlines()
        if line.startswith("preheader:")
    )
    po = example / "locales/de_DE/LC_MESSAGES/messages.po"
    with po.open("rb") as fh:
        catalog = read_po(fh)
    catalog[msgid].string = "Sehr lange Vorschauzeile " * 8
    with po.open("wb") as fh:
        write_po(fh, catalog)
    with po.open("rb") as fh:
        line = read_po(fh)[msgid].lineno
    cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--locale", "de_DE")
    result = cli(example, "check")
    where = f"locales/de_DE/LC_MESSAGES/messages.po:{line}: warning: preheader is "
    assert where in result.output
    assert "[preheader.length] (1 job: renewal/de_DE/a)" in result.output
