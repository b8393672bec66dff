"""The client-support check remembers its findings per shape of the email: emails of one
template that differ in their words, subject, locale and tracked links are read once, and
any difference in what the check reads is read again."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.checks import client_shapes
from mailglot.checks.caniemail import support_data
from mailglot.checks.clients import client_findings, warning_slugs
from mailglot.checks.features import features_used
from mailglot.checks.output import Output
from mailglot.checks.presend import client_notes, clients
from mailglot.project.settings import Settings
from tests.test_output import sample_meta

TEMPLATE = """<mjml><mj-body>
<mj-raw><div style="display:flex;border-radius:8px">x</div></mj-raw>
<mj-raw><video src="https://cdn.example/v.mp4"></video></mj-raw>
<mj-raw><a href="https://streamly.example/offer" target="_blank">go</a></mj-raw>
<mj-raw><a href="mailto:help@streamly.example">help</a><a href="#top">top</a></mj-raw>
<mj-raw><img loading="lazy" src="https://cdn.example/i.png"><div style="display:grid">z</div></mj-raw>
<mj-raw><p style="position:absolute;background-image:url(bg.png)">y</p></mj-raw>
<mj-style>a:hover { color: red; }</mj-style>
</mj-body></mjml>
"""

# As MRML writes an email: a doctype, a plain head with its title, the hidden preheader and
# the wrapper's aria-label, conditional comments for Outlook.
EMAIL = """<!doctype html><html lang="en-US" dir="ltr"><head><title>Our best price</title>\
<!--[if mso]><xml><o:OfficeDocumentSettings></o:OfficeDocumentSettings></xml><![endif]-->\
<style>a:hover { color: red; } @media (prefers-color-scheme: dark) { .x { color: #fff; } }\
</style></head><body style="margin:0"><div style="display:none">Offer ends tonight</div>\
<div aria-label="Our best price" role="article" lang="en-US" dir="ltr">\
<!--[if mso | IE]><table role="presentation"><tr><td style="display:grid"><![endif]-->\
<div style="display:flex;border-radius:8px" title="A title">Words of the email</div>\
<video src="https://cdn.example/v.mp4"></video>\
<a href="https://streamly.example/offer?utm_campaign=c1" target="_blank">Get the deal</a>\
<a href="#top">top</a>\
<img src="https://cdn.example/hero.png" alt="A hero" width="600">\
<p style="position:absolute;background-image:url(bg.png)">More words</p>\
<!--[if mso | IE]></td></tr></table><![endif]--></div></body></html>
"""

# Another job of the same template: other words, subject, locale and tracked link.
OTHER_JOB = (
    EMAIL.replace("Our best price", "Unser bester Preis")
    .replace("Words of the email", "Andere Worte & mehr")
    .replace("Get the deal", "Zum Angebot")
    .replace('lang="en-US" dir="ltr">\\', 'lang="de-DE" dir="ltr">\\')
    .replace('role="article" lang="en-US"', 'role="article" lang="de-DE"')
    .replace("utm_campaign=c1", "utm_campaign=c2&amp;utm_content=de")
    .replace('alt="A hero"', 'alt="Ein Held"')
    .replace('title="A title"', 'title="Ein Titel"')
)


@pytest.fixture
def check(tmp_path: Path):
    """The check as a build runs it, in a process that has already checked EMAIL."""
    template = tmp_path / "templates/promo.mjml.j2"
    template.parent.mkdir(parents=True)
    template.write_text(TEMPLATE, encoding="utf-8")
    meta = sample_meta(
        findings=(), visual=None, template="promo.mjml.j2",
        inputs=(("templates/promo.mjml.j2", "p"),),
    )  # fmt: skip
    data = support_data()
    families = sorted(data.families)
    settings = Settings.model_validate(
        {"brand": {"name": "B", "from": "B <b@b.example>"}, "checks": {"clients": families}}
    )

    def findings(html: str, *, notes: bool = False) -> list:
        out = Output("e.html", html, "", meta, 10**6, "", None, root=tmp_path, settings=settings)
        return list((client_notes if notes else clients)(out))

    def read_alone(html: str, *, notes: bool = False) -> list:
        """What the check finds reading this email itself (no shape, no variant shared)."""
        slugs = data.slugs if notes else warning_slugs(tuple(families), data)
        templates = Output("e.html", "", "", meta, 0, "", None, root=tmp_path).templates
        used = features_used(html, slugs)
        return client_findings(used, "e.html", templates, families, data, notes=notes)

    client_shapes._KEPT.clear()
    first = findings(EMAIL)
    assert first == read_alone(EMAIL)
    assert [d.message.split(" is ")[0] for d in first] == [
        "display:flex",
        "<video> element",
        "Local anchors",
        "position",
        "background-image",
    ]
    assert {d.path for d in first} == {"templates/promo.mjml.j2"}
    assert findings(EMAIL, notes=True) == read_alone(EMAIL, notes=True)
    return findings, read_alone


def test_another_job_of_the_template_is_not_read_again(check, monkeypatch):
    findings, read_alone = check
    assert client_shapes.shape(OTHER_JOB) == client_shapes.shape(EMAIL)

    def not_read(*args: object) -> None:
        raise AssertionError("read again")

    monkeypatch.setattr("mailglot.checks.presend.features_read", not_read)
    found, notes = findings(OTHER_JOB), findings(OTHER_JOB, notes=True)
    monkeypatch.undo()
    assert found == read_alone(OTHER_JOB)
    assert notes == read_alone(OTHER_JOB, notes=True)


# Each a change of one thing the check reads: the shape differs, and the findings are the
# email's own.
CHANGES = {
    "a style value": ("display:flex;border", "display:block;border"),
    "a tag name": ("<video src", "<audio src"),
    "an attribute added": ('<img src="https', '<img loading="lazy" src="https'),
    "a tracked link turned mailto": (
        'href="https://streamly.example/offer?utm_campaign=c1"',
        'href="mailto:offer@streamly.example"',
    ),
    "an anchor turned web link": ('href="#top"', 'href="https://streamly.example/#top"'),
    "a <style> rule": ("a:hover", "a:focus"),
    "the body's own tag": ('<body style="margin:0">', '<body style="margin:0;display:grid">'),
}


@pytest.mark.parametrize("change", list(CHANGES), ids=list(CHANGES))
def test_a_change_in_what_the_check_reads_is_read_again(check, change):
    findings, read_alone = check
    old, new = CHANGES[change]
    assert EMAIL.count(old) == 1
    changed = EMAIL.replace(old, new)
    assert client_shapes.shape(changed) != client_shapes.shape(EMAIL)
    assert findings(changed) == read_alone(changed)
    assert findings(changed, notes=True) == read_alone(changed, notes=True)
    assert findings(changed, notes=True) != findings(EMAIL, notes=True)


# Emails the shape cannot vouch for (no shape, or one no plainly read email has): read as
# before, and nothing kept for them.
UNSHAPED = {
    "a '<' that starts no tag": ("Words of the email", "Words < of the email"),
    "a comment left visible": ("<video", "<!-- a note --><video"),
    "a carriage return": ("Words of the", "Words\rof the"),
    "no </body>": ("</body></html>", "</html>"),
}


@pytest.mark.parametrize("change", list(UNSHAPED), ids=list(UNSHAPED))
def test_an_email_the_shape_cannot_vouch_for_is_read_itself(check, change):
    findings, read_alone = check
    old, new = UNSHAPED[change]
    changed = EMAIL.replace(old, new)
    assert changed != EMAIL
    assert client_shapes.shape(changed) != client_shapes.shape(EMAIL)
    kept = len(client_shapes._KEPT)
    assert findings(changed) == read_alone(changed)
    assert findings(changed.replace("More words", "Other words")) == read_alone(changed)
    assert len(client_shapes._KEPT) == kept


def test_what_lxml_reads_is_not_kept_for_its_shape(check):
    """A single-quoted value is not read plainly: the email has a shape, but lxml read it, so
    nothing is kept for it and the next email of that shape is read too."""
    findings, read_alone = check
    lxml_read = EMAIL.replace('<p style="position', "<p class='x' style=\"position")
    assert client_shapes.shape(lxml_read) is not None
    kept = len(client_shapes._KEPT)
    assert findings(lxml_read) == read_alone(lxml_read)
    assert len(client_shapes._KEPT) == kept
    other = lxml_read.replace("More words", "Other words").replace("Our best", "Your best")
    assert findings(other) == read_alone(other)


def test_a_value_taken_out_must_be_a_plain_value():
    """A value with a reference the plain reading does not know keeps the tag as it is."""
    plain = client_shapes.shape(EMAIL)
    odd = client_shapes.shape(EMAIL.replace('alt="A hero"', 'alt="A &eacute; hero"'))
    assert plain is not None and odd is not None and odd != plain


def test_a_jobs_next_variant_has_the_first_ones_findings(check, monkeypatch):
    """Variants differ in the title and the wrapper's label (the subject): kept per job even
    when no shape is kept."""
    findings, read_alone = check
    client_shapes._KEPT.clear()
    variant = EMAIL.replace("Our best price", "Last chance: our best price")
    assert variant.count("Last chance") == 2
    monkeypatch.setattr("mailglot.checks.presend.features_read", None)
    assert findings(variant) == findings(EMAIL)
    monkeypatch.undo()
    assert findings(variant) == read_alone(variant)
