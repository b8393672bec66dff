"""Shortcuts of a build worker's render and write steps, each tested against the plain way
it replaced, on input built to reach the cases where the two could part."""

from __future__ import annotations

import sys

import pytest

from mailglot.render import inline
from mailglot.render.mjml import compile_mjml


def test_a_style_start_found_in_any_case_includes_all_that_lowering_finds():
    """A `<style>` in the body was looked for in the email lowered; the pattern must find
    every spelling lowering brings to the word (any character of the code space in any of
    its places), or a variant's label could be inlined shared."""
    word = "<style"
    for code in range(sys.maxunicode + 1):
        c = chr(code)
        if 0xD800 <= code <= 0xDFFF or c.lower() == c:
            continue  # lowering changes nothing: the spelling is the word or is not
        for i in range(len(word)):
            spelled = f"x{word[:i]}{c}{word[i + 1 :]}x"
            if word in spelled.lower():
                assert inline._STYLE_START.search(spelled), (hex(code), spelled)
    assert not inline._STYLE_START.search("<styl e")


def test_a_heads_verdict_is_kept_for_that_head_only(monkeypatch):
    monkeypatch.setattr(inline, "_HEAD_VERDICTS", {})
    naming = "<head><style>div[Aria-LABEL] { margin: 0 }</style>"
    plain = "<head><style>div { margin: 0 }</style>"
    escaping = "<head><style>p::before { content: '\\2014' }</style>"
    for head, verdict in [(naming, True), (plain, False), (naming, True), (escaping, True)]:
        assert inline._head_refuses(head) is verdict
        assert inline._head_refuses(head) is verdict  # as kept
    assert inline._head_refuses(plain) is False


@pytest.mark.parametrize(
    "style",
    [
        "<mj-style>div[ARIA-LABEL^='Black'] { border: 1px solid red; }</mj-style>",
        "<mj-style>div[aria-Label] { margin: 0; }</mj-style>",
        "<mj-style>.c { content: '\\2014'; }</mj-style>",
    ],
)
@pytest.mark.parametrize(
    "content", ["<mj-text>Hi</mj-text>", "<mj-raw><STYLE>p{}</STYLE></mj-raw>"]
)
def test_variants_whose_label_a_sheet_names_in_capitals_are_inlined_apart(
    monkeypatch, style, content
):
    monkeypatch.setattr(inline, "_INLINED", {})
    for title in ("Black Friday: 40% off", "Black Friday, last day"):
        mjml = (
            f"<mjml><mj-head><mj-title>{title}</mj-title>{style}</mj-head><mj-body>"
            f"<mj-section><mj-column>{content}</mj-column></mj-section></mj-body></mjml>"
        )
        compiled = compile_mjml(mjml)
        assert inline.inline_css(compiled) == inline._inline(compiled, "css-inline")
    assert list(inline._INLINED.values()) == [None]  # each variant inlined itself
