"""A single-quoted value holding a `"` on an `mj-*` element reaches the email as written.

With `<mj-style inline="inline">` (the example's layout has one) MRML wrote an mj-image's
`alt='a " onerror=alert(1) b'` as `alt="a \\" onerror="alert(1)" b"=""`: a real onerror on the
`<img>`, and an mj-button's `href='https://...x" onclick=alert(1) y'` a real onclick. Such
values are now given to MRML double-quoted with `&quot;`, as an HTML element's are."""

from __future__ import annotations

from lxml import html as lxml_html

from mailglot.render import mjml_fixes
from mailglot.render.attribute_quotes import double_quoted_values
from mailglot.render.mjml import compile_mjml
from mailglot.render.skeletons import compile_shared

INTRO = "<mj-text>{{ data.strings.intro }}</mj-text>"
IMAGE = (
    "<mj-image src='https://cdn.streamly.example/email/x.png' alt='a \" onerror=alert(1) b' />"
    "<mj-button href='https://streamly.example/x\" onclick=alert(1) y'>Go</mj-button>"
)


def test_an_mjml_elements_value_keeps_its_quote_inside(example, cli):
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count(INTRO) == 1
    template.write_text(text.replace(INTRO, INTRO + IMAGE), encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    for page in ("email.html", "preview.html"):
        path = example / "build/winback/en_US/a" / page
        root = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        images = [i for i in root.iter("img") if "x.png" in i.get("src", "")]
        assert [(i.get("alt"), i.get("onerror")) for i in images] == [
            ('a " onerror=alert(1) b', None)
        ]
        links = [a for a in root.iter("a") if a.text_content().strip() == "Go"]
        assert [(a.get("href"), a.get("onclick")) for a in links] == [
            ('https://streamly.example/x" onclick=alert(1) y', None)
        ]
    html = (example / "build/winback/en_US/a/email.html").read_text(encoding="utf-8")
    assert 'alt="a &quot; onerror=alert(1) b"' in html
    assert "\\" not in html


def test_mjml_elements_are_rewritten_and_compile_shared_agrees() -> None:
    source = (
        '<mjml><mj-head><mj-style inline="inline">.x { color: red; }</mj-style></mj-head>'
        f"<mj-body><mj-section><mj-column>{IMAGE}</mj-column></mj-section></mj-body></mjml>"
    )
    assert double_quoted_values(source, mjml_fixes.Fixing()) == source.replace(
        "alt='a \" onerror=alert(1) b'", 'alt="a &quot; onerror=alert(1) b"'
    ).replace(
        "href='https://streamly.example/x\" onclick=alert(1) y'",
        'href="https://streamly.example/x&quot; onclick=alert(1) y"',
    )
    assert compile_shared(source) == compile_mjml(source)
    assert '<img alt="a &quot; onerror=alert(1) b"' in compile_mjml(source)
