"""The direction step reads start tags that never close in linear time, token for token as
`mjml_start_tags.TOKEN` searched from the end of the last token reads them.

A search for `_TOKEN` was tried again at every "<mj-a" of a tag left open, each time up to
its end: 24 KB of "<mj-a " took 1.7 s, 0.4 MB would take minutes.
"""

from __future__ import annotations

import random
import signal
from collections.abc import Iterator

import pytest
from conftest import within

from mailglot.render import direction, mjml_start_tags
from mailglot.render.mjml_start_tags import ENDING_TAGS, Tag

PIECES = [
    "<mjml",
    "<mj-a",
    "<mj-text",
    "<MJ-Text",
    "</mj-text>",
    "<mj-raw",
    "</mj-raw>",
    "<mj-section",
    "<mj-attributes",
    "</mj-attributes>",
    "<mj-head",
    "<mj-",
    "<mjmlx",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    " ",
    "\n",
    ">",
    "/>",
    "/",
    "=",
    " = ",
    "`",
    ' align="start"',
    " padding='1 2 3 4'",
    " x=",
    ' y="',
    " z='",
    '"',
    "'",
    "<",
    "hi",
    "\u00e9",
]


def reference(mjml: str) -> list[Tag]:
    """What `start_tags` was: `_TOKEN.search` from the end of the last token."""
    out = []
    pos = 0
    while (m := mjml_start_tags.TOKEN.search(mjml, pos)) is not None:
        pos = m.end()
        if m["name"] is None:
            continue
        name = m["name"].lower()
        tag = Tag(name, m["attrs"], m.start(), m.end(), bool(m["slash"]))
        out.append(tag)
        if name in ENDING_TAGS and not tag.self_closing:
            close = mjml_start_tags.CLOSE[name].search(mjml, pos)
            pos = close.end() if close else len(mjml)
    return out


def texts(seed: int, count: int, most: int) -> Iterator[str]:
    rng = random.Random(seed)
    for _ in range(count):
        yield "".join(rng.choice(PIECES) for _ in range(rng.randint(0, most)))


def test_start_tags_are_the_tokens_the_pattern_finds():
    exact = 0
    for text in texts(21, 20_000, 30):
        tags = list(mjml_start_tags.start_tags(text))
        assert tags == reference(text), text
        fast = direction._left_to_right(text, "en-US", "ltr")
        if fast is None:
            exact += 1
        else:
            assert fast == direction._oriented(text, "en-US", "ltr", False), text
    assert exact > 1000  # the exact reading is reached, and agrees


def test_the_exact_reading_agrees_from_any_point():
    for text in texts(22, 5000, 40):
        expected = reference(text)
        assert list(mjml_start_tags.exact_start_tags(text, 0)) == expected, text


HOSTILE = [
    "<mj-a " * 70_000,  # a tag that never closes, its attributes tags again (1.6 s for 24 KB)
    '<mj-a x="1" ' * 50_000,  # with values
    "<mj-a x='" * 50_000 + "'=",  # each tag in the last one's quoted value
    '<mj-a x="' * 50_000,  # quotes that never close
    "<mj-attributes>" * 30_000,  # blocks that never close (right to left: 2 s for 20,000)
    "<mj-head x" + " " * 300_000 + "y />",  # opened for the defaults (22 s for 0.1 MB)
    '<mj-text x="padding=' + "padding=" * 50_000 + '">',  # right to left: 0.7 s for 20 KB
]


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.parametrize("body", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_templates_are_oriented_in_linear_time(body: str) -> None:
    mjml = f"<mjml><mj-body>{body}</mj-body></mjml>"
    with within(60):  # about a second each; quadratic, minutes to hours
        for lang, side in (("en", "ltr"), ("ar", "rtl")):
            oriented = direction.orient(mjml, lang, side).mjml
            assert oriented.startswith(f'<mjml lang="{lang}" dir="{side}">')


def reference_defaults(mjml: str, tags: list[Tag]) -> dict[str, set[str]]:
    """What `_template_defaults` was: each block looked for, each tag tried in each block."""
    import re

    blocks = []
    for tag in tags:
        if tag.name == "mj-attributes" and not tag.self_closing:
            close = re.compile(r"</mj-attributes\s*>", re.I).search(mjml, tag.end)
            blocks.append((tag.end, close.start() if close else len(mjml)))
    out: dict[str, set[str]] = {}
    for tag in tags:
        if tag.name != "mj-class" and any(a <= tag.start < b for a, b in blocks):
            out.setdefault(tag.name, set()).update(a.name.lower() for a in tag.attributes)
    return out


def test_what_the_mj_attributes_blocks_set_is_read_as_before():
    pieces = ["<mj-attributes>", "</mj-attributes>", "</MJ-ATTRIBUTES >", "<mj-attributes/>"]
    pieces += ["<mj-all a='1'/>", "<mj-class name='x' b='2'/>", "<mj-text c='3'>", "</mj-text>"]
    pieces += ["<mj-section direction='ltr'/>", " ", "x"]
    rng = random.Random(23)
    for _ in range(5000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        tags = list(mjml_start_tags.start_tags(text))
        assert direction._template_defaults(text, tags) == reference_defaults(text, tags), text
