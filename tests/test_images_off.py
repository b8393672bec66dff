"""images-off.html: the preview with every image blocked, made from bytes in memory."""

from __future__ import annotations

import itertools

import pytest

from mailglot.gallery import _BACKGROUND, IMAGES_OFF_CSS, _without_backgrounds, images_off


def test_images_sources_and_backgrounds_are_removed_and_the_placeholder_style_added() -> None:
    preview = (
        '<html><head><title>x</title></head><body style="background-image:url(a.png)">'
        '<td background="b.png" bgcolor="#fff"><img src="c.png" srcset="c2.png 2x" alt="Logo">'
        "<div style=\"background-color:#eee;background: url('d.png')\">Hi</div></body></html>"
    )
    assert (
        images_off(preview.encode())
        == (
            f"<html><head><title>x</title>{IMAGES_OFF_CSS}</head><body "
            'style="">'
            '<td bgcolor="#fff"><img alt="Logo">'
            '<div style="background-color:#eee;">Hi</div></body></html>'
        ).encode()
    )


def test_newlines_are_those_reading_the_preview_as_text_gives() -> None:
    assert images_off(b"<head></head>a\r\nb\rc\n") == images_off(b"<head></head>a\nb\nc\n")


TRICKY = [
    "background",
    " background",
    "\tBackGround",
    "\u00a0background",  # a no-break space is whitespace to the pattern
    "bac\u212aground",  # a Kelvin sign is a "k" to the pattern's IGNORECASE
    "İ",  # a letter whose lowercase is two characters
    "-image",
    " : ",
    "=",
    "url(x)",
    "'q'",
    '"p"',
    "é",
    "BACKGROUND-IMAGE",
]


@pytest.mark.parametrize("size", [1, 2, 3, 4])
def test_background_removal_is_the_patterns_substitution_exactly(size: int) -> None:
    for parts in itertools.product(TRICKY, repeat=size):
        html = "".join(parts)
        assert _without_backgrounds(html) == _BACKGROUND.sub("", html), repr(html)
