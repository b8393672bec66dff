"""The text part of a body whose markup was seen before (render/text_shapes.py) against the
walk it stands in for, kept here as it was: generated bodies of awkward markup, each shape
filled with several sets of words and values (entities, carriage returns, blanks, hidden
styles, links that change), so that a shape learned from one body and applied to another
would show any byte it got wrong."""

from __future__ import annotations

import random

from lxml import etree

from mailglot.render import text, text_shapes, text_writer
from mailglot.render.mjml import compile_mjml

HEAD = '<!doctype html><html lang="en"><head><title>T</title><meta charset="utf-8"></head>'

# words: blank ones (a shape keeps them as they are) and others (a shape has a marker)
BLANKS = ["", " ", "\n", "\t\r\n", "\r", "  \n  ", "\f"]
WORDS = [
    *("Hello", "  spaced   out ", "a\rb", "x\r\ny\r", "40&nbsp;%", "Q&amp;A", "AT&T"),
    *("&notanentity;", "&#39;q&#x27;", "&lt;b&gt;", "خصم 40%", "年間プラン"),
    *("\U0001f389 party", "\u00a0", "\u200b&#8202;", "\ue000odd\ue001\ue002", "nul\x00l"),
    *("it's", "https://x.example/", "mailto:a@b.example", "&amp", "&#0;", "&#x110000;"),
    *("&#65", "trail  ", "&#32;", "&Tab;", "&#110;one", "\u202e rtl \u202c", "x" * 90),
    *("say &quot;yes&quot;", "1 &lt; 2", "a@b.example", "Hello"),
]
ODD_WORDS = ['say "yes"', "a < b", "<3", "\x00", "a > b"]  # left to text.py
STYLES = [
    *("", "color:red", "display:none", "DISPLAY : None", "display:&#110;one", "x:1\r\n"),
    *("text-decoration:none", "display:none&amp;", "display:block", "font:0 none"),
    *("display:\tnone", "&", "\ue002\ue003"),
    # what else hides (text_writer.hides) and what looks like it but does not
    *("max-height:0;overflow:hidden;mso-hide:all", "max-width:0px !important;overflow:hidden"),
    *("display:block;max-height:0;overflow:hidden", "display:inline;max-height:0;overflow:hidden"),
    *("max-height:0;overflow:&#104;idden", "overflow:hidden;max-height:.0em;display:none"),
    *("visibility:hidden", "font-size:0;line-height:0;opacity:0", "overflow:hidden", "height:0"),
    *("max-height:0px", "line-height:0;overflow:hidden", "mso-hide:all", "font-size:0px"),
    *(
        "height:0;overflow:hidden",
        "max-height:0;overflow:hidden-x",
        "max-height:01;overflow:hidden",
    ),
]
HREFS = [
    *("https://x.example/a?b=1&amp;c=2", "#top", "javascript:alert(1)", " JavaScript:x"),
    *("", "  https://x.example/  ", "mailto:a@b.example", "Hello", "a@b.example"),
    *("https://x.example/\r\n", "&#35;x", "https://x.example/&quot;"),
]
OTHER = ["", "0", "ltr", "rtl", "center", "x y", "&amp;", "a'b", "\ue000"]
ODD_VALUES = ["a>b", "a<b"]  # left to text.py

ATTRS = [
    *("", ' style="{s}"', ' class="c" style="{s}"', ' align="{v}"', ' dir="{v}" style="{s}"'),
    *(" hidden", ' hidden="{v}" style="{s}"'),  # shown by Gmail, Outlook.com, Yahoo
]
OPEN = [
    *("<div{a}>", "<p{a}>", "<table{a}><tbody><tr>", "<td{a}>", "<th{a}>", "<tr{a}>"),
    *('<a href="{h}"{a}>', "<a{a}>", "<ul{a}>", "<ol{a}>", "<li{a}>", "<pre{a}>"),
    *("<span{a}>", "<b>", "<h2{a}>", "<center>", "<o:p>", "<custom-el{a}>", "<section{a}>"),
]
CLOSE = [
    *("</div>", "</p>", "</td>", "</th>", "</tr>", "</table>", "</a>", "</ul>", "</ol>"),
    *("</li>", "</pre>", "</span>", "</b>", "</h2>", "</center>", "</section>", "</tbody>"),
]
VOID = [
    *("<br>", "<br/>", '<img src="{v}" alt="{v}">', "<hr>", '<input value="{v}">', "<wbr>"),
    # image links (a social icon's, an mj-image's), a link right after another (a navbar)
    *('<a href="{h}"><img alt="{v}"></a>', '<a href="{h}"><span><img alt="{h}"></span></a>'),
    *('<a href="{h}">Nav</a><a href="{h}">', '<a href="{h}"><svg><img alt="{v}"></svg></a>'),
]
COMMENTS = [
    *("<!-- c -->", '<!--[if mso | IE]><table border="{v}"><tr><td style="{s}"><![endif]-->'),
    *("<!--[if !mso]><!-->", "<!--<![endif]-->", "<!-- a -- b -->", "<!-->", "<!--->"),
    "<!-- x > y -->",
]
ODD = [
    *("<textarea>", "</textarea>", "<title>t</title>", "<script>x</script>", "<style>s</style>"),
    *('<meta charset="{v}">', "<a title='x'>", '<a href = "{h}">', "<td nowrap>", "<td width=6>"),
    *("</ div>", "<!x>", "<?pi?>", '<div style="{s}" style="{s}">', '<DIV STYLE="{s}">'),
    *('<body id="{v}">', "</body>", "</html>", '<html lang="{v}">', "<plaintext>", "<xmp>"),
    *("<noscript>", "<![CDATA[x]]>", "<a<b>", "<svg>", "<head>", '<a href="{h}" href="#">'),
    *('<p title="{v}"style="{s}">', "<iframe>", '<a href="{h}"/>', "<select><option>o"),
]


def _skeleton(rng: random.Random) -> list[str]:
    """Tags, comments and the like, a word to come between each two."""
    pools = [OPEN] * 8 + [CLOSE] * 6 + [VOID] * 2 + [COMMENTS] * 2
    if rng.random() < 0.3:
        pools.append(ODD)
    tokens = [f"<body{rng.choice(ATTRS)}>"]
    for _ in range(rng.randint(0, 25)):
        token = rng.choice(rng.choice(pools))
        tokens.append(token.replace("{a}", rng.choice(ATTRS)))
    if rng.random() < 0.3:
        tokens.append("</body></html>")
    return tokens


def _fill(rng: random.Random, tokens: list[str], blank: list[bool]) -> str:
    """A body of the skeleton: words of the given blankness, values at random."""
    out = []
    for token, is_blank in zip(tokens, blank, strict=True):
        odd = rng.random() < 0.01
        for name, pool, odd_pool in (("{s}", STYLES, ODD_VALUES), ("{h}", HREFS, ODD_VALUES)):
            while name in token:
                token = token.replace(name, rng.choice(odd_pool if odd else pool), 1)
        while "{v}" in token:
            token = token.replace("{v}", rng.choice(OTHER), 1)
        out.append(token)
        if is_blank:
            out.append(rng.choice(BLANKS))
        else:
            out.append(rng.choice(ODD_WORDS if rng.random() < 0.01 else WORDS))
    return "".join(out)


def _old_text(page: str) -> str:
    """The text part as the walk over lxml's tree wrote it before shapes (with what hides an
    element as text_writer.hides says today)."""
    out = text._Writer()
    _old_walk(text._parse_body(page), out, [], False)
    return text._tidy("".join(out.parts))


def test_a_shape_learned_once_gives_every_body_of_it_the_text_of_a_fresh_walk():
    rng = random.Random(15)
    text_shapes._SHAPES.clear()
    shaped = fallbacks = 0
    for _ in range(300):
        tokens = _skeleton(rng)
        blank = [rng.random() < 0.3 for _ in tokens]
        for _ in range(6):
            body = _fill(rng, tokens, blank)
            page = HEAD + body
            expected = _old_text(page)
            got = text_shapes.body_text(body)
            if got is None:
                fallbacks += 1
            else:
                shaped += 1
                assert got == expected, body
            assert text.html_to_text(page) == expected, body
    assert shaped > 500 and fallbacks > 200, (shaped, fallbacks)  # 663 and 1137


def _mjml(lang: str, title: str, words: list[str], href: str) -> str:
    one, two, three = words
    return (
        f'<mjml lang="{lang}"><mj-head><mj-title>{title}</mj-title>'
        f"<mj-preview>{one} {two}</mj-preview></mj-head><mj-body><mj-section><mj-column>"
        f"<mj-text>{one} <b>{two}</b><br>9,99&nbsp;€</mj-text>"
        f'<mj-button href="{href}">{three}</mj-button><mj-text><ul><li>{one}</li>'
        f"<li>{two}</li></ul></mj-text></mj-column></mj-section><mj-section><mj-column>"
        f"<mj-table><tr><td>{three}</td><td>{one}</td></tr></mj-table>"
        "</mj-column></mj-section></mj-body></mjml>"
    )


def test_emails_mjml_writes_share_a_shape_and_read_as_the_walk_reads_them():
    """What the text part gets in a build: emails of one template in other words, links,
    subjects and directions are read from one shape, each as the walk reads it."""
    text_shapes._SHAPES.clear()
    texts = set()
    fills = [
        ("en-US", "Black Friday", ["Hello", "Zoë", "See the offer"], "https://x.example/a"),
        (
            "fr-FR",
            "Offre &amp; cadeau",
            ["Bonjour", "à tous", "Voir"],
            "https://x.example/b?c=1&amp;d=2",
        ),
        ("ar-SA", "خصم 40%", ["مرحبًا", "عرض", "شاهد"], "#top"),
        ("ja-JP", "年間プラン", ["こんにちは", "40%オフ", "見る"], "javascript:void(0)"),
    ]
    for lang, title, words, href in fills:
        page = compile_mjml(_mjml(lang, title, words, href))
        body = page[text._PLAIN_HEAD.match(page).end() :]
        got = text_shapes.body_text(body)
        assert got == _old_text(page), page
        texts.add(got)
    assert len(texts) == len(fills) and len(text_shapes._SHAPES) == 1


# The walk as it was before shapes (text.py's `_walk`, `_element` and `_link`), kept as the
# reference
def _old_walk(
    el: etree._Element, out: text_writer._Writer, lists: list[list[int]], pre: bool
) -> None:
    """Blocks and cells, most of an MJML email's ~100 elements, are handled here without a
    call of their own; the rarer kinds go through `_element`. Every element is walked, empty
    or not: an empty block's break after it only repeats the one before it, and asking
    whether it is empty cost more than walking it."""
    text = el.text
    if text:
        out.text(text, not pre)
    after_cell = False  # the element before (comments and PIs aside) is a cell
    for child in el[:]:  # a slice makes its list in one call, half an iterator's cost
        tag = child.tag
        if tag.__class__ is not str:  # comments, PIs: their tails only
            if child.tail:
                out.text(child.tail, not pre)
            continue
        kind = text_writer._KIND.get(tag, 0)
        if kind >= 0:
            style = child.get("style")
            if not text_writer.hides(style, tag):
                if kind >= text_writer._BLOCK:
                    lines = (
                        1 if kind == text_writer._TR or (lists and kind == text_writer._PARA) else 2
                    )
                    if out.parts and out.pending < lines:
                        out.pending = lines
                    out.at_line_start = True
                    _old_walk(child, out, lists, pre or tag == "pre")
                    if out.parts and out.pending < lines:
                        out.pending = lines
                    out.at_line_start = True
                elif kind == text_writer._CELL:
                    if after_cell and not out.at_line_start:
                        out.text("  ", fold=False)
                    _old_walk(child, out, lists, pre)
                elif kind:
                    _old_element(child, kind, tag, out, lists, pre)
                else:
                    _old_walk(child, out, lists, pre)
        after_cell = kind == text_writer._CELL
        if child.tail:
            out.text(child.tail, not pre)


def _old_element(
    el: etree._Element,
    kind: int,
    tag: str,
    out: text_writer._Writer,
    lists: list[list[int]],
    pre: bool,
) -> None:
    if kind == text_writer._BR:
        out.newline()
    elif kind == text_writer._A:
        _old_link(el, out)
    elif kind == text_writer._LIST:
        out.brk(2 if not lists else 1)
        lists.append([0 if tag == "ol" else -1])
        _old_walk(el, out, lists, pre)
        lists.pop()
        out.brk(2 if not lists else 1)
    else:  # _LI; blocks and cells are walked in `_walk`
        out.brk(1)
        if lists:
            counter = lists[-1]
            if counter[0] >= 0:
                counter[0] += 1
            bullet = f"{counter[0]}. " if counter[0] >= 0 else "* "
            out.text("  " * (len(lists) - 1) + bullet, fold=False)
            out.at_line_start = True
        _old_walk(el, out, lists, pre)
        out.brk(1)


def _old_link(el: etree._Element, out: text_writer._Writer) -> None:
    label_out = text_writer._Writer()
    _old_walk(el, label_out, [], False)
    label = "".join(label_out.parts)
    alts = [img.get("alt") for img in _old_images(el)]
    alt = next((a for a in alts if a and a.strip()), None)
    text_writer.write_link(out, label, el.get("href"), None if label.strip() else alt)


def _old_images(el: etree._Element):
    """The images in a link the walk reads (not in what it skips), in document order."""
    for child in el:
        if child.tag == "img":
            yield child
        elif isinstance(child.tag, str) and text_writer._KIND.get(child.tag, 0) >= 0:
            yield from _old_images(child)
