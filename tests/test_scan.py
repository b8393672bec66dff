"""Reading an email's elements from its start tags (checks/scan.py) must find what lxml's parse
finds, document after document in one process: the same client-support features, in the same
order, or the document is left to lxml."""

from __future__ import annotations

import pytest

from mailglot.checks import features, scan
from mailglot.checks.caniemail import support_data
from mailglot.checks.clients import warning_slugs
from mailglot.checks.features import features_used, without_conditionals

HEAD = (
    '<!doctype html><html lang="en-US" dir="ltr" xmlns="http://www.w3.org/1999/xhtml">'
    "<head><style>@media (prefers-color-scheme: dark) { .c > td { color: #fff !important; } }"
    "\n a:hover { color: red; } </style><title>{title}</title>"
    "<!--[if mso]><xml><o:p>x</o:p></xml><![endif]-->"
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n\n</head>'
)
BODY = (
    '<body style="margin:0;padding:0"><div aria-label="{title}" role="article" lang="en-US">'
    '<div style="display:none;max-height:0px">{pre}</div>'
    '<table role="presentation" style="width:100%;border-radius:8px"><tbody><tr>'
    '<td style="padding:4px 0;display:{display}" align="center">'
    '<p style="margin:0">{words}<br/><a href="{href}" target="_blank">Go</a></p>'
    '<img src="{img}" alt="" width="600" height="auto"></td></tr></tbody></table>'
    "</div></body></html>\n"
)


def email(**parts: str) -> str:
    values = {
        "title": "Black Friday: 40% off",
        "pre": "Offer ends at midnight",
        "display": "block",
        "words": "Hello",
        "href": "https://streamly.example/offer?a=1&amp;b=2",
        "img": "https://streamly.example/hero.png",
    }
    values.update(parts)
    html = HEAD + BODY
    for name, value in values.items():
        html = html.replace("{" + name + "}", value)
    return html


PLAIN = [  # the first confirms the shape, the others of that shape are read from their tags
    email(),
    email(title="Jusqu&#39;à -40 % sur un an", words="Bonjour &amp; bienvenue &gt; ici"),
    email(display="flex", href="mailto:help@streamly.example", img="https://s.example/h.webp"),
    email(words="  ", pre="&nbsp;"),
    email(words="x > y", href="#top"),
    email(img="data:image/gif;base64,R0lGOD"),
    email().replace('target="_blank"', 'target="a&quot;b"'),
    email(title="Black Friday&nbsp;: -40&nbsp;% sur un an"),  # MRML's aria-label in French
    email(href="https://s.example/?q=&amp;nbsp;&nbsp;", img="a&nbsp;b.png"),
    # Plain, and lxml makes the elements the tags say (each its own shape):
    email().replace("</p>", "</p></p>"),  # a stray end tag
    email().replace('<p style="margin:0">', "<p><div>").replace("</p>", "</div></p>"),
    email().replace("<br/>", "<div/>"),  # self-closing, which libxml2 versions read apart
    email().replace('alt=""', 'alt="" ALT="x" Width="1"'),  # repeated and upper-case names
    email().replace("<tbody>", "<TBODY>").replace("</tbody>", "</TBODY>"),
]
LXML = [  # not plain, or plain but lxml makes other elements: lxml reads them
    email().replace("<head>", "<head>stray words"),  # text in <head>: lxml adds a <p>
    email().replace("<head>", "<head><div></div>"),  # a body element in <head>
    email().replace('target="_blank"', "target=_blank"),  # unquoted
    email().replace('target="_blank"', 'target="a&nbsp;b&#160;c"'),  # a reference read apart
    email().replace('target="_blank"', 'title="a > b"'),  # '>' in a value
    email().replace("Go</a>", "Go<!-- note --></a>"),  # a comment
    email().replace("<br/>", "<br/><style>.x{color:red}</style>"),  # <style> in the body
    email().replace("<br/>", "<br/><body>"),  # a second body
    email().replace("<br/>", '<br/><meta charset="utf-8">'),  # <meta> in the body
    email().replace("Hello", "1 < 2"),  # a '<' that starts no tag
    email().replace("\n", "\r\n"),
    email().replace("</html>\n", "</html>\ntrailing words"),
    "<p>a fragment</p>",
    "",
    " \n",
]


def lxml_only(html: str, slugs: frozenset[str], monkeypatch: pytest.MonkeyPatch) -> list:
    with monkeypatch.context() as m:
        m.setattr(scan, "read", lambda visible, parse: None)
        return list(features_used(html, slugs).values())


@pytest.mark.parametrize("html", PLAIN + LXML)
def test_the_features_read_from_tags_are_the_parsed_ones(html, monkeypatch):
    data = support_data()
    for slugs in (data.slugs, warning_slugs(("outlook",), data)):
        if not html.strip():
            with pytest.raises(Exception) as parsed:
                lxml_only(html, slugs, monkeypatch)
            with pytest.raises(type(parsed.value)):
                features_used(html, slugs)
            continue
        assert list(features_used(html, slugs).values()) == lxml_only(html, slugs, monkeypatch)


def test_plain_emails_are_read_from_their_tags_and_others_by_lxml():
    for html in PLAIN:
        assert scan.read(without_conditionals(html), features._parse) is not None
    for html in LXML:
        assert scan.read(without_conditionals(html), features._parse) is None, html


def test_a_shape_is_trusted_only_once_lxml_agreed_and_for_good_when_it_did_not(monkeypatch):
    """Emails of one shape differ in words and values: the first is parsed to confirm, the
    others are read from their tags; a shape lxml read differently stays lxml's."""
    monkeypatch.setattr(scan, "_confirmed", {})
    parses = []

    def parse(visible):
        parses.append(visible)
        return features._parse(visible)

    first, second = (without_conditionals(h) for h in PLAIN[:2])
    assert scan.read(first, parse) is not None and len(parses) == 1
    assert scan.read(second, parse) is not None and len(parses) == 1  # same shape
    odd = without_conditionals(email().replace("<head>", "<head><div></div>"))
    assert scan.read(odd, parse) is None and len(parses) == 2
    assert scan.read(odd, parse) is None and len(parses) == 2
    assert list(scan._confirmed.values()) == [True, False]


def test_a_repeated_element_counts_once_and_style_text_is_read():
    """Only an element's first time can change what is found: dropping repeats keeps the
    first sample and whether a feature is used outside <style>."""
    data = support_data()
    html = email(display="flex").replace("<br/>", '<br/><div style="display:flex"></div>' * 3)
    used = features_used(html, data.slugs)
    assert used["css-display-flex"].sample == "display:flex"
    assert used["css-display-flex"].outside_style
    assert not used["css-at-media-prefers-color-scheme"].outside_style  # only in <style>
    assert used["css-pseudo-class-hover"].sample == "a:hover"


def test_a_long_run_of_spaces_before_a_stray_character_is_read_at_once() -> None:
    """`(?:\\s+|...)*` tried every way of cutting a run of spaces before a character it could
    not take: 24 spaces took 1.2 s, each 2 more four times as long, so 64 would never end.
    Such a head is not a plain one: the email goes to lxml."""
    head = "<!doctype html><html><head><title>x</title>" + " " * 64 + "x</head>"
    assert scan._HEAD.fullmatch(head) is None
    assert scan._HEAD.fullmatch("<!doctype html>\n  <title>a b</title>\n ") is not None
