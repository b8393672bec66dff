"""The plain-text part a recipient gets (email.txt, and the text/plain part of email.eml),
built through the CLI from templates a user writes: what the HTML hides from every reader is
left out, what a client in wide use shows anyway is kept. Each text is also checked against
the walk over lxml's tree (render/text.py), which the shape fast path stands in for."""

from __future__ import annotations

from pathlib import Path

from mailglot.render import text

FOOTER = (
    "You're receiving this email because you have a Streamly account.\n\n"
    "Unsubscribe <{{unsubscribe_url}}> \xa0·\xa0 Help Center <https://streamly.example/help>\n\n"
    "Streamly Inc., 100 Main Street, Springfield, IL 62701, USA\n"
)


def _build(cli, example: Path, content: str) -> str:
    """email.txt of a one-section email of `content` (MJML in a column), for en_US."""
    (example / "templates/txt.mjml.j2").write_text(
        '{% extends "layouts/base.mjml.j2" %}\n{% block content %}\n'
        f'<mj-section padding="0">\n  <mj-column>\n{content}\n  </mj-column>\n</mj-section>\n'
        "{% endblock %}\n",
        encoding="utf-8",
    )
    (example / "campaigns/txt.yaml").write_text(
        'template: txt.mjml.j2\nmarkets: [US]\nsubject: "Hidden text"\n'
        'preheader: "The preheader."\n',
        encoding="utf-8",
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "txt", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    assert " 0 error(s)" in result.output
    job = example / "build/txt/en_US/a"
    got = (job / "email.txt").read_text(encoding="utf-8")
    html = (job / "email.html").read_text(encoding="utf-8")
    assert text._text_of(text._parse_body(html)) == got  # the walk the fast path stands in for
    return got


def test_what_every_browser_based_client_hides_is_left_out_of_the_text_part(cli, example):
    got = _build(
        cli,
        example,
        "<mj-text>"
        '<div style="display:none;font-size:1px;line-height:1px;max-height:0px;max-width:0px;'
        'opacity:0;overflow:hidden;mso-hide:all">A hand-written preheader.</div>Shown one.'
        '<span style="display:none">Hidden one.</span>'
        '<div style="max-height:0;overflow:hidden;mso-hide:all">Hidden two.</div>'
        '<span style="display:block;max-width:0px !important;overflow:hidden">Hidden three.</span>'
        "</mj-text>\n"
        # shown by a client in wide use: Gmail, Outlook.com and Yahoo drop `hidden`, Gmail
        # drops visibility, AOL and GMX drop opacity; max-height does nothing to an inline
        # span; mso-hide is Outlook's alone
        "<mj-text><span hidden>Shown two.</span> "
        '<span style="visibility:hidden">Shown three.</span> '
        '<span style="font-size:0;line-height:0;opacity:0">Shown four.</span> '
        '<span style="max-height:0;overflow:hidden">Shown five.</span> '
        '<span style="mso-hide:all">Shown six.</span></mj-text>',
    )
    assert got == (
        "Streamly\n\nShown one.\n\n"
        "Shown two. Shown three. Shown four. Shown five. Shown six.\n\n" + FOOTER
    )


def test_navbar_social_image_and_mailto_links_read_as_a_reader_needs_them(cli, example):
    got = _build(
        cli,
        example,
        "<mj-navbar>"
        '<mj-navbar-link href="https://streamly.example/n1">Nav one</mj-navbar-link>'
        '<mj-navbar-link href="https://streamly.example/n2">Nav two</mj-navbar-link>'
        "</mj-navbar>\n<mj-social>"
        '<mj-social-element name="facebook" href="https://streamly.example/fb">'
        "Facebook</mj-social-element>"
        '<mj-social-element name="x" href="https://streamly.example/x">X</mj-social-element>'
        '<mj-social-element name="instagram" href="https://streamly.example/ig" alt="Instagram">'
        "Instagram</mj-social-element>"
        "</mj-social>\n"
        '<mj-image src="https://cdn.streamly.example/hero.png" alt="Hero image" '
        'href="https://streamly.example/hero"></mj-image>\n'
        '<mj-text>Write to <a href="mailto:help@streamly.example">help@streamly.example</a> or '
        '<a href="mailto:help@streamly.example?subject=Plan">the help desk</a>.</mj-text>',
    )
    assert got == (
        "Streamly\n\n"
        "Nav one <https://streamly.example/n1>  Nav two <https://streamly.example/n2>\n\n"
        "Facebook <https://www.facebook.com/sharer/sharer.php?u=https://streamly.example/fb>\n\n"
        "X <https://twitter.com/intent/tweet?url=https://streamly.example/x>\n\n"
        "Instagram <https://streamly.example/ig>\n\n"
        "Hero image <https://streamly.example/hero>\n\n"
        "Write to help@streamly.example or "
        "the help desk <mailto:help@streamly.example?subject=Plan>.\n\n" + FOOTER
    )
