"""Campaign parameters on tracked links: added at build time, never on unsubscribe or legal
links, and checked (missing or colliding parameters are findings)."""

from __future__ import annotations

from pathlib import Path

from mailglot.checks.locate import job_templates
from mailglot.checks.tracked import tracking_findings
from mailglot.project.settings import Settings
from mailglot.render.tracking import add_tracking

SETTINGS = Settings.model_validate(
    {
        "brand": {
            "name": "Streamly",
            "from": "s@streamly.example",
            "website": "https://streamly.example",
        },
        "tracking": {
            "params": {
                "utm_source": "streamly",
                "utm_medium": "email",
                "utm_campaign": "{campaign}",
                "utm_content": "{locale}-{variant}",
            }
        },
    }
)
VALUES = {
    "campaign": "black_friday",
    "locale": "fr_FR",
    "lang": "fr-FR",
    "market": "FR",
    "variant": "b",
}
HTML = (
    '<a href="https://streamly.example/offer/black_friday?ref=hero&amp;x=1">Deal</a>\n'
    '<a href="https://www.streamly.example/help">Help</a>\n'
    '<a href="https://streamly.example/privacy">Privacy</a>\n'
    '<a href="https://streamly.example/u/unsubscribe?id=1">Leave</a>\n'
    '<a href="MGLOTFIELD2X">Unsubscribe</a>\n'
    '<a href="https://www.imdb.com/title/tt1">IMDb</a>\n'
)


def test_tracked_links_get_the_jobs_parameters_and_legal_links_do_not():
    out = add_tracking(HTML, SETTINGS, VALUES)
    assert (
        'href="https://streamly.example/offer/black_friday?ref=hero&amp;x=1&amp;utm_source=streamly'
        '&amp;utm_medium=email&amp;utm_campaign=black_friday&amp;utm_content=fr_FR-b"' in out
    )
    assert "help?utm_source=streamly&amp;utm_medium=email" in out  # subdomain of the brand
    for untouched in (
        '"https://streamly.example/privacy"',
        '"https://streamly.example/u/unsubscribe?id=1"',
        '"MGLOTFIELD2X"',
        '"https://www.imdb.com/title/tt1"',
    ):
        assert untouched in out
    assert add_tracking(out, SETTINGS, VALUES) == out  # idempotent
    assert not list(
        tracking_findings(out, "x", SETTINGS, VALUES, job_templates(Path("."), "t", ()))
    )


def test_collision_and_missing_are_findings(tmp_path: Path):
    template = tmp_path / "templates/promo.mjml.j2"
    template.parent.mkdir()
    template.write_text(
        '<mj-button href="https://streamly.example/offer?utm_campaign=summer">x</mj-button>\n',
        encoding="utf-8",
    )
    html = (
        '<a href="https://streamly.example/offer?utm_campaign=summer">x</a>\n'
        '<a href="https://streamly.example/plain">y</a>\n'
    )
    built = add_tracking(html, SETTINGS, VALUES)
    templates = job_templates(tmp_path, "promo.mjml.j2", (("templates/promo.mjml.j2", "1"),))
    [clash] = tracking_findings(built, "build/x/email.html", SETTINGS, VALUES, templates)
    assert (clash.code, clash.severity, clash.path, clash.line) == (
        "tracking.collision",
        "warning",
        "templates/promo.mjml.j2",
        1,
    )
    assert "utm_campaign=summer (tracking wants black_friday)" in clash.message
    # The untouched HTML (tracking switched on after the build): every link lacks them.
    missing = list(tracking_findings(html, "build/x/email.html", SETTINGS, VALUES, templates))
    assert [d.code for d in missing] == [
        "tracking.collision",
        "tracking.missing",
        "tracking.missing",
    ]
    assert missing[2].line == 2 and missing[2].path == "build/x/email.html"


def test_unknown_placeholder_is_a_located_config_error():
    bad = SETTINGS.model_copy(
        update={
            "tracking": SETTINGS.tracking.model_copy(
                update={"params": {"utm_campaign": "{campain}"}}
            )
        }
    )
    assert add_tracking(HTML, bad, VALUES) == HTML
    [d] = tracking_findings(HTML, "x", bad, VALUES, job_templates(Path("."), "t", ()))
    assert (d.path, d.code, d.severity) == ("mailglot.yaml", "tracking.config", "error")
    assert "tracking.params.utm_campaign: '{campain}' can use only {campaign}" in d.message


def test_a_links_own_query_is_kept_as_written():
    """Only the job's parameters are added: what the designer wrote reaches the server
    unchanged (a flag without a value, an encoded space, ';' separators, a signature)."""
    for query in ("ref", "q=hello%20world", "a=1;b=2", "sig=ab%2F%3D%3D&t=a+b", "x=1&"):
        html = f'<a href="https://streamly.example/watch?{query}">Watch</a>'
        out = add_tracking(html, SETTINGS, VALUES)
        joint = "" if query.endswith("&") else "&amp;"
        written = query.replace("&", "&amp;")
        assert (
            f'href="https://streamly.example/watch?{written}{joint}utm_source=streamly&amp;' in out
        )
        assert out.endswith('utm_content=fr_FR-b">Watch</a>')
