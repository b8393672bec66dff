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


def _group_cells(html: str) -> list[str]:
    return re.findall(r'<td style="vertical-align:top;width:([\d.]+)px;"><!\[endif\]-->', html)


def test_columns_of_rtl_coloured_and_aligned_groups_keep_their_whole_width() -> None:
    # Node: <td style="vertical-align:top;width:300px;" > for each column of each group (the
    # direction step gives every group of a right-to-left job direction="rtl")
    for group in ('direction="rtl"', 'background-color="#ffeeee"', 'vertical-align="middle"'):
        html = compile_mjml(
            f"<mjml><mj-body><mj-section><mj-group {group}>"
            '<mj-column padding="0 8"><mj-text>a</mj-text></mj-column>'
            '<mj-column padding="0 8"><mj-image src="i.png"/></mj-column>'
            '</mj-group></mj-section><mj-section><mj-group direction="rtl">'
            '<mj-column padding="0 10"><mj-text>a</mj-text></mj-column>'
            '<mj-column border="solid 2px #ccc"><mj-text>b</mj-text></mj-column>'
            "</mj-group></mj-section></mj-body></mjml>"
        )
        assert _cells(html) == ["300", "300", "300", "300"], group


def test_an_rtl_group_leaves_the_other_groups_fixed() -> None:
    html = compile_mjml(
        '<mjml><mj-body><mj-section><mj-group><mj-column padding="0 10"><mj-text>a</mj-text>'
        "</mj-column><mj-column><mj-text>b</mj-text></mj-column></mj-group></mj-section>"
        '<mj-section><mj-group direction="rtl"><mj-column><mj-text>c</mj-text></mj-column>'
        "</mj-group></mj-section></mj-body></mjml>"
    )
    assert _cells(html) == ["300", "300", "600"]


def test_a_group_whose_cells_do_not_pair_leaves_the_others_fixed() -> None:
    fixing = Fixing(group_columns=[[(20, 0.0, False)], [(20, 0.0, False), (0, 0.0, False)]])
    html = (
        '<div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0;line-height:0;'
        'text-align:left;display:inline-block;width:100%;direction:ltr;">'
        "<!--[if mso | IE]></tr></table><![endif]--></div>"
        '<div class="mj-column-per-100 mj-outlook-group-fix" style="font-size:0;line-height:0;'
        'text-align:left;display:inline-block;width:100%;direction:rtl;">'
        '<!--[if mso | IE]><td style="vertical-align:top;width:280px;"><![endif]-->'
        '<div class="mj-outlook-group-fix mj-column-per-50">'
        '<!--[if mso | IE]><td style="vertical-align:top;width:300px;"><![endif]-->'
        '<div class="mj-outlook-group-fix mj-column-per-50">'
        "<!--[if mso | IE]></tr></table><![endif]--></div>"
    )
    assert _group_cells(group_column_widths(html, fixing)) == ["300", "300"]


def test_a_percent_padding_with_a_style_first_border() -> None:
    # Node: width:300px for both; MRML reads no padding in %, and the border's mark made it
    # take the border off: the cell gets back what the mark took
    for padding in ('padding="0 5%"', 'padding="0 1em"', 'padding="0 10px 0 5%"'):
        html = compile_mjml(
            f'<mjml><mj-body><mj-section><mj-group><mj-column {padding} border="dashed 2px #000">'
            "<mj-text>a</mj-text></mj-column><mj-column><mj-text>b</mj-text></mj-column>"
            "</mj-group></mj-section></mj-body></mjml>"
        )
        assert _cells(html) == ["300", "300"], padding
