"""A column's inner border counted in the width of what is inside it, as Node mjml 5.4 counts
it (MRML read `inner-border="4px solid red"` as no border). Expected values are what Node
mjml 5.4.1 writes for the same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing
from mailglot.render.inner_borders import drop_inner_border_marks, mark_inner_borders
from mailglot.render.mjml import compile_mjml


def _doc(body: str, head: str = "") -> str:
    return (
        f"<mjml><mj-head><mj-attributes>{head}</mj-attributes></mj-head><mj-body>"
        f"<mj-section>{body}</mj-section></mj-body></mjml>"
    )


def _images(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<td style="width:(\d+)px;"><img [^>]*?width="(\d+)"', html)


def test_an_inner_border_narrows_the_columns_images_dividers_and_carousels() -> None:
    html = compile_mjml(
        _doc(
            '<mj-column padding="10px" inner-border="4px solid #ff0000">'
            '<mj-image src="https://x.example/a.png" /><mj-divider /></mj-column>'
        )
    )
    assert _images(html) == [("522", "522")]  # 600 - 20 - 8 - 50
    assert 'width="522px"' in html  # the divider's Outlook table
    # the border itself as written, and no trace of the sides given to MRML
    assert "border:4px solid #ff0000;" in html
    assert "+4.00px" not in html and "border-left:" not in html
    written_last = compile_mjml(
        _doc(
            '<mj-column padding="8px" inner-border="solid 3px #ff0000">'
            '<mj-image src="https://x.example/a.png" /><mj-carousel>'
            '<mj-carousel-image src="https://x.example/1.jpg" /></mj-carousel></mj-column>'
        )
    )
    assert _images(written_last) == [("528", "528")]
    assert 'width="578"' in written_last  # the carousel picture: 600 - 16 - 6


def test_an_inner_border_from_mj_attributes() -> None:
    html = compile_mjml(
        _doc(
            '<mj-column><mj-image src="https://x.example/a.png" /></mj-column>',
            '<mj-column inner-border="2px dashed #000" padding="6px" />',
        )
    )
    assert _images(html) == [("534", "534")]  # 600 - 12 - 4 - 50


def test_columns_marks_and_the_way_back() -> None:
    plain = _doc('<mj-column inner-border="4px"><mj-text>x</mj-text></mj-column>')
    assert mark_inner_borders(plain, Fixing()) is plain  # MRML reads that one as Node does
    sided = _doc(
        '<mj-column inner-border="4px solid red" inner-border-left="5px solid red">'
        "<mj-text>x</mj-text></mj-column>"
    )
    assert mark_inner_borders(sided, Fixing()) is sided  # a side of its own: left as it is
    fixing = Fixing()
    out = mark_inner_borders(_doc('<mj-column inner-border="4px solid red"></mj-column>'), fixing)
    assert (
        'inner-border="4px solid red" inner-border-left="+4.00px" inner-border-right="+4.00px"'
        in out
    )
    style = "border:4px solid red;border-left:+4.00px;border-right:+4.00px;padding:0;"
    assert drop_inner_border_marks(style, fixing) == "border:4px solid red;padding:0;"
