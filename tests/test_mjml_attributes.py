"""Attributes and elements Node mjml refuses: warnings in its words, at the template line.

Every expected message below is what Node `mjml` 5.4.1 reports for the same MJML at its
default validation level ("soft"), copied from its output (scripts/validator_parity.py
compares the two on a generated corpus); Node is not needed to run these tests.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from jinja2 import DictLoader, Environment

from mailglot.render.merge import MergeFields
from mailglot.render.mjml_validator import MjmlValidator, lines_of, problems

CORPUS = Path(__file__).parent / "fidelity"
NEW_CODES = {"mjml.attribute", "mjml.attribute-value", "mjml.element"}


def said(mjml: str) -> list[tuple[str, str, str]]:
    """(element, code, message) of each problem, in document order."""
    return [(p.element, p.code, p.message) for p in problems(mjml)[1]]


def column(inner: str) -> str:
    return (
        f"<mjml><mj-body><mj-section><mj-column>{inner}</mj-column></mj-section></mj-body></mjml>"
    )


def test_a_designers_typos_in_nodes_words():
    assert said(
        column(
            '<mj-text paddng="10px">Hi</mj-text><mj-image src="a.png" width="50%" />'
            '<mj-button align="centre" background-color="reddish">Go</mj-button>'
        )
    ) == [
        ("mj-text", "mjml.attribute", "Attribute paddng is illegal"),
        (
            "mj-image",
            "mjml.attribute-value",
            "Attribute width has invalid value: 50% for type Unit, only accepts (px) units and"
            " 1 value(s)",
        ),
        (
            "mj-button",
            "mjml.attribute-value",
            "Attribute align has invalid value: centre for type Enum, only accepts left,"
            " center, right",
        ),
        (
            "mj-button",
            "mjml.attribute-value",
            # Node's message for a colour ends with a space
            "Attribute background-color has invalid value: reddish for type Color ",
        ),
    ]


def test_every_kind_of_value_node_refuses():
    mjml = (
        '<mjml><mj-body><mj-section padding="10"><mj-column><mj-image src="a.png"'
        ' fluid-on-mobile="yes" /><mj-table cellpadding="none" colr="red" font-sizee="2px">t'
        "</mj-table></mj-column></mj-section></mj-body></mjml>"
    )
    assert [message for _, _, message in said(mjml)] == [
        "Attribute padding has invalid value: 10 for type Unit, only accepts (px, %) units and"
        " 1 to 4 value(s)",
        "Attribute fluid-on-mobile has invalid value: yes for type Boolean ",
        "Attributes colr, font-sizee are illegal",
        "Attribute cellpadding has invalid value: none for type NInteger ",
    ]


def test_unknown_elements():
    mjml = (
        "<mjml><mj-body><mj-section><mj-colum><mj-text>x</mj-text></mj-colum><mj-column>"
        "<div>hi</div></mj-column></mj-section></mj-body></mjml>"
    )
    assert said(mjml) == [
        ("mj-colum", "mjml.element", "Element mj-colum doesn't exist or is not registered"),
        ("div", "mjml.element", "Element div doesn't exist or is not registered"),
    ]


def test_what_node_accepts_is_not_reported():
    """The root's attributes, mj-class and css-class anywhere, `mj-all` and `mj-class` in
    mj-attributes, mj-html-attributes' selectors, "true" booleans, auto, negative letter
    spacing, unitless line heights, an empty full-width, rgb(), transparent, short hex in
    capitals, and anything inside raw content (mj-text, mj-raw). mj-attributes' children
    are checked as the components they name."""
    mjml = (
        '<mjml lang="fr" owa="desktop"><mj-head><mj-attributes><mj-all paddng="1px" />'
        '<mj-class name="big" font-size="20" /><mj-text colr="red" /></mj-attributes>'
        '<mj-html-attributes><mj-selector path=".a"><mj-html-attribute name="data-x">1'
        "</mj-html-attribute></mj-selector></mj-html-attributes></mj-head><mj-body>"
        '<mj-section full-width="" css-class="a" mj-class="big"><mj-column><mj-image'
        ' src="a.png" height="auto" fluid-on-mobile="true" /><mj-text letter-spacing="-1px"'
        ' line-height="1.5" color="rgb(0, 0, 0)" container-background-color="transparent"'
        ' padding="0 10px"><div paddng="1"><mj-colum /></div></mj-text><mj-raw><mj-spacer'
        ' paddng="1" /></mj-raw><mj-divider border-color="#ABC" /></mj-column></mj-section>'
        "</mj-body></mjml>"
    )
    assert said(mjml) == [("mj-text", "mjml.attribute", "Attribute colr is illegal")]


def test_nodes_parser_and_message_quirks():
    """Names that are array indices come first (JavaScript's key order), `$&` and `$$` in
    a value act as JavaScript's String.replace makes them act, tag names are lowercased but
    attribute names are not, and the first of duplicated attributes counts."""
    mjml = column(
        '<mj-spacer height="10px" 1="x" 0="y" zz="1" /><mj-text color="$&" align="a$$b">x'
        '</mj-text><MJ-TEXT Align="centre" align="center" align="right">y</MJ-TEXT>'
    )
    assert [(element, message) for element, _, message in said(mjml)] == [
        ("mj-spacer", "Attributes 0, 1, zz are illegal"),
        ("mj-text", "Attribute color has invalid value: $& for type Color "),
        (
            "mj-text",
            "Attribute align has invalid value: a$b for type Enum, only accepts left, right,"
            " center, justify",
        ),
        ("mj-text", "Attribute Align is illegal"),
    ]


def test_the_line_node_gives():
    mjml = "<mjml>\n<mj-body>\n<mj-section>\n<mj-column\n  paddng='1'>\n</mj-column>"
    mjml += "\n</mj-section>\n</mj-body>\n</mjml>"
    _, found = problems(mjml)
    assert lines_of(mjml, found) == [4]


def test_a_tag_judged_before_is_not_judged_stale():
    """Each start tag is judged once per process: documents of one structure whose values
    differ each get their own verdict, in any order, again and again."""
    good = column('<mj-text color="#123456">x</mj-text>')
    bad = column('<mj-text color="#12345g">x</mj-text>')
    for _ in range(2):
        assert said(good) == []
        assert said(bad) == [
            (
                "mj-text",
                "mjml.attribute-value",
                "Attribute color has invalid value: #12345g for type Color ",
            )
        ]
        assert said(column('<mj-text color="#12345g" colr="1">x</mj-text>'))[0] == (
            "mj-text",
            "mjml.attribute",
            "Attribute colr is illegal",
        )


def test_the_fidelity_corpus_has_only_what_node_reports():
    """Node reports one thing in the whole corpus: the social bar's `text-mode`, line 6."""
    files = sorted(CORPUS.glob("*.mjml"))
    assert len(files) > 30
    found = {}
    for path in files:
        mjml = path.read_text(encoding="utf-8")
        items = problems(mjml)[1]
        if items:
            found[path.name] = [
                (line, p.element, p.message)
                for line, p in zip(lines_of(mjml, items), items, strict=True)
            ]
    assert found == {"social-share.mjml": [(6, "mj-social", "Attribute text-mode is illegal")]}


def test_values_are_shown_as_the_user_wrote_them():
    """A merge field's token shows as the platform's tag, a line break as \\n (one finding a
    line on a terminal), and the finding is located at the template line that wrote it."""
    merge = MergeFields(("first_name",), {"first_name": "Ada"}, "handlebars")
    token = merge.tokens()["first_name"]
    source = '<mjml><mj-body><mj-section><mj-column>\n<mj-text color="{{ c }}">x</mj-text>'
    env = Environment(loader=DictLoader({"t.mjml.j2": source}))
    mjml = column(f'<mj-text color="#fff\nred {token}">x</mj-text>')
    (finding,) = MjmlValidator(merge.as_tags).findings(env, "t.mjml.j2", mjml)
    assert (finding.path, finding.line, finding.severity) == ("templates/t.mjml.j2", 2, "warning")
    assert finding.message == (
        "Attribute color has invalid value: #fff\\nred {{first_name}} for type Color "
    )


@pytest.fixture
def broken_example(example: Path) -> tuple[Path, dict[str, int]]:
    """The example with a designer's typos in the promo template and an invalid colour in
    the recommendations campaign's data; the template lines they are on."""
    promo = example / "templates/promo.mjml.j2"
    source = promo.read_text(encoding="utf-8")
    typos = (
        '<mj-section>\n  <mj-column>\n    <mj-text paddng="10px" align="centre">Hi</mj-text>\n'
        '    <mj-image src="{{ asset(\'posters/orbit9.png\') }}" alt="" width="50%"'
        ' border-color="#fff" />\n'
        '    <mj-button background-color="reddish" href="https://streamly.example/">Go'
        "</mj-button>\n"
        "  </mj-column>\n</mj-section>\n<mj-colum />\n"
    )
    at = source.index("{% endblock %}")
    promo.write_text(source[:at] + typos + source[at:], encoding="utf-8")
    first = source[:at].count("\n") + 1
    campaign = example / "campaigns/recommendations.yaml"
    data = campaign.read_text(encoding="utf-8")
    assert data.count('color: "#7c2d12"') == 1
    campaign.write_text(data.replace('color: "#7c2d12"', 'color: "<b>navy</b>"'), "utf-8")
    return example, {"text": first + 2, "image": first + 3, "button": first + 4, "colum": first + 7}


def test_the_build_reports_them_at_the_template_line(cli, broken_example):
    example, lines = broken_example
    args = ("build", "--no-screenshots", "--json", "--campaign")
    result = cli(example, *args, "black_friday", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output  # a value its type refuses: a warning
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] in NEW_CODES]
    promo, recommendations = "templates/promo.mjml.j2", "templates/recommendations.mjml.j2"
    assert {(f["path"], f["line"], f["severity"], f["code"], f["message"]) for f in found} == {
        (promo, lines["text"], "warning", "mjml.attribute", "Attribute paddng is illegal"),
        (
            promo,
            lines["text"],
            "warning",
            "mjml.attribute-value",
            "Attribute align has invalid value: centre for type Enum, only accepts left, right,"
            " center, justify",
        ),
        (promo, lines["image"], "warning", "mjml.attribute", "Attribute border-color is illegal"),
        (
            promo,
            lines["image"],
            "warning",
            "mjml.attribute-value",
            "Attribute width has invalid value: 50% for type Unit, only accepts (px) units and"
            " 1 value(s)",
        ),
        (
            promo,
            lines["button"],
            "warning",
            "mjml.attribute-value",
            "Attribute background-color has invalid value: reddish for type Color ",
        ),
        (
            promo,
            lines["colum"],
            "warning",
            "mjml.element",
            "Element mj-colum doesn't exist or is not registered",
        ),
        (
            recommendations,
            12,
            "warning",
            "mjml.attribute-value",
            # campaign data, escaped by Jinja in the MJML, shown as Node shows it
            "Attribute background-color has invalid value: &lt;b&gt;navy&lt;/b&gt; for type Color ",
        ),
    }
    jobs = {f["job"] for f in found}
    assert {"black_friday/ar_SA/a", "recommendations/ja_JP/a"} <= jobs


def test_a_value_from_campaign_data_is_at_the_tag_writing_it(cli, example: Path):
    """The element also writes that attribute as fixed text elsewhere: that tag did not
    render the invalid value, so the finding is at the one writing `{{ pick.color }}`."""
    template = example / "templates/recommendations.mjml.j2"
    source = template.read_text(encoding="utf-8")
    column = '<mj-column width="70%" padding="4px 0 0">'
    assert source.count(column) == 1
    fixed = column.replace(" padding", ' background-color="#ffffff" padding')
    template.write_text(source.replace(column, fixed), encoding="utf-8")
    line = next(i for i, text in enumerate(source.splitlines(), 1) if "pick.color" in text)
    assert line == 12
    campaign = example / "campaigns/recommendations.yaml"
    data = campaign.read_text(encoding="utf-8")
    assert data.count('color: "#7c2d12"') == 1
    campaign.write_text(data.replace('color: "#7c2d12"', 'color: "#7c2d1"'), "utf-8")
    args = ("build", "--no-screenshots", "--json", "--campaign", "recommendations")
    result = cli(example, *args, "--locale", "en_US")
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["code"] in NEW_CODES]
    assert {(f["path"], f["line"], f["code"], f["message"]) for f in found} == {
        (
            "templates/recommendations.mjml.j2",
            12,
            "mjml.attribute-value",
            "Attribute background-color has invalid value: #7c2d1 for type Color ",
        )
    }


def test_the_example_has_none(example_build: Path):
    """Node reports nothing about the example's emails (their email.mjml), nor does the
    build, nor the check on those files."""
    manifest = json.loads((example_build / "build" / "manifest.json").read_text("utf-8"))
    assert len(manifest["jobs"]) > 60
    codes = {f["code"] for job in manifest["jobs"] for f in job.get("findings", ())}
    codes |= {f["code"] for f in manifest["diagnostics"]}
    assert not codes & {*NEW_CODES, "mjml.placement"}
    mjml_files = sorted((example_build / "build").glob("*/*/*/email.mjml"))
    assert len(mjml_files) > 60
    assert [f for f in mjml_files if problems(f.read_text(encoding="utf-8"))[1]] == []


@pytest.mark.parametrize(
    ("mjml", "expected"),
    [
        (  # an ending tag's content ends at its own end tag, nested ending tags counted
            "<mjml><mj-body><mj-section><mj-column><mj-text>a<mj-raw>b</mj-raw>\n"
            "<mj-text>c</mj-text>\n<mj-spacer paddng='1' /></mj-text>\n<mj-spacer paddng='2' />"
            "</mj-column></mj-section></mj-body></mjml>",
            [(4, "mj-spacer", "Attribute paddng is illegal")],
        ),
        (  # a <div> ends a <p>, a script's text is no tag, a lone </br> and </p> are elements
            "<mjml><mj-body><p>x<div><mj-section /></div>\n<script>var a = '<mj-colum>';"
            "</script></br></p></mj-body></mjml>",
            [
                (1, "p", "Element p doesn't exist or is not registered"),
                (1, "div", "Element div doesn't exist or is not registered"),
                (2, "script", "Element script doesn't exist or is not registered"),
                (2, "br", "Element br doesn't exist or is not registered"),
                (2, "p", "Element p doesn't exist or is not registered"),
            ],
        ),
        (  # an unquoted value runs to ">": the spacer is not closed, its height is "20px/"
            "<mjml><mj-body><mj-section><mj-column><mj-spacer height=20px/>\n<mj-text>x"
            "</mj-text></mj-column></mj-section></mj-body></mjml>",
            [
                (
                    1,
                    "mj-spacer",
                    "Attribute height has invalid value: 20px/ for type Unit, only accepts"
                    " (px, %) units and 1 value(s)",
                ),
                (
                    2,
                    "mj-text",
                    "mj-text cannot be used inside mj-spacer, only inside: mj-attributes,"
                    " mj-column, mj-hero",
                ),
            ],
        ),
        (  # after the root's end tag, each element is Node's new root: only the last counts
            "<mjml><mj-body><mj-section><mj-column><mj-text colr='1'>a</mj-text></mj-column>"
            "</mj-section></mj-body></mjml><mj-foo />\n<mj-head><mj-spacer /></mj-head>",
            [
                (
                    2,
                    "mj-spacer",
                    "mj-spacer cannot be used inside mj-head, only inside: mj-attributes,"
                    " mj-column, mj-hero",
                )
            ],
        ),
    ],
)
def test_elements_as_nodes_parser_nests_them(mjml: str, expected: list[tuple[int, str, str]]):
    _, found = problems(mjml)
    lines = lines_of(mjml, found)
    assert [(n, p.element, p.message) for n, p in zip(lines, found, strict=True)] == expected
