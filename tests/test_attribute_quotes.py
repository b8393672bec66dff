"""A single-quoted attribute value holding a `"` in a template's HTML reaches the email as the
same value: MRML (on its path for `<mj-style inline="inline">`, which the example's layout has)
wrote it as `title="He said \\" hi\\""=""`, a broken attribute, and a value's `"` could start
attributes of its own (`onclick`). `attribute_quotes` gives MRML such values double-quoted
with `&quot;`, which it carries through."""

from __future__ import annotations

from pathlib import Path

from lxml import html as lxml_html

from mailglot.render import mjml_fixes
from mailglot.render.attribute_quotes import double_quoted_values
from mailglot.render.mjml import compile_mjml
from mailglot.render.skeletons import compile_shared

INTRO = "<mj-text>{{ data.strings.intro }}</mj-text>"


def _links(page: Path, text: str) -> list[dict[str, str]]:
    root = lxml_html.fromstring(page.read_text(encoding="utf-8"))
    return [dict(a.attrib) for a in root.iter("a") if a.text_content() == text]


def test_a_title_with_double_quotes_in_single_quotes_reads_as_written(example, cli):
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count(INTRO) == 1
    link = (
        """<a href="https://streamly.example/help" title='He said "hi"'>Help</a> """
        """<a href='https://streamly.example/x" onclick="alert(1)'>X</a>"""
    )
    template.write_text(text.replace(INTRO, f"<mj-text>{link}</mj-text>"), encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    for page in ("email.html", "preview.html"):
        shown = example / "build/winback/en_US/a" / page
        assert _links(shown, "Help") == [
            {"href": "https://streamly.example/help", "title": 'He said "hi"'}
        ]
        # the quote stays inside the href: no attribute of its own
        assert _links(shown, "X") == [{"href": 'https://streamly.example/x" onclick="alert(1)'}]
    html = (example / "build/winback/en_US/a/email.html").read_text(encoding="utf-8")
    assert 'title="He said &quot;hi&quot;"' in html
    assert "\\" not in html


INLINE = '<mjml><mj-head><mj-style inline="inline">.x { color: red; }</mj-style></mj-head>'


def _document(content: str, head: str = INLINE) -> str:
    return (
        f"{head}<mj-body><mj-section><mj-column>{content}</mj-column></mj-section></mj-body></mjml>"
    )


def test_values_are_double_quoted_in_text_raw_and_table_content() -> None:
    source = _document(
        """<mj-text><b title='a "b"'>x</b> <i title="it's">y</i></mj-text>"""
        """<mj-raw><p data-x='1"2' class='k'>r</p></mj-raw>"""
        """<mj-table><tr><td title='c"'>z</td></tr></mj-table>"""
    )
    assert double_quoted_values(source, mjml_fixes.Fixing()) == _document(
        """<mj-text><b title="a &quot;b&quot;">x</b> <i title="it's">y</i></mj-text>"""
        """<mj-raw><p data-x="1&quot;2" class='k'>r</p></mj-raw>"""
        """<mj-table><tr><td title="c&quot;">z</td></tr></mj-table>"""
    )
    html = compile_mjml(source)
    assert '<b title="a &quot;b&quot;">' in html
    assert '<p class="k" data-x="1&quot;2">' in html  # MRML sorts them
    assert '<td title="c&quot;">' in html
    assert "\\" not in html


def test_comments_and_style_sheets_are_left_as_written() -> None:
    kept = _document(
        """<mj-raw><!-- <b title='a"b'> --></mj-raw>""",
        head="""<mjml><mj-head><mj-style>a[title='x"'] { color: red; }</mj-style></mj-head>""",
    )
    assert double_quoted_values(kept, mjml_fixes.Fixing()) is kept


def test_a_document_without_such_a_value_is_returned_untouched() -> None:
    """The fast path: apostrophes in text and single-quoted values without `"` change
    nothing (the same object comes back)."""
    source = _document("""<mj-text>It's "here" <a href='https://x.example'>it's</a></mj-text>""")
    assert double_quoted_values(source, mjml_fixes.Fixing()) is source


def test_shared_compile_gives_the_bytes_of_compile_mjml() -> None:
    for title in ('He said "hi"', 'Il a dit "salut"'):
        source = _document(
            f"<mj-text><a href=\"https://x.example\" title='{title}'>a</a></mj-text>"
        )
        assert compile_shared(source) == compile_mjml(source)
        assert f'title="{title.replace(chr(34), "&quot;")}"' in compile_mjml(source)
