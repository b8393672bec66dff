"""The validator's reading of a document cut at its tags (each distinct tag read by
Node's token pattern once) is the pattern's own reading of the whole document, whatever
the document holds: quotes that run past a '>', comments, CDATA, declarations, tags that
never close, stray '<' and '>'."""

from __future__ import annotations

import random

import pytest

from mailglot.render import mjml_structure
from mailglot.render.mjml_structure import TOKEN, find_tokens

PIECES = [
    "<mj-section>",
    "</mj-section>",
    '<mj-text color="#fff" padding="0 28px">',
    "</mj-text>",
    '<mj-button href="https://x.example/?a=1&amp;b=2">',
    '<mj-image src="a.png" alt="x > y" />',  # a quoted value past a '>'
    "<mj-spacer height='1px'/>",
    '<mj-spacer height=a"b c"d />',
    "<mj-foo!x />",
    "</ mj-column >",
    "<br/>",
    "<br />",
    "<a\thref=x\n>",
    "<!-- a comment -->",
    "<!-- a > comment -->",
    "<!--x",
    "<![CDATA[ <mj-foo> ]]>",
    "<!DOCTYPE x>",
    "<? pi ?>",
    "</1 x>",
    "<mj-text",  # never closes
    '<mj-text title="never closed>',
    "words",
    " a < b ",
    " c > d ",
    "\n",
    "<",
    ">",
    '"',
    "'",
]


def documents(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(PIECES, k=rng.randint(0, 14))) for _ in range(count)]


@pytest.mark.parametrize("seed", range(6))
def test_the_tags_read_alone_are_the_documents_tokens(seed: int, monkeypatch) -> None:
    monkeypatch.setattr(mjml_structure, "_TAGS", {})
    cut = 0
    for text in documents(seed, 600):
        expected = TOKEN.findall(text)
        assert find_tokens(text) == expected, text
        assert find_tokens(text) == expected, text  # again, its tags known
        cut += mjml_structure._tags_alone(text) is not None
    assert cut > 30  # documents of plain tags took the shortcut


def test_a_quoted_value_past_a_tags_end_is_read_by_the_pattern() -> None:
    text = '<mjml><mj-body><mj-image src="a.png" alt="x > y" /></mj-body></mjml>'
    assert mjml_structure._tags_alone(text) is None
    assert find_tokens(text) == TOKEN.findall(text)
    assert ("", "mj-image", ' src="a.png" alt="x > y" ', "/") in find_tokens(text)


def test_a_known_tag_is_read_once(monkeypatch) -> None:
    monkeypatch.setattr(mjml_structure, "_TAGS", {})
    text = '<mjml><mj-body><mj-text color="red">x</mj-text><mj-text color="red">y</mj-text>'
    expected = TOKEN.findall(text)
    assert find_tokens(text) == expected
    assert sorted(mjml_structure._TAGS) == [
        "</mj-text>",
        "<mj-body>",
        '<mj-text color="red">',
        "<mjml>",
    ]
    monkeypatch.setattr(mjml_structure, "TOKEN", None)  # the pattern is not used again
    assert find_tokens(text) == expected
