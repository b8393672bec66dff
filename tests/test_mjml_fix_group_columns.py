"""The Outlook cell of a column inside an mj-group as wide as Node mjml 5.4 makes it: the
column's whole width (MRML took off the column's paddings and borders). Expected values are
what Node mjml 5.4.1 writes for the same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re

from mailglot.render.fixing import Fixing
from mailglot.render.group_columns import group_column_widths
from mailglot.render.mjml import compile_mjml


def _cells(html: str) -> list[str]:
    return re.findall(
        r'<td style="vertical-align:top;width:([\d.]+)px;"><!\[endif\]--><div class="mj-outlook'
        r"-group-fix mj-column-",
        html,
    )


def test_a_padded_or_bordered_column_in_a_group_keeps_its_whole_width() -> None:
    html = compile_mjml(
        '<mjml><mj-body><mj-section><mj-group><mj-column padding="0px 10px">'
        '<mj-image src="https://x.example/a.png" /></mj-column><mj-raw><p>r</p></mj-raw>'
        '<mj-column border="2px solid red" inner-border="solid 3px blue" padding="4px">'
        "<mj-text>y</mj-text></mj-column></mj-group><mj-column><mj-text>z</mj-text>"
        "</mj-column></mj-section></mj-body></mjml>"
    )
    # the group's two cells (half of the group's 300 each), then the section's column cell
    assert _cells(html) == ["150", "150", "300"]
    # what is inside the padded column is still sized for the space between the paddings
    assert re.search(r'<td style="width:80px;"><img [^>]*width="80"', html)


def test_unitless_paddings_and_defaults_in_a_group() -> None:
    html = compile_mjml(
        '<mjml><mj-head><mj-attributes><mj-column padding="0 12px" /></mj-attributes>'
        '</mj-head><mj-body><mj-section><mj-group width="500px"><mj-column><mj-text>x'
        '</mj-text></mj-column><mj-column padding="5%"><mj-text>y</mj-text></mj-column>'
        "</mj-group></mj-section></mj-body></mjml>"
    )
    assert _cells(html) == ["250", "250"]


def test_nothing_to_do_without_padded_columns_in_groups() -> None:
    html = '<td style="vertical-align:top;width:230px;">'
    assert group_column_widths(html, Fixing()) is html
