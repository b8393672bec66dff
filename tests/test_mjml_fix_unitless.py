"""Paddings written without a unit (`padding="0 20px"`) sized as Node mjml 5.4 sizes them:
MRML read such a padding as no padding at all. Expected values are what Node mjml 5.4.1
writes for the same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re
import time

from mailglot.render.fixing import Fixing
from mailglot.render.mjml import compile_mjml
from mailglot.render.mjml_fixes import fix_tags
from mailglot.render.unitless_lengths import marked_paddings

NESTED = (
    '<mjml><mj-head><mj-attributes><mj-column padding="0 10px" /></mj-attributes></mj-head>'
    '<mj-body><mj-wrapper padding="0 30px"><mj-section padding="0 20px"><mj-column>'
    '<mj-image src="https://x.example/a.png" padding="0 5px" />'
    '<mj-divider padding="0 15px" />'
    '<mj-button href="https://x.example/go" width="300px" inner-padding="0 20px">Go</mj-button>'
    "</mj-column></mj-section></mj-wrapper></mj-body></mjml>"
)


def _widths(html: str) -> list[str]:
    return re.findall(r'width="[0-9.]*(?:px)?"|width:[0-9.]*px|padding:[^;"]*', html)


def test_unitless_paddings_narrow_what_is_inside_as_in_node() -> None:
    html = compile_mjml(NESTED)
    widths = _widths(html)
    # the wrapper's section 600 - 60; the column 540 - 40; the image 500 - 20 - 10
    assert 'width="540"' in widths and "width:500px" in widths
    assert re.search(r'<td style="width:470px;"><img [^>]*width="470"', html)
    # the divider's Outlook table 500 - 20 - 30, the button's link 300 - 40
    assert 'width="450px"' in widths and "width:450px" in widths
    assert "width:260px" in widths
    # each padding written as it was, as Node writes it
    for padding in ("0 30px", "0 20px", "0 10px", "0 5px", "0 15px"):
        assert f"padding:{padding};" in html
    assert "+0px" not in html


def test_a_lone_zero_and_vertical_zeros_are_left_as_they_are() -> None:
    doc = (
        '<mjml><mj-body><mj-section padding="0"><mj-column padding="8px 0 20px">'
        '<mj-text padding="0 28px">x</mj-text></mj-column></mj-section></mj-body></mjml>'
    )
    fixing = Fixing()
    assert fix_tags(doc, fixing) is doc  # nothing MRML reads otherwise than Node
    assert not fixing.unitless


def test_marks_and_the_way_back() -> None:
    doc = (
        '<mjml><mj-head><mj-attributes><mj-class name="c" padding="0 12px" />'
        '<mj-all padding-left="4" /></mj-attributes></mj-head><mj-body>'
        '<mj-section padding="0 20px"><mj-column><mj-image src="a.png" alt="" padding=\'10 5px\' />'
        "</mj-column></mj-section></mj-body></mjml>"
    )
    fixing = Fixing()
    out = fix_tags(doc, fixing)
    assert fixing.unitless
    assert '<mj-class name="c" padding="+0px 12px" />' in out
    assert '<mj-all padding-left="+4px" />' in out
    assert '<mj-section padding="+0px 20px">' in out
    assert "padding='+10px 5px'" in out
    assert marked_paddings("padding:+0px 20px;padding-left:+4px;", fixing) == (
        "padding:0 20px;padding-left:4;"
    )


def test_a_document_that_already_holds_a_mark_is_not_marked() -> None:
    """`+20px` written by the designer would be written back as `20`: no marks then, and
    the widths are MRML's."""
    doc = (
        '<mjml><mj-body><mj-section padding="0 20px"><mj-column><mj-text>Save +20px</mj-text>'
        "</mj-column></mj-section></mj-body></mjml>"
    )
    fixing = Fixing()
    assert fix_tags(doc, fixing) is doc
    assert not fixing.unitless
    assert "Save +20px" in compile_mjml(doc)


def test_text_that_reads_like_a_padding_is_not_marked() -> None:
    doc = (
        '<mjml><mj-body><mj-section><mj-column><mj-text>padding="0 20px"</mj-text>'
        '<mj-raw><div padding="0 20px"></div></mj-raw></mj-column></mj-section></mj-body></mjml>'
    )
    assert fix_tags(doc, Fixing()) is doc


def test_many_sections_are_marked_in_linear_time() -> None:
    section = (
        '<mj-section padding="0 20px"><mj-column padding="0 {}px">'
        '<mj-image src="a.png" alt="" /></mj-column></mj-section>'
    )

    def cost(n: int) -> float:
        doc = "<mjml><mj-body>" + "".join(section.format(i % 50) for i in range(n))
        doc += "</mj-body></mjml>"
        start = time.process_time()
        out = fix_tags(doc, Fixing())
        spent = time.process_time() - start
        assert out.count('<mj-section padding="+0px 20px">') == n
        return spent

    cost(100)
    small, large = cost(1000), cost(4000)
    assert large < max(small, 0.001) * 4 * 3  # four times the tags, not sixteen times


def test_borders_written_width_last_narrow_as_in_node() -> None:
    """Node reads a border's width from its first number (`solid 3px red` is 3); MRML read
    such a border as none."""
    image = compile_mjml(
        '<mjml><mj-body><mj-section><mj-column><mj-image src="https://x.example/a.png"'
        ' border="solid 3px #ff0000" /></mj-column></mj-section></mj-body></mjml>'
    )
    assert re.search(r'<td style="width:544px;"><img [^>]*width="544"', image)  # 600 - 50 - 6
    assert "border:solid 3px #ff0000;" in image  # written as it was
    section = compile_mjml(
        '<mjml><mj-body><mj-wrapper border="solid 4px #ff0000"><mj-section'
        ' border-left="dashed 5px #ff0000"><mj-column><mj-text>x</mj-text></mj-column>'
        "</mj-section></mj-wrapper></mj-body></mjml>"
    )
    assert 'width="592"' in section  # the wrapper's section: 600 - 8
    assert "vertical-align:top;width:587px;" in section  # its column: 592 - 5
    assert "border:solid 4px #ff0000;" in section and "border-left:dashed 5px #ff0000;" in section
    assert "+4.0px" not in section and "+5.0px" not in section


def test_border_marks() -> None:
    doc = (
        '<mjml><mj-body><mj-section border="3px solid red" border-right="none"><mj-column'
        ' border="solid 2px red"><mj-image src="a.png" alt="" border="0" /></mj-column>'
        "</mj-section></mj-body></mjml>"
    )
    fixing = Fixing()
    out = fix_tags(doc, fixing)
    assert fixing.unitless
    # MRML reads "3px solid red" and "0" as Node does; a side it cannot read falls back to
    # `border` in MRML, where Node reads it (none: 0)
    assert '<mj-section border="3px solid red" border-right="+0.0px none">' in out
    assert '<mj-column border="+2.0px solid 2px red">' in out
    assert 'border="0"' in out


def test_text_like_a_border_mark_in_a_conditional_comment_is_kept() -> None:
    # Node: the comment as written, and the column 594px wide (the section's 3px borders)
    html = compile_mjml(
        '<mjml><mj-body><mj-section border="solid 3px red"><mj-column><mj-raw><!--[if mso]>'
        "<p>Outlook: margin +3.0px wide</p><![endif]--></mj-raw><mj-text>hi</mj-text>"
        "</mj-column></mj-section></mj-body></mjml>"
    )
    assert "<!--[if mso]><p>Outlook: margin +3.0px wide</p><![endif]-->" in html
    assert '<td style="vertical-align:top;width:594px;">' in html
    assert "border:solid 3px red;" in html
    assert "mailglotcomment" not in html
