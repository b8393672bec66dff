"""The plain-text part: literal HTML -> the exact text a text-only client shows."""

from __future__ import annotations

import pytest
from lxml import etree

from mailglot.render.text import html_to_text


def page(body: str) -> str:
    return (
        "<!doctype html><html><head><title>T</title><style>p{color:red}</style></head>"
        f"<body>{body}</body></html>"
    )


def test_paragraphs_and_line_breaks():
    html = page("<div>First   paragraph\n  folded.</div><p>Second<br>line two</p>")
    assert html_to_text(html) == "First paragraph folded.\n\nSecond\nline two\n"


def test_links_read_label_then_url():
    html = page(
        '<p><a href="https://e.x/watch?a=1&amp;b=2">Watch now</a> · '
        '<a href="https://e.x/help">https://e.x/help</a> · '
        '<a href="https://e.x/logo"><img src="logo.png" alt="Logo"></a> · '
        '<a href="#top">Top</a> · <a href="mailto:help@e.x">help@e.x</a></p>'
    )
    assert html_to_text(html) == (
        "Watch now <https://e.x/watch?a=1&b=2> · https://e.x/help · https://e.x/logo · "
        "Top · mailto:help@e.x\n"
    )


def test_headings_are_paragraphs_of_their_own():
    html = page("<h1>Big news</h1>Intro text<h2>Details</h2><p>Body</p>")
    assert html_to_text(html) == "Big news\n\nIntro text\n\nDetails\n\nBody\n"


def test_lists_bulleted_numbered_and_nested():
    html = page(
        "<ul><li>One</li><li>Two<ul><li>Two a</li></ul></li></ul>"
        "<ol><li>First</li><li>Second</li></ol><p>After</p>"
    )
    assert html_to_text(html) == ("* One\n* Two\n  * Two a\n\n1. First\n2. Second\n\nAfter\n")


def test_tables_are_lines_of_cells_not_boxes():
    html = page(
        "<table><tr><th>Plan</th><th>Price</th></tr>"
        "<tr><td>Premium</td><td>9,99&nbsp;€</td></tr></table>"
    )
    text = html_to_text(html)
    assert text == "Plan  Price\nPremium  9,99\u00a0€\n"
    assert "|" not in text and "---" not in text


def test_layout_tables_give_paragraphs():
    html = page(
        '<table role="presentation"><tr><td><div>Column one</div></td>'
        "<td><div>Column two</div></td></tr></table>"
    )
    assert html_to_text(html) == "Column one\n\nColumn two\n"


def test_right_to_left_text_stays_in_logical_order():
    html = page('<div dir="rtl">مرحبًا <a href="https://e.x/ar">شاهد الآن</a></div>')
    assert html_to_text(html) == "مرحبًا شاهد الآن <https://e.x/ar>\n"


def test_no_break_spaces_are_kept():
    html = page("<p>9,99&nbsp;€ · 50&#8239;% · 1&#8199;000</p>")
    assert html_to_text(html) == "9,99\u00a0€ · 50\u202f% · 1\u2007000\n"


def test_hidden_and_never_shown_content_is_left_out():
    html = page(
        '<div style="display:none;max-height:0">Hidden preheader</div>'
        "<!--[if mso]><p>Outlook only</p><![endif]-->"
        "<script>var x = 1;</script><p>Shown</p>"
        '<input type="radio" value="x"><img src="a.png" alt="An image">'
    )
    assert html_to_text(html) == "Shown\n"


def test_spacer_lines_are_dropped():
    html = page("<div>Above</div><div>&nbsp;</div><div>&#8202;</div><div>Below</div>")
    assert html_to_text(html) == "Above\n\nBelow\n"


def test_preformatted_text_keeps_its_spaces():
    html = page("<pre>a   b\n  c</pre>")
    assert html_to_text(html) == "a   b\n  c\n"


def test_inline_markup_adds_no_symbols():
    html = page("<p>Not <strong>bold</strong> or <em>stars</em>, just <span>text</span>.</p>")
    assert html_to_text(html) == "Not bold or stars, just text.\n"


def test_an_empty_document_fails_as_before():
    """The plain parser's fast path keeps lxml.html's error for a document with nothing in it."""
    for empty in ("", "  \n"):
        with pytest.raises(etree.ParserError, match="Document is empty"):
            html_to_text(empty)
    assert html_to_text("<p>Hi</p>") == "Hi\n"


def test_empty_blocks_and_cells_still_break_lines():
    # an empty block owes its line breaks without being entered; an empty cell is still a
    # column (two separators), and a row ends its line
    html = page(
        "Before<div></div>After<p></p><span>inline</span>"
        "<table><tr><td>a</td><td></td><td>b</td></tr><tr><td></td></tr>"
        "<tr><td>c</td></tr></table><ul><li>x<div></div>y</li></ul>"
    )
    assert html_to_text(html) == "Before\n\nAfter\n\ninline\n\na    b\nc\n\n* x\ny\n"
