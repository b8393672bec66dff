"""More shortcuts of a build worker, each tested against the code it replaced (kept here) on
generated input built to reach the cases where the two could part."""

from __future__ import annotations

import random

import pytest

from mailglot.checks import features, readers, reading
from mailglot.checks.caniemail import support_data
from mailglot.checks.clients import warning_slugs
from mailglot.checks.features import Usage, features_used
from mailglot.render import direction, inline, text
from mailglot.render.merge import MergeFields
from mailglot.render.mjml import compile_mjml

_CACHED = (
    features._style_events,
    features._element_events,
    features._token_events,
    features._head_events,
)


def _clear_caches() -> None:
    for cached in _CACHED:
        cached.cache_clear()


def _features_used_before(source: str, slugs: frozenset[str]) -> dict[str, Usage]:
    """features_used as it was: events as (slug, sample, outside <style>), each slug's record
    made at the end from its first sample and whether any use was outside <style>."""
    visible = features.without_conditionals(source)
    found: dict[str, list] = {}
    settled: set[str] = set()
    if "html-doctype" in slugs and visible.lstrip()[:9].lower().startswith("<!doctype"):
        found["html-doctype"] = ["<!doctype html>", True]
        settled.add("html-doctype")
    plain = features.scan.read(visible, features._parse)
    elements = (
        features._parsed_events(features._parse(visible), slugs)
        if plain is None
        else [
            features._head_events(plain.head, slugs),
            *(features._token_events(token, slugs) for token in dict.fromkeys(plain.body)),
        ]
    )
    for events in elements:
        for slug, sample, outside in events:
            if slug in settled:
                continue
            if outside:
                settled.add(slug)
                first = found.get(slug)
                if first is None:
                    found[slug] = [sample, True]
                else:
                    first[1] = True
            elif slug not in found:
                found[slug] = [sample, False]
    return {
        slug: Usage(slug, sample.strip()[:120], outside)
        for slug, (sample, outside) in found.items()
    }


_LONG = "padding:" + "1" * 111 + " " + "2" * 30  # a space where the sample is cut at 120
_STYLES = [
    "display:flex",
    "display: grid",
    "display:none",
    "  padding:4px 0 ",
    "border-radius:8px",
    "width:50%",
    "margin:1em",
    "color:rgb(1,2,3)",
    "background:linear-gradient(red, blue)",
    _LONG,
    "width:calc(100% - 2px) !important",
]
_CSS = [
    "@media (prefers-color-scheme: dark) { .c > td { color: #fff !important; } }",
    "a:hover { color: red; }",
    ".x ~ .y { display: flex; }",
    "@font-face { font-family: x; }",
    "p::first-line { margin: 2rem; }",
    "td[align] { " + _LONG + " }",
]
_SRCS = ["a.png", "b.webp", "data:image/gif;base64,R0lG", "c.svg?x=1", "d"]


def _element(rng: random.Random) -> str:
    tag = rng.choice(["div", "p", "td", "span", "a", "img", "table", "section", "br/"])
    if tag == "br/":
        return "<br/>"
    attrs = []
    if rng.random() < 0.7:
        attrs.append(f'style="{";".join(rng.sample(_STYLES, rng.randint(1, 3)))}"')
    if tag == "img":
        attrs.append(f'src="{rng.choice(_SRCS)}"')
    if tag == "a":
        attrs.append(f'href="{rng.choice(["#top", "mailto:a@b.example", "https://x.example"])}"')
    if rng.random() < 0.3:
        attrs.append(f'{rng.choice(["align", "width", "role", "dir"])}="{rng.choice(["1", "x"])}"')
    open_tag = f"<{tag}{''.join(' ' + a for a in attrs)}>"
    if tag == "img":
        return open_tag
    words = rng.choice(["", "Hello", "x > y", "  ", "é 中文 عربي"])
    return f"{open_tag}{words}</{tag}>"


def _document(rng: random.Random) -> str:
    css = "\n".join(rng.sample(_CSS, rng.randint(0, 3)))
    head = f"<head><style>{css}</style><title>t</title></head>" if css else "<head></head>"
    body = "".join(_element(rng) for _ in range(rng.randint(0, 12)))
    if rng.random() < 0.2:
        body += '<!--[if mso]><div style="display:flex"></div><![endif]-->'
    if rng.random() < 0.2:
        body += "<!-- note -->"  # not plain: lxml reads it
    doctype = rng.choice(["<!doctype html>", "<!DOCTYPE html>", " ", ""])
    return f'{doctype}<html lang="en">{head}<body style="margin:0">{body}</body></html>\n'


@pytest.mark.parametrize("seed", range(3))
def test_features_found_are_those_the_record_at_the_end_made(seed, monkeypatch):
    """Each slug's record is made once, with its event, instead of for every job: the first
    sample (stripped, cut at 120 characters) and whether any use is outside <style>, in order
    of first appearance, as the loop that made them at the end found them."""
    data = support_data()
    rng = random.Random(seed)
    documents = [_document(rng) for _ in range(150)]
    usages = []
    for slugs in (data.slugs, warning_slugs(("outlook",), data)):
        with monkeypatch.context() as m:
            m.setattr(features, "_found", lambda event: event)  # the caches keep plain events
            _clear_caches()
            expected = [list(_features_used_before(d, slugs).items()) for d in documents]
        _clear_caches()
        assert [list(features_used(d, slugs).items()) for d in documents] == expected
        usages += [usage for found in expected for _, usage in found]
    assert any(u.sample.endswith("1 ") for u in usages)  # cut after a space, not stripped again
    assert any(not u.outside_style for u in usages)
    assert any(u.slug == "html-doctype" for u in usages)


_MJML_PIECES = [
    "<mjml",
    "<MJML",
    "<mj-text",
    "<MJ-Text",
    "</mj-text>",
    "</MJ-TEXT >",
    "<mj-button",
    "</mj-button>",
    "<mj-raw",
    "</mj-raw>",
    "<mj-section",
    "<mj-column",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    " ",
    ">",
    "/>",
    ' align="start"',
    ' text-align="END"',
    " padding='1 2 3 4'",
    ' padding-start="4px"',
    ' lang="fr"',
    ' dir="rtl"',
    '"',
    "hi",
]


def test_left_to_right_tokens_remembered_by_their_text_orient_as_the_long_way(monkeypatch):
    """direction._LTR_TOKENS remembers, per token text, what a left-to-right job writes and
    which closing tag ends its contents. Documents made of few pieces repeat their tokens,
    so most are answered from memory: each must still be what the tag-by-tag loop gives,
    <mjml> with each job's own lang (never remembered), for a first and a second time."""
    monkeypatch.setattr(direction, "_LTR_TOKENS", {})
    rng = random.Random(15)
    texts = [
        "".join(rng.choice(_MJML_PIECES) for _ in range(rng.randint(0, 20))) for _ in range(4000)
    ]
    compared = 0
    for _ in range(2):
        for i, source in enumerate(texts):
            lang = ("en-US", "fr-CA", "de-DE")[i % 3]
            fast = direction._left_to_right(source, lang, "ltr")
            if fast is not None:
                assert fast == direction._oriented(source, lang, "ltr", False), source
                compared += 1
    assert compared > 4000 and len(direction._LTR_TOKENS) > 50
    root = '<mjml lang="xx"><mj-body><mj-text align="start">a</mj-text></mj-body></mjml>'
    for lang in ("en-US", "fr-CA"):
        oriented = direction.orient(root, lang, "ltr")
        assert oriented.mjml.startswith(f'<mjml dir="ltr" lang="{lang}">')
        assert '<mj-text align="left">' in oriented.mjml
        assert [c.used for c in oriented.conflicts] == [lang]


_HEAD = (
    '<!doctype html><html lang="{lang}" dir="{dir}" xmlns="http://www.w3.org/1999/xhtml">'
    '<head><title>{title}</title><!--[if !mso]><!--><meta http-equiv="X-UA-Compatible" '
    'content="IE=edge"><!--<![endif]--><meta name="viewport" content="width=device-width">'
    "<style>.a {{ color: red; }}</style></head>"
)
_BODIES = [
    "<p>{words}</p>",
    '<p style="display:none">{words}</p><p>{words}</p>',
    '<table role="presentation"><tr><td>{words}</td><td>  {words}</td></tr></table>',
    '<a href="https://streamly.example/offer?utm_content={words}">{words}</a>',
    '<div style="display: NONE">hidden</div><ul><li>{words}</li><li>two</li></ul>',
    "<pre>  {words}\n  line</pre>",
    '<p>{words}<br>{words}</p><a href="#top">top</a>',
]
_WORDS = [
    "Black Friday: 40% off",
    "Jusqu\u2019à -40\u00a0% sur un an",
    "خصم 40% على اشتراك سنة كاملة",
    "年間プランが40%オフ",
    "a &amp; b &lt; c &nbsp; d",
    "x" * 300,
    "  spaced   words  ",
]
_LABELS = ["Black Friday: 40% off", "MGLOTaF0X, our best price", "a > b < c", "&amp; &#39;", ""]


def _email(rng: random.Random, words: str, label: str, body: str) -> str:
    head = _HEAD.format(lang="ar", dir="rtl", title=rng.choice(_LABELS))
    preheader = rng.choice(
        [
            '<div style="display:none;font-size:1px">Ends soon\u200c&nbsp;\u200c&nbsp;</div>',
            '<div style="font-size:1px">Ends soon</div>',
            "",
        ]
    )
    attrs = rng.choice(['aria-label="{}" role="article"', 'role="article" aria-label="{}"'])
    wrapper = f'<div {attrs.format(label)} lang="ar">{body.format(words=words)}</div>'
    return f'{head}<body class="mg-bg" style="margin:0">{preheader}{wrapper}</body></html>'


def test_a_text_part_is_reused_only_for_a_body_that_differs_in_its_title_label(monkeypatch):
    """html_to_text remembers the text parts of recent bodies by the body without the title
    MJML writes as the wrapper's aria-label (the subject, which variants change): emails that
    differ there get the remembered text, any other difference (words, a hidden element, a
    link, the preheader, where the label is) is walked again, as the text part without the
    memory."""
    monkeypatch.setattr(text, "_RECENT", {})
    rng = random.Random(15)
    emails = [
        _email(rng, rng.choice(_WORDS), rng.choice(_LABELS), rng.choice(_BODIES)) for _ in range(60)
    ]
    variants = [e.replace('aria-label="', 'aria-label="Re: ', 1) for e in emails]
    # the same but for a character shown just after the label, or just before it
    after = [e.replace('lang="ar">', 'lang="ar">Z', 1) for e in emails]
    before = [e.replace("soon", "noon", 1) for e in emails]
    shuffled = emails + variants + after + before
    rng.shuffle(shuffled)
    built = zip(emails, variants, after, before, strict=True)
    emails = [e for same_job in built for e in same_job] + shuffled
    walked = []
    monkeypatch.setattr(text, "_text_of", lambda root: walked.append(root) or _walk(root))
    for html in emails:
        fresh = _fresh(html)
        assert text.html_to_text(html) == fresh, html
    assert 0 < len(walked) < len(emails) - 20  # variants were answered from memory
    assert len(text._RECENT) <= 16


def _walk(root) -> str:
    out = text._Writer()
    text._walk(root, out, [], False)
    return text._tidy("".join(out.parts))


def _fresh(html: str) -> str:
    """The text part as it was made before the memory: the body after a plain head parsed and
    walked every time."""
    return _walk(text._parse_body(html))


_TITLES = [  # as a template writes them in <mj-title>
    "Black Friday: 40% off a whole year",
    "Ana, our best price: 40\u202f% off",
    "خصم 40% على اشتراك سنة كاملة",
    "年間プランが40%オフ",
    "Is it !important? :hover and :checked",
    "label",
    "Q&amp;A",  # "&amp;" and "&nbsp;": read and written back so
    "Black Friday&nbsp;: -40&nbsp;%",
    "it's",
    "it&#39;s",  # read as an apostrophe, written back so: inlined apart, as those below
    "x &lt; y &gt; z",
    "a > b",
    'say "yes"',
    "40\u00a0%",
    "MGLOTa1b2F0X, " + "long " * 60,
]
_STYLES = [
    "",
    "<mj-style>.c td { color: red !important; } a:hover { color: blue; }</mj-style>",
    '<mj-style inline="inline">.c { padding: 4px; }</mj-style>',
    "<mj-style>div[aria-label] { margin: 0; }</mj-style>",
    "<mj-style>div[aria-label^='Black'] { border: 1px solid red; }</mj-style>",
    "<mj-style>@media (max-width: 480px) { .c { width: 100% !important; } }</mj-style>",
]
_CONTENT = [
    '<mj-text css-class="c">Hello</mj-text>',
    '<mj-button href="https://streamly.example">Go</mj-button>',
    "<mj-raw><style>div[aria-label*='Friday'] { color: red; }</style></mj-raw>",
    '<mj-text><p style="color: red !important">Hi</p></mj-text>',
]


def _compiled(title: str, style: str, content: str) -> str:
    mjml = (
        f"<mjml><mj-head><mj-title>{title}</mj-title>{style}"
        f"<mj-preview>Ends soon</mj-preview></mj-head><mj-body><mj-section><mj-column>"
        f"{content}</mj-column></mj-section></mj-body></mjml>"
    )
    return compile_mjml(mjml)


def test_variants_inlined_once_with_placeholders_are_what_css_inline_makes_of_each(
    monkeypatch,
):
    """inline_css inlines a job's variants (compiled HTML that differs only in the title and
    the wrapper's aria-label, the subject) once, with placeholders there, and puts each
    variant's title back (render/inline_runs.py): every email must be what css-inline makes
    of it, with titles that reach each case (references, markup, quotes, a no-break space)
    and stylesheets that select on the label or keep rules (:hover, !important, @media)."""
    monkeypatch.setattr(inline, "_INLINED", {})
    monkeypatch.setattr(inline, "_RECENT", [])
    rng = random.Random(15)
    shared = 0
    for style in _STYLES:
        for content in _CONTENT:
            for title in [_TITLES[0], *rng.sample(_TITLES[1:], 4)]:
                compiled = _compiled(title, style, content)
                expected = inline._inline(compiled, "css-inline")
                assert inline.inline_css(compiled) == expected, compiled
                shared += inline._shared(compiled) is not None
    assert 30 < shared < 100  # both ways taken (a `<style>` in the body: each email apart)


def _all_tables_presentational_before(source: str) -> bool:
    tags = readers._TABLE_TEXT.findall(source)
    if len(tags) != len(readers._TABLE_START.findall(source)):
        return False
    return all(map(readers._presentational, tags))


def test_tables_are_judged_in_one_pass_as_in_two():
    """readers._all_tables_presentational reads each `<table` tag in one pass when no '<'
    comes before its '>'; on any text it must answer as the two passes it replaced."""
    pieces = [
        "<table",
        "<TABLE",
        "<tables",
        ' role="presentation"',
        " role='none'",
        ' role="grid"',
        " role=presentation",
        ' title="a<b"',
        ' title="a>b"',
        ' title="',
        '"',
        " ",
        ">",
        "<",
        "<td>",
        "x",
        "</table>",
    ]
    rng = random.Random(15)
    answers = set()
    written = [  # a `<table` hidden in another's value, or with no '>' after it
        '<table role="presentation" title="<table">',
        '<table role="presentation"><table role="none" title="a<b">',
        '<table role="presentation"></table><TABLE',
        '<table role="none"><table',
    ]
    for source in written + [
        "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14))) for _ in range(30_000)
    ]:
        expected = _all_tables_presentational_before(source)
        assert readers._all_tables_presentational(source) == expected, source
        answers.add(expected)
    assert answers == {True, False}


def test_variants_read_once_with_placeholders_use_the_features_each_email_uses(monkeypatch):
    """The client-support check reads a job's variants (emails that differ only in the title
    and the wrapper's aria-label) once, with placeholders there, and puts each one's label
    back in the wrapper's tag: the features found, samples included, must be those of each
    email read itself, titles that only lxml reads (a reference `scan` does not decode, a
    quote) included."""
    monkeypatch.setattr(reading, "_SHARED", {})
    data = support_data()
    titles = [*_TITLES, "a &#160; b", "tab\there"]
    rng = random.Random(15)
    shared = 0
    for style in _STYLES:
        for content in _CONTENT:
            for title in [_TITLES[0], *rng.sample(titles[1:], 4)]:
                email = inline.inline_css(_compiled(title, style, content))
                with monkeypatch.context() as m:
                    m.setattr(reading, "_shared", lambda source, parse: None)
                    expected = list(features_used(email, data.slugs).items())
                assert list(features_used(email, data.slugs).items()) == expected, email
                shared += reading._shared(email, features._parse) is not None
    assert 40 < shared < 120  # both ways taken


def test_merge_fields_remembered_for_four_texts_are_those_of_each_text():
    """MergeFields remembers the cuts of its last four texts (a job's HTML, text part,
    subject and preheader are each asked twice, in turns): texts asked again, equal but not
    the same object, or changed by one character, must get what a fresh MergeFields gives."""
    samples = {"first_name": "Ana & co", "unsubscribe_url": "https://u"}
    fields = MergeFields(("first_name", "unsubscribe_url"), samples, "liquid")
    tokens = list(fields.tokens().values())
    pieces = [*tokens, "Hi ", "<a>", "&", "MGLOT", "F0X", tokens[0][:-1], "\n"]
    rng = random.Random(15)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(30)]
    for _ in range(3_000):
        text = rng.choice(texts)
        if rng.random() < 0.3:
            text = text[:-1] + rng.choice("xX")  # a near miss
        elif rng.random() < 0.3:
            text = "".join(list(text))  # equal, another object
        fresh = MergeFields(fields.names, fields.samples, fields.style, fields.nonce)
        escape = rng.random() < 0.5
        assert fields.as_tags(text) == fresh.as_tags(text), text
        assert fields.as_samples(text, escape=escape) == fresh.as_samples(text, escape=escape)
    assert len(fields._recent) == 4
