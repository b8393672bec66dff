"""MJML -> HTML: what scripts/mjml_sweep.py found MRML writing differently from Node mjml 5.4,
on literal MJML.

Each expected tag is the one Node `mjml` 5.4.1 writes for the same MJML, attribute for
attribute and declaration for declaration (Node orders attributes differently and indents;
the sweep compares without those). Node is not needed to run these tests.
"""

from __future__ import annotations

import random
import re

from mailglot.render.fixing import Fixing, attributes_blocks
from mailglot.render.image_attributes import carry_image_attributes
from mailglot.render.mjml import compile_mjml
from mailglot.render.mjml_defaults import ignored_defaults, read_defaults
from mailglot.render.mjml_heads import first_head_only

STYLE_13 = "font-size:13px;"


def body(inner: str, head: str = "") -> str:
    return (
        f"<mjml><mj-head>{head}</mj-head><mj-body><mj-section><mj-column>{inner}"
        "</mj-column></mj-section></mj-body></mjml>"
    )


def tags(html: str, name: str) -> list[str]:
    return re.findall(rf"<{name}\b[^>]*>", html)


def attributes(tag: str) -> dict[str, str]:
    return dict(re.findall(r'\s([\w:-]+)="([^"]*)"', tag))


def test_an_images_sizes_and_side_borders_are_on_its_img():
    """Node: sizes after srcset, each side border after `border:0` in Node's order (left,
    right, top, bottom); MRML dropped both, so the browser chose from srcset for the whole
    viewport and the frame was missing."""
    html = compile_mjml(
        body(
            '<mj-image src="https://cdn.example/p.png" srcset="https://cdn.example/p.png 1x, '
            'https://cdn.example/p2.png 2x" sizes="(max-width: 480px) 100vw, 560px" alt="Orbit"'
            ' border-top="4px solid #e50914" border-left="2px dashed #111111" />'
        )
    )
    assert tags(html, "img") == [
        '<img alt="Orbit" height="auto" src="https://cdn.example/p.png"'
        ' srcset="https://cdn.example/p.png 1x, https://cdn.example/p2.png 2x"'
        ' sizes="(max-width: 480px) 100vw, 560px" width="548"'
        ' style="border:0;border-left:2px dashed #111111;border-top:4px solid #e50914;'
        "display:block;outline:none;text-decoration:none;height:auto;width:100%;"
        f'{STYLE_13}" />'
    ]
    assert "mailglotimg" not in html


def test_sizes_from_mj_attributes_and_mj_class_reach_the_img():
    head = (
        '<mj-attributes><mj-image sizes="50vw" /><mj-class name="framed"'
        ' border-bottom="1px solid #000000" /></mj-attributes>'
    )
    html = compile_mjml(
        body('<mj-image mj-class="framed" src="https://cdn.example/p.png" />', head)
    )
    (img,) = tags(html, "img")
    assert attributes(img)["sizes"] == "50vw"
    assert attributes(img)["alt"] == ""  # Node's empty alt, also with an mj-class
    assert attributes(img)["style"].startswith("border:0;border-bottom:1px solid #000000;")


def test_social_icons_get_their_border_srcset_and_sizes():
    """Node writes the icon's border (its own, else its mj-social's, else 0) first in its
    style, and srcset and sizes on the <img>; MRML wrote none of them."""
    html = compile_mjml(
        body(
            '<mj-social border="1px solid #cccccc"><mj-social-element name="facebook"'
            ' href="https://s.example/f" srcset="https://cdn.example/f2.png 2x" sizes="20px">'
            "Facebook</mj-social-element>"
            '<mj-social-element name="twitter" href="https://s.example/t" border="0">X'
            '</mj-social-element></mj-social><mj-social><mj-social-element name="github"'
            ' href="https://s.example/g">GitHub</mj-social-element></mj-social>'
        )
    )
    icons = "https://www.mailjet.com/images/theme/v1/icons/ico-social/"
    assert tags(html, "img") == [
        f'<img alt="" src="{icons}facebook.png" srcset="https://cdn.example/f2.png 2x"'
        ' sizes="20px" width="20" style="border:1px solid #cccccc;border-radius:3px;'
        'display:block;" />',
        f'<img alt="" src="{icons}twitter.png" width="20"'
        ' style="border:0;border-radius:3px;display:block;" />',
        f'<img alt="" src="{icons}github.png" width="20"'
        ' style="border:0;border-radius:3px;display:block;" />',
    ]


def test_nothing_to_carry_leaves_the_source_untouched():
    plain = body('<mj-image src="https://cdn.example/p.png" alt="x" border="1px solid red" />')
    assert carry_image_attributes(plain, Fixing()) is plain
    head = '<mj-attributes><mj-button color="#ffffff" /><mj-all padding="0" /></mj-attributes>'
    with_defaults = body("<mj-button>Go</mj-button>", head)
    assert ignored_defaults(with_defaults, Fixing()) is with_defaults


def test_a_button_without_href_gets_its_title_on_its_paragraph():
    """Node writes a link-less button as `<p ... title="..." style>`; MRML dropped the title.
    The content keeps its own spaces, as both write them."""
    html = compile_mjml(
        body(
            '<mj-button title="Bientôt disponible" rel="nofollow">Bientôt</mj-button>'
            "<mj-button title='Say \"hi\"'>  Hi </mj-button>"
        )
    )
    style = (
        "display:inline-block;background:#414141;color:#ffffff;font-family:Ubuntu, Helvetica,"
        " Arial, sans-serif;font-size:13px;font-weight:normal;line-height:120%;margin:0;"
        "text-decoration:none;text-transform:none;padding:10px 25px;mso-padding-alt:0px;"
        "border-radius:3px;"
    )
    assert tags(html, "p") == [
        f'<p rel="nofollow" title="Bientôt disponible" style="{style}">',
        f'<p title="Say &quot;hi&quot;" style="{style}">',
    ]
    assert f'<p title="Say &quot;hi&quot;" style="{style}">  Hi </p>' in html
    assert "mailglottitle" not in html


def test_defaults_mrml_ignored_are_applied():
    """mj-attributes for mj-body (width, background), mj-divider (align), mj-button (title)
    and mj-social-element (color, size), and an mj-class on a social element: Node applies
    them all, MRML none of them."""
    head = (
        '<mj-attributes><mj-social-element color="#e50914" font-size="15px" />'
        '<mj-divider align="left" width="50%" /><mj-button title="Offre" />'
        '<mj-body width="480px" background-color="#101010" />'
        '<mj-class name="quiet" color="#777777" /></mj-attributes>'
    )
    html = compile_mjml(
        body(
            '<mj-divider /><mj-button href="https://s.example/o">Go</mj-button><mj-social>'
            '<mj-social-element name="facebook" href="https://s.example/f">F</mj-social-element>'
            '<mj-social-element name="twitter" mj-class="quiet" href="https://s.example/t">T'
            "</mj-social-element></mj-social>",
            head,
        )
    )
    assert tags(html, "body") == ['<body style="word-spacing:normal;background-color:#101010;">']
    assert 'width="480"' in html and 'width="600"' not in html
    assert '<p style="border-top:solid 4px #000000;font-size:1px;margin:0px;width:50%;">' in html
    assert "margin:0px auto;" not in "".join(tags(html, "p"))  # align left: no auto margin
    links = [attributes(t) for t in tags(html, "a")]
    assert links[0]["title"] == "Offre"
    texts = [a["style"] for a in links if "style" in a and "color:#" in a["style"]]
    assert texts[1:] == [
        "color:#e50914;font-size:15px;font-family:Ubuntu, Helvetica, Arial, sans-serif;"
        "line-height:22px;text-decoration:none;",
        "color:#777777;font-size:15px;font-family:Ubuntu, Helvetica, Arial, sans-serif;"
        "line-height:22px;text-decoration:none;",
    ]


def test_a_hero_is_fixed_height_by_default_with_its_radius_and_inner_padding():
    """Node's default mode is fixed-height (height less the vertical padding); it writes the
    border-radius on the hero's cell and the inner padding on the content <div>."""
    html = compile_mjml(
        "<mjml><mj-body>"
        '<mj-hero background-url="https://cdn.example/h.jpg" height="300px" padding="20px 0"'
        ' border-radius="12px" inner-padding="10px 30px"><mj-text>Hero</mj-text></mj-hero>'
        "</mj-body></mjml>"
    )
    assert (
        '<td background="https://cdn.example/h.jpg" height="260" style="background:#ffffff'
        " url('https://cdn.example/h.jpg') no-repeat center center / cover;background-position:"
        "center center;background-repeat:no-repeat;border-radius:12px;padding:20px 0;"
        'vertical-align:top;height:260px;">' in html
    )
    assert '<div class="mj-hero-content" style="margin:0px auto;padding:10px 30px;">' in html
    assert "padding-bottom:0%" not in html  # no spacer cells: not a fluid hero


def test_accordion_cells_have_nodes_padding_order_and_title_weight():
    """MRML wrote `padding-left:24px;padding:16px` (the shorthand undoing the side) and no
    font-weight on the title."""
    html = compile_mjml(
        body(
            '<mj-accordion><mj-accordion-element><mj-accordion-title font-weight="700"'
            ' padding-left="24px">Question</mj-accordion-title><mj-accordion-text'
            ' padding-bottom="24px">Answer</mj-accordion-text></mj-accordion-element>'
            "</mj-accordion>"
        )
    )
    family = "font-family:Ubuntu, Helvetica, Arial, sans-serif;"
    assert (
        f'<td style="width:100%;font-size:13px;{family}font-weight:700;padding:16px;'
        'padding-left:24px;">Question' in html
    )
    assert (
        f'<td style="font-size:13px;{family}line-height:1;padding:16px;padding-bottom:24px;">'
        "Answer" in html
    )


def test_an_mj_tables_role_is_kept():
    html = compile_mjml(body('<mj-table role="presentation"><tr><td>a</td></tr></mj-table>'))
    (table,) = [t for t in tags(html, "table") if "table-layout" in t]
    assert attributes(table)["role"] == "presentation"
    plain = compile_mjml(body("<mj-table><tr><td>a</td></tr></mj-table>"))
    (table,) = [t for t in tags(plain, "table") if "table-layout" in t]
    assert "role" not in attributes(table)


def test_a_wrappers_gap_is_above_every_section_but_the_first():
    """Node: `margin-top` at the end of the section's <div> style and `padding-top` at the end
    of its Outlook table's; MRML ignored the gap. A wrapper without gap is left alone."""
    html = compile_mjml(
        "<mjml><mj-body>"
        '<mj-wrapper gap="24px" padding="10px 20px"><mj-section css-class="a"><mj-column>'
        "<mj-text>A</mj-text></mj-column></mj-section><mj-section><mj-column><mj-text>B"
        "</mj-text></mj-column></mj-section></mj-wrapper><mj-wrapper><mj-section><mj-column>"
        "<mj-text>C</mj-text></mj-column></mj-section><mj-section><mj-column><mj-text>D"
        "</mj-text></mj-column></mj-section></mj-wrapper></mj-body></mjml>"
    )
    divs = [attributes(t)["style"] for t in tags(html, "div") if "max-width" in t]
    assert divs == [
        "margin:0px auto;max-width:600px;",
        "margin:0px auto;max-width:560px;",
        "margin:0px auto;max-width:560px;margin-top:24px;",
        "margin:0px auto;max-width:600px;",
        "margin:0px auto;max-width:600px;",
        "margin:0px auto;max-width:600px;",
    ]
    assert html.count("padding-top:24px;") == 1
    assert 'width="560" style="width:560px;padding-top:24px;">' in html


def test_full_width_false_is_a_section_of_the_body_width():
    """Node reads `full-width="false"` as not full width; MRML took any value for full."""

    def document(attrs: str) -> str:
        return (
            f"<mjml><mj-body><mj-section{attrs}><mj-column><mj-text>x</mj-text></mj-column>"
            "</mj-section></mj-body></mjml>"
        )

    plain = compile_mjml(document(""))
    assert compile_mjml(document(' full-width="false"')) == plain
    assert compile_mjml(document(" full-width=''")) == plain
    full = document(' full-width="full-width"')
    assert compile_mjml(full) != plain


def test_a_social_icon_on_the_right_comes_after_its_text():
    html = compile_mjml(
        body(
            '<mj-social><mj-social-element name="github" href="https://s.example/g"'
            ' icon-position="right">GitHub</mj-social-element></mj-social>'
        )
    )
    text = html.index(">GitHub</a>")
    icon = html.index("github.png")
    assert text < icon
    assert '<td style="vertical-align:middle;padding:4px 4px 4px 0;text-align:left;">' in html


def test_a_heros_outlook_table_is_narrowed_by_its_horizontal_padding():
    """Node: the Outlook table inside the hero is 600 less the left and right padding."""
    html = compile_mjml(
        '<mjml><mj-body><mj-hero padding="20px 14px" padding-left="10px">'
        "<mj-text>Hero</mj-text></mj-hero></mj-body></mjml>"
    )
    assert (
        '<!--[if mso | IE]><table border="0" cellpadding="0" cellspacing="0" width="576"'
        ' style="width:576px;">' in html
    )


def test_supported_thumbnails_are_written_hidden():
    """Node writes a `thumbnails="supported"` carousel's thumbnails with display:none; MRML
    wrote none. Another carousel's visible thumbnails stay as they are."""
    images = (
        '<mj-carousel-image src="https://cdn.example/1.jpg" />'
        '<mj-carousel-image src="https://cdn.example/2.jpg" />'
    )
    html = compile_mjml(
        body(
            f'<mj-carousel thumbnails="supported">{images}</mj-carousel>'
            f"<mj-carousel>{images}</mj-carousel>"
        )
    )
    thumbnails = [t for t in tags(html, "a") if "mj-carousel-thumbnail" in t]
    shown = [attributes(t)["style"].split("display:")[1].split(";")[0] for t in thumbnails]
    assert shown == ["none", "none", "inline-block", "inline-block"]


def test_a_gap_from_an_mj_class_is_found_too():
    """The gap is looked for in the wrappers' own attributes and in <mj-attributes>
    (`note_components`): one set by an mj-class must not be missed."""
    section = "<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>"
    html = compile_mjml(
        '<mjml><mj-head><mj-attributes><mj-class name="spaced" gap="12px" /></mj-attributes>'
        f'</mj-head><mj-body><mj-wrapper mj-class="spaced">{section * 2}</mj-wrapper>'
        "</mj-body></mjml>"
    )
    assert html.count("margin-top:12px;") == 1
    assert html.count("padding-top:12px;") == 1


# --- defaults split over several <mj-attributes> blocks (and several <mj-head>) -----------
# Node mjml 5.4.1 reads every <mj-attributes> of its (first) <mj-head>, in order, into one
# record: tag defaults, mj-classes and mj-all merged attribute by attribute, a later value
# winning. MRML merges them the same way; the fix-ups that read the defaults themselves
# read every block too.


def split(first: str, second: str, inner: str) -> str:
    return body(
        inner, f"<mj-attributes>{first}</mj-attributes><mj-attributes>{second}</mj-attributes>"
    )


def test_a_social_element_default_in_a_second_block_wins_over_the_first():
    """MRML ignores mj-social-element defaults (`ignored_defaults` writes them on the
    elements): the second block's colour, and the first block's size it does not set."""
    html = compile_mjml(
        split(
            '<mj-social-element font-size="15px" color="#ff0000" />',
            '<mj-social-element color="#00aa00" />',
            '<mj-social><mj-social-element name="facebook" href="https://streamly.example/fb">'
            "Facebook</mj-social-element></mj-social>",
        )
    )
    assert tags(html, "a")[-1] == (
        '<a href="https://www.facebook.com/sharer/sharer.php?u=https://streamly.example/fb"'
        ' target="_blank" style="color:#00aa00;font-size:15px;font-family:Ubuntu, Helvetica,'
        ' Arial, sans-serif;line-height:22px;text-decoration:none;">'
    )


def test_an_mj_class_of_the_second_block_gives_an_image_its_sizes_and_side_border():
    html = compile_mjml(
        split(
            '<mj-image padding="0" />',
            '<mj-class name="hero" sizes="(max-width: 480px) 100vw, 600px"'
            ' border-left="4px solid #e50914" />',
            '<mj-image mj-class="hero" src="https://cdn.example/p.png" srcset="https://cdn.example'
            '/p.png 600w, https://cdn.example/p2.png 1200w" alt="Orbit" />',
        )
    )
    assert tags(html, "img") == [
        '<img alt="Orbit" height="auto" src="https://cdn.example/p.png"'
        ' srcset="https://cdn.example/p.png 600w, https://cdn.example/p2.png 1200w"'
        ' sizes="(max-width: 480px) 100vw, 600px" width="596"'
        ' style="border:0;border-left:4px solid #e50914;display:block;outline:none;'
        f'text-decoration:none;height:auto;width:100%;{STYLE_13}" />'
    ]


def test_an_alt_default_in_the_second_block_is_not_overwritten_by_an_empty_alt():
    html = compile_mjml(
        split(
            '<mj-text color="#111111" />',
            '<mj-image alt="Streamly" />',
            '<mj-image src="https://cdn.example/logo.png" />',
        )
    )
    assert tags(html, "img") == [
        '<img alt="Streamly" height="auto" src="https://cdn.example/logo.png" width="550"'
        ' style="border:0;display:block;outline:none;text-decoration:none;height:auto;'
        f'width:100%;{STYLE_13}" />'
    ]


def test_the_second_blocks_body_width_and_button_title_and_divider_align():
    html = compile_mjml(
        split(
            '<mj-body width="640px" /><mj-button background-color="#e50914" />'
            '<mj-divider border-color="#999999" />',
            '<mj-body width="480px" /><mj-button title="Watch the trailer" />'
            '<mj-divider align="left" width="50%" />',
            '<mj-button href="https://streamly.example/t">Watch</mj-button><mj-divider />',
        )
    )
    assert tags(html, "table")[0] == (
        '<table border="0" cellpadding="0" cellspacing="0" role="presentation" align="center"'
        ' width="480" style="width:480px;">'
    )
    assert tags(html, "a") == [
        '<a href="https://streamly.example/t" title="Watch the trailer" target="_blank"'
        ' style="display:inline-block;background:#e50914;color:#ffffff;font-family:Ubuntu,'
        " Helvetica, Arial, sans-serif;font-size:13px;font-weight:normal;line-height:120%;"
        "margin:0;text-decoration:none;text-transform:none;padding:10px 25px;"
        'mso-padding-alt:0px;border-radius:3px;">'
    ]
    assert tags(html, "p") == [
        '<p style="border-top:solid 4px #999999;font-size:1px;margin:0px;width:50%;">'
    ]


def test_accordion_element_defaults_merge_over_blocks_the_later_winning():
    html = compile_mjml(
        split(
            '<mj-accordion-element icon-wrapped-url="https://cdn.example/a.png"'
            ' icon-unwrapped-url="https://cdn.example/b.png" />',
            '<mj-accordion-element icon-wrapped-url="https://cdn.example/plus.png" />',
            "<mj-accordion><mj-accordion-element><mj-accordion-title>Q</mj-accordion-title>"
            "<mj-accordion-text>A</mj-accordion-text></mj-accordion-element></mj-accordion>",
        )
    )
    assert tags(html, "img") == [
        '<img src="https://cdn.example/plus.png" alt="+" class="mj-accordion-more"'
        ' style="display:none;width:32px;height:32px;" />',
        '<img src="https://cdn.example/b.png" alt="-" class="mj-accordion-less"'
        ' style="display:none;width:32px;height:32px;" />',
    ]


def test_a_wrappers_gap_from_a_class_of_the_second_block():
    section = "<mj-section><mj-column><mj-text>x</mj-text></mj-column></mj-section>"
    html = compile_mjml(
        '<mjml><mj-head><mj-attributes><mj-wrapper padding="0" /></mj-attributes>'
        '<mj-attributes><mj-class name="roomy" gap="16px" /></mj-attributes></mj-head>'
        f'<mj-body><mj-wrapper mj-class="roomy">{section * 2}</mj-wrapper></mj-body></mjml>'
    )
    assert '<div style="margin:0px auto;max-width:600px;margin-top:16px;">' in html
    assert html.count("padding-top:16px;") == 1


def test_split_blocks_read_as_one_block():
    """Tags, mj-classes and mj-all merged attribute by attribute, the later value winning:
    the record of two blocks is the record of one block holding both."""
    first = (
        '<mj-text color="#111" font-size="11px" /><mj-all font-family="Arial" />'
        '<mj-class name="a" color="#a00" padding="1px" />'
    )
    second = (
        '<mj-text color="#222" line-height="22px" /><mj-all font-family="Georgia" />'
        '<mj-class name="a" padding="2px" /><mj-class name="b" font-size="33px" />'
    )
    merged = read_defaults(f"<mj-attributes>{first}{second}</mj-attributes>")
    defaults = read_defaults(split(first, second, "<mj-text>x</mj-text>"))
    assert defaults == merged
    assert defaults.tags["mj-text"] == {
        "color": '"#222"',
        "font-size": '"11px"',
        "line-height": '"22px"',
    }
    assert defaults.classes["a"] == {"color": '"#a00"', "padding": '"2px"'}
    assert defaults.all == {"font-family": '"Georgia"'}


def test_only_the_first_mj_head_is_read():
    """Node reads the first <mj-head> and ignores the others whole; MRML read the last."""
    html = compile_mjml(
        '<mjml><mj-head><mj-title>Layout</mj-title><mj-attributes><mj-text color="#111111" />'
        "</mj-attributes></mj-head><mj-head><mj-title>Child</mj-title><mj-attributes>"
        '<mj-text color="#222222" font-size="20px" /></mj-attributes></mj-head>'
        "<mj-body><mj-section><mj-column><mj-text>Hi</mj-text></mj-column></mj-section>"
        "</mj-body></mjml>"
    )
    assert "<title>Layout</title>" in html
    assert '<div aria-label="Layout" aria-roledescription="email"' in html
    assert (
        '<div style="font-family:Ubuntu, Helvetica, Arial, sans-serif;font-size:13px;'
        'line-height:1;text-align:left;color:#111111;">'
    ) in html
    assert "Child" not in html


def test_later_heads_are_taken_out_outside_the_body_and_comments_only():
    one = "<mjml><mj-head><mj-title>A</mj-title></mj-head><mj-body></mj-body></mjml>"
    assert first_head_only(one, Fixing()) is one
    many = (
        "<mjml><mj-head><mj-title>A</mj-title></mj-head><!-- <mj-head></mj-head> -->"
        "<mj-head /><mj-head><mj-title>B</mj-title></mj-head><mj-body><mj-raw><mj-head>"
        "</mj-raw></mj-body><mj-head><mj-title>C</mj-title></mj-head></mjml>"
    )
    assert first_head_only(many, Fixing()) == (
        "<mjml><mj-head><mj-title>A</mj-title></mj-head><!-- <mj-head></mj-head> -->"
        "<mj-body><mj-raw><mj-head></mj-raw></mj-body></mjml>"
    )
    empty_first = "<mjml><mj-head/><mj-head><mj-title>B</mj-title></mj-head></mjml>"
    assert first_head_only(empty_first, Fixing()) == "<mjml><mj-head/></mjml>"


def test_the_blocks_are_where_the_pattern_finds_them():
    """`attributes_blocks` finds with str.find what `<mj-attributes\\b.*?</mj-attributes>`
    (re.S) finds, on generated text: the first match, and the later ones that start before
    the `</mj-head` after the first, if any (a block outside the head is not read)."""
    pattern = re.compile(r"<mj-attributes\b.*?</mj-attributes>", re.S)
    pieces = ["<mj-attributes>", "<mj-attributes />", "<mj-attributesx>", "</mj-attributes>"]
    pieces += ["<mj-all a=1/>", "x", "<mj-attributes", "<mj-", "</mj-attributes", "</mj-head>"]
    rng = random.Random(40)
    several = 0
    for _ in range(20_000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        text += rng.choice(("", "</mj-head>"))  # most heads close after their blocks
        found = [m.span() for m in pattern.finditer(text)]
        if found:
            limit = text.find("</mj-head", found[0][1])
            found = [s for s in found if limit == -1 or s[0] < limit]
        assert list(attributes_blocks(text)) == found, text
        several += len(found) > 1
    assert several > 100  # several blocks in a head, not only the easy cases


_HEAD_PIECES = ["<mj-head>", "</mj-head>", "<mj-head />", "<mj-body>", "</mj-body>", "<!--"]
_HEAD_PIECES += ["-->", " ", "\n", "x", "<mj-title>t</mj-title>", '<mj-body width="1px" />']


def _later_heads_out(mjml: str) -> str:
    """first_head_only without its look at the common document: every top-level piece read."""
    pattern = re.compile(
        r"<!--.*?-->|<mj-body(?![\w-]).*</mj-body\s*>"
        r"|<mj-head(?![\w-])(?:[^>\"']|\"[^\"]*\"|'[^']*')*?(?:/>|>.*?</mj-head\s*>)",
        re.S,
    )
    heads = [m.span() for m in pattern.finditer(mjml) if m.group(0).startswith("<mj-head")]
    for start, end in reversed(heads[1:]):
        mjml = mjml[:start] + mjml[end:]
    return mjml


def test_one_head_is_told_as_the_whole_reading_tells_it():
    """The quick look for the common document (one head, then the body) answers as reading
    every top-level piece does, on generated documents."""
    rng = random.Random(41)
    taken = 0
    for _ in range(20_000):
        text = "".join(rng.choice(_HEAD_PIECES) for _ in range(rng.randint(0, 9)))
        expected = _later_heads_out(text)
        assert first_head_only(text, Fixing()) == expected, text
        taken += expected != text
    assert taken > 500
