"""The plain-text part: literal HTML -> the exact text a text-only client shows."""

from __future__ import annotations

import random
import re
import sys

import pytest
from lxml import etree

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render import text
from mailglot.render.mjml import compile_mjml
from mailglot.render.pipeline import Renderer
from mailglot.render.text import html_to_text
from tests.conftest import TODAY, copy_example


def page(body: str) -> str:
    return (
        "<!doctype html><html><head><title>T</title><style>p{color:red}</style></head>"
        f"<body>{body}</body></html>"
    )


def test_paragraphs_and_line_breaks():
    html = page("<div>First   paragraph\n  folded.</div><p>Second<br>line two</p>")
    assert html_to_text(html) == "First paragraph folded.\n\nSecond\nline two\n"


def test_links_read_label_then_url():
    html = page(
        '<p><a href="https://e.x/watch?a=1&amp;b=2">Watch now</a> · '
        '<a href="https://e.x/help">https://e.x/help</a> · '
        '<a href="https://e.x/logo"><img src="logo.png" alt="Logo"></a> · '
        '<a href="#top">Top</a> · <a href="mailto:help@e.x">help@e.x</a></p>'
    )
    assert html_to_text(html) == (
        "Watch now <https://e.x/watch?a=1&b=2> · https://e.x/help · Logo <https://e.x/logo> · "
        "Top · help@e.x\n"
    )


def test_headings_are_paragraphs_of_their_own():
    html = page("<h1>Big news</h1>Intro text<h2>Details</h2><p>Body</p>")
    assert html_to_text(html) == "Big news\n\nIntro text\n\nDetails\n\nBody\n"


def test_lists_bulleted_numbered_and_nested():
    html = page(
        "<ul><li>One</li><li>Two<ul><li>Two a</li></ul></li></ul>"
        "<ol><li>First</li><li>Second</li></ol><p>After</p>"
    )
    assert html_to_text(html) == ("* One\n* Two\n  * Two a\n\n1. First\n2. Second\n\nAfter\n")


def test_tables_are_lines_of_cells_not_boxes():
    html = page(
        "<table><tr><th>Plan</th><th>Price</th></tr>"
        "<tr><td>Premium</td><td>9,99&nbsp;€</td></tr></table>"
    )
    text = html_to_text(html)
    assert text == "Plan  Price\nPremium  9,99\u00a0€\n"
    assert "|" not in text and "---" not in text


def test_a_comment_between_cells_or_words_changes_nothing_a_reader_sees():
    """A browser shows `Plan  Price` and `one two` whatever comments sit between them: the
    cells were glued ("PlanPrice") and the words got two spaces."""
    html = page(
        "<table><tr><td>Plan</td><!-- price next --><td>Price</td></tr>"
        "<tr><td>Premium</td><!--[if mso]><td>x</td><![endif]--><td>9,99&nbsp;€</td></tr>"
        "</table><p>one <!-- a note --> two</p><p>Hello <b> world</b>,<span> </span> again</p>"
    )
    assert html_to_text(html) == (
        "Plan  Price\nPremium  9,99\u00a0€\n\none two\n\nHello world, again\n"
    )
    # a no-break space is not folded into its neighbour: it is the translator's
    assert html_to_text(page("<p>40\u00a0 % <b> off</b></p>")) == "40\u00a0 % off\n"


def test_layout_tables_give_paragraphs():
    html = page(
        '<table role="presentation"><tr><td><div>Column one</div></td>'
        "<td><div>Column two</div></td></tr></table>"
    )
    assert html_to_text(html) == "Column one\n\nColumn two\n"


def test_right_to_left_text_stays_in_logical_order():
    html = page('<div dir="rtl">مرحبًا <a href="https://e.x/ar">شاهد الآن</a></div>')
    assert html_to_text(html) == "مرحبًا شاهد الآن <https://e.x/ar>\n"


def test_no_break_spaces_are_kept():
    html = page("<p>9,99&nbsp;€ · 50&#8239;% · 1&#8199;000</p>")
    assert html_to_text(html) == "9,99\u00a0€ · 50\u202f% · 1\u2007000\n"


def test_hidden_and_never_shown_content_is_left_out():
    html = page(
        '<div style="display:none;max-height:0">Hidden preheader</div>'
        "<!--[if mso]><p>Outlook only</p><![endif]-->"
        "<script>var x = 1;</script><p>Shown</p>"
        '<input type="radio" value="x"><img src="a.png" alt="An image">'
    )
    assert html_to_text(html) == "Shown\n"


def test_spacer_lines_are_dropped():
    html = page("<div>Above</div><div>&nbsp;</div><div>&#8202;</div><div>Below</div>")
    assert html_to_text(html) == "Above\n\nBelow\n"


def test_preformatted_text_keeps_its_spaces():
    html = page("<pre>a   b\n  c</pre>")
    assert html_to_text(html) == "a   b\n  c\n"


def test_inline_markup_adds_no_symbols():
    html = page("<p>Not <strong>bold</strong> or <em>stars</em>, just <span>text</span>.</p>")
    assert html_to_text(html) == "Not bold or stars, just text.\n"


def test_an_empty_document_fails_as_before():
    """The plain parser's fast path keeps lxml.html's error for a document with nothing in it."""
    for empty in ("", "  \n"):
        with pytest.raises(etree.ParserError, match="Document is empty"):
            html_to_text(empty)
    assert html_to_text("<p>Hi</p>") == "Hi\n"


def test_empty_blocks_and_cells_still_break_lines():
    # an empty block owes its line breaks without being entered; an empty cell is still a
    # column (two separators), and a row ends its line
    html = page(
        "Before<div></div>After<p></p><span>inline</span>"
        "<table><tr><td>a</td><td></td><td>b</td></tr><tr><td></td></tr>"
        "<tr><td>c</td></tr></table><ul><li>x<div></div>y</li></ul>"
    )
    assert html_to_text(html) == "Before\n\nAfter\n\ninline\n\na    b\nc\n\n* x\ny\n"


# The fast paths, each against the straightforward way it replaced.

MJML_EMAIL = (
    '<mjml lang="fr-FR"><mj-head><mj-title>Offre &amp; cadeau</mj-title>'
    "<mj-preview>Aperçu caché</mj-preview>"
    "<mj-style>@media (max-width: 479px) { .x div { font-size: 24px !important; } }</mj-style>"
    '</mj-head><mj-body><mj-section><mj-column><mj-text css-class="x">Bonjour <b>Zoë</b>'
    "<br>9,99&nbsp;€</mj-text>"
    '<mj-button href="https://e.x/go?a=1&amp;b=2">Voir l\'offre</mj-button></mj-column>'
    '<mj-column><mj-text>Deux</mj-text><mj-image src="a.png" alt="x" /></mj-column>'
    "</mj-section><mj-section><mj-column><mj-table><tr><td>Plan</td><td>Prix</td></tr>"
    "</mj-table></mj-column></mj-section></mj-body></mjml>"
)

# Heads after which `<body>` may be parsed alone: what MJML writes, and its comments and styles
PLAIN_HEADS = [
    "<!doctype html><html><head></head>",
    '<html lang="ar" dir="rtl"><head><title>مرحبًا &amp; x</title></head>\n',
    '<!doctype html><html xmlns:o="urn:x"><head><!--[if !mso]><!--><meta http-equiv="X" '
    'content="IE=edge"><!--<![endif]--><style type="text/css">\na > b { c: d }\n</style>\n'
    "<!--[if mso]>\n<noscript><xml><o:A/></xml></noscript>\n<![endif]--></head>\n",
]
# Heads that must be parsed with the page: each changes what libxml2 makes of the body, or
# could, so the text shows what is wrong if one were cut off
WHOLE_HEADS = {
    "<!doctype html><html><head><div>In the head</div></head>": "In the head",
    "<!doctype html><html><head>Text in the head</head>": "Text in the head",
    '<!doctype html><html><head><meta content="a>b">X</head>': "X",
    '<!doctype html><html lang="x><head><title>Q</title></head>': "",
    "<!doctype html><html><head><style>a<b{}</style><p>Styled</p></head>": "Styled",
    "<!doctype html><html><head><!-- a -- b --><p>After</p></head>": "After",
    "<!doctype html><html><head><!--><p>Abrupt</p>--></head>": "Abrupt",
    "<!doctype html><html><head><script>x='</head><body>'</script></head>": "",
    '<!doctype html><html><head><meta\u00a0name="x"></head>': "",  # not a space to libxml2
    "<!DOCTYPE html><HTML><HEAD><P>Upper</P></HEAD>": "Upper",
}
BODIES = [
    "<body><p>Shown</p></body></html>",
    '<body style="x"><div>a<!-- c -->b</div><table><tr><td>1</td><!--x--><td>2</td></tr>'
    "</table></body>",
    "<body>\n<ul><li>One<li>Two</ul><pre> a\n b</pre>\u200b&#8202;<br></body>",
    "<body><p>x<div>y</p></div><head><title>t</title></head>z</body> after</html> more",
]


def _whole_page_body(html: str) -> etree._Element:
    """The whole page's body, parsed by the parser the text part uses (one that keeps no
    comment nodes: tests/test_speed_paths.py shows the text part is the same without them)."""
    return etree.fromstring(html, text._PARSER).find("body")


@pytest.fixture(scope="module")
def example_pages(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """One email of each locale of the example project (every script and direction it has),
    compiled as html_to_text gets it (before CSS inlining), merge fields as tags."""
    project = load_project(copy_example(tmp_path_factory.mktemp("text") / "example"))
    renderer = Renderer(project)
    jobs = {job.locale: job for job in plan_jobs(project, Selection(), TODAY).jobs}
    return [
        compile_mjml(renderer.render(job).files["email.mjml"].decode()) for job in jobs.values()
    ]


def test_the_body_parsed_alone_is_the_body_of_the_whole_page(example_pages: list[str]):
    pages = [compile_mjml(MJML_EMAIL), *example_pages]
    pages += [head + body for head in PLAIN_HEADS for body in BODIES]
    for page_html in pages:
        assert text._PLAIN_HEAD.match(page_html), page_html[:300]  # the fast path is taken
        alone = etree.tostring(text._parse_body(page_html), encoding=str)
        assert alone == etree.tostring(_whole_page_body(page_html), encoding=str)


def test_a_head_that_could_change_the_body_is_parsed_with_it():
    for head, shown in WHOLE_HEADS.items():
        for body in BODIES:
            page_html = head + body
            assert text._PLAIN_HEAD.match(page_html) is None, head
            if etree.fromstring(page_html, etree.HTMLParser()) is None:  # an unclosed quote
                with pytest.raises(etree.ParserError, match="Document is empty"):
                    html_to_text(page_html)
                continue
            body_el = text._parse_body(page_html)
            whole = etree.tostring(_whole_page_body(page_html), encoding=str)
            assert etree.tostring(body_el, encoding=str) == whole
            assert shown in html_to_text(page_html)


def test_random_pages_give_the_same_body_parsed_alone():
    """Bodies of awkward pieces (unclosed and stray tags, comments next to text, misplaced
    html/head/body tags, entities) after plain heads: libxml2 makes the same body of both."""
    pieces = [
        *("<p>", "</p>", "<div>", "</div>", "<td>", "</tr>", "<table>", "<li>", "<br>"),
        *("<!-- c -->", " ", "\n", "x", "&nbsp;", "&amp", "<pre>", "</pre>", "<a href=#>"),
        *("<html lang=q>", "<head>", "<body id=2>", "</body>", "</html>", "<title>t</title>"),
        *("<style>s{}</style>", "<meta name=m>", "<?pi?>", "<!x>", "</ x>", "<!-->", "é"),
    ]
    rnd = random.Random(15)
    for _ in range(400):
        body = "<body>" + "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 30)))
        page_html = rnd.choice(PLAIN_HEADS) + body
        alone = etree.tostring(text._parse_body(page_html), encoding=str)
        assert alone == etree.tostring(_whole_page_body(page_html), encoding=str), page_html


def test_folding_skips_the_pattern_only_when_there_is_nothing_to_fold():
    samples = ["a b", "a  b", "a\tb", "a\nb", "a\rb", "a\fb", "a\x0bb", "a\u00a0 \u202fb", " a "]
    for sample in samples:
        writer = text._Writer()
        writer.parts.append("x")  # mid-line: nothing stripped, only folded
        writer.at_line_start = False
        writer.text(sample)
        assert writer.parts[1:] == [re.sub(r"[ \t\n\r\f]+", " ", sample)], repr(sample)


def _tidy_with_patterns(raw: str) -> str:
    """The three substitutions `_tidy` replaced."""
    raw = re.sub(r"[ \t]+\n", "\n", raw)
    raw = re.sub(r"^(?:[^\S\n]|[\u200b-\u200d\u2060\ufeff])+$", "", raw, flags=re.M)
    return re.sub(r"\n{3,}", "\n\n", raw).strip() + "\n"


def test_tidying_lines_matches_the_patterns_it_replaced():
    chars = ["a", " ", "\t", "\n", "\u00a0", "\u200a", "\u200b", "\ufeff", "\r", "\x85", "\u2028"]
    rnd = random.Random(15)
    samples = ["", "\n", "a \n\n\n\nb\t", " \u00a0\n\u200b \na", "a\n \t\n\u3000\nb"]
    samples += ["".join(rnd.choice(chars) for _ in range(rnd.randint(0, 12))) for _ in range(3000)]
    for sample in samples:
        assert text._tidy(sample) == _tidy_with_patterns(sample), repr(sample)


def test_invisible_characters_are_the_spaces_of_the_pattern_and_the_zero_width_ones():
    spaces = {c for c in map(chr, range(sys.maxunicode + 1)) if c.isspace()} - {"\n"}
    assert all(re.fullmatch(r"[^\S\n]", c) for c in spaces)
    assert set(text._INVISIBLE) == spaces | set("\u200b\u200c\u200d\u2060\ufeff")
