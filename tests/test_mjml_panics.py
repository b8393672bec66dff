"""MRML's parser panics on a `>` written as text after a character outside ASCII: a Rust
panic, which `except Exception` lets through and a worker cannot even send back, so a
template with `クーポンコード >` or `Découvrez >` stopped the whole build with a traceback.
Such a `>` now reaches MRML as `&gt;` and the email is what it would have been."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import copy_example

from mailglot.render.inline import inline_css
from mailglot.render.mjml import MjmlFailure, compile_mjml
from mailglot.render.native_stderr import without_panic_message

BODY = "<mjml><mj-body><mj-section><mj-column>{}</mj-column></mj-section></mj-body></mjml>"


@pytest.mark.parametrize(
    ("mjml", "expected"),
    [
        (BODY.format("<mj-text>10 é > mehr</mj-text>"), "10 é &gt; mehr</div>"),
        (BODY.format("<mj-text>Prix : 9,99 € ></mj-text>"), "Prix : 9,99 € &gt;</div>"),
        (
            BODY.format('<mj-button href="https://example.com/">詳しく ></mj-button>'),
            "詳しく &gt;</a>",
        ),
        (
            BODY.format(
                '<mj-text>\u200f> <a href="https://example.com/?a=1&amp;b=2">x</a></mj-text>'
            ),
            '\u200f&gt; <a href="https://example.com/?a=1&amp;b=2"',
        ),
        ("<mjml><mj-body><mj-raw><p>€ ></p></mj-raw></mj-body></mjml>", "€ &gt;</p>"),
    ],
)
def test_a_greater_than_sign_after_a_character_outside_ascii_compiles(
    mjml: str, expected: str
) -> None:
    assert expected in inline_css(compile_mjml(mjml))


def test_markup_and_style_sheets_are_not_touched() -> None:
    sheet = ".a > .b { color: #123456 } .c:before { content: '€ ›' }"
    body = BODY.format(
        '<mj-image src="a.png" alt="x > é"/><mj-text>é <b class="k">x</b> ></mj-text>'
    )
    mjml = body.replace("<mjml>", f"<mjml><mj-head><mj-style>{sheet}</mj-style></mj-head>")
    html = compile_mjml(mjml)
    assert sheet in html
    assert 'alt="x > é"' in html  # an attribute's `>` is no text
    assert 'é <b class="k">x</b> &gt;</div>' in html


def test_a_style_sheet_mrml_cannot_read_is_given_again_with_css_escapes() -> None:
    """In CSS `&gt;` means nothing, so a sheet MRML panics on is given again with its
    characters outside ASCII as CSS escapes (the same characters to a browser)."""
    html = compile_mjml(
        "<mjml><mj-head><mj-style>\u200f> a{}</mj-style></mj-head><mj-body></mj-body></mjml>"
    )
    assert '<style type="text/css">\\00200f> a{}' in html


def test_a_build_with_such_a_template_finishes(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    template = project / "templates/winback.mjml.j2"
    source = template.read_text(encoding="utf-8")
    written = '{{ _("Your code") }}</mj-text>'
    assert written in source
    template.write_text(source.replace(written, '{{ _("Your code") }} &#8250; ></mj-text>'))
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mailglot", "--project", str(project), "build"),
            *(
                "--no-screenshots",
                "--campaign",
                "winback",
                "--locale",
                "ja_JP",
                "--locale",
                "fr_FR",
            ),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "panicked" not in result.stderr  # Rust's own message, printed before Python sees it
    assert "char boundary" not in result.stderr
    html = (project / "build/winback/ja_JP/a/email.html").read_text(encoding="utf-8")
    assert "クーポンコード › &gt;</div>" in html
    french = (project / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Votre code › &gt;</div>" in french


def test_after_a_panic_raw_text_elements_keep_their_greater_than_signs() -> None:
    """Once MRML has panicked in a process, later documents with such a `>` are escaped
    before compiling; `&gt;` in `<noscript>` or `<xmp>` would show as typed, so those keep
    theirs, and the email is the same as in a process that never panicked."""
    mjml = BODY.format(
        '<mj-image src="https://example.com/a.png" alt="Café > Thé" />'
        "<mj-text><noscript>Tarif > 10 €</noscript><xmp>a > b</xmp> é ></mj-text>"
    )
    compile_mjml(BODY.format("<mj-text>Prix : 9,99 € ></mj-text>"))  # a panic, if none yet
    html = inline_css(compile_mjml(mjml))
    assert "<noscript>Tarif > 10 €</noscript>" in html
    assert "<xmp>a > b</xmp> é &gt;" in html


class PanicException(BaseException):
    """What PyO3 raises for a Rust panic is recognised by its name, as here."""


def _writes(data: bytes, then: BaseException | None = None) -> str:
    os.write(2, data)  # as native code writes: to the descriptor, not through sys.stderr
    if then is not None:
        raise then
    return "done"


def test_what_native_code_writes_to_standard_error_is_passed_on(
    capfd: pytest.CaptureFixture[str],
) -> None:
    assert without_panic_message(lambda: _writes(b"warning: kept\n")) == "done"
    os.write(2, b"after\n")  # the descriptor is back where it was
    assert capfd.readouterr().err == "warning: kept\nafter\n"


def test_a_panic_message_is_dropped_and_the_panic_raised(
    capfd: pytest.CaptureFixture[str],
) -> None:
    message = b"thread '<unnamed>' panicked at src/lib.rs:1200:29:\nstart byte index 14\n"
    with pytest.raises(PanicException):
        without_panic_message(lambda: _writes(message, PanicException("boom")))
    with pytest.raises(ValueError):  # any other exception: what was written is kept
        without_panic_message(lambda: _writes(b"kept\n", ValueError("x")))
    os.write(2, b"after\n")
    assert capfd.readouterr().err == "kept\nafter\n"


def test_mrml_panic_prints_nothing_on_the_terminal() -> None:
    """In a process of its own, so that standard error is the real descriptor 2."""
    code = (
        "from mailglot.render.mjml import compile_mjml\n"
        f"print('&gt;' in compile_mjml({BODY.format('<mj-text>Prix : 9,99 € ></mj-text>')!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "RUST_BACKTRACE": "1"},
    )
    assert (result.stdout, result.stderr) == ("True\n", "")


def test_mjml_nested_past_what_mrml_survives_is_refused() -> None:
    """MRML overflows its stack on deep nesting and the process dies (SIGSEGV): refused."""
    deep = 2000
    mjml = f"<mjml><mj-body>{'<mj-wrapper>' * deep}{'</mj-wrapper>' * deep}</mj-body></mjml>"
    with pytest.raises(MjmlFailure) as refused:
        compile_mjml(mjml)
    assert str(refused.value) == (
        "MJML could not be compiled: elements nested 2002 deep, where at most 500 are compiled"
        " (MRML, the MJML compiler, would crash on it); nest less"
    )
    raw = f"<mjml><mj-body><mj-raw>{'<div>' * 10000}{'</div>' * 10000}</mj-raw></mj-body></mjml>"
    with pytest.raises(MjmlFailure, match="nested 10003 deep"):
        compile_mjml(raw)
    # many elements side by side, void ones and nesting within the limit compile
    wide = "<br/><img src='x.png'>" * 3000 + "<div>" * 400 + "</div>" * 400
    assert "x.png" in compile_mjml(f"<mjml><mj-body><mj-raw>{wide}</mj-raw></mj-body></mjml>")


def test_a_build_with_a_template_nested_too_deep_finishes(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    template = project / "templates/renewal.mjml.j2"
    source = template.read_text(encoding="utf-8")
    marker = "{% block content %}\n"
    assert marker in source
    nest = (
        "{% for i in range(2000) %}<mj-wrapper>{% endfor %}"
        "{% for i in range(2000) %}</mj-wrapper>{% endfor %}\n"
    )
    template.write_text(source.replace(marker, marker + nest, 1), encoding="utf-8")
    result = subprocess.run(
        [
            *(sys.executable, "-m", "mailglot", "--project", str(project), "build"),
            *("--no-screenshots", "--jobs", "1", "--locale", "en_US"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    assert "elements nested 2" in result.stderr
    assert (project / "build/winback/en_US/a/email.html").is_file()  # the others build
    assert not (project / "build/renewal/en_US").exists()
