"""The MJML fix-ups act where MRML's output for their components is, once each: the restores
after compiling copy the document once (not once per element), and a fix made before
compiling touches only the start tags of its components, never text or mj-raw content."""

from __future__ import annotations

import re

from mailglot.render import mjml_fixes
from mailglot.render.image_attributes import restore_image_attributes
from mailglot.render.link_titles import restore_link_titles
from mailglot.render.mjml import _to_html, compile_mjml


class _Copied(str):
    """A document that counts the characters copied out of it by slicing and joining: a
    count, the same on any machine, that grows with the square of the elements when each
    element's restore rebuilds the whole text."""

    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        part = str.__getitem__(self, key)
        if isinstance(key, slice):
            _Copied.copied += len(part)
            return _Copied(part)
        return part

    def __add__(self, other: str) -> _Copied:
        joined = str.__add__(self, other)
        _Copied.copied += len(joined)
        return _Copied(joined)


def _compiled(body: str) -> tuple[str, mjml_fixes.Fixing]:
    """MRML's HTML for `body` with the tokens the fixes before compiling left in it."""
    fixing = mjml_fixes.Fixing()
    source = (
        f"<mjml><mj-body><mj-section><mj-column>{body}</mj-column></mj-section></mj-body></mjml>"
    )
    for before in mjml_fixes.BEFORE:
        source = before(source, fixing)
    html = _to_html(source)
    for after in mjml_fixes.AFTER[: mjml_fixes.AFTER.index(restore_link_titles)]:
        html = after(html, fixing)
    return html, fixing


def _copied(restore, html: str, fixing: mjml_fixes.Fixing) -> tuple[float, str]:  # type: ignore[no-untyped-def]
    _Copied.copied = 0
    out = restore(_Copied(html), fixing)
    return _Copied.copied / len(html), out


def test_image_attributes_are_restored_copying_the_document_once() -> None:
    right = ' icon-position="right"'
    social = "".join(
        f'<mj-social-element name="facebook" href="https://e.com/{i}"'
        f"{right if i % 2 else ''}>F{i}</mj-social-element>"
        for i in range(150)
    )
    images = "".join(f'<mj-image src="{i}.png" alt="a{i}" sizes="100px"/>' for i in range(150))
    html, fixing = _compiled(f"<mj-social>{social}</mj-social>{images}")
    assert len(fixing.image_attributes) == 300
    ratio, out = _copied(restore_image_attributes, html, fixing)
    assert ratio < 3  # each element rebuilding the text: ~600 times the document
    assert "mailglotimg" not in out
    assert out.count('sizes="100px"') == 150
    assert out.count('style="border:0;border-radius:3px;display:block;"') == 150
    # an icon on the right: the text's cell first
    assert ">F0</a></td></tr>" in out
    assert '>F1</a></td><td style="padding:4px;vertical-align:middle;">' in out


def test_link_titles_are_restored_copying_the_document_once() -> None:
    linked = "".join(
        f'<mj-button href="https://e.com/{i}" title="t{i}">B{i}</mj-button>' for i in range(150)
    )
    plain = "".join(f'<mj-button title="p{i}">P{i}</mj-button>' for i in range(150))
    html, fixing = _compiled(linked + plain)
    assert len(fixing.link_titles) == 300
    ratio, out = _copied(restore_link_titles, html, fixing)
    assert ratio < 3  # each link rebuilding the text: ~600 times the document
    assert "mailglottitle" not in out
    assert '<a href="https://e.com/149" title="t149"' in out
    assert out.count('<p title="p') == 150


def _document(body: str, head: str = "") -> str:
    return f"<mjml>{head}<mj-body>{body}</mj-body></mjml>"


_BODY_WIDTH = (
    '<div style="background:#abcdef;background-color:#abcdef;margin:0px auto;max-width:600px;">'
)


def test_full_width_false_written_as_text_stays() -> None:
    """Node copies an mj-text's content as written; the fix dropped `full-width="false"` out of
    any text, mj-raw or value once a document wrote it anywhere."""
    html = compile_mjml(
        _document(
            '<mj-section full-width="false" background-color="#abcdef"><mj-column>'
            '<mj-text>write full-width="false" to disable</mj-text>'
            '<mj-image src="a.png" alt=\'full-width="false"\'/></mj-column></mj-section>'
            "<mj-raw><p data-x='full-width=\"false\"'>raw</p></mj-raw>"
        )
    )
    assert 'write full-width="false" to disable' in html
    # (MRML writes the inner quotes of these values as &quot;: the text is still there)
    assert 'alt="full-width=&quot;false&quot;"' in html
    assert '<p data-x="full-width=&quot;false&quot;">raw</p>' in html
    assert _BODY_WIDTH in html  # the section itself: the body's width, as Node writes it


def test_full_width_asked_in_text_does_not_keep_a_section_full_width() -> None:
    html = compile_mjml(
        _document(
            '<mj-section full-width="false" background-color="#abcdef"><mj-column>'
            '<mj-text>write full-width="full-width" here</mj-text></mj-column></mj-section>'
        )
    )
    assert _BODY_WIDTH in html
    assert 'write full-width="full-width" here' in html


def test_full_width_false_in_defaults_and_classes_still_dropped() -> None:
    head = (
        '<mj-head><mj-attributes><mj-class name="narrow" full-width="false"/>'
        "</mj-attributes></mj-head>"
    )
    html = compile_mjml(
        _document(
            '<mj-section mj-class="narrow" background-color="#abcdef"><mj-column>'
            "<mj-text>x</mj-text></mj-column></mj-section>",
            head,
        )
    )
    assert _BODY_WIDTH in html
    # a section asking for full width through a class keeps the other's attribute
    head = head.replace("/>", '/><mj-class name="wide" full-width="full-width"/>', 1)
    html = compile_mjml(
        _document(
            '<mj-section mj-class="wide" background-color="#abcdef"><mj-column>'
            '<mj-text>x</mj-text></mj-column></mj-section><mj-section full-width="false">'
            "<mj-column><mj-text>y</mj-text></mj-column></mj-section>",
            head,
        )
    )
    assert _BODY_WIDTH not in html


def test_thumbnails_supported_written_as_text_stays() -> None:
    head = (
        '<mj-head><mj-attributes><mj-class name="s" thumbnails="supported"/>'
        "</mj-attributes></mj-head>"
    )
    html = compile_mjml(
        _document(
            '<mj-section><mj-column><mj-text>use thumbnails="supported"</mj-text>'
            '<mj-carousel mj-class="s"><mj-carousel-image src="a.png"/>'
            '<mj-carousel-image src="b.png"/></mj-carousel><mj-carousel thumbnails="supported">'
            '<mj-carousel-image src="c.png"/></mj-carousel></mj-column></mj-section>',
            head,
        )
    )
    assert 'use thumbnails="supported"' in html  # Node copies the text as written
    # the carousels' thumbnails, from the class and their own: hidden, as Node writes them
    hidden = "border:2px solid transparent;border-radius:6px;display:none;overflow:hidden;"
    assert html.count(hidden) == 3
    assert "display:inline-block;overflow:hidden" not in html


def test_hero_height_leaves_a_raw_cell_alike_alone() -> None:
    raw = (
        '<mj-raw><table><tr style="vertical-align:top;"><td height="5" style="height:5px;">'
        "raw</td></tr></table></mj-raw>"
    )
    hero = (
        '<mj-hero height="300px" padding="20px" background-url="h.png">'
        "<mj-text>b</mj-text></mj-hero>"
    )
    html = compile_mjml(_document(raw + hero))
    assert '<td height="5" style="height:5px;">raw</td>' in html  # as Node copies it
    # the hero's cell and its Outlook table, narrowed by the padding, as Node writes them
    assert 'height="260" style="background:#ffffff' in html
    assert 'cellspacing="0" width="560" style="width:560px;"><tr><td><![endif]-->' in html


def test_accordion_weight_goes_on_the_title_not_a_raw_cell() -> None:
    raw = (
        '<mj-raw><div class="mj-accordion-title">raw</div><table><tr>'
        '<td style="padding-bottom:1px;padding:2px;">cell</td></tr></table></mj-raw>'
    )
    accordion = (
        '<mj-accordion><mj-accordion-element><mj-accordion-title font-weight="700">T'
        "</mj-accordion-title><mj-accordion-text>x</mj-accordion-text>"
        "</mj-accordion-element></mj-accordion>"
    )
    html = compile_mjml(
        _document(f"<mj-section><mj-column>{raw}{accordion}</mj-column></mj-section>")
    )
    assert '<td style="padding-bottom:1px;padding:2px;">cell</td>' in html  # as Node copies it
    assert (
        '<td style="width:100%;font-size:13px;font-family:Ubuntu, Helvetica, Arial, sans-serif;'
        'font-weight:700;padding:16px;">T</td>'
    ) in html


def test_hero_inner_padding_leaves_a_raw_content_div_alone() -> None:
    raw = (
        '<mj-raw><table><tr><td><!--[if mso | IE]><table><tr><td style="padding:1px">'
        '<![endif]--><div class="mj-hero-content" style="margin:0">raw</div>'
        "</td></tr></table></mj-raw>"
    )
    heroes = (
        '<mj-hero inner-padding="9px"><mj-text>b</mj-text></mj-hero>'
        "<mj-hero><mj-text>c</mj-text></mj-hero>"
    )
    html = compile_mjml(_document(raw + heroes))
    assert '<div class="mj-hero-content" style="margin:0">raw</div>' in html
    assert '<div class="mj-hero-content" style="margin:0px auto;padding:9px;">' in html
    assert '<div class="mj-hero-content" style="margin:0px auto;">' in html


def test_defaults_of_mj_body_do_not_count_defaults_as_components() -> None:
    """`<mj-body width>` in mj-attributes is not where the body starts: the hero and title
    defaults after it are not a hero and a title to pair with MRML's cells."""
    head = (
        '<mj-head><mj-attributes><mj-body width="600px"/><mj-hero padding="20px"/>'
        '<mj-accordion-title font-weight="700"/></mj-attributes></mj-head>'
    )
    body = (
        '<mj-hero height="300px"><mj-text>b</mj-text></mj-hero><mj-section><mj-column>'
        "<mj-accordion><mj-accordion-element><mj-accordion-title>T</mj-accordion-title>"
        "</mj-accordion-element></mj-accordion></mj-column></mj-section>"
    )
    html = compile_mjml(_document(body, head))
    assert 'cellspacing="0" width="560" style="width:560px;"><tr><td><![endif]-->' in html
    assert 'sans-serif;font-weight:700;padding:16px;">T</td>' in html


def test_social_icon_with_its_alt_from_defaults_gets_its_border() -> None:
    head = (
        '<mj-head><mj-attributes><mj-all alt="hello"/><mj-class name="c" alt="cls"/>'
        "</mj-attributes></mj-head>"
    )
    body = (
        "<mj-section><mj-column><mj-social>"
        '<mj-social-element name="facebook" href="h">F</mj-social-element>'
        '<mj-social-element mj-class="c" name="x" href="h">X</mj-social-element>'
        "</mj-social></mj-column></mj-section>"
    )
    html = compile_mjml(_document(body, head))
    icons = "https://www.mailjet.com/images/theme/v1/icons/ico-social"
    assert (
        f'<img alt="hello" src="{icons}/facebook.png" width="20"'
        ' style="border:0;border-radius:3px;display:block;" />'
    ) in html
    assert (
        f'<img alt="cls" src="{icons}/twitter-x.png" width="20"'
        ' style="border:0;border-radius:3px;display:block;" />'
    ) in html
    # an alt for images only: the icon's is empty, as Node writes it
    html = compile_mjml(_document(body, head.replace("mj-all", "mj-image")))
    assert (
        f'<img alt="" src="{icons}/facebook.png" width="20"'
        ' style="border:0;border-radius:3px;display:block;" />'
    ) in html


def test_accordion_cells_with_a_class_are_fixed_in_place() -> None:
    """A title or text with css-class: MRML writes the class on the cell, which the fix
    passed over to the next cell without one (another element's)."""
    accordion = (
        '<mj-accordion><mj-accordion-element><mj-accordion-title css-class="ti" font-weight="700"'
        ' padding-bottom="3px" padding="4px">T</mj-accordion-title><mj-accordion-text'
        ' css-class="tx" padding-top="2px" padding="5px">x</mj-accordion-text>'
        '</mj-accordion-element><mj-accordion-element><mj-accordion-title font-weight="600">U'
        "</mj-accordion-title><mj-accordion-text>y</mj-accordion-text></mj-accordion-element>"
        "</mj-accordion>"
    )
    html = compile_mjml(_document(f"<mj-section><mj-column>{accordion}</mj-column></mj-section>"))
    font = "font-size:13px;font-family:Ubuntu, Helvetica, Arial, sans-serif;"
    assert (
        f'<td class="ti" style="width:100%;{font}font-weight:700;padding:4px;padding-bottom:3px;">T<'
    ) in html
    assert f'<td class="tx" style="{font}line-height:1;padding:5px;padding-top:2px;">x<' in html
    assert f'<td style="width:100%;{font}font-weight:600;padding:16px;">U<' in html


def test_a_gt_in_a_quoted_value_keeps_the_image_and_wrapper_fixes() -> None:
    """`>` inside a quoted value of an mj-image or mj-wrapper tag: the attributes noted for
    the sizes, side-border and gap fixes were cut at it, so those fixes stood aside."""
    body = (
        '<mj-section><mj-column><mj-image src="b.png" alt="x > y" sizes="100px"/></mj-column>'
        '</mj-section><mj-wrapper css-class="a>b" gap="10px"><mj-section><mj-column>'
        "<mj-text>1</mj-text></mj-column></mj-section><mj-section><mj-column><mj-text>2"
        "</mj-text></mj-column></mj-section></mj-wrapper>"
    )
    html = compile_mjml(_document(body))
    assert '<img alt="x > y" height="auto" src="b.png" sizes="100px" width="550"' in html
    assert '<div style="margin:0px auto;max-width:600px;margin-top:10px;">' in html


def test_full_width_false_with_an_mj_body_default() -> None:
    """An `<mj-body width>` default in mj-attributes is not where the body starts: the
    section default after it was read twice and written twice."""
    head = (
        '<mj-head><mj-attributes><mj-body width="600px"/><mj-section full-width="false"/>'
        "</mj-attributes></mj-head>"
    )
    body = (
        '<mj-section full-width="false" background-color="#abcdef"><mj-column>'
        "<mj-text>x</mj-text></mj-column></mj-section>"
    )
    fixing = mjml_fixes.Fixing()
    source = _document(body, head)
    for before in mjml_fixes.BEFORE[: mjml_fixes.BEFORE.index(mjml_fixes.not_full_width) + 1]:
        source = before(source, fixing)
    assert source == _document(
        body.replace(' full-width="false"', ""), head.replace(' full-width="false"', "")
    )
    assert _BODY_WIDTH in compile_mjml(_document(body, head))


def test_defaults_after_an_mj_body_default_carry_no_token() -> None:
    """Image and button defaults after `<mj-body width>` in mj-attributes were tokenized as
    if in the body: every image took the first's token (sizes written twice, the token left
    in an alt) and every button the first's (left in its href: a broken link)."""
    head = (
        '<mj-head><mj-attributes><mj-body width="600px"/><mj-image alt="pic" sizes="50vw"/>'
        '<mj-button href="https://d.example" title="T"/></mj-attributes></mj-head>'
    )
    body = (
        '<mj-section><mj-column><mj-image src="a.png"/><mj-image src="b.png"/>'
        "<mj-button>Go</mj-button><mj-button>Go2</mj-button></mj-column></mj-section>"
    )
    html = compile_mjml(_document(body, head))
    assert "mailglot" not in html
    for src in ("a.png", "b.png"):
        assert f'<img alt="pic" height="auto" src="{src}" sizes="50vw" width="550"' in html
    # both buttons: the href and title of the defaults, as Node writes them
    assert html.count('<a href="https://d.example" title="T" target="_blank"') == 2


def test_table_roles_after_a_body_default_in_mj_attributes() -> None:
    """A `<mj-body width>` default in `<mj-attributes>` is not where the body starts: the
    tables' roles are those Node writes (own role, else the mj-table default)."""
    html = compile_mjml(
        '<mjml><mj-head><mj-attributes><mj-body width="500px"/><mj-table role="presentation"/>'
        '<mj-wrapper gap="10px"/></mj-attributes></mj-head><mj-body>'
        '<mj-section><mj-column><mj-table role="none"><tr><td>a</td></tr></mj-table>'
        "<mj-table><tr><td>b</td></tr></mj-table></mj-column></mj-section></mj-body></mjml>"
    )
    assert re.findall(r'role="(\w+)"[^>]*table-layout', html) == ["none", "presentation"]
