"""Both inliners on literal HTML -> what juice (the inliner MJML users run) writes."""

from __future__ import annotations

import re
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from mailglot.errors import ContentError
from mailglot.project.loader import load_project
from mailglot.render.inline import InlineFailure, inline_css
from mailglot.render.mjml import compile_mjml

ENGINES = ["css-inline", "premailer"]

PAGE = """<!doctype html><html><head>
<style>
@font-face { font-family: Brand; src: url(https://cdn.example/brand.woff2) format("woff2"); }
.lead { color: #3a3b3c; font-size: 18px; }
.loud { color: #1a2b3c !important; }
.plain { color: unset; }
td.cell { width: 300px; }
img { border: 0; }
@media only screen and (max-width: 480px) { .lead { font-size: 16px !important; } }
@media (prefers-color-scheme: dark) { .lead { color: #ffffff !important; } }
</style>
<!--[if mso]><style>.lead { font-family: Arial; }</style><![endif]-->
</head><body>
<!--[if mso | IE]><table role="presentation" width="600"><tr><td style="width:600px;"><![endif]-->
<p class="lead">Lead</p>
<p class="loud" style="color: #ab1234; margin: 0">Loud</p>
<p class="plain">Plain</p>
<table><tr><td class="cell">Cell</td></tr></table>
<img src="https://cdn.example/a.png" width="184px" style="width:100%;max-width:184px" alt="">
<!--[if mso | IE]></td></tr></table><![endif]-->
</body></html>"""


def _style_of(html: str, text: str) -> str:
    [style] = re.findall(r'style="([^"]*)"[^>]*>' + text + "<", html)
    return style


def _decls(style: str) -> dict[str, str]:
    pairs = (d.split(":", 1) for d in style.split(";") if d.strip())
    return {k.strip(): v.strip() for k, v in pairs}


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


def test_rules_are_inlined_where_they_match(engine: str):
    out = inline_css(PAGE, engine)
    assert _decls(_style_of(out, "Lead")) == {"color": "#3a3b3c", "font-size": "18px"}
    body = out.split("<body", 1)[1]
    assert ".lead {" not in body and "td.cell" not in out  # plain rules leave the stylesheet


def test_at_rules_stay_in_style_tags(engine: str):
    out = inline_css(PAGE, engine)
    assert "@font-face" in out and "brand.woff2" in out
    assert re.search(r"@media only screen and \(max-width: ?480px\)", out)
    assert "@media (prefers-color-scheme: dark)" in out
    # the overrides keep their !important: without it they could not beat the inlined value
    assert re.search(r"color: ?#fff(fff)? ?!important", out)


def test_mso_conditionals_are_left_as_written(engine: str):
    out = inline_css(PAGE, engine)
    assert (
        '<!--[if mso | IE]><table role="presentation" width="600"><tr>'
        '<td style="width:600px;"><![endif]-->' in out
    )
    assert "<!--[if mso]><style>.lead { font-family: Arial; }</style><![endif]-->" in out
    assert "<!--[if mso | IE]></td></tr></table><![endif]-->" in out


def test_stylesheet_important_beats_the_elements_own_value_and_is_dropped(engine: str):
    out = inline_css(PAGE, engine)
    # juice: importance first, then the style attribute; written without !important
    assert _decls(_style_of(out, "Loud")) == {"color": "#1a2b3c", "margin": "0"}
    body = out.split("<body", 1)[1]
    assert "!important" not in body


def test_unset_is_kept(engine: str):
    assert _decls(_style_of(inline_css(PAGE, engine), "Plain")) == {"color": "unset"}


def test_pixel_widths_on_images_are_kept(engine: str):
    out = inline_css(PAGE, engine)
    [img] = re.findall(r"<img [^>]*>", out)
    assert 'width="184px"' in img
    assert _decls(re.search(r'style="([^"]*)"', img).group(1)) == {
        "border": "0",
        "width": "100%",
        "max-width": "184px",
    }


def test_doctype_is_kept_first(engine: str):
    assert inline_css(PAGE, engine).startswith("<!doctype html>")


class _Recorder(BaseHTTPRequestHandler):
    hits: ClassVar[list[str]] = []

    def do_GET(self) -> None:  # pragma: no cover - reached only if an inliner fetches
        _Recorder.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/css")
        self.end_headers()
        self.wfile.write(b"p { color: red; }")

    def log_message(self, *args: object) -> None:
        pass


def test_remote_stylesheets_are_never_fetched(engine: str):
    server = HTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/fonts.css"
        page = (
            f'<!doctype html><html><head><link rel="stylesheet" href="{url}"></head>'
            "<body><p>x</p></body></html>"
        )
        out = inline_css(page, engine)
    finally:
        server.shutdown()
        server.server_close()
    assert _Recorder.hits == []
    assert f'href="{url}"' in out  # left for the client to load
    assert "color: red" not in out


def test_both_engines_agree_on_compiled_mjml():
    mjml = """<mjml><mj-head>
<mj-style inline="inline">.promo div { text-transform: uppercase; }</mj-style>
<mj-style>@media (prefers-color-scheme: dark) { .promo div { color: #fff !important; } }</mj-style>
</mj-head><mj-body><mj-section><mj-column>
<mj-text css-class="promo">Bonjour</mj-text>
<mj-button href="https://example.com/go?a=1&amp;b=2">Voir</mj-button>
</mj-column></mj-section></mj-body></mjml>"""
    html = compile_mjml(mjml)
    styles = {e: _decls(_style_of(inline_css(html, e), "Bonjour")) for e in ENGINES}
    assert styles["css-inline"] == styles["premailer"]
    assert styles["css-inline"]["text-transform"] == "uppercase"
    for engine in ENGINES:
        assert 'href="https://example.com/go?a=1&amp;b=2"' in inline_css(html, engine)


def test_unknown_engine_is_refused():
    with pytest.raises(ValueError, match="unknown inliner 'juice'; expected one of"):
        inline_css(PAGE, "juice")  # type: ignore[arg-type]


def test_inline_failure_is_a_named_error():
    assert issubclass(InlineFailure, Exception)


def test_inliner_setting(example: Path):
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "inliner: premailer\n", encoding="utf-8")
    assert load_project(example).settings.inliner == "premailer"
    settings.write_text(text + "inliner: juice\n", encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_project(example)
    assert "inliner: expected 'css-inline' or 'premailer', got 'juice'" in str(err.value)


def test_inliner_defaults_to_css_inline(example: Path):
    assert load_project(example).settings.inliner == "css-inline"


def test_important_values_are_written_last_so_they_still_win():
    page = (
        "<html><head><style>.sel { border-color: #cccccc !important; }</style></head><body>"
        '<a class="sel" style="border: 2px solid transparent; width: 110px">x</a></body></html>'
    )
    for engine in ENGINES:
        style = re.search(r'<a [^>]*style="([^"]*)"', inline_css(page, engine)).group(1)
        names = [d.split(":")[0].strip() for d in style.split(";") if d.strip()]
        assert names[-1] == "border-color", (engine, style)
        assert "!important" not in style


def test_the_default_engine_does_not_load_premailer():
    """premailer pulls in cssutils and requests (a third of a second of every build's start):
    only a project that chose `inliner: premailer` pays for it."""
    import subprocess
    import sys

    code = (
        "import sys, mailglot.build, mailglot.runner, mailglot.render.pipeline\n"
        "print(sorted(m for m in ('premailer', 'cssutils', 'requests') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def _charset_at(html: str) -> int:
    return html.lower().find("charset=utf-8")


def test_the_utf8_declaration_stays_in_the_first_1024_bytes():
    """Browsers look for the encoding in the first 1024 bytes only: css-inline's kept rules
    (media queries, dark mode) go to the end of <head>, after the <meta>, as Node writes
    them, and keep their order before the rules set aside for juice (`:hover`)."""
    dark = "".join(f".c{i} div {{ color: #{i:06x} !important; }}\n" for i in range(40))
    mjml = f"""<mjml><mj-head><mj-title>Été</mj-title>
<mj-style>@media (prefers-color-scheme: dark) {{ {dark} }} a:hover {{ color: red; }}</mj-style>
</mj-head><mj-body><mj-section><mj-column><mj-text>Réduction</mj-text></mj-column>
</mj-section></mj-body></mjml>"""
    out = inline_css(compile_mjml(mjml))
    head = out[: out.index("</head>")]
    assert 0 < _charset_at(out) < 1024
    assert head.index("charset=UTF-8") < head.index("@media (prefers-color-scheme: dark)")
    assert head.index("prefers-color-scheme") < head.index("a:hover")
    assert head.startswith("<!doctype html><html") and "<head><title>Été</title>" in head


def test_every_example_email_declares_utf8_where_browsers_look(example_build: Path):
    pages = sorted((example_build / "build").glob("*/*/*/*.html"))
    assert len(pages) >= 3 * 70
    for page in pages:
        assert _charset_at(page.read_bytes()[:1024].decode("utf-8", "replace")) > 0, page
