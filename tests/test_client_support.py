"""Client support from caniemail's data: newest versions in the data's own order, only the
features the email uses, located at the template line that wrote them."""

from __future__ import annotations

from pathlib import Path

from mailglot.checks.caniemail import parse_support, support_data
from mailglot.checks.clients import client_findings, unknown_clients
from mailglot.checks.features import features_used
from mailglot.checks.locate import job_templates

NAMES = {"family": {"apple-mail": "Apple Mail"}, "platform": {"macos": "macOS"}}


def test_newest_version_is_the_last_in_the_data_not_the_largest_string():
    """'9.0' sorts after '10.3' as text; caniemail lists 10.3 last because it is newer."""
    raw = {
        "nicenames": NAMES,
        "data": [
            {
                "slug": "css-display-flex",
                "title": "display:flex",
                "url": "u",
                "notes_by_num": {"1": "Only in the app."},
                "stats": {"apple-mail": {"macos": {"9.0": "n", "10.3": "a #1"}}},
            }
        ],
    }
    [verdict] = parse_support(raw).features["css-display-flex"].verdicts
    assert (verdict.version, verdict.state, verdict.notes) == (
        "10.3",
        "partial",
        ("Only in the app.",),
    )


def test_shipped_data_has_the_default_clients_and_its_licence():
    data = support_data()
    assert {"gmail", "apple-mail", "outlook", "yahoo"} <= data.families
    assert len(data.features) > 250
    licence = Path(__file__).parent.parent / "src/mailglot/checks/data/caniemail-LICENSE"
    assert "MIT License" in licence.read_text(encoding="utf-8")


def test_unknown_client_family_names_the_known_ones():
    [d] = unknown_clients(["gmail", "gmial"], support_data())
    assert (d.path, d.code, d.severity) == ("mailglot.yaml", "client.unknown", "error")
    assert "unknown client 'gmial'" in d.message and "apple-mail" in d.message


HTML = """<!doctype html>
<html lang="en"><head><style>
@media (prefers-color-scheme: dark) { .card { background: #000 !important; } }
</style></head>
<body><div style="display:flex;border-radius:8px;padding:4px 0 0 0">
<div style="cursor:auto">x</div></div></body></html>
"""


def write_template(tmp_path: Path) -> Path:
    template = tmp_path / "templates/promo.mjml.j2"
    template.parent.mkdir(parents=True)
    template.write_text(
        "<mjml>\n  <mj-body>\n    <mj-text>\n"
        '      <div style="display: flex; border-radius: 8px">x</div>\n'
        "    </mj-text>\n  </mj-body>\n</mjml>\n",
        encoding="utf-8",
    )
    return template


def test_planted_flexbox_is_an_unsupported_warning_at_its_template_line(tmp_path: Path):
    write_template(tmp_path)
    data = support_data()
    used = features_used(HTML, data.slugs)
    assert {"css-display-flex", "css-border-radius", "css-at-media-prefers-color-scheme"} <= set(
        used
    )
    templates = job_templates(tmp_path, "promo.mjml.j2", (("templates/promo.mjml.j2", "x"),))
    findings = client_findings(used, "build/p/en_US/a/email.html", templates, ["outlook"], data)
    [flex] = findings  # the build's findings: unsupported only
    notes = client_findings(used, "x", templates, ["outlook"], data, notes=True)
    assert (flex.path, flex.line, flex.severity) == ("templates/promo.mjml.j2", 4, "warning")
    assert flex.message.startswith("display:flex is not supported by Outlook Windows 2019")
    assert "caniemail.com/features/css-display-flex" in flex.message
    corners = [f for f in notes if f.code == "client.fallback" and "border-radius" in f.message]
    assert corners and corners[0].severity == "info" and "corners are square" in corners[0].message
    # Not written by the template (the MJML compiler's own markup): not reported.
    judged = findings + notes
    assert not [f for f in judged if "cursor" in f.message or "prefers-color-scheme" in f.message]


def test_only_clients_asked_for_are_judged(tmp_path: Path):
    write_template(tmp_path)
    data = support_data()
    used = features_used(HTML, data.slugs)
    templates = job_templates(tmp_path, "promo.mjml.j2", (("templates/promo.mjml.j2", "x"),))
    assert not client_findings(used, "x", templates, ["apple-mail"], data)


def test_conditional_comments_are_outlook_only_and_not_read():
    html = (
        '<html><body><!--[if mso]><table role="presentation"><tr><td style="display:grid">'
        "</td></tr></table><![endif]--><p>x</p></body></html>"
    )
    assert "css-display-grid" not in features_used(html, support_data().slugs)
