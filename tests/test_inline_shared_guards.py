"""The guards of the shared css-inline pass (render/inline_runs.py, inline._shared), each with
an email that would come out wrong without it, and the memories' bounds: every email must be
what css-inline makes of it by itself."""

from __future__ import annotations

import pytest

from mailglot.render import inline, inline_runs
from mailglot.render.mjml import compile_mjml
from tests.test_inline_shared import _TEXT, _inlined, _plain, fresh

__all__ = ["fresh"]  # each test starts with empty memories (autouse)


# --- the cache ----------------------------------------------------------------------------

_PAGE = (
    '<!doctype html><html lang="{lang}"><head><title>{title}</title>'
    "<style>.c {{ color: red; }} @media (max-width: 480px) {{ .c {{ width: 100% !important; }} }}"
    "{css}</style></head>"
    '<body><div class="c" aria-label="{title}"><a href="{href}">{text}</a>{more}</div>'
    "</body></html>"
)


def _page(**fields: str) -> str:
    values = {"lang": "en", "title": "Hi", "css": "", "href": "https://a.example/", "text": "Go"}
    values["more"] = ""
    return _PAGE.format(**(values | fields))


def test_each_email_gets_its_own_runs_back():
    """Emails of one skeleton, in turn and again: each has its own texts, link and language,
    never those of the email inlined before it or of the one the skeleton was made from."""
    emails = [
        _page(lang=lang, title=title, href=href, text=text)
        for lang, title, href, text in [
            ("en", "Black Friday", "https://a.example/?x=1&amp;y=2", "Go"),
            ("fr-FR", "Vendredi &amp; fou", "https://a.example/fr", "J'en profite"),
            ("ar", "خصم", "https://a.example/ar", "اشترك &lt;الآن&gt;"),
        ]
    ]
    outputs = [_inlined(html) for html in emails + emails[::-1]]
    assert outputs == [_plain(html) for html in emails + emails[::-1]]
    assert len(set(outputs)) == 3
    assert 'href="https://a.example/?x=1&amp;y=2"' in outputs[0]
    assert "<title>Vendredi &amp; fou</title>" in outputs[1]
    assert "اشترك &lt;الآن&gt;</a>" in outputs[2]
    assert len(inline._INLINED) == 1  # one skeleton


@pytest.mark.parametrize(
    "other",
    [
        {"css": ".c a { color: blue; }"},  # what is inlined changes
        {"more": "<b>!</b>"},  # the tree changes
        {"more": " "},  # white space, kept
        {"text": "Go\x01"},  # a control character, kept
        {"text": "&amp"},  # a reference read two ways, kept
        {"href": "https://a.example/?style=x"},  # a value the steps after look at, kept
        {"title": "Hi :hover"},  # a title set_aside's shortcut reads, kept
    ],
)
def test_an_email_that_differs_outside_its_runs_is_not_filled_from_another(other):
    """An email that is not the skeleton with other runs (a stylesheet, a tag, a kept run)
    must be inlined as itself, never filled from the email inlined just before."""
    first, second = _page(), _page(**other)
    assert _inlined(first) == _plain(first)
    assert _inlined(second) == _plain(second)
    assert _plain(second) != _plain(first)
    assert _inlined(first) == _plain(first)  # and back


def test_an_email_longer_than_the_skeleton_is_not_filled_from_it():
    """White space after `</html>` (which html5ever puts in the body) is no run: the email
    with it is not the skeleton with other runs."""
    for html in (_page(), _page() + "\n", _page() + "\n<!-- x -->"):
        assert _inlined(html) == _plain(html)
    assert _plain(_page() + "\n") != _plain(_page())


def test_a_run_is_written_for_where_it_is():
    """The forms remembered for runs are kept by what the run stands for: the same characters
    are written one way in text, another in a value, and may be kept in a value only."""
    run = "&quot;1 &lt; 2&quot; &amp; more"
    as_text = _page(text=run, href="https://a.example/")
    as_value = _page(text="Go", href=run)
    as_both = _page(text=run, href=run.replace("&lt;", "&#8804;"))
    for html in (as_text, as_value, as_both, as_text, as_value):
        assert _inlined(html) == _plain(html)
    assert '>"1 &lt; 2" &amp; more</a>' in _inlined(as_text)
    assert 'href="&quot;1 ≤ 2&quot; &amp; more"' in _inlined(as_both)
    assert inline_runs._FORMS[inline_runs.TEXT][run] == '"1 &lt; 2" &amp; more'
    assert inline_runs._FORMS[inline_runs.VALUE][run] is None  # '<' in a value: kept


_SHORTCUT_HEAD = (
    '<!doctype html><html lang="{lang}"><head><meta name="x" content="{meta}">'
    "<title>{title}</title><style>a:{hover} {{ color: red; }} .c {{ color: blue; }}</style>"
    "<!--[if mso]><x><![endif]--></head>"
    '<body><div class="c"><a href="https://a.example/">Go</a></div></body></html>'
)


@pytest.mark.parametrize(
    "lang, title, meta, hover",
    [
        ("en", "Hi :hover", "", "HOVER"),
        ("en:hover", "Hi", "", "HOVER"),
        ("en", "Hi --> there", "<!--", "hover"),
    ],
)
def test_a_title_or_language_set_asides_shortcut_reads_is_kept(lang, title, meta, hover):
    """juice_compat.set_aside reads the head up to `</head>` for `:hover` (and the like) in
    lowercase to decide whether to look for rules to set aside (which it then finds in any
    case), and reads `<!--` to the next `-->` as a comment: a title or `<html>` value holding
    those would make it act otherwise on the email than on the one with placeholders."""
    first = _SHORTCUT_HEAD.format(lang="fr", title="Salut", meta=meta, hover=hover)
    html = _SHORTCUT_HEAD.format(lang=lang, title=title, meta=meta, hover=hover)
    for email in (first, html):
        assert _inlined(email) == _plain(email)
    assert (f"a:{hover}" in _plain(html)) != (f"a:{hover}" in _plain(first))


@pytest.mark.parametrize("runs", [["Hi", "  "], ["  ", "Hi"], ["Hi", "&#32;"], ["Hi", "&Tab;"]])
def test_white_space_alone_in_a_table_is_kept(runs):
    """Text straight in a `<table>` is moved before it unless it is white space alone (once
    references are read): such a run is kept, so it is never filled in where a placeholder
    was moved to."""
    emails = [_page(more=f"<table>{run}<tr><td>c</td></tr></table>") for run in runs]
    for html in emails + emails:
        assert _inlined(html) == _plain(html)
    assert _plain(emails[0]).count("<table>") == 1


def test_an_attribute_given_twice_keeps_the_first_value_shared():
    """html5ever keeps the first of an attribute given twice: only that one is replaced, so
    the email is still filled in."""
    html = _page(more='<a href="https://b.example/" HREF="https://c.example/">b</a>')
    assert _inlined(html) == _plain(html)
    assert inline._shared(html) is not None
    assert "https://c.example/" in inline_runs.cut(html, "m")[0].text


def test_a_value_the_parser_copies_sends_the_email_alone():
    """A formatting element reopened by the tree builder (misnested `<b>`) is a copy with the
    same attributes: its placeholder is in the result twice, and such a skeleton is not
    used."""
    html = _page(more='<p><b title="bold">a<p>b</b>c</p>')
    assert _inlined(html) == _plain(html)
    assert _plain(html).count('title="bold"') == 2
    assert list(inline._INLINED.values()) == [None]
    assert inline._shared(html) is None


def test_the_kept_skeletons_are_bounded():
    """serve runs for hours: skeletons are kept least recently used first, at most _KEPT,
    and the few tried first at most four; an email whose skeleton was let go is right."""
    emails = [_page(css=f".k{n} {{ margin: {n}px; }}", text=f"t{n}") for n in range(80)]
    for html in emails:
        assert _inlined(html) == _plain(html)
        assert len(inline._INLINED) <= inline._KEPT and len(inline._RECENT) <= 4
    assert len(inline._INLINED) == inline._KEPT
    assert _inlined(emails[0]) == _plain(emails[0])


def test_a_long_language_that_moves_head_past_1024_characters():
    """`_at_rules_last` moves the kept rules only when `<head>` is within the first 1024
    characters: a language value that puts it on the other side than the placeholder did
    sends the email alone (filling it in would move the rules where css-inline does not)."""
    short, long = _page(lang="en"), _page(lang="e" * 1010)
    assert inline_runs.cut(long, "m") is not None
    for html in (short, long, short):
        assert _inlined(html) == _plain(html)
    assert _plain(long).index("@media") < _plain(long).index("<title>")  # not moved
    assert _plain(short).index("@media") > _plain(short).index("<title>")  # moved
    assert len(inline._INLINED) == 1  # one skeleton, the long one not filled from it


@pytest.mark.parametrize(
    "css, kept",
    [
        ("a[HREF^='https'] { color: blue; }", "href"),
        ("div:lang(fr) { margin: 0; }", "lang"),
        ("[aria-label] { margin: 0; }", "aria-label"),
        (".x::before { content: '\\2014'; }", "href"),  # an escape could spell any name
    ],
)
def test_a_value_a_stylesheet_may_select_on_is_kept(css, kept):
    html = _page(css=css)
    skeleton, _ = inline_runs.cut(html, "m")
    assert f'{kept}="' in skeleton.text and f'{kept}="mglotm' not in skeleton.text
    assert "<title>mglotm" in skeleton.text  # texts still replaced
    assert _inlined(html) == _plain(html)


def test_premailer_keeps_its_own_way():
    html = _page()
    assert inline.inline_css(html, "premailer") == inline._inline(html, "premailer")
    assert inline._INLINED == {} and inline._RECENT == []


# --- what css-inline writes ------------------------------------------------------------------


@pytest.mark.parametrize(
    "run, text, value",
    [
        ("Q&amp;A", "Q&amp;A", "Q&amp;A"),
        ("a\xa0b &nbsp;", "a&nbsp;b &nbsp;", "a&nbsp;b &nbsp;"),
        ("it&#39;s &quot;x&quot;", 'it\'s "x"', "it's &quot;x&quot;"),
        ("1 &lt; 2", "1 &lt; 2", None),  # a value holding '<' is kept
        ("a\r\nb\rc", "a\nb\nc", "a\nb\nc"),
        ("AT& T &notin;", "AT&amp; T ∉", "AT&amp; T ∉"),
        ("&amp", None, None),  # read two ways
        ("&#128;", None, None),  # read as Windows-1252
        ("&#0;&#xD800;", None, None),  # read as U+FFFD
        ("&#1114112;", None, None),  # beyond Unicode: U+FFFD
        ("&#32;", None, " "),  # white space alone: kept in text
        ("x\x01", None, None),
        ("very important", "very important", None),
    ],
)
def test_runs_are_written_as_css_inline_writes_them(run, text, value):
    assert inline_runs._text(run) == text
    assert inline_runs._value(run) == value
    html = f'<!doctype html><html><head></head><body><p title="{run}">{run}</p></body></html>'
    out = _plain(html)
    if text is not None:
        assert f">{text}</p>" in out
    if value is not None:
        assert f'title="{value}"' in out


def test_written_forms_match_css_inline_on_every_piece():
    """Each piece of the generated texts, alone and between letters, as text and as value
    (a run holds no '<': it would end there)."""
    checked = 0
    for piece in _TEXT:
        for run in (piece, f"a{piece}b") if "<" not in piece else ():
            html = f'<!doctype html><html><head></head><body><p alt="{run}">{run}</p></body></html>'
            out = _plain(html)
            text, value = inline_runs._text(run), inline_runs._value(run)
            if text is not None:
                assert f">{text}</p>" in out, (run, out)
                checked += 1
            if value is not None and '"' not in run:
                assert f'alt="{value}"' in out, (run, out)
                checked += 1
    assert checked > 80


# --- what sends an email alone, or keeps a value -------------------------------------------


@pytest.mark.parametrize("tag", ["style", "STYLE", "StYlE", "ſtyle", "script", "pre", "svg"])
def test_an_element_read_apart_in_the_body_sends_the_email_alone(tag):
    """A `<style>` in the body (in any case: html5ever lowers ASCII letters; a long s is not
    an s to it, but is refused all the same), a script, a `<pre>` (its first line feed is
    dropped), foreign content: the runs after it are not cut."""
    html = _page(more=f"<{tag}>p {{ color: red; }}</{tag}>")
    assert inline_runs.cut(html, "m") is None
    assert _inlined(html) == _plain(html)


def test_the_names_a_head_allows_are_kept_for_that_head_only():
    naming = "<head><style>div[Aria-LABEL] { margin: 0 }</style>"
    plain = "<head><style>div { margin: 0 }</style>"
    escaping = "<head><style>p::before { content: '\\2014' }</style>"
    everything = frozenset(inline_runs.NAMES)
    for head, names in [
        (naming, everything - {"aria-label"}),
        (plain, everything),
        (naming, everything - {"aria-label"}),
        (escaping, frozenset()),
    ]:
        html = f'<html lang="en">{head}</head><body><p>x</p></body></html>'
        start = inline_runs._PREFIX.match(html)
        assert inline_runs._head_names(html, start) == names
        assert inline_runs._head_names(html, start) == names  # as kept
    assert len(inline_runs._NAMES) == 3


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
def test_variants_whose_label_a_sheet_names_in_capitals_keep_it(style, content):
    """A stylesheet that names the wrapper's label (the subject), in any case, or escapes a
    character: the label stays in the HTML inlined (so each variant has its own), the title
    may still be filled in; a `<style>` in the body sends each email alone."""
    for title in ("Black Friday: 40% off", "Black Friday, last day"):
        mjml = (
            f"<mjml><mj-head><mj-title>{title}</mj-title>{style}</mj-head><mj-body>"
            f"<mj-section><mj-column>{content}</mj-column></mj-section></mj-body></mjml>"
        )
        compiled = compile_mjml(mjml)
        assert _inlined(compiled) == _plain(compiled)
        found = inline_runs.cut(compiled, "m")
        if "STYLE" in content:
            assert found is None
        else:
            assert f'aria-label="{title}"' in found[0].text
    assert len(inline._INLINED) == (0 if "STYLE" in content else 2)
