"""The direction step and the MJML validator, once for a job's variants (render/mjml_variants.py),
give each variant what they give it alone: its own title in the MJML, the tokens of its own
MJML, on plain layouts and on MJML whose tokens run over the title."""

from __future__ import annotations

import random
from functools import partial

from jinja2 import DictLoader, Environment

from mailglot.i18n.locales import locale_info
from mailglot.render import direction, mjml_variants
from mailglot.render.mjml_structure import read
from mailglot.render.mjml_validator import MjmlValidator

LAYOUT = (
    '<mjml lang="en" dir="ltr"><mj-head>{head}<mj-title>{title}</mj-title>'
    '<mj-attributes><mj-text padding-start="4px" /></mj-attributes></mj-head>'
    '<mj-body><mj-section><mj-column><mj-text align="start">Hi</mj-text>{body}'
    "</mj-column></mj-section></mj-body></mjml>"
)
HEADS = [
    "",
    "<!-- note -->",
    "<mj-style>.a { color: red }</mj-style>",
    '<mj-font name="x" href="https://fonts.example/x" />',
    "<mj-raw><style>p {}</style></mj-raw>",
    '<mj-class name="a" css-class="b',  # a quoted value left open: it runs over the title
    "<mj-attributes",  # a tag never closed
    "<!-- open comment ",
    '<mj-breakpoint width="320px" title="',
]
BODIES = ["", '<mj-button href="https://x.example" align="end">Go</mj-button>', "<mj-spacer />"]
CHARS = ["a", " ", "=", "/", "x y", "&amp;", "é", '"', "'", "<", ">", "-->", "padding-start"]
INFO = locale_info("en_US")


def _mjml(rng: random.Random, title: str) -> str:
    return LAYOUT.format(head=rng.choice(HEADS), title=title, body=rng.choice(BODIES))


def _orient(mjml: str) -> tuple[str, tuple]:
    shared = mjml_variants.oriented(mjml, (INFO.lang, INFO.dir), partial(direction._marked, INFO))
    if shared is None:
        alone = direction.orient(mjml, INFO.lang, INFO.dir)
        return alone.mjml, alone.conflicts
    return shared


def test_variants_get_their_own_title_back() -> None:
    a = LAYOUT.format(head="", title="Half price", body=BODIES[1])
    b = LAYOUT.format(head="", title="Alex, half price", body=BODIES[1])
    oriented_a, oriented_b = _orient(a), _orient(b)
    alone = direction.orient(b, INFO.lang, INFO.dir)
    assert oriented_b == (alone.mjml, alone.conflicts)
    assert "<mj-title>Alex, half price</mj-title>" in oriented_b[0]
    assert 'padding-left="4px"' in oriented_b[0] and 'align="right"' in oriented_b[0]
    assert oriented_a[0].replace("Half price", "Alex, half price") == oriented_b[0]
    assert mjml_variants.read(b, read) == read(b)
    assert mjml_variants.read(b, read) is mjml_variants.read(a, read)  # read once


def test_random_variants_read_as_each_alone() -> None:
    rng = random.Random(11)
    shared = 0
    for _ in range(400):
        seed = rng.random()
        titles = ["".join(rng.choice(CHARS) for _ in range(rng.randint(1, 5))) for _ in "ab"]
        a, b = (_mjml(random.Random(seed), title) for title in titles)
        _orient(a)
        mjml_variants.read(a, read)
        alone = direction.orient(b, INFO.lang, INFO.dir)
        assert _orient(b) == (alone.mjml, alone.conflicts), b
        assert mjml_variants.read(b, read) == read(b), b
        shared += mjml_variants.read(b, read) is mjml_variants.read(a, read)
    assert shared > 10  # enough of them were shared to say so


def test_a_tag_over_the_title_is_not_shared() -> None:
    """`<mj-title>` inside a quoted value: the title is part of that tag's attributes."""
    head = '<mj-breakpoint width="320px" title="'
    a = LAYOUT.format(head=head, title="one", body="").replace("</mj-title>", '</mj-title>" />')
    b = a.replace(">one<", ">two words<")
    assert mjml_variants.read(a, read) == read(a)
    assert mjml_variants.read(b, read) == read(b)
    assert mjml_variants.read(b, read)[0] != read(a)[0]


def test_a_quote_in_the_title_would_close_a_value_left_open() -> None:
    """No quote after the title: with one in the title, a value left open before it ends in
    the title, so such a title is read with its own MJML."""
    layout = (
        '<mjml><mj-head><mj-class name="a" css-class="b<mj-title>{title}</mj-title>'
        "</mj-head><mj-body><mj-text>x</mj-text></mj-body></mjml>"
    )
    a = layout.format(title="Sale")
    for title in ['x" padding-start="2px', "it's", 'x" y=', 'a" align="start" b=', "words"]:
        b = layout.format(title=title)
        _orient(a)
        mjml_variants.read(a, read)
        alone = direction.orient(b, INFO.lang, INFO.dir)
        assert _orient(b) == (alone.mjml, alone.conflicts), b
        assert mjml_variants.read(b, read) == read(b), b


def test_validator_findings_are_each_variant_own() -> None:
    """The second variant's problems come from the first's only when their tokens are the
    same list; another job's MJML is judged on its own."""
    source = LAYOUT.format(head="", title="{{ subject }}", body='<mj-text colour="red">x</mj-text>')
    env = Environment(loader=DictLoader({"t.mjml.j2": source}))
    a = LAYOUT.format(head="", title="Sale", body='<mj-text colour="red">x</mj-text>')
    b = a.replace(">Sale<", ">Alex, a sale<")
    c = a.replace('colour="red"', 'fontsize="9px"')  # another job: its own problems
    validator = MjmlValidator()
    first = validator.findings(env, "t.mjml.j2", a)
    assert "mjml.attribute" in {d.code for d in first}
    assert "mjml.element" not in {d.code for d in first}
    assert validator.findings(env, "t.mjml.j2", b) == MjmlValidator().findings(env, "t.mjml.j2", b)
    assert validator.last[1] is mjml_variants.read(a, read)[0]
    found = validator.findings(env, "t.mjml.j2", c)
    assert found == MjmlValidator().findings(env, "t.mjml.j2", c)
    assert "Attribute fontsize is illegal" in {d.message for d in found}
