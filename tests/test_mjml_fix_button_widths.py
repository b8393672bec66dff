"""The link of an mj-button with a width in px, narrowed by the button's borders as Node mjml
5.4 narrows it (MRML left them out). Expected values are what Node mjml 5.4.1 writes for the
same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re
import time

from mailglot.render.button_widths import _all_width, button_widths, note_button_borders
from mailglot.render.fixing import Fixing
from mailglot.render.mjml import compile_mjml


def _doc(body: str, head: str = "") -> str:
    return (
        f"<mjml><mj-head><mj-attributes>{head}</mj-attributes></mj-head><mj-body>"
        f"<mj-section><mj-column>{body}</mj-column></mj-section></mj-body></mjml>"
    )


def _links(html: str) -> list[str]:
    return re.findall(r'<(?:a|p)\b[^>]*?style="display:inline-block;width:([\d.]+)px;', html)


def test_a_buttons_borders_narrow_its_link() -> None:
    html = compile_mjml(
        _doc(
            '<mj-button href="https://x.example" width="300px" border="3px solid #000">B'
            "</mj-button>"
            '<mj-button href="https://x.example" width="300px" border-left="3px solid #000">B'
            "</mj-button>"
            '<mj-button width="200px" border="solid 2px #000" title="T">No link</mj-button>'
            '<mj-button href="https://x.example">C</mj-button>'
            '<mj-button href="https://x.example" width="120px" inner-padding="0 10px">D'
            "</mj-button>"
        )
    )
    # 300 - 50 - 6, 300 - 50 - 3, 200 - 50 - 4 (a border written width last), 120 - 20
    assert _links(html) == ["244", "247", "146", "100"]
    assert '<p title="T" style="display:inline-block;width:146px;' in html


def test_borders_and_widths_from_mj_attributes_and_mj_class() -> None:
    head = '<mj-button border="2px solid #fff" /><mj-class name="w" width="260px" />'
    html = compile_mjml(
        _doc('<mj-button mj-class="w" href="https://x.example">E</mj-button>', head)
    )
    assert _links(html) == ["206"]


def test_a_link_alike_in_mj_raw_leaves_the_buttons_alone() -> None:
    raw = '<mj-raw><a href="#" style="display:inline-block;width:90px;">raw</a></mj-raw>'
    html = compile_mjml(
        _doc(
            raw
            + '<mj-button href="https://x.example" width="300px" border="3px solid #000">B</mj-button>'
        )
    )
    assert _links(html) == ["90", "250"]  # whose is whose is not guessed


def test_nothing_to_do_without_bordered_buttons() -> None:
    html = '<a style="display:inline-block;width:250px;">x</a>'
    assert button_widths(html, Fixing()) is html


def test_many_unclosed_button_tags_in_text_are_read_in_linear_time() -> None:
    # 20,000 '<mj-button' in a text with no '>' after each but the text's end tag: a search
    # for '>' from each took 8 s (and 20,000 '<mj-all' in the head 3 s)
    text = "if a<mj-button b " * 20000
    doc = _doc(
        '<mj-button width="300px" border="3px solid #000" href="x">Go</mj-button>'
        f"<mj-text>{text}</mj-text>"
    )
    fixing = Fixing()
    start = time.process_time()
    note_button_borders(doc, fixing)
    assert not _all_width("<mjml><mj-head>" + "<mj-all a " * 20000 + "</mj-head></mjml>")
    assert time.process_time() - start < 1.5
    assert fixing.button_borders == [6]


def test_a_quote_left_open_in_an_mj_all_before_its_first_gt() -> None:
    assert _all_width('<mjml><mj-head><mj-all a="1"<mj-all b="x>" /></mj-head><mj-body>')
    assert not _all_width('<mjml><mj-head><mj-all a="1" <mj-all b="2"/></mj-head><mj-body>')
    assert _all_width("<mjml><mj-head><mj-all a <mj-all width='1'/></mj-head><mj-body>")
