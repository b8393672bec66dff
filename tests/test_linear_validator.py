"""The MJML validator reads the document as Node's parser (htmlparser2) reads it, in linear
time: quotes in attribute names and unquoted values, CDATA sections, declarations and
processing instructions, comments short or left open, the text of <script>, <style>,
<title> and <textarea>, odd end tags, and tags that never close (the rest of the text goes
with them). The expected findings are Node mjml 5.4.1's (scripts/validator_parity.py
compares many more with Node itself)."""

from __future__ import annotations

import signal

import pytest
from conftest import within

from mailglot.render.mjml_structure import TOKEN, find_tokens, tag_text, token_matches
from mailglot.render.mjml_validator import lines_of, problems


def column(inner: str) -> str:
    return (
        f"<mjml><mj-body><mj-section><mj-column>{inner}</mj-column></mj-section></mj-body></mjml>"
    )


def messages(mjml: str) -> list[tuple[str, str]]:
    return [(p.element, p.message) for p in problems(mjml)[1]]


def unknown(name: str) -> tuple[str, str]:
    return (name, f"Element {name} doesn't exist or is not registered")


FOO, BAR = unknown("mj-foo"), unknown("mj-bar")
NODE = [
    (
        '<mj-spacer height=a"b c"d />',
        [
            ("mj-spacer", 'Attribute c"d is illegal'),
            (
                "mj-spacer",
                'Attribute height has invalid value: a"b for type Unit, only accepts'
                " (px, %) units and 1 value(s)",
            ),
        ],
    ),
    ('<mj-spacer a"b=1 />', [("mj-spacer", 'Attribute a"b is illegal')]),
    ('<mj-spacer "x=1 /><mj-foo />', [("mj-spacer", 'Attribute "x is illegal'), FOO]),
    ('<mj-spacer =x height="1px"/>', [("mj-spacer", "Attribute =x is illegal")]),
    ("<![CDATA[<mj-foo />]]><mj-bar />", [BAR]),
    ("<mj-text>x</mj-text><![CDATA[ <mj-section> ]]>", []),
    ("<![CDATA[ <mj-foo> ", []),
    ("<![cdata[<mj-foo />]]><mj-bar />", [BAR]),
    ("<!DOCTYPE x <mj-foo /> <mj-bar />", [BAR]),
    ("<!> <mj-foo /> <mj-bar />", [BAR]),
    ("<? <mj-foo /> ?><mj-bar />", [BAR]),
    ("<!--><mj-foo /><!---><mj-bar />", [FOO, BAR]),
    ("<!--x<mj-foo />", []),
    ("<style><mj-foo /></style><mj-bar />", [unknown("style"), BAR]),
    ("<svg><path /><mj-foo /></svg><mj-bar />", [unknown("svg"), unknown("path"), FOO, BAR]),
    ("</ mj-column><mj-foo />", [FOO]),
    ("</1 <mj-foo /> ><mj-bar />", [BAR]),
    ("<mj-foo!x />", [("mj-foo!x", "Element mj-foo!x doesn't exist or is not registered")]),
    ("<mj-spacer height='1px", []),
]


@pytest.mark.parametrize(("inner", "expected"), NODE, ids=range(len(NODE)))
def test_corners_are_read_as_node_reads_them(inner: str, expected: list) -> None:
    assert messages(column(inner)) == expected


def test_the_groups_give_each_tag_back_as_written():
    mjml = column("<mj-spacer / ><mj-text a\"b='c' d=e\"f/>x</mj-text></ mj-foo >")
    for m in token_matches(mjml):
        if m.group(2):
            assert tag_text(m.groups("")) == m.group(0)
    assert find_tokens(mjml) == TOKEN.findall(mjml)


HOSTILE = [
    "<mj-a " * 100_000,
    "<a x" * 100_000,
    "<mj-text x='" * 100_000,
    "<!--" * 100_000,
    "<![CDATA[" * 100_000,
    "<!x" * 100_000,
    "<style>" * 100_000,
    "</x" * 100_000,
    "<mj-text>" + "<title>x</title>" * 50_000 + "</mj-text>",
]


@pytest.mark.skipif(not hasattr(signal, "SIGALRM"), reason="needs SIGALRM")
@pytest.mark.parametrize("inner", HOSTILE, ids=range(len(HOSTILE)))
def test_hostile_documents_are_read_in_linear_time(inner: str) -> None:
    mjml = column(inner)
    with within(60):  # well under a second each
        tokens, found = problems(mjml)
        lines_of(mjml, found)
    assert len(tokens) < 200_000


def test_deep_documents_and_many_findings_are_read_in_linear_time():
    deep = column("<div>" * 20_000 + "</span>" * 20_000)  # end tags that close nothing
    many = column("<mj-section><mj-text paddng=1>x</mj-text></mj-section>\n" * 20_000)
    with within(60):  # ~0.2 s and ~1 s; quadratic, ~25 s and ~30 s
        assert len(problems(deep)[1]) == 20_000
        found = problems(many)[1]
        lines = lines_of(many, found)
    assert len(found) == 60_000 and lines[:4] == [1, 1, 1, 2] and lines[-1] == 20_000
