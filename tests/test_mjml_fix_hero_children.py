"""The children of an mj-hero sized as Node mjml 5.4 sizes them: for the hero's width less its
left and right padding (MRML takes the hero's whole width). Expected values are what Node
mjml 5.4.1 writes for the same MJML (checked with `mjml FILE -s`)."""

from __future__ import annotations

import re
import time

from mailglot.render.heroes import hero_child_widths
from mailglot.render.mjml import compile_mjml

HERO = '<mj-hero background-url="https://x.example/h.jpg" height="400px" padding="40px 30px"{}>'


def _doc(children: str, head: str = "", hero: str = "") -> str:
    return (
        f"<mjml><mj-head><mj-attributes>{head}</mj-attributes></mj-head><mj-body>"
        + HERO.format(hero)
        + children
        + "</mj-hero></mj-body></mjml>"
    )


def _images(html: str) -> list[tuple[str, str]]:
    """(the cell's style width, the <img>'s width) of each mj-image."""
    return re.findall(r'<td style="width:(\d+)px;">(?:<a [^>]*>)?<img [^>]*?width="(\d+)"', html)


def test_an_image_in_a_padded_hero_is_as_wide_as_the_space_between_the_paddings() -> None:
    # Node: 600 - 30 - 30 = 540 with no padding of its own, 490 with its default 10px 25px
    fluid = (
        '<mjml><mj-body><mj-hero background-url="https://x.example/h.jpg"'
        ' background-height="400px" background-width="600px" padding="40px 30px"'
        ' mode="fluid-height"><mj-image src="https://x.example/a.png" padding="0" />'
        "</mj-hero></mj-body></mjml>"
    )
    assert _images(compile_mjml(fluid)) == [("540", "540")]
    assert _images(compile_mjml(_doc('<mj-image src="https://x.example/a.png" />'))) == [
        ("490", "490")
    ]


def test_an_images_own_width_is_kept_when_narrower_and_capped_when_wider() -> None:
    html = compile_mjml(
        _doc(
            '<mj-image src="https://x.example/a.png" alt="a &gt; b" href="https://x.example/go" />'
            '<mj-image src="https://x.example/b.png" width="300px" />'
            '<mj-image src="https://x.example/c.png" width="580px" />'
        )
    )
    assert _images(html) == [("490", "490"), ("300", "300"), ("490", "490")]


def test_the_heros_padding_through_mj_class_mj_attributes_and_mj_all() -> None:
    image = '<mj-image src="https://x.example/a.png" />'
    by_class = _doc(image, '<mj-class name="h" padding="40px 30px" />', ' mj-class="h"')
    by_class = by_class.replace(' padding="40px 30px" mj-class', " mj-class")
    by_default = _doc(image, '<mj-hero padding="40px 30px" />').replace(
        ' height="400px" padding="40px 30px">', ' height="400px">'
    )
    assert _images(compile_mjml(by_class)) == [("490", "490")]
    assert _images(compile_mjml(by_default)) == [("490", "490")]
    # mj-all pads the hero (30 + 30) and the image (30 + 30): 600 - 120
    all_ = _doc(image, '<mj-all padding="12px 30px" />').replace(' padding="40px 30px"', "")
    assert _images(compile_mjml(all_)) == [("480", "480")]


def test_the_images_paddings_and_borders_from_defaults_and_classes() -> None:
    """The image's padding and width from mj-attributes, a border from its mj-class, a
    padding side written unitless (MRML reads no width from `0`, Node reads 0)."""
    head = '<mj-image padding="0 4px" width="700px" /><mj-class name="i" border="2px solid red" />'
    html = compile_mjml(_doc('<mj-image mj-class="i" src="https://x.example/a.png" />', head))
    assert _images(html) == [("528", "528")]  # 540 - 8 - 4
    sided = '<mj-image src="https://x.example/a.png" border="3px solid red" border-left="5px solid red" padding-left="0" />'
    assert _images(compile_mjml(_doc(sided))) == [("507", "507")]  # 540 - 25 - 8


def test_a_full_width_image_in_a_padded_hero() -> None:
    html = compile_mjml(_doc('<mj-image src="https://x.example/a.png" full-width="full-width" />'))
    assert "min-width:100%;max-width:100%;width:490px;" in html
    assert re.search(r'<img [^>]*width="490"', html)


def test_dividers_in_a_padded_hero() -> None:
    html = compile_mjml(_doc('<mj-divider /><mj-divider width="33%" padding="0 7px" />'))
    # Node's Outlook tables: (540 - 50) and (540 - 14) * 0.33, as JavaScript writes them
    assert (
        'width="490px" style="border-top:solid 4px #000000;font-size:1px;margin:0px auto;width:490px;"'
        in html
    )
    assert (
        'width="173.58px" style="border-top:solid 4px #000000;font-size:1px;margin:0px auto;width:173.58px;"'
        in html
    )
    fixed = compile_mjml(_doc('<mj-divider width="200px" />'))
    assert 'width="200px"' in fixed


def test_carousel_pictures_in_a_padded_hero() -> None:
    html = compile_mjml(
        _doc(
            '<mj-carousel><mj-carousel-image src="https://x.example/1.jpg" />'
            '<mj-carousel-image src="https://x.example/2.jpg" href="https://x.example/go" />'
            "</mj-carousel>"
        )
    )
    pictures = re.findall(r'<img border="0"[^>]*>', html)
    assert len(pictures) == 3  # two, and the first again for Outlook
    for picture in pictures:
        assert 'width="540"' in picture and "width:540px;" in picture
    assert 'width="110"' in html  # the thumbnails keep Node's 110


def test_children_of_a_hero_without_padding_and_outside_heroes_are_left_alone() -> None:
    plain = (
        '<mjml><mj-body><mj-hero background-url="https://x.example/h.jpg" height="400px">'
        '<mj-image src="https://x.example/a.png" /></mj-hero><mj-section><mj-column>'
        '<mj-image src="https://x.example/b.png" /></mj-column></mj-section></mj-body></mjml>'
    )
    assert _images(compile_mjml(plain)) == [("550", "550"), ("550", "550")]
    padded = plain.replace('height="400px">', 'height="400px" padding="0 30px">')
    assert _images(compile_mjml(padded)) == [("490", "490"), ("550", "550")]


def test_an_image_alike_in_mj_raw_leaves_the_hero_alone() -> None:
    """Images are paired with the hero's mj-image children in order; a designer's own table
    alike in an mj-raw makes the counts differ, and nothing is guessed."""
    raw = (
        '<mj-raw><table border="0" cellpadding="0" cellspacing="0" role="presentation"'
        ' style="border-collapse:collapse;border-spacing:0px;"><tbody><tr><td style="width:600px;">'
        '<img width="600" src="x.png"></td></tr></tbody></table></mj-raw>'
    )
    html = compile_mjml(_doc(raw + '<mj-image src="https://x.example/a.png" />'))
    assert '<td style="width:600px;"><img width="600" src="x.png" />' in html


def test_hero_child_widths_returns_content_without_children_unchanged() -> None:
    content = '<td style="width:550px;"><img alt="" width="550" /></td>'
    assert hero_child_widths(content, 540, ()) is content


def test_many_heroes_are_fixed_in_linear_time() -> None:
    """Each hero's children are read up to its closing tag, never past the next hero."""
    one = HERO.format("") + '<mj-image src="https://x.example/a.png" /><mj-divider /></mj-hero>'

    def cost(n: int) -> float:
        doc = "<mjml><mj-body>" + one * n + "</mj-body></mjml>"
        start = time.process_time()
        html = compile_mjml(doc)
        spent = time.process_time() - start
        assert _images(html).count(("490", "490")) == n
        return spent

    small, large = cost(300), cost(1200)
    assert large < small * 4 * 3  # four times the heroes: far from sixteen times the time
