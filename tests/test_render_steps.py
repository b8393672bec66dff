"""Each pipeline step on literal input -> expected output (Maizzle's habit)."""

from __future__ import annotations

import re

import pytest

from mailglot.render.inline import inline_css
from mailglot.render.merge import MergeFields, merge_tag
from mailglot.render.mjml import MjmlFailure, compile_mjml
from mailglot.render.placeholders import field_names, fill
from mailglot.render.text import html_to_text

MJML = """<mjml lang="fr-FR" dir="ltr"><mj-head>
<mj-preview>Hidden preheader</mj-preview>
<mj-style inline="inline">.promo div { text-transform: uppercase; }</mj-style>
<mj-style>@media (prefers-color-scheme: dark) { .promo div { color: #ffffff !important; } }</mj-style>
</mj-head><mj-body>
<mj-section><mj-column><mj-text css-class="promo">Bonjour</mj-text>
<mj-button href="https://example.com/go?a=1&amp;b=2">Voir l'offre</mj-button></mj-column>
<mj-column><mj-text>Deux</mj-text></mj-column></mj-section>
</mj-body></mjml>"""


@pytest.fixture(scope="module")
def html() -> str:
    return inline_css(compile_mjml(MJML))


def test_mjml_keeps_lang_and_doctype(html: str):
    assert html.startswith("<!doctype html>")
    assert '<html lang="fr-FR" dir="ltr"' in html


def test_inlined_style_where_the_css_asked(html: str):
    # the inline mj-style rule lands in the style attribute of the div that holds the text
    [div] = re.findall(r'<div style="[^"]*"[^>]*>Bonjour', html)
    assert re.search(r"text-transform: ?uppercase", div)
    assert "text-transform: uppercase" not in html.split("<body")[0]  # and leaves <head>


def test_media_queries_stay_in_style_tags(html: str):
    assert "@media (prefers-color-scheme: dark)" in html
    # MJML's responsive column rule survives with its !important
    assert re.search(r"@media only screen and \(min-width: ?480px\)", html)
    assert re.search(r"width: ?50% !important", html)


def test_links_are_not_rewritten(html: str):
    assert 'href="https://example.com/go?a=1&amp;b=2"' in html


def test_stylesheet_links_are_left_alone_offline():
    page = (
        '<!doctype html><html><head><link rel="stylesheet" '
        'href="https://fonts.googleapis.com/css?family=Inter"></head><body><p>x</p></body></html>'
    )
    out = inline_css(page)  # would raise if premailer tried to download it
    assert 'href="https://fonts.googleapis.com/css?family=Inter"' in out


def test_bad_mjml_is_a_failure_not_a_crash():
    with pytest.raises(MjmlFailure):
        compile_mjml("<mjml><mj-body><mj-section>")


def test_text_part(html: str):
    text = html_to_text(html)
    assert "Bonjour" in text
    assert "Voir l'offre <https://example.com/go?a=1&b=2>" in text
    assert "Hidden preheader" not in text
    assert "@media" not in text


def test_placeholders():
    assert field_names("Hi {first_name}, {percent}% off {{literal}}") == {"first_name", "percent"}
    assert (
        fill("Hi {first_name}, {percent}% off", {"first_name": "Zoé", "percent": "50"})
        == "Hi Zoé, 50% off"
    )
    with pytest.raises(ValueError, match=r"placeholder \{0\} should be a plain name"):
        field_names("Hi {0}")


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("handlebars", "{{first_name}}"),
        ("mailchimp", "*|FNAME|*"),
        ("liquid", "{{ first_name }}"),
    ],
)
def test_merge_tag_styles(style: str, expected: str):
    assert merge_tag(style, "first_name") == expected


def test_one_render_two_outputs():
    fields = MergeFields(
        ("first_name", "unsubscribe_url"),
        {"first_name": "Zoë <3", "unsubscribe_url": "https://x.example/u"},
        "mailchimp",
    )
    tokens = fields.tokens()
    rendered = f'<p>Hi {tokens["first_name"]}</p><a href="{tokens["unsubscribe_url"]}">x</a>'
    assert fields.as_tags(rendered) == '<p>Hi *|FNAME|*</p><a href="*|UNSUB|*">x</a>'
    assert (
        fields.as_samples(rendered, escape=True)
        == '<p>Hi Zoë &lt;3</p><a href="https://x.example/u">x</a>'
    )
