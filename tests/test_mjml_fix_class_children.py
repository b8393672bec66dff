"""`<mj-class name="x"><mj-text color="red"/></mj-class>`: Node mjml 5.4 gives each mj-text
inside an element whose mj-class is "x" that colour; MRML refused such a document. Expected
values are what Node mjml 5.4.1 writes for the same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re
import time

from mailglot.render.fixing import Fixing
from mailglot.render.mj_classes import mj_class_children
from mailglot.render.mjml import compile_mjml

HEAD = (
    '<mj-text color="#111111" font-size="11px" />'
    '<mj-class name="x" background-color="#eeeeee"><mj-text color="#ff0000" />'
    '<mj-text font-size="20px" /><mj-image padding="3px" /></mj-class>'
    '<mj-class name="y"><mj-text color="#00ff00" line-height="30px" /></mj-class>'
    '<mj-class name="z" color="#0000ff" letter-spacing="3px" />'
)
FONT = "font-family:Ubuntu, Helvetica, Arial, sans-serif;"


def _doc(body: str, head: str = HEAD) -> str:
    return (
        f"<mjml><mj-head><mj-attributes>{head}</mj-attributes></mj-head>"
        f"<mj-body>{body}</mj-body></mjml>"
    )


def _texts(html: str) -> dict[str, str]:
    return dict((t, s) for s, t in re.findall(r'<div style="([^"]*)">([A-Z])</div>', html))


def test_the_children_of_a_class_apply_to_the_descendants_of_an_element_using_it() -> None:
    html = compile_mjml(
        _doc(
            '<mj-section mj-class="x"><mj-column><mj-text>A</mj-text>'
            '<mj-text mj-class="z">B</mj-text><mj-text color="#abcdef">C</mj-text>'
            "</mj-column></mj-section>"
        )
    )
    texts = _texts(html)
    # the class's second mj-text replaces its first (Node keeps one child per tag)
    assert texts["A"] == FONT + "font-size:20px;line-height:1;text-align:left;color:#111111;"
    # above the tag's defaults, under the text's own class and attributes where they differ
    assert texts["B"] == (
        FONT + "font-size:20px;letter-spacing:3px;line-height:1;text-align:left;color:#0000ff;"
    )
    assert texts["C"] == FONT + "font-size:20px;line-height:1;text-align:left;color:#abcdef;"
    # the class's own attributes still apply to the section that uses it
    assert '<div style="background:#eeeeee;background-color:#eeeeee;margin:0px auto;' in html


def test_several_classes_merge_and_the_nearest_class_wins() -> None:
    html = compile_mjml(
        _doc(
            '<mj-section><mj-column mj-class="x y"><mj-text>D</mj-text></mj-column></mj-section>'
            '<mj-section mj-class="x"><mj-column mj-class="z"><mj-text>F</mj-text></mj-column>'
            "</mj-section>"
        )
    )
    texts = _texts(html)
    assert texts["D"] == FONT + "font-size:20px;line-height:30px;text-align:left;color:#00ff00;"
    # the column's own class (no children) is the nearest: the section's "x" does not reach
    assert texts["F"] == FONT + "font-size:11px;line-height:1;text-align:left;color:#111111;"


def test_class_children_reach_through_wrappers_and_sections() -> None:
    head = '<mj-class name="w"><mj-text color="#ff0000" /><mj-section background-color="#123456" /></mj-class>'
    html = compile_mjml(
        _doc(
            '<mj-wrapper mj-class="w"><!-- <mj-section> --><mj-section><mj-column>'
            "<mj-text>G</mj-text></mj-column></mj-section></mj-wrapper>",
            head,
        )
    )
    assert "color:#ff0000;" in _texts(html)["G"]
    assert "background:#123456;background-color:#123456;" in html


def test_an_images_padding_from_a_class_child_sizes_it_in_a_hero() -> None:
    head = '<mj-class name="h"><mj-image padding="0" /></mj-class>'
    html = compile_mjml(
        _doc(
            '<mj-hero mj-class="h" padding="0 30px" background-url="https://x.example/h.jpg"'
            ' height="300px"><mj-image src="https://x.example/a.png" /></mj-hero>',
            head,
        )
    )
    assert re.search(r'<td style="width:540px;"><img [^>]*width="540"', html)


def test_a_class_child_gives_an_image_its_alt_and_a_button_its_title() -> None:
    head = (
        '<mj-class name="c"><mj-image alt="From class" /><mj-button title="Go there" /></mj-class>'
    )
    html = compile_mjml(
        _doc(
            '<mj-section mj-class="c"><mj-column><mj-image src="https://x.example/a.png" />'
            '<mj-button href="https://x.example/go">B</mj-button></mj-column></mj-section>',
            head,
        )
    )
    assert '<img alt="From class"' in html
    assert re.search(r'<a href="https://x.example/go"[^>]* title="Go there"', html)


def test_the_rewrite_keeps_the_class_and_leaves_other_documents_alone() -> None:
    doc = _doc('<mj-section mj-class="y"><mj-column><mj-text>H</mj-text></mj-column></mj-section>')
    out = mj_class_children(doc, Fixing())
    assert '<mj-class name="y" /><mj-class name="z"' in out
    assert '<mj-text color="#00ff00" line-height="30px">H</mj-text>' in out
    plain = _doc("<mj-section><mj-column><mj-text>A</mj-text></mj-column></mj-section>", "")
    assert mj_class_children(plain, Fixing()) is plain
    empty = _doc('<mj-section mj-class="e"></mj-section>', '<mj-class name="e"></mj-class>')
    assert mj_class_children(empty, Fixing()) is empty  # MRML takes that one as it is


def test_text_inside_an_ending_tag_is_not_an_element() -> None:
    head = '<mj-class name="t"><mj-text color="#ff0000" /></mj-class>'
    doc = _doc(
        '<mj-section mj-class="t"><mj-column><mj-raw><mj-text>raw</mj-text></mj-raw>'
        "<mj-text>I</mj-text></mj-column></mj-section>",
        head,
    )
    out = mj_class_children(doc, Fixing())
    assert "<mj-raw><mj-text>raw</mj-text></mj-raw>" in out
    assert '<mj-text color="#ff0000">I</mj-text>' in out


def test_class_children_are_applied_in_linear_time() -> None:
    def cost(n: int) -> float:
        body = (
            '<mj-section mj-class="x"><mj-column>'
            + "<mj-text>A</mj-text><mj-image src='a.png' />" * n
            + "</mj-column></mj-section>"
        )
        doc = _doc(body)
        start = time.process_time()
        out = mj_class_children(doc, Fixing())
        spent = time.process_time() - start
        assert out.count('font-size="20px"') == n
        return spent

    cost(100)
    small, large = cost(2000), cost(8000)
    assert large < max(small, 0.001) * 4 * 3  # four times the elements, not sixteen times


def test_a_class_childs_font_family_on_accordion_titles_and_texts_is_not_theirs() -> None:
    # Node reads an accordion title's or text's font-family only when written on it, else
    # the element's, else the accordion's: font-family:Georgia on both cells
    head = (
        '<mj-class name="acc"><mj-accordion-title font-family="Courier" />'
        '<mj-accordion-text font-family="Courier" /></mj-class>'
    )
    body = (
        '<mj-section><mj-column><mj-accordion mj-class="acc" font-family="Georgia">'
        "<mj-accordion-element><mj-accordion-title>T</mj-accordion-title>"
        "<mj-accordion-text>X</mj-accordion-text></mj-accordion-element></mj-accordion>"
        "</mj-column></mj-section>"
    )
    html = compile_mjml(_doc(body, head))
    assert '<td style="width:100%;font-size:13px;font-family:Georgia;padding:16px;">' in html
    assert '<td style="font-size:13px;font-family:Georgia;line-height:1;padding:16px;">' in html
    assert "Courier" not in html
    # the element's font-family from the class, the others of the title and text, and a
    # title's own font-family are still read (Node: Verdana, Verdana, then Arial, Verdana)
    head = (
        '<mj-class name="acc"><mj-accordion-element font-family="Verdana" />'
        '<mj-accordion-title font-family="Courier" color="#ff0000" />'
        '<mj-accordion-text font-family="Courier" color="#00ff00" /></mj-class>'
    )
    body = body.replace(
        "</mj-accordion-element></mj-accordion>",
        '</mj-accordion-element><mj-accordion-element><mj-accordion-title font-family="Arial">'
        "T</mj-accordion-title><mj-accordion-text>X</mj-accordion-text>"
        "</mj-accordion-element></mj-accordion>",
    )
    html = compile_mjml(_doc(body, head))
    assert re.findall(r'<td style="[^"]*font-family:([^;]*);', html) == [
        "Verdana",
        "Verdana",
        "Arial",
        "Verdana",
    ]
    assert html.count("color:#ff0000;") == 2 and html.count("color:#00ff00;") == 2
