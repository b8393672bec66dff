"""inline_css inlines emails that differ only in their texts and some attribute values once,
with placeholders there, and fills each email's own in (render/inline_runs.py): every email
must be, byte for byte, what css-inline makes of it by itself (`inline._inline`)."""

from __future__ import annotations

import importlib
import random
from pathlib import Path

import pytest

from mailglot.render import inline, inline_runs
from mailglot.render.mjml import compile_mjml
from tests.both_ways import step_inputs

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"


@pytest.fixture(autouse=True)
def fresh(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(inline, "_INLINED", {})
    monkeypatch.setattr(inline, "_RECENT", [])
    monkeypatch.setattr(inline_runs, "_NAMES", {})
    monkeypatch.setattr(inline_runs, "_FORMS", ({}, {}, {}, {}))


def _plain(html: str) -> str:
    try:
        return inline._inline(html, "css-inline")
    except inline.InlineFailure as exc:
        return f"InlineFailure: {exc}"


def _inlined(html: str) -> str:
    try:
        return inline.inline_css(html)
    except inline.InlineFailure as exc:
        return f"InlineFailure: {exc}"


class Paths:
    """Which way inline_css answered: filled in from a recent skeleton, from one found by
    reading the email through, or by itself."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.recent = self.found = self.alone = 0
        cut, shared = inline_runs.cut, inline._shared
        self._cut_called = False

        def counted_cut(html: str, mark: str):
            self._cut_called = True
            return cut(html, mark)

        def counted_shared(html: str) -> str | None:
            self._cut_called = False
            out = shared(html)
            if out is None:
                self.alone += 1
            elif self._cut_called:
                self.found += 1
            else:
                self.recent += 1
            return out

        monkeypatch.setattr(inline_runs, "cut", counted_cut)
        monkeypatch.setattr(inline, "_shared", counted_shared)


# --- generated documents -------------------------------------------------------------------

# Pieces of runs: most are read and written back plainly (texts of every script, references
# read one way, quotes, CR/LF); the rest are kept where they are, or refuse the email
_NICE = [
    *["Hello", "a", "Streamly", "40 %", "x y", "1", "é", "年間プラン", "مرحبا", "שלום", "😀"],
    *[" ", "\n", "\t", "\r\n", "\r", "\x0c", "\u200f", "\u200c", "\u202f", "\u3000"],
    *["& ", "&amp;", "&nbsp;", "\xa0", "&lt;", "&gt;", "&quot;", "&#39;", "&#x27;", "&AMP;"],
    *["&notin;", "&#0065;", "&#x1F600;", '"', "'", ">", ":", "=", "?a=1&amp;b=2", "mglot"],
]
_ODD = [
    *["&", "&#32;", "&Tab;", "&NewLine;", "&#128;", "&#x80;", "&#0;", "&#xD800;", "&#1114112;"],
    *["&noti;", "&amp", "&T", "&#", "&#x;", "< b", "<", "<b>", "-->", "<!--", ":hover"],
    *[":checked", "important", "!important", "style=", " style=", "\x01", "\x7f", "\x85"],
    *["\x9f", "\ufdd0", "\uffff", "\U0001fffe", "\ud800", "</td>", "?a=1&b=2", "  "],
]
_TEXT = _NICE + _ODD
_MARKUP = (">", "&lt;", "&gt;")
_CSS = [
    "p { color: red; }",
    "[lang] { margin: 1px; }",
    "a[href^='https'] { color: blue; }",
    "img[alt] { border: 0; }",
    "[title] { padding: 0; }",
    "div[ARIA-LABEL] { margin: 0; }",
    "td:empty { display: none; }",
    "div:empty { height: 0; }",
    "span:lang(fr) { quotes: none; }",
    "p:not(.c1) { margin: 0; }",
    "td:nth-child(2) { width: 50%; }",
    "tr:first-child td { color: #111 !important; }",
    "a:hover { color: red; }",
    "a:HOVER { color: red; }",
    "input:checked + div { display: block; }",
    "@media (max-width: 480px) { .c1 { width: 100% !important; } }",
    "@media (prefers-color-scheme: dark) { .b { background: #000 !important; } }",
    ".c1 > a { text-decoration: none; }",
    "* { line-height: 1.5; }",
    ".c2::before { content: '\\2014'; }",
    "div > span + b { font-weight: 700; }",
    "span ~ i { color: green; }",
    "body { margin: 0; }",
    "table td { width: 100px; height: 20px; }",
    ".c0 { width: 300px !important; }",
    "a:link { color: navy; }",
    "p::first-letter { font-size: 2em; }",
    ":root { color: black; }",
    "b:only-child { color: olive; }",
]
_NAMES = ["href", "src", "alt", "title", "aria-label", "lang", "HREF", "Title", "target"]

TEXT, VALUE = object(), object()  # where a shape takes a run of text, a value


def _run(rng: random.Random, value: bool) -> str:
    odd = rng.random() < 0.04
    pieces = _TEXT if odd else _NICE
    if value:  # no '"'; and '<' or '>' in a value is kept: a skeleton, rarely
        pieces = [p for p in pieces if '"' not in p and (odd or p not in _MARKUP)]
    run = "".join(rng.choice(pieces) for _ in range(rng.choice([1, 1, 2, 3, 6])))
    if not odd and not run.strip(" \t\n\r\x0c"):
        run += "w"  # white space alone is kept: a text, not a skeleton, most of the time
    if value and rng.random() < 0.05:
        run = "x" * rng.choice([400, 900, 980, 1000])  # `<head>` around character 1024
    return run


def _nodes(rng: random.Random, depth: int) -> list:
    out: list = []
    for _ in range(rng.randint(1, 4 if depth < 3 else 1)):
        kind = rng.randrange(22)
        inner = _nodes(rng, depth + 1) if depth < 4 else [TEXT]
        name = rng.choice(_NAMES)
        if kind < 5:
            out.append(TEXT)
        elif kind == 5:
            out.append(rng.choice([" ", "\n  ", "\t"]))
        elif kind == 6:
            out += [f'<div class="c{rng.randrange(3)}" style="color: #333">', *inner, "</div>"]
        elif kind == 7:
            out += ['<a href="', VALUE, f'" {name}="', VALUE, '">', *inner, "</a>"]
        elif kind == 8:
            out += ['<img src="', VALUE, '" alt="', VALUE, f'" {name}="', VALUE, '">']
        elif kind == 9:
            out += ['<table role="presentation"><tr><td class="c0">', *inner, "</td>"]
            out += ["<td>", *rng.choice([[], [TEXT]]), "</td></tr></table>"]
        elif kind == 10:
            out += ["<table><tbody>", TEXT, "<tr><td>", *inner, "</td></tr></tbody></table>"]
        elif kind == 11:
            out += ["<p>", *inner, "</p>"]
        elif kind == 12:
            out += ['<span lang="', VALUE, '">', *inner, "</span>"]
        elif kind == 13:
            out += ["<b>", TEXT, "<i>", TEXT, "</b>", TEXT, "</i>"]  # misnested
        elif kind == 14:
            out += ["<!--[if mso | IE]><table><tr><td>Outlook &amp; co<![endif]-->"]
        elif kind == 15:
            out += [rng.choice(["<br>", "<br/>", '<div class="e"></div>', "<hr>"])]
        elif kind == 16:
            out += [f'<div {name}="', VALUE, f'" {name}="', VALUE, '">', *inner, "</div>"]
        elif kind == 17 and rng.random() < 0.3:
            out += [
                rng.choice(
                    [
                        "<pre>\nkept</pre>",
                        "<style>p { color: red; }</style>",
                        "<textarea>\n&amp;</textarea>",
                        "<svg><text>a</text></svg>",
                        "<select><option>o</option></select>",
                        "<table><colgroup> <col></colgroup></table>",
                        "<a href='single'>q</a>",
                        "<a href=bare>q</a>",
                        "<!-- a -- b -->",
                        "<!---->",
                        "<? pi ?>",
                        "</br>",
                        "<o:p></o:p>",
                        '<td title="dropped">x</td>',  # a cell out of a table
                    ]
                )
            ]
        elif kind in (17, 18):
            out += ["<span>", *inner, "</span><b>", *inner, "</b>"]
        elif kind == 19:
            out += ['<input type="checkbox" checked><div class="c1">', *inner, "</div>"]
        elif kind == 20:
            out += [f'<table><tr><td {name}="', VALUE, '">', TEXT, "</td></tr></table>"]
        else:
            out += ['<div aria-label="', VALUE, '" role="article">', *inner, "</div>"]
    return out


def _shape(rng: random.Random) -> list:
    css = " ".join(rng.sample(_CSS, rng.randint(0, 4)))
    head: list = [rng.choice(["<!doctype html>", "<!DOCTYPE html>", ""])]
    head += ['<html lang="', VALUE, '" dir="ltr" xmlns="http://www.w3.org/1999/xhtml">']
    head += ["<head>", *rng.choice([["<title>", TEXT, "</title>"], []])]
    head += ['<meta name="viewport" content="width=device-width">']
    head += [f'<style type="text/css">{css}</style>']
    if rng.random() < 0.3:
        head.append("<!--[if mso]><style>.x { color: red; }</style><![endif]-->")
    if rng.random() < 0.2:
        head.append(
            '<link href="https://fonts.example/css?family=A" rel="stylesheet" type="text/css">'
        )
    head += ["</head>", '<body class="b" style="margin:0">']
    return [*head, *_nodes(rng, 0), "</body></html>", *rng.choice([[], ["\n"]])]


def _email(shape: list, rng: random.Random) -> str:
    return "".join(
        _run(rng, value=part is VALUE) if part is TEXT or part is VALUE else part for part in shape
    )


def test_generated_emails_are_what_css_inline_makes_of_each(monkeypatch):
    """Shapes of document (stylesheets that select on attributes, `:empty`, `:lang`, `:not`,
    `nth-child`, `!important`, `@media`, rules set aside; tables, misnested tags, MSO
    comments, elements refused) each filled with several sets of texts and values (references
    of every kind, quotes, markup, CR/LF, controls, noncharacters, RTL, emoji), in turn and
    shuffled, so each way is taken: filled from a recent skeleton, from one found anew,
    inlined alone."""
    rng = random.Random(20261130)
    paths = Paths(monkeypatch)
    emails = []
    for _ in range(400):
        shape = _shape(rng)
        emails += [_email(shape, rng) for _ in range(rng.choice([2, 4, 6]))]
    shuffled = emails[::3]
    rng.shuffle(shuffled)
    for html in emails + shuffled:
        assert _inlined(html) == _plain(html), html
    total = len(emails) + len(shuffled)
    assert total > 2000
    assert paths.recent > total / 8, vars(paths)
    assert paths.found > total / 4, vars(paths)
    assert paths.alone > total / 20, vars(paths)
    assert len(inline._INLINED) <= inline._KEPT


def _captured(root: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The compiled HTML each job of a project gives inline_css."""
    return step_inputs(root, monkeypatch, "inline_css")


def test_the_example_projects_emails(example: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _captured(example, monkeypatch)
    assert len(seen) > 20
    inline._INLINED.clear()
    inline._RECENT.clear()
    paths = Paths(monkeypatch)
    for html in seen:
        assert _inlined(html) == _plain(html), html
    assert paths.alone == 0 and len(inline._INLINED) < len(seen) / 3, vars(paths)


def test_the_small_emails_of_the_bench(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The bench's emails (many campaigns of one template, every locale): a skeleton for
    each direction, every email its own texts, links and languages."""
    monkeypatch.syspath_prepend(str(SCRIPTS))
    bench = importlib.import_module("bench")
    seen = _captured(bench.synthetic_project(tmp_path / "small", 60, "small"), monkeypatch)
    inline._INLINED.clear()
    inline._RECENT.clear()
    paths = Paths(monkeypatch)
    for html in seen:
        assert _inlined(html) == _plain(html), html
    assert len(seen) == 60
    assert paths.alone == 0 and paths.found == len(inline._INLINED) <= 2, vars(paths)


def test_the_fidelity_corpus():
    """MJML's components (accordion, carousel, hero, navbar, social, tables, dark mode...) as
    MRML compiles them: each cut at its runs and inlined right."""
    sources = sorted((Path(__file__).parent / "fidelity").glob("*.mjml"))
    assert len(sources) > 30
    for source in sources:
        html = compile_mjml(source.read_text(encoding="utf-8"))
        assert inline_runs.cut(html, "m") is not None, source.name
        assert _inlined(html) == _plain(html), source.name
