"""images-off.html: the preview with every image blocked, made from bytes in memory."""

from __future__ import annotations

import itertools
import re

import pytest

from mailglot.gallery import (
    _BACKGROUND,
    IMAGES_OFF_CSS,
    _without_backgrounds,
    images_off,
    images_off_bytes,
)


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


IMAGE_PARTS = [
    *TRICKY,
    "<img",
    "<IMG src=a.png>",
    "<img alt=x src='b.png'>",
    ' SrcSet="c.png 2x"',
    ">",
    "<imgé>",  # a word character of another script: no tag to a text pattern
    "<img«>",  # not a word character: a tag either way
    "<img\u00a0src=x>",
    "<ımg src=x>",  # a dotless i is an "i" to IGNORECASE
    "ſrc=y",
    "\r\n",
    "\x1c",
    "\u2009",  # a thin space, as in a French price
    "</head>",
]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_images_off_on_bytes_is_the_plain_path_exactly(size: int) -> None:
    """The renderer's previews are worked on as bytes (images_off_bytes) only where that
    gives the bytes the text patterns give; anything else takes the plain path."""
    taken = 0
    for parts in itertools.product(IMAGE_PARTS, repeat=size):
        preview = f"<html><head></head>{''.join(parts)}</html>".encode()
        taken += images_off_bytes.images_off(preview, IMAGES_OFF_CSS.encode()) is not None
        assert images_off(preview, encoded=True) == images_off(preview), repr(preview)
    assert taken > len(IMAGE_PARTS) ** size / 8  # the shortcut is used


def test_the_characters_left_to_the_plain_path_are_all_those_text_patterns_read_otherwise() -> None:
    """Every code point that a text pattern's `\\s` or IGNORECASE (for the letters the
    patterns hold) reads otherwise than a bytes pattern is one images_off_bytes looks for."""
    letter = re.compile("[backgroundimagesrcseturl]", re.IGNORECASE).fullmatch  # as they do
    space = re.compile(r"\s").fullmatch
    differ = {
        char
        for char in map(chr, range(0x110000))
        if (space(char) and not re.fullmatch(rb"\s", char.encode()))
        or (letter(char) and not char.isascii())
    }
    assert differ == set(images_off_bytes._FOLDS) | set(images_off_bytes._SPACES)
