"""The link of an mj-button with a width in px, narrowed by the button's borders as Node mjml
5.4 narrows it (MRML left them out). Expected values are what Node mjml 5.4.1 writes for the
same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re

from mailglot.render.button_widths import button_widths
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
