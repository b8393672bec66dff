"""MJML placed where MJML does not allow it: warnings in Node mjml 5.4's words.

Every expected message below is what Node `mjml` 5.4.1 reports for the same MJML at its
default validation level (checked with its `mjml2html(..., {validationLevel})`); Node is not
needed to run these tests.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Callable
from pathlib import Path
from types import FrameType

import pytest
from jinja2 import DictLoader, Environment

from mailglot.errors import Diagnostic
from mailglot.render.mjml_rules import message
from mailglot.render.mjml_validator import MjmlValidator
from mailglot.render.placement import Misplaced, locate, misplaced

CORPUS = Path(__file__).parent / "fidelity"


def messages(mjml: str) -> list[str]:
    return [message(m.child, m.parent) for m in misplaced(mjml)]


def test_a_spacer_directly_in_the_body():
    found = misplaced('<mjml><mj-body><mj-spacer height="14px" /><mj-section /></mj-body></mjml>')
    assert found == (Misplaced("mj-spacer", "mj-body", '<mj-spacer height="14px" />'),)
    assert message("mj-spacer", "mj-body") == (
        "mj-spacer cannot be used inside mj-body, only inside: mj-attributes, mj-column, mj-hero"
    )


@pytest.mark.parametrize(
    ("mjml", "expected"),
    [
        (
            "<mjml><mj-body><mj-column><mj-text>x</mj-text></mj-column></mj-body></mjml>",
            "mj-column cannot be used inside mj-body, only inside: mj-attributes, mj-group,"
            " mj-section",
        ),
        (
            "<mjml><mj-body><mj-section><mj-text>x</mj-text></mj-section></mj-body></mjml>",
            "mj-text cannot be used inside mj-section, only inside: mj-attributes, mj-column,"
            " mj-hero",
        ),
        (
            "<mjml><mj-body><mj-wrapper><mj-wrapper /></mj-wrapper></mj-body></mjml>",
            "mj-wrapper cannot be used inside mj-wrapper, only inside: mj-attributes, mj-body",
        ),
        (
            "<mjml><mj-body><mj-head /></mj-body></mjml>",
            "mj-head cannot be used inside mj-body, only inside: mjml, mj-attributes",
        ),
        (
            "<mjml><mj-body><mj-section><mj-column><mj-carousel><mj-image src='a.png' />"
            "</mj-carousel></mj-column></mj-section></mj-body></mjml>",
            "mj-image cannot be used inside mj-carousel, only inside: mj-attributes, mj-column,"
            " mj-hero",
        ),
        (
            "<mjml><mj-body><mj-section><mj-column><mj-accordion><mj-accordion-title>t"
            "</mj-accordion-title></mj-accordion></mj-column></mj-section></mj-body></mjml>",
            "mj-accordion-title cannot be used inside mj-accordion, only inside:"
            " mj-accordion-element, mj-attributes",
        ),
    ],
)
def test_other_placements_in_nodes_words(mjml: str, expected: str):
    assert messages(mjml) == [expected]


def test_what_node_does_not_check_is_not_reported():
    """The root's children, HTML inside mj-text/mj-raw/mj-button, comments, children of an
    element that is not a component, anything in mj-attributes, and valid nesting."""
    assert (
        messages(
            "<mjml><mj-text>root</mj-text><mj-head><mj-attributes><mj-text color='red' />"
            "<mj-class name='a' padding='0' /></mj-attributes>"
            "<mj-style>.a > div { color: red }</mj-style></mj-head><mj-body>"
            "<!-- <mj-spacer /> --><mj-raw><mj-column>raw</mj-column></mj-raw>"
            "<mj-section><mj-group><mj-column><mj-text><div><mj-section>x</mj-section></div>"
            "<br></mj-text><mj-button href='#'><mj-column /></mj-button><mj-spacer />"
            "</mj-column></mj-group></mj-section><div><mj-spacer /></div>"
            "<mj-hero><mj-text>h</mj-text></mj-hero><mj-wrapper><mj-section /></mj-wrapper>"
            "</mj-body></mjml>"
        )
        == []
    )


def test_the_fidelity_corpus_has_no_misplaced_element():
    """Node reports no misplaced element in any file of the corpus."""
    files = sorted(CORPUS.glob("*.mjml"))
    assert len(files) > 30
    assert {f.name: messages(f.read_text(encoding="utf-8")) for f in files} == {
        f.name: [] for f in files
    }


def test_a_finding_is_located_at_the_template_line_that_wrote_it():
    family = (
        (
            "promo.mjml.j2",
            '{% extends "base" %}\n{# <mj-spacer height="14px" /> #}\n'
            '<mj-spacer height="14px" />\n<mj-spacer height="8px" />\n',
        ),
        ("base", "<mjml>\n<mj-body>{% block x %}{% endblock %}</mj-body>\n</mjml>\n"),
    )
    spacer = Misplaced("mj-spacer", "mj-body", '<mj-spacer height="14px" />')
    assert locate(family, spacer) == ("templates/promo.mjml.j2", 3)
    # its attributes written by an expression: the one place with that element
    text = Misplaced("mj-text", "mj-section", '<mj-text color="#fff">')
    both = (*family, ("partials/x.j2", '\n\n<mj-text color="{{ c }}">'))
    assert locate(both, text) == ("templates/partials/x.j2", 3)
    # two places alike: no line rather than a wrong one
    assert locate(family, Misplaced("mj-spacer", "mj-body", "<mj-spacer>")) == (None, None)


def test_a_tag_writing_the_attribute_as_other_fixed_text_did_not_render_it():
    source = (
        "<mjml><mj-body><mj-section>\n"
        '<mj-column background-color="{{ c }}" />\n'
        '<mj-column width="70%" background-color="#ffffff" />\n'
        "</mj-section><mj-section>\n"
        '<mj-text align="start">a</mj-text>\n'
        '<mj-text align="{{ side }}">b</mj-text>\n'
        "</mj-section></mj-body></mjml>\n"
    )
    family = (("t.mjml.j2", source),)
    colour = ("background-color",)
    from_data = Misplaced("mj-column", "mj-section", '<mj-column background-color="#7c2d1" />')
    assert locate(family, from_data, colour) == ("templates/t.mjml.j2", 2)
    # the fixed text renders as this value: either tag may have written it
    alike = Misplaced("mj-column", "mj-section", '<mj-column background-color="#ffffff" />')
    assert locate(family, alike, colour) == (None, None)
    # the job's direction made `start` a side: the fixed tag is still a candidate
    right = Misplaced("mj-text", "mj-section", '<mj-text align="right">')
    assert locate(family, right, ("align",)) == (None, None)
    # a value the fixed tag cannot render as: the tag with the expression
    other = Misplaced("mj-text", "mj-section", '<mj-text align="middle">')
    assert locate(family, other, ("align",)) == ("templates/t.mjml.j2", 6)


def test_the_build_reports_it_at_the_template_line_and_the_example_has_none(example, cli):
    result = cli(example, "build", "--no-screenshots", "--json")
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["findings"]
    assert [f for f in found if f["code"] == "mjml.placement"] == []

    promo = example / "templates/promo.mjml.j2"
    source = promo.read_text(encoding="utf-8")
    promo.write_text(
        source.replace("{% endblock %}", '<mj-spacer height="14px" />\n{% endblock %}', 1),
        encoding="utf-8",
    )
    line = source[: source.index("{% endblock %}")].count("\n") + 1
    result = cli(example, "build", "--no-screenshots", "--json", "--campaign", "black_friday")
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] == "mjml.placement"]
    assert {(f["path"], f["line"], f["severity"], f["message"]) for f in found} == {
        (
            "templates/promo.mjml.j2",
            line,
            "warning",
            "mj-spacer cannot be used inside mj-body, only inside: mj-attributes, mj-column,"
            " mj-hero",
        )
    }
    assert "black_friday/en_US/a" in {f["job"] for f in found}


def _random_tree(rng: random.Random, depth: int = 0, raw: bool = False) -> tuple[str, list]:
    """Inside raw content (mj-text, mj-raw) no other raw element: Node's parser, like
    ours, ends the content at the first end tag of its name."""
    names = ["mj-section", "mj-column", "mj-spacer", "mj-wrapper", "div"]
    name = rng.choice(names if raw else [*names, "mj-text", "mj-raw"])
    inner = raw or name in ("mj-text", "mj-raw")
    count = 0 if depth > 3 else rng.randint(0, 3)
    return name, [_random_tree(rng, depth + 1, inner) for _ in range(count)]


def _write(node: tuple[str, list], rng: random.Random, found: list[tuple[str, str]], parent: str):
    """The node as MJML text, and what Node reports for it in `found` (the oracle: the tree
    is known, so is each element's parent)."""
    name, children = node
    if parent not in ("", "div", "raw") and name != "div" and name not in ALLOWED[parent]:
        found.append((name, parent))
    attrs = rng.choice(["", ' a="x > y/"', " b='/>'", ' c="1"'])
    if not children and rng.random() < 0.5:
        return f"<{name}{attrs} />"
    inner_parent = "raw" if name in ("mj-text", "mj-raw") else name  # their content is HTML
    inner = "".join(
        _write(c, rng, found if inner_parent != "raw" else [], inner_parent) for c in children
    )
    comment = rng.choice(["", "<!-- <mj-spacer /> -->"])
    return f"<{name}{attrs}>{comment}{inner}</{name}>"


ALLOWED = {
    "mj-body": {"mj-section", "mj-wrapper", "mj-raw"},
    "mj-section": {"mj-column", "mj-raw"},
    "mj-column": {"mj-text", "mj-spacer", "mj-raw"},
    "mj-wrapper": {"mj-section", "mj-raw"},
    "mj-spacer": set(),
}


def test_each_structure_is_read_right_first_time_and_from_the_cache():
    """Random trees (misplaced elements, HTML, raw content holding MJML tags, comments,
    quoted '>' and '/>'), each checked twice: fresh and from the per-structure cache."""
    rng = random.Random(25)
    for _ in range(600):
        found: list[tuple[str, str]] = []
        body = "".join(_write(_random_tree(rng), rng, found, "mj-body") for _ in range(2))
        mjml = f"<mjml><mj-body>{body}</mj-body></mjml>"
        for _ in range(2):
            assert [(m.child, m.parent) for m in misplaced(mjml)] == found, mjml


def test_structures_alike_but_for_a_slash_are_not_confused():
    """The cache is keyed by every token (end tags and self-closing slashes too): these two
    list the same names in the same order, and only the second nests a section in one."""
    flat = "<mjml><mj-body><mj-wrapper><mj-section /><mj-section></mj-section></mj-wrapper>"
    nested = "<mjml><mj-body><mj-wrapper><mj-section><mj-section /></mj-section></mj-wrapper>"
    for _ in range(2):
        assert misplaced(flat + "</mj-body></mjml>") == ()
        assert [m.tag for m in misplaced(nested + "</mj-body></mjml>")] == ["<mj-section />"]
    # the same structure with other attributes: the tag reported is this document's
    other = nested.replace("<mj-section />", '<mj-section padding="4px" />')
    assert [m.tag for m in misplaced(other + "</mj-body></mjml>")] == [
        '<mj-section padding="4px" />'
    ]


def _lines_run(call: Callable[[], object]) -> tuple[int, object]:
    """How many lines of Python `call` runs (a count, not a time: the same on any machine)."""
    count = 0

    def tracer(frame: FrameType, event: str, arg: object) -> Callable[..., object]:
        nonlocal count
        count += event == "line"
        return tracer

    before = sys.gettrace()
    sys.settrace(tracer)
    try:
        result = call()
    finally:
        sys.settrace(before)
    return count, result


def _locate_many(n: int) -> tuple[int, list[Diagnostic]]:
    """A template of 2n mj-text tags, each with an illegal attribute: n written as rendered
    (found by their text), n written by an expression (found by the attribute, all alike)."""
    written = [f'<mj-text colr="{{{{ c[{i}] }}}}">{n}</mj-text>' for i in range(n)]
    fixed = [f'<mj-text colr="#{n}-{i}">x</mj-text>' for i in range(n)]
    rendered = [f'<mj-text colr="#{n}+{i}">{n}</mj-text>' for i in range(n)]
    wrap = "<mjml><mj-body><mj-section><mj-column>\n{}\n</mj-column></mj-section></mj-body></mjml>"
    source = wrap.format("\n".join(f"{a}\n{b}" for a, b in zip(written, fixed, strict=True)))
    mjml = wrap.format("\n".join(f"{a}\n{b}" for a, b in zip(rendered, fixed, strict=True)))
    env = Environment(loader=DictLoader({"t.mjml.j2": source}))
    count, found = _lines_run(lambda: MjmlValidator().findings(env, "t.mjml.j2", mjml))
    assert isinstance(found, list)
    return count, found


def test_locating_many_findings_grows_with_the_tags_not_their_square():
    """Every finding used to go through every tag of its element, a regular expression each:
    2000 findings took 51 s. Counted in lines of Python run, three times the tags must cost
    about three times as much (it was eight times)."""
    small, found = _locate_many(100)
    assert {f.line for f in found} == {None, *range(3, 202, 2)}
    assert {f.message for f in found} == {"Attribute colr is illegal"}
    large, found = _locate_many(300)
    assert {f.line for f in found} == {None, *range(3, 602, 2)}
    assert large < 4 * small, (small, large)
