"""Client support from caniemail's data: newest versions in the data's own order, only the
features the email uses, located at the template line that wrote them."""

from __future__ import annotations

from pathlib import Path

from mailglot.checks.caniemail import parse_support, support_data
from mailglot.checks.client_families import CLIENT_FAMILIES
from mailglot.checks.clients import client_findings, warning_slugs
from mailglot.checks.features import features_used
from mailglot.checks.locate import job_templates
from mailglot.checks.output import Output
from mailglot.checks.presend import clients
from mailglot.project.settings import Settings
from tests.test_output import sample_meta

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


def test_the_client_names_settings_take_are_the_datas_families():
    assert support_data().families == CLIENT_FAMILIES


def test_an_unknown_client_is_an_error_at_its_line_with_the_closest_name(example: Path, cli):
    """It was one finding on every job of the build, without a line."""
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    old = "checks: {disable: [], max_html_bytes: 102000}"
    assert old in text
    new = "checks: {disable: [], max_html_bytes: 102000, clients: [gmail, gmial]}"
    settings.write_text(text.replace(old, new), encoding="utf-8")
    line = 1 + text[: text.index(old)].count("\n")
    result = cli(example, "build", "--no-screenshots")
    assert result.exit_code == 1
    assert result.output.splitlines()[0] == (
        f"mailglot.yaml:{line}: checks.clients[1]: unknown client 'gmial'; did you mean "
        f"'gmail'? caniemail knows: {', '.join(sorted(CLIENT_FAMILIES))} [error: schema]"
    )
    assert not (example / "build").exists()


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


RICH = """<!doctype html>
<html lang="en"><head><style>
@media (prefers-color-scheme: dark) { .card > td { background: #000 !important; } }
a:hover { color: red; }
</style></head>
<body style="margin:0"><div style="display:flex;border-radius:8px;padding:4px 0 0 0">
<p style="background-image:linear-gradient(red, blue);width:calc(100% - 2rem)">x</p>
<a href="mailto:a@b.example">mail</a><img src="hero.webp" alt="">
<table role="presentation"><tr><td style="display:grid;height:20px">y</td></tr></table>
</div></body></html>
"""


def test_a_build_looks_only_for_what_its_clients_can_warn_about(tmp_path: Path):
    """Looking for fewer features finds the same warnings, client list after client list in
    one process (the slugs are cached per list: a stale list would miss or add warnings)."""
    template = tmp_path / "templates/rich.html"
    template.parent.mkdir(parents=True)
    template.write_text(RICH, encoding="utf-8")
    templates = job_templates(tmp_path, "rich.html", (("templates/rich.html", "r"),))
    data = support_data()
    seen = []
    for families in (["outlook"], ["apple-mail"], ["gmail", "yahoo"], sorted(data.families)):
        every = client_findings(features_used(RICH, data.slugs), "x", templates, families, data)
        narrowed = features_used(RICH, warning_slugs(tuple(families), data))
        assert set(narrowed) <= set(features_used(RICH, data.slugs))
        assert client_findings(narrowed, "x", templates, families, data) == every
        seen.append([d.message.split(" is ")[0] for d in every])
    assert "display:flex" in seen[0] and "display:grid" in seen[0]
    assert seen[1] == []  # Apple Mail supports all of it
    assert "css-display-flex" in warning_slugs(("outlook",), data)
    assert "css-display-flex" not in warning_slugs(("apple-mail",), data)
    assert "css-border-radius" not in warning_slugs(("outlook",), data)  # square corners
    assert seen[2] == ["<body> element", "linear-gradient()", "CSS calc() function"]
    assert set(seen[0]) | set(seen[2]) <= set(seen[3])


def test_the_client_check_of_a_build_reads_each_email_and_its_clients(tmp_path: Path):
    """Two emails, then another client list, through one process: each finds its own."""
    template = tmp_path / "templates/promo.mjml.j2"
    template.parent.mkdir(parents=True)
    template.write_text(RICH, encoding="utf-8")
    meta = sample_meta(
        findings=(),
        visual=None,
        template="promo.mjml.j2",
        inputs=(("templates/promo.mjml.j2", "p"),),
    )

    def judged(html: str, families: list[str]) -> list[str]:
        settings = Settings.model_validate(
            {"brand": {"name": "B", "from": "B <b@b.example>"}, "checks": {"clients": families}}
        )
        out = Output("e.html", html, "", meta, 10**6, "", None, root=tmp_path, settings=settings)
        return [d.message.split(" is ")[0] for d in clients(out)]

    flex = judged(RICH, ["outlook"])
    assert any("display:flex" in m for m in flex)
    assert not any("display:flex" in m for m in judged(RICH.replace("flex", "block"), ["outlook"]))
    assert judged(RICH, ["apple-mail"]) == []
    assert judged(RICH, ["outlook"]) == flex
