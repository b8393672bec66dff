"""render/direction.py and render/document.py: literal MJML or HTML in, exact text out."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from mailglot.render.direction import mirrored_shorthand, orient, physical
from mailglot.render.document import mark_language
from mailglot.render.mjml import compile_mjml
from tests.conftest import FIXTURES, run_cli

RTL_DEFAULTS = (
    '<mj-section direction="rtl" /><mj-wrapper direction="rtl" />'
    '<mj-group direction="rtl" /><mj-column direction="rtl" /><mj-text align="right" />'
    '<mj-table align="right" />'
)
RTL_HEAD = f"<mj-attributes>{RTL_DEFAULTS}</mj-attributes>"

SOURCE = """<mjml>
  <mj-head>
    <mj-attributes><mj-button align="start" /></mj-attributes>
  </mj-head>
  <mj-body>
    <mj-section padding="1px 2px 3px 4px">
      <mj-column padding-start="8px">
        <mj-image src="a.png" align='start' />
        <mj-text align="end">Hi <b>you</b></mj-text>
        <mj-button href="#" inner-padding="10px 20px 10px 30px">Go</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>"""


def test_left_to_right_resolves_start_and_end_and_keeps_everything_else() -> None:
    oriented = orient(SOURCE, "en-US", "ltr")
    assert oriented.conflicts == ()
    assert (
        oriented.mjml
        == """<mjml lang="en-US" dir="ltr">
  <mj-head>
    <mj-attributes><mj-button align="left" /></mj-attributes>
  </mj-head>
  <mj-body>
    <mj-section padding="1px 2px 3px 4px">
      <mj-column padding-left="8px">
        <mj-image src="a.png" align='left' />
        <mj-text align="right">Hi <b>you</b></mj-text>
        <mj-button href="#" inner-padding="10px 20px 10px 30px">Go</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>"""
    )


def test_right_to_left_mirrors_sides_and_paddings_and_adds_rtl_defaults() -> None:
    assert (
        orient(SOURCE, "ar-SA", "rtl").mjml
        == f"""<mjml lang="ar-SA" dir="rtl">
  <mj-head>
    <mj-attributes>{RTL_DEFAULTS}<mj-button align="right" /></mj-attributes>
  </mj-head>
  <mj-body>
    <mj-section padding="1px 4px 3px 2px">
      <mj-column padding-right="8px">
        <mj-image src="a.png" align='right' />
        <mj-text align="left">Hi <b>you</b></mj-text>
        <mj-button href="#" inner-padding="10px 30px 10px 20px">Go</mj-button>
      </mj-column>
    </mj-section>
  </mj-body>
</mjml>"""
    )


def test_html_inside_ending_tags_and_comments_is_copied_byte_for_byte() -> None:
    body = (
        '<mj-text align="start"><p align="start" style="padding:1px 2px 3px 4px">a&nbsp;b<br>'
        '<mj-image align="start"></p></mj-text>'
        '<!-- <mj-image align="start" /> -->'
        '<mj-raw><div align="end"><mj-text align="end"></div></mj-raw>'
        '<mj-button align="end">x <img align="start"></mj-button>'
        "<mj-table><tr><td align=start>1</td></tr></mj-table>"
    )
    source = (
        f"<mjml><mj-body><mj-section><mj-column>{body}</mj-column></mj-section></mj-body></mjml>"
    )
    out = orient(source, "en-US", "ltr").mjml
    expected = body.replace('<mj-text align="start">', '<mj-text align="left">', 1).replace(
        '<mj-button align="end">', '<mj-button align="right">'
    )
    assert (
        out
        == f'<mjml lang="en-US" dir="ltr"><mj-body><mj-section><mj-column>{expected}</mj-column></mj-section></mj-body></mjml>'
    )


def test_a_template_without_head_gets_one_and_a_self_closing_head_is_opened() -> None:
    bare = "<mjml><mj-body></mj-body></mjml>"
    assert orient(bare, "he-IL", "rtl").mjml == (
        f'<mjml lang="he-IL" dir="rtl"><mj-head>{RTL_HEAD}</mj-head><mj-body></mj-body></mjml>'
    )
    closed = "<mjml><mj-head/><mj-body></mj-body></mjml>"
    assert orient(closed, "fa-IR", "rtl").mjml == (
        f'<mjml lang="fa-IR" dir="rtl"><mj-head>{RTL_HEAD}</mj-head><mj-body></mj-body></mjml>'
    )
    assert (
        orient(bare, "en-US", "ltr").mjml
        == '<mjml lang="en-US" dir="ltr"><mj-body></mj-body></mjml>'
    )


def test_what_the_templates_mj_attributes_set_is_not_overridden() -> None:
    """`<mj-section direction="ltr">` in mj-attributes keeps every section's column order;
    `mj-all` counts for every component; mj-class does not (it only applies when used)."""
    source = (
        '<mjml><mj-head><mj-attributes><mj-section direction="ltr" /><mj-all align="center" />'
        '<mj-class name="x" direction="ltr" /></mj-attributes></mj-head><mj-body /></mjml>'
    )
    out = orient(source, "ar-SA", "rtl").mjml
    head = out[: out.index("</mj-attributes>") + len("</mj-attributes>")]
    assert head == (
        '<mjml lang="ar-SA" dir="rtl"><mj-head><mj-attributes><mj-wrapper direction="rtl" />'
        '<mj-group direction="rtl" /><mj-column direction="rtl" /><mj-section direction="ltr" />'
        '<mj-all align="center" /><mj-class name="x" direction="ltr" /></mj-attributes>'
    )


def test_a_section_keeps_its_column_order_with_an_explicit_direction() -> None:
    source = (
        '<mjml><mj-body><mj-section direction="ltr"><mj-column><mj-text>1</mj-text></mj-column>'
        "<mj-column><mj-text>2</mj-text></mj-column></mj-section></mj-body></mjml>"
    )
    html = compile_mjml(orient(source, "ar-SA", "rtl").mjml)
    section_td = re.search(r'<td style="direction:(\w+);font-size:0px', html)
    assert section_td and section_td[1] == "ltr"  # columns in source order...
    assert html.count("direction:rtl;display:inline-block") == 2  # ...each read right to left
    assert html.count("text-align:right") == 2


def test_logical_sides_win_over_the_physical_attribute_they_become() -> None:
    source = '<mjml><mj-body><mj-text padding-left="1px" padding-start="9px" border-end="1px solid" padding-right="2px">x</mj-text></mj-body></mjml>'
    ltr = orient(source, "en-US", "ltr").mjml
    assert '<mj-text padding-left="9px" border-right="1px solid" padding-right="2px">' in ltr
    rtl = orient(source, "ar-SA", "rtl").mjml
    assert '<mj-text padding-left="1px" padding-right="9px" border-left="1px solid">' in rtl


def test_sides_and_shorthands() -> None:
    assert [physical(v, False) for v in ("start", "End", "left", "center")] == [
        "left",
        "right",
        "left",
        "center",
    ]
    assert [physical(v, True) for v in ("start", "end", "right", "justify")] == [
        "right",
        "left",
        "right",
        "justify",
    ]
    assert mirrored_shorthand("1px 2px 3px 4px") == "1px 4px 3px 2px"
    assert mirrored_shorthand("0 28px 6px") == "0 28px 6px"  # 3 values: both sides alike


def test_lang_and_dir_the_template_wrote_are_replaced_and_reported() -> None:
    oriented = orient('<mjml dir="ltr" lang="en" owa="desktop"><mj-body /></mjml>', "ar-SA", "rtl")
    assert oriented.mjml.startswith('<mjml dir="rtl" lang="ar-SA" owa="desktop"><mj-head>')
    assert [(c.attribute, c.written, c.used) for c in oriented.conflicts] == [
        ("dir", "ltr", "rtl"),
        ("lang", "en", "ar-SA"),
    ]
    same = orient('<mjml lang="pt-br" dir="ltr"><mj-body /></mjml>', "pt-BR", "ltr")
    assert same.conflicts == ()  # BCP 47 tags compare without regard to case


def test_mark_language_sets_html_and_the_body_wrapper_in_place() -> None:
    html = (
        '<!doctype html><html xmlns="http://www.w3.org/1999/xhtml" lang="und" dir="auto">'
        '<head><title></title></head><body style="margin:0"><div style="display:none">pre</div>'
        '<div aria-roledescription="email" role="article" lang="und" dir="auto"><div>x</div></div>'
        "</body></html>"
    )
    assert mark_language(html, "ar-SA", "rtl") == (
        '<!doctype html><html xmlns="http://www.w3.org/1999/xhtml" lang="ar-SA" dir="rtl">'
        '<head><title></title></head><body style="margin:0"><div style="display:none">pre</div>'
        '<div aria-roledescription="email" role="article" lang="ar-SA" dir="rtl"><div>x</div>'
        "</div></body></html>"
    )


def test_mark_language_falls_back_to_body_when_there_is_no_wrapper() -> None:
    html = "<html><body><table><tr><td>x</td></tr></table></body></html>"
    right = '<html lang="en" dir="ltr"><body class=x lang="en" dir="ltr"><td nowrap>'
    assert mark_language(right, "en", "ltr") is right  # nothing to change: same bytes
    assert mark_language(html, "he-IL", "rtl") == (
        '<html lang="he-IL" dir="rtl"><body lang="he-IL" dir="rtl"><table><tr><td>x</td></tr>'
        "</table></body></html>"
    )


def test_a_hard_coded_lang_or_dir_is_a_warning_located_at_the_layout(tmp_path: Path) -> None:
    root = tmp_path / "direction"
    shutil.copytree(FIXTURES / "direction", root)
    result = run_cli(root, "build", "--no-screenshots", "--campaign", "hardcoded")
    assert result.exit_code == 0, result.output

    def findings(locale: str) -> list[dict[str, object]]:
        meta = root / "build" / "hardcoded" / locale / "a" / "meta.json"
        data = json.loads(meta.read_text(encoding="utf-8"))
        return [f for f in data["findings"] if f["code"].startswith("template.")]

    assert findings("ar_SA") == [
        {
            "path": "templates/layouts/english.mjml.j2",
            "line": 2,
            "code": "template.lang",
            "severity": "warning",
            "message": '<mjml lang="en"> differs from the job\'s lang "ar-SA", which mailglot '
            "sets on every email: drop lang from <mjml>",
        },
        {
            "path": "templates/layouts/english.mjml.j2",
            "line": 2,
            "code": "template.dir",
            "severity": "warning",
            "message": '<mjml dir="ltr"> differs from the job\'s dir "rtl", which mailglot '
            "sets on every email: drop dir from <mjml>",
        },
    ]
    assert [f["code"] for f in findings("en_US")] == ["template.lang"]
    html = (root / "build" / "hardcoded" / "ar_SA" / "a" / "email.html").read_text()
    assert '<html lang="ar-SA" dir="rtl"' in html
    assert re.search(r'<div [^>]*aria-roledescription="email"[^>]* lang="ar-SA" dir="rtl"', html)


def test_every_component_that_takes_a_side_takes_start_and_end() -> None:
    body = (
        '<mj-section text-align="start"><mj-column>'
        '<mj-social align="start"><mj-social-element name="x" text-align="end" '
        'text-padding="4px 4px 4px 0">X</mj-social-element></mj-social>'
        '<mj-navbar align="end" ico-align="start"><mj-navbar-link padding="1px 2px 3px 4px">A'
        "</mj-navbar-link></mj-navbar>"
        '<mj-divider align="start" /><mj-table align="end"><tr><td>1</td></tr></mj-table>'
        '<mj-accordion icon-position="end" />'
        "</mj-column></mj-section>"
    )
    out = orient(f"<mjml><mj-body>{body}</mj-body></mjml>", "ur-PK", "rtl").mjml
    assert out == (
        f'<mjml lang="ur-PK" dir="rtl"><mj-head>{RTL_HEAD}</mj-head><mj-body>'
        '<mj-section text-align="right"><mj-column>'
        '<mj-social align="right"><mj-social-element name="x" text-align="left" '
        'text-padding="4px 0 4px 4px">X</mj-social-element></mj-social>'
        '<mj-navbar align="left" ico-align="right"><mj-navbar-link padding="1px 4px 3px 2px">A'
        "</mj-navbar-link></mj-navbar>"
        '<mj-divider align="right" /><mj-table align="left"><tr><td>1</td></tr></mj-table>'
        '<mj-accordion icon-position="left" />'
        "</mj-column></mj-section></mj-body></mjml>"
    )
    html = compile_mjml(out)  # what the compiler makes of it: the divider hugs the right
    assert "margin:0px 0px 0px auto" in html


def test_a_new_project_mails_right_to_left_without_touching_its_templates(tmp_path: Path) -> None:
    """`mailglot init`'s layout has no per-direction branch: adding a right-to-left locale
    (here the ar_XB pseudo-locale) is enough."""
    root = tmp_path / "fresh"
    assert run_cli(tmp_path, "init", str(root)).exit_code == 0
    settings = root / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("[en_XA]", "[en_XA, ar_XB]"), encoding="utf-8")
    result = run_cli(root, "build", "--no-screenshots")
    assert result.exit_code == 0, result.output
    built = root / "build" / "welcome"
    rtl = (built / "ar_XB/a/email.html").read_text(encoding="utf-8")
    ltr = (built / "en_US/a/email.html").read_text(encoding="utf-8")
    assert rtl.startswith('<!doctype html><html lang="ar-XB" dir="rtl"')
    assert ltr.startswith('<!doctype html><html lang="en-US" dir="ltr"')
    button = re.compile(
        r'<td align="(\w+)"[^>]*>\s*<table[^>]*>\s*<tbody>\s*<tr>\s*<td[^>]*role="presentation"'
    )
    assert [m[1] for m in button.finditer(rtl)] == ["right"]
    assert [m[1] for m in button.finditer(ltr)] == ["left"]
    assert "direction:rtl" in rtl and "direction:rtl" not in ltr
