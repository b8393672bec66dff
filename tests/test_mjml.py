"""MJML -> HTML: each difference from Node mjml 5 that mjml_fixes undoes, on literal MJML.

The expected values are what Node `mjml` 5.4 writes for the same MJML (checked with
scripts/fidelity.py); Node is not needed to run these tests.
"""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from mailglot.render.inline import inline_css
from mailglot.render.link_titles import carry_link_titles
from mailglot.render.mj_classes import (
    _MJ_CLASS_VALUE,
    SEVERAL_CLASSES,
    _reverse_classes,
    reverse_mj_classes,
)
from mailglot.render.mjml import MjmlFailure, compile_mjml
from mailglot.render.mjml_fixes import Fixing, fix_tags, protect_conditional_comments

CORPUS = Path(__file__).parent / "fidelity"


def body(inner: str, head: str = "") -> str:
    return (
        f"<mjml><mj-head>{head}</mj-head><mj-body><mj-section><mj-column>{inner}"
        "</mj-column></mj-section></mj-body></mjml>"
    )


def tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>", html)


def test_image_without_alt_gets_an_empty_alt():
    html = compile_mjml(body('<mj-image src="https://e.x/a.png" />'))
    [img] = tags(html, "img")
    assert 'alt=""' in img


def test_social_icons_without_alt_get_an_empty_alt():
    html = compile_mjml(
        body(
            '<mj-social><mj-social-element name="facebook" href="https://e.x">Fb'
            '</mj-social-element><mj-social-element name="x" href="https://e.x" alt="X" />'
            "</mj-social>"
        )
    )
    alts = [re.search(r'alt="([^"]*)"', t).group(1) for t in tags(html, "img")]
    assert alts == ["", "X"]


def test_an_alt_from_mj_attributes_is_not_overridden():
    head = '<mj-attributes><mj-image alt="Default" /></mj-attributes>'
    [img] = tags(compile_mjml(body('<mj-image src="https://e.x/a.png" />', head)), "img")
    assert 'alt="Default"' in img


def test_newlines_in_attribute_values_stay_newlines():
    html = compile_mjml(
        body('<mj-text><p style="color: #7c3aed;\n  font-size: 22px">Hi</p></mj-text>')
    )
    [p] = tags(html, "p")
    assert p == '<p style="color: #7c3aed;&#10;  font-size: 22px">'
    assert "\\n" not in html


def test_duplicated_attribute_keeps_the_first():
    html = compile_mjml(body('<mj-text color="#16a34a" color="#dc2626">x</mj-text>') + "")
    assert "color:#16a34a" in html and "#dc2626" not in html


def test_duplicated_image_width_keeps_the_first():
    [img] = tags(compile_mjml(body('<mj-image src="a.png" width="200px" width="400px" />')), "img")
    assert 'width="200"' in img


def test_later_mj_class_wins():
    head = (
        '<mj-attributes><mj-class name="muted" color="#777777" font-size="12px" />'
        '<mj-class name="big" font-size="28px" /></mj-attributes>'
    )
    html = compile_mjml(body('<mj-text mj-class="muted big">x</mj-text>', head))
    [div] = [d for d in tags(html, "div") if "font-size:28px" in d or "font-size:12px" in d]
    assert "font-size:28px" in div and "color:#777777" in div


def test_conditional_comments_in_mj_raw_are_copied_verbatim():
    opening = (
        '<!--[if mso]><table role="presentation" width="100%"><tr>'
        '<td style="padding:10px"><![endif]-->'
    )
    closing = "<!--[if mso]></td></tr></table><![endif]-->"
    html = compile_mjml(
        body(f"<mj-raw>{opening}</mj-raw><mj-text>Between</mj-text><mj-raw>{closing}</mj-raw>")
    )
    assert opening in html and closing in html
    assert html.index(opening) < html.index("Between") < html.index(closing)
    assert "<mj-text" not in html  # MRML alone leaves the MJML after the comment unparsed


def test_mj_table_collapses_borders_without_cellspacing():
    html = compile_mjml(
        body('<mj-table cellpadding="6px" width="300px"><tr><td>x</td></tr></mj-table>')
    )
    [table] = [t for t in tags(html, "table") if "table-layout" in t]
    assert "border-collapse:separate" not in table
    assert 'width="300"' in table


def test_mj_table_with_cellspacing_keeps_separate_borders():
    html = compile_mjml(body('<mj-table cellspacing="4"><tr><td>x</td></tr></mj-table>'))
    [table] = [t for t in tags(html, "table") if "table-layout" in t]
    assert "border-collapse:separate" in table


def test_fluid_hero_is_as_tall_as_its_picture_ratio():
    html = compile_mjml(
        '<mjml><mj-body><mj-hero mode="fluid-height" background-width="600px" '
        'background-height="469px" background-url="https://e.x/h.jpg" padding="60px 20px">'
        "<mj-text>Hero</mj-text></mj-hero></mj-body></mjml>"
    )
    spacer = '<td style="width:0.01%;padding-bottom:78%;mso-padding-bottom-alt:0;" /> '
    assert spacer + "<td" in html  # before the content cell
    assert "</td>" + spacer + "</tr>" in html  # and after it, as Node writes them
    assert 'height="-' not in html and "height:-" not in html


def test_fixed_hero_keeps_its_height():
    html = compile_mjml(
        '<mjml><mj-body><mj-hero mode="fixed-height" height="400px" padding="100px 0" '
        'background-url="https://e.x/h.jpg"><mj-text>Hero</mj-text></mj-hero></mj-body></mjml>'
    )
    [cell] = re.findall(r'<tr style="vertical-align:top;"><td [^>]*>', html)
    assert 'height="200"' in cell and "height:200px;" in cell  # 400px less 2 x 100px padding


def test_accordion_element_defaults_from_mj_attributes():
    head = (
        "<mj-attributes><mj-accordion-element "
        'icon-wrapped-url="https://e.x/down.png" icon-width="24px" icon-height="24px" />'
        "</mj-attributes>"
    )
    html = compile_mjml(
        body(
            "<mj-accordion><mj-accordion-element><mj-accordion-title>T</mj-accordion-title>"
            "<mj-accordion-text>X</mj-accordion-text></mj-accordion-element></mj-accordion>",
            head,
        )
    )
    more = [t for t in tags(html, "img") if "mj-accordion-more" in t]
    assert more and all('src="https://e.x/down.png"' in t and "width:24px" in t for t in more)


def test_html_attributes_are_applied():
    head = (
        '<mj-html-attributes><mj-selector path=".tracked a">'
        '<mj-html-attribute name="data-id">42</mj-html-attribute>'
        "</mj-selector></mj-html-attributes>"
    )
    html = compile_mjml(
        body('<mj-text css-class="tracked"><a href="https://e.x/t">Link</a></mj-text>', head)
    )
    [a] = tags(html, "a")
    assert 'data-id="42"' in a
    assert html.startswith("<!doctype html>")


def test_untouched_source_is_returned_as_is():
    source = body("<mj-text>Nothing to fix</mj-text>")
    fixing = Fixing()
    assert protect_conditional_comments(source, fixing) is source
    assert fix_tags(source, fixing) == source


def test_mj_include_is_refused():
    with pytest.raises(MjmlFailure, match="MJML could not be compiled"):
        compile_mjml('<mjml><mj-body><mj-include path="/etc/passwd" /></mj-body></mjml>')


def test_the_corpus_has_every_standard_component():
    text = "\n".join(p.read_text(encoding="utf-8") for p in CORPUS.glob("*.mjml"))
    components = [
        "mj-accordion",
        "mj-accordion-element",
        "mj-accordion-title",
        "mj-accordion-text",
        "mj-attributes",
        "mj-all",
        "mj-class",
        "mj-breakpoint",
        "mj-body",
        "mj-button",
        "mj-carousel",
        "mj-carousel-image",
        "mj-column",
        "mj-divider",
        "mj-font",
        "mj-group",
        "mj-head",
        "mj-hero",
        "mj-html-attributes",
        "mj-image",
        "mj-navbar",
        "mj-navbar-link",
        "mj-preview",
        "mj-raw",
        "mj-section",
        "mj-social",
        "mj-social-element",
        "mj-spacer",
        "mj-style",
        "mj-table",
        "mj-text",
        "mj-title",
        "mj-wrapper",
    ]
    missing = [c for c in components if f"<{c}" not in text]
    assert missing == []
    assert len(list(CORPUS.glob("*.mjml"))) >= 30


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*.mjml")), ids=lambda p: p.stem)
def test_every_corpus_file_compiles(path: Path):
    html = compile_mjml(path.read_text(encoding="utf-8"))
    assert html.lower().startswith("<!doctype html>")
    assert "<mj-" not in html.split("<body", 1)[1]
    assert "\\n" not in html


def test_carousel_yahoo_rule_never_matches_a_browser():
    html = compile_mjml(
        body(
            '<mj-carousel><mj-carousel-image src="https://e.x/1.jpg" />'
            '<mj-carousel-image src="https://e.x/2.jpg" /></mj-carousel>'
        )
    )
    assert "@media screen yahoo {" in html and "@media screen, yahoo" not in html


def test_the_email_label_is_the_title_text_not_rusts_debug_format():
    """A French subject's no-break spaces reached screen readers as the text `\\u{a0}`."""
    title = "Black Friday\u00a0: -40\u00a0% sur l&#39;abonnement &#34;Premium&#34;"
    html = compile_mjml(body("<mj-text>x</mj-text>", f"<mj-title>{title}</mj-title>"))
    label = re.search(r'aria-label="([^"]*)"', html).group(1)
    assert label == "Black Friday\u00a0: -40\u00a0% sur l&#39;abonnement &#34;Premium&#34;"
    assert f"<title>{title}</title>" in html
    # a literal quote (a designer's own title) stays inside the attribute, and a backslash
    # typed in the title is kept as one
    html = compile_mjml(body("<mj-text>x</mj-text>", '<mj-title>Say "hi" \\ bye</mj-title>'))
    assert 'aria-label="Say &quot;hi&quot; \\ bye" aria-roledescription="email"' in html
    # a title MRML writes plainly is left as MRML wrote it
    html = compile_mjml(body("<mj-text>x</mj-text>", "<mj-title>ブラックフライデー</mj-title>"))
    assert 'aria-label="ブラックフライデー"' in html


def test_images_in_fractional_columns_get_whole_pixel_widths():
    columns = "".join(
        f'<mj-column width="33.33%"><mj-image src="https://e.x/{i}.png" /></mj-column>'
        for i in range(3)
    )
    html = compile_mjml(f"<mjml><mj-body><mj-section>{columns}</mj-section></mj-body></mjml>")
    widths = {re.search(r'width="([^"]*)"', t).group(1) for t in tags(html, "img")}
    assert widths == {"149"}  # 199.98px column less 2 x 25px padding, truncated as Node does
    assert '<td style="width:149px;">' in html


def test_mj_class_order_is_reversed_where_the_pattern_matches_and_nowhere_else():
    assert reverse_mj_classes('<mj-text mj-class="muted  big">') == '<mj-text mj-class="big muted">'
    assert reverse_mj_classes("<mj-text mj-class='a b'>") == '<mj-text mj-class="b a">'
    assert reverse_mj_classes('<mj-text xmj-class="a b">') == '<mj-text xmj-class="a b">'
    # one class, double-quoted: the document itself (later fixes remember it by identity)
    single = '<mj-text mj-class="muted" padding="0">'
    assert SEVERAL_CLASSES.search(single) and reverse_mj_classes(single) is single
    # a match inside another's value is not one: the first match ends after it
    nested = '<mj-text mj-class=" mj-class=\'a b\'" mj-class="c d">'
    assert reverse_mj_classes(nested) == _MJ_CLASS_VALUE.sub(_reverse_classes, nested)
    pieces = ["mj-class", "mj-clas", "s", " ", "\n", "=", '"', "'", "a", "b c", "<", ">"]
    rng = random.Random(15)
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        assert reverse_mj_classes(text) == _MJ_CLASS_VALUE.sub(_reverse_classes, text), text


def test_a_buttons_and_a_linked_images_title_reach_their_link():
    """Node writes `title` on the button's <a> and on a linked image's <a> (and <img>); MRML
    dropped it from both links: no hover text, no description for screen readers."""
    html = compile_mjml(
        body(
            '<mj-button href="https://s.example/offer" title="Voir l&#39;offre">Go</mj-button>'
            '<mj-image src="https://cdn.example/p.png" alt="Orbit 9" title=\'The "Orbit" &amp; co\''
            ' href="https://s.example/watch?a=1&amp;b=2#top" />'
            '<mj-image src="https://cdn.example/q.png" alt="Q" title="unlinked" />'
            '<mj-button title="no link">P</mj-button>'
        )
    )
    links = [re.sub(r'\sstyle="[^"]*"', "", t) for t in tags(html, "a")]
    assert links == [
        '<a href="https://s.example/offer" title="Voir l&#39;offre" target="_blank">',
        '<a href="https://s.example/watch?a=1&amp;b=2#top"'
        ' title="The &quot;Orbit&quot; &amp; co" target="_blank">',
    ]
    assert "mailglottitle" not in html
    assert 'title="unlinked"' in html  # MRML keeps an <img>'s own title
    # nothing to carry: the source goes to MRML untouched
    plain = body('<mj-button href="https://s.example/b">B</mj-button><mj-image title="t" />')
    assert carry_link_titles(plain, Fixing()) is plain


def test_attribute_values_are_what_the_template_wrote_not_rust_escape_codes():
    """MRML wrote copied attribute values through Rust's debug format: a French alt text's
    no-break space reached screen readers (and readers with images off) as `\\u{a0}`, the
    pseudo-locale ar_XB's right-to-left marks as `\\u{200f}`, a backslash doubled."""
    rtl = "\u200f\u202bOrbit 9\u202c\u200f"
    html = compile_mjml(
        body(
            '<mj-image src="https://cdn.example/p.png" alt="Prix\u00a0: 9,99\u00a0€"'
            f' title="{rtl}" href="https://s.example/watch?x=a\\b" css-class="poster\u00a0x" />'
            '<mj-text><a href="https://s.example/help" title="Aide\u202f!">Aide</a>'
            '<img alt="Tab\there" src="https://cdn.example/r.png"></mj-text>'
            '<mj-text font-family="Brand\\Sans">plain</mj-text>'
        )
    )
    doc = lxml_html.document_fromstring(inline_css(html))
    img, raw = doc.xpath("//img")
    assert img.get("alt") == "Prix\u00a0: 9,99\u00a0€"
    assert img.get("title") == rtl
    assert doc.xpath("//a")[0].get("href") == "https://s.example/watch?x=a\\b"
    assert "poster\u00a0x" in doc.xpath("//td[contains(@class, 'poster')]")[0].get("class")
    assert doc.xpath("//a")[1].get("title") == "Aide\u202f!"
    assert raw.get("alt") == "Tab\there"
    assert "\\u{" not in html and "\\\\" not in html
    # a style MRML writes itself is plain text: its backslash is the designer's
    assert "font-family:Brand\\Sans;" in html
    # a C1 control stays itself: as a reference ("&#133;") a parser would read it as "…"
    nel = compile_mjml(body('<mj-image src="https://cdn.example/n.png" alt="a\u0085b" />'))
    assert lxml_html.document_fromstring(inline_css(nel)).xpath("//img")[0].get("alt") == "a\u0085b"


def _body_and_wrapper(html: str) -> tuple[str, str]:
    start = re.search(r"<body\b[^>]*>", html)
    wrapper = re.search(r'<div\b[^>]*aria-roledescription="email"[^>]*>', html)
    return start.group(0), wrapper.group(0)


def test_mj_body_class_and_id_are_on_body_as_node_writes_them():
    """Node 5.4 writes `<body id=".." class=".." style="..">` and no class or id on the
    email wrapper; MRML put the class on the wrapper and dropped the id."""
    html = compile_mjml(
        "<mjml><mj-head><mj-title>T</mj-title><mj-preview>P</mj-preview></mj-head>"
        '<mj-body css-class="mg-bg x" id="top" background-color="#eeeeee">'
        "<mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>"
    )
    start, wrapper = _body_and_wrapper(html)
    assert start == (
        '<body id="top" class="mg-bg x" style="word-spacing:normal;background-color:#eeeeee;">'
    )
    assert wrapper == (
        '<div aria-label="T" aria-roledescription="email" role="article" lang="und" dir="auto"'
        ' style="background-color:#eeeeee;">'
    )


@pytest.mark.parametrize(
    ("head", "attrs", "expected"),
    [
        ("", 'css-class=""', '<body class="" style="word-spacing:normal;">'),
        (  # an mj-class, and mj-all, reach the body too
            '<mj-attributes><mj-class name="k" css-class="from-class" /></mj-attributes>',
            'mj-class="k"',
            '<body class="from-class" style="word-spacing:normal;">',
        ),
        (
            '<mj-attributes><mj-all css-class="all" /></mj-attributes>',
            "",
            '<body class="all" style="word-spacing:normal;">',
        ),
        (  # MRML ignored mj-body defaults altogether
            '<mj-attributes><mj-body css-class="def" id="d" /></mj-attributes>',
            "",
            '<body id="d" class="def" style="word-spacing:normal;">',
        ),
        (  # the element's own value beats the default
            '<mj-attributes><mj-body css-class="def" id="d" /></mj-attributes>',
            "css-class='own &amp; more' id=\"mine\"",
            '<body id="mine" class="own &amp; more" style="word-spacing:normal;">',
        ),
        ("", "", '<body style="word-spacing:normal;">'),
    ],
)
def test_mj_body_class_and_id_sources(head: str, attrs: str, expected: str):
    """Each as Node 5.4 writes it (`mjml -s`), checked by hand against its output."""
    html = compile_mjml(
        f"<mjml><mj-head>{head}</mj-head><mj-body {attrs}><mj-section><mj-column>"
        "<mj-text>Hi</mj-text></mj-column></mj-section></mj-body></mjml>"
    )
    start, wrapper = _body_and_wrapper(html)
    assert start == expected
    assert " class=" not in wrapper and " id=" not in wrapper
