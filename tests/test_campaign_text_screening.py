"""Campaign and calendar text from outside the team: screened as typed and once filled.

Each piece of `{o}{o}unsubscribe_url{c}{c}` (with `o: "{"`, `c: "}"`) is harmless alone; the
filled subject was `Hi {{unsubscribe_url}} x` in the .eml. A `{` written against
`{first_name}` became Handlebars' triple-stash `{{{first_name}}}` (the recipient's name as
unescaped HTML). Bidi overrides and zero-width characters passed campaign text though
translations refuse them, and calendars/*.yaml text was not screened at all.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import Result

from mailglot.calendars.listing import Entry
from mailglot.commands import calendar as calendar_command
from mailglot.render.merge import MergeFields
from mailglot.render.placeholders import fill, made_syntax
from tests.campaign_clone import errors

WINBACK = "campaigns/winback.yaml"
NEVER_CODE = "campaign text is never code; per-recipient fields are written {first_name}"


def _winback(example: Path, old: str, new: str) -> None:
    path = example / WINBACK
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _build(cli, example: Path, *args: str) -> Result:
    return cli(example, "build", "--no-screenshots", "--locale", "en_US", *args)


def test_filled_placeholders_that_make_merge_tags_are_refused_at_their_line(cli, example):
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "Hi {o}{o}unsubscribe_url{c}{c} x"',
    )
    _winback(
        example,
        'preheader: "Your profile and watchlist are right where you left them."',
        'preheader: "Pre {o}%{c} here"',
    )
    _winback(example, "  percent: 50\n", '  percent: 50\n  o: "{"\n  c: "}"\n')
    _winback(
        example,
        "    intro: \"Since you left, we've added",
        '    intro: "Since you left {o}{o}#each x{c}{c}"\n    old: "Since you left, we\'ve added',
    )
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 1
    assert errors(result) == [
        f"campaigns/winback.yaml:5: subject.a: merge-tag or template syntax {{{{ }}}} once "
        f"{{o}}, {{c}} are filled in ({NEVER_CODE}) [error: schema]",
        f"campaigns/winback.yaml:7: preheader: merge-tag or template syntax {{% %}} once {{o}}, "
        f"{{c}} are filled in ({NEVER_CODE}) [error: schema]",
        f"campaigns/winback.yaml:16: data.strings.intro: merge-tag or template syntax {{{{ {{# "
        f"}}}} once {{o}}, {{c}} are filled in ({NEVER_CODE}) [error: schema]",
    ]
    assert not (example / "build/winback").exists()  # no job was built


@pytest.mark.parametrize(
    ("subject", "message"),
    [
        (
            "Hi {{{first_name}}}",
            "'{' and '}' written against {first_name} would join its merge tag's syntax "
            "({{{first_name}}} once it is the platform's tag); leave a space or other text "
            "between them",
        ),
        (
            "Hi &#123;{first_name}!",
            "'{' written against {first_name} would join its merge tag's syntax "
            "({{{first_name}} once it is the platform's tag); leave a space or other text "
            "between them",
        ),
        (
            "Hi {first_name}| x",
            "'|' written against {first_name} would join its merge tag's syntax "
            "(*|FNAME|*| once it is the platform's tag); leave a space or other text between "
            "them",
        ),
    ],
)
def test_braces_against_a_recipient_field_are_refused(cli, example, subject, message):
    _winback(example, '  a: "{first_name}, your watchlist misses you"', f'  a: "{subject}"')
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 1
    expected = [f"campaigns/winback.yaml:5: subject.a: {message} [error: schema]"]
    if "&#123;" in subject:  # a subject is plain text: the reference would show as typed too
        expected.append(
            "campaigns/winback.yaml:5: subject.a: &#123; shows as typed in plain text (an inbox "
            "shows the subject as written); write the character: '{' for &#123; [error: schema]"
        )
    assert errors(result) == expected


def test_a_triple_stash_in_data_strings_is_refused_and_never_exported(cli, example):
    _winback(
        example,
        "    intro: \"Since you left, we've added",
        '    intro: "Welcome back {{{first_name}}}"\n    old: "Since you left, we\'ve added',
    )
    result = _build(cli, example)
    assert result.exit_code == 1
    assert errors(result) == [
        "campaigns/winback.yaml:14: data.strings.intro: '{' and '}' written against "
        "{first_name} would join its merge tag's syntax ({{{first_name}}} once it is the "
        "platform's tag); leave a space or other text between them [error: schema]"
    ]
    exported = cli(example, "export", "--format", "sendgrid")
    for path in (example / "build/exports").rglob("*"):
        if path.is_file():
            assert "{{{" not in path.read_text(encoding="utf-8"), path
    assert "{{{" not in exported.output


def test_a_by_market_value_is_filled_market_by_market(cli, example):
    """Only Japan's value makes `{{`: the error names that market."""
    _winback(
        example, "  percent: 50\n", '  percent: 50\n  o: {by_market: {JP: "{", default: "("}}\n'
    )
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "Deal {o}{o}x"',
    )
    result = _build(cli, example, "--campaign", "winback")
    assert errors(result) == [
        f"campaigns/winback.yaml:5: subject.a: merge-tag or template syntax {{{{ once {{o}} is "
        f"filled in for market JP ({NEVER_CODE}) [error: schema]"
    ]


def test_harmless_braces_and_values_still_build(cli, example):
    """Literal braces and values that make no syntax are fine, filled or not."""
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "{first_name}, {o}code{c} {{SAVE}} inside"',
    )
    _winback(example, "  percent: 50\n", '  percent: 50\n  o: "("\n  c: ")"\n')
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 0, result.output
    meta = json.loads((example / "build/winback/en_US/a/meta.json").read_text("utf-8"))
    assert meta["subject"] == "{{first_name}}, (code) {SAVE} inside"


def test_bidi_and_invisible_characters_in_campaign_text_are_refused(cli, example):
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "Invoice \\u202Efdp.exe\\u202C {first_name} \\u200Bzw \\uFEFFbom"',
    )
    _winback(example, "  coupon: COMEBACK50", '  coupon: "COME\\u200DBACK50"')
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 1
    subject, coupon = errors(result)
    # the characters named in the order the translation rule (catalog.invisible) names them
    assert subject.startswith("campaigns/winback.yaml:5: subject.a: invisible characters U+")
    for name in (
        "U+202E RIGHT-TO-LEFT OVERRIDE",
        "U+202C POP DIRECTIONAL FORMATTING",
        "U+200B ZERO WIDTH SPACE",
        "U+FEFF ZERO WIDTH NO-BREAK SPACE",
    ):
        assert name in subject
    assert subject.endswith(
        " (they hide or reorder what readers see; delete them, or retype the words around "
        "them) [error: schema]"
    )
    assert coupon == (
        "campaigns/winback.yaml:11: data.coupon: invisible characters U+200D ZERO WIDTH JOINER "
        "(they hide or reorder what readers see; delete them, or retype the words around "
        "them) [error: schema]"
    )
    assert not (example / "build/winback").exists()


def test_a_line_separator_in_a_subject_is_a_line_break(cli, example):
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "{first_name},\\u2028your watchlist"',
    )
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 1
    assert (
        "campaigns/winback.yaml:5: subject.a: control characters or line breaks [error: schema]"
    ) in errors(result)


def test_emoji_sequences_stay_allowed(cli, example):
    """The translation rule, called as it is: a joiner inside an emoji sequence is text."""
    _winback(
        example,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "{first_name}, new for you \\U0001F469\\u200D\\U0001F4BB"',
    )
    result = _build(cli, example, "--campaign", "winback")
    assert result.exit_code == 0, result.output


def _events(example: Path, name: str) -> None:
    path = example / "calendars/events.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("  name: Black Friday\n") == 1
    path.write_text(text.replace("  name: Black Friday\n", f"  name: {name}\n"), "utf-8")


def test_control_characters_in_an_event_name_are_a_located_error(cli, example):
    _events(example, '"Black\\a Friday"')
    result = _build(cli, example, "--campaign", "black_friday", "--campaign", "winback")
    assert result.exit_code == 1
    assert errors(result) == [
        "calendars/events.yaml:13: black_friday.name: control characters or line breaks "
        "[error: schema]"
    ]
    assert "MJML could not be compiled" not in result.output
    manifest = json.loads((example / "build/manifest.json").read_text("utf-8"))
    status = {j["id"]: j["status"] for j in manifest["jobs"]}
    assert status["black_friday@*"] == "failed"  # every market's jobs: the name is shared
    assert status["winback/en_US/a"] == "built"  # the other campaigns build


def test_calendar_never_writes_an_event_names_escape_sequences(cli, example):
    _events(example, '"Black \\e[31mRED\\e[0m \\e]0;TITLE\\a Friday"')
    result = cli(example, "calendar", "--market", "US")
    assert result.exit_code == 1
    assert "\x1b" not in result.output and "\x07" not in result.output
    assert (
        "calendars/events.yaml:13: black_friday.name: control characters or line breaks "
        "[error: schema]"
    ) in result.output


def test_calendar_cells_show_control_characters_as_escapes(capsys):
    """Whatever reaches the table (a name the loader let through) is never sent raw."""
    from datetime import date

    from mailglot.calendars.listing import YearPlan

    entry = Entry("US", date(2026, 11, 27), "event", "Black \x1b[31mRED\u202e Friday", "bf")
    calendar_command._table(YearPlan(2026, [entry]))
    shown = capsys.readouterr().out
    assert "\x1b" not in shown and "\u202e" not in shown
    assert "Black \\x1b[31mRED\\u202e Friday" in shown


def test_merge_tags_in_an_event_name_or_address_are_refused(cli, example):
    _events(example, '"Black {{unsubscribe_url}} *|UNSUB|* Friday"')
    result = _build(cli, example, "--campaign", "black_friday")
    assert result.exit_code == 1
    assert errors(result) == [
        "calendars/events.yaml:13: black_friday.name: merge-tag or template syntax *| {{ |* }} "
        "(calendar text is never code; emails show it as it is written) [error: schema]"
    ]
    assert not list((example / "build").rglob("email.html"))

    markets = example / "calendars/markets.yaml"
    text = markets.read_text(encoding="utf-8")
    markets.write_text(
        text.replace('address: "Streamly Inc.,', 'address: "Streamly {{unsubscribe_url}} Inc.,'),
        encoding="utf-8",
    )
    (example / "calendars/events.yaml").write_text(
        (Path(__file__).resolve().parent.parent / "calendars/events.yaml").read_text("utf-8"),
        encoding="utf-8",
    )
    result = _build(cli, example)
    assert result.exit_code == 1
    assert errors(result) == [
        "calendars/markets.yaml:8: US.address: merge-tag or template syntax {{ }} (calendar "
        "text is never code; emails show it as it is written) [error: schema]"
    ]
    assert not list((example / "build").rglob("email.html"))


def test_fill_refuses_what_a_translation_would_make():
    """At render time recipient fields are tokens; a translation arranging the source's
    placeholders into syntax, or a brace against a field, fails the fill (the caller then
    uses the source text)."""
    tokens = MergeFields(("first_name",), {"first_name": "Alex"}, "handlebars").tokens()
    values = {"o": "{", "c": "}", **tokens}
    assert fill("Open {o} and close {c}, {first_name}", values) == (
        f"Open {{ and close }}, {tokens['first_name']}"
    )
    for text in ("{o}{o}#each x{c}{c}", "{o}{first_name}{c}", "|{first_name}", "&#123;{o}"):
        with pytest.raises(ValueError):
            fill(text, values)
    assert made_syntax("{o}{o}x{c}{c}", {"o": "{", "c": "}"}, ()) == (["{{", "}}"], [])
    assert made_syntax("{o}{first_name}", {"o": "{"}, ("first_name",)) == (
        [],
        [("first_name", "{", "")],
    )


def test_a_translation_that_fills_into_syntax_falls_back_to_the_source(cli, example):
    _winback(example, "  percent: 50\n", '  percent: 50\n  o: "{"\n  c: "}"\n')
    _winback(
        example,
        "    intro: \"Since you left, we've added",
        '    intro: "Open {o} and close {c}"\n    old: "Since you left, we\'ve added',
    )
    po = example / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\nmsgid "Open {o} and close {c}"\nmsgstr "{o}{o}#each x{c}{c}"\n',
        encoding="utf-8",
    )
    result = cli(example, "build", "--no-screenshots", "--locale", "fr_FR", "--campaign", "winback")
    html = (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "{{#each" not in html
    assert "Open { and close }" in html
    assert "Traceback" not in result.output


TRACKER = (
    "#1e3a5f;background-image:url(https://evil.example/track.gif);position:fixed;top:0;"
    "left:0;width:100%;height:100%"
)
FROM_OUTSIDE = (
    "would end its CSS and write more (a value from campaign data, a translation or a calendar "
    "is a value, never CSS); this email is not built"
)


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_css_declarations_from_campaign_data_fail_the_job(cli, example):
    args = ("--campaign", "recommendations", "--campaign", "winback", "--locale", "fr_FR")
    first = cli(example, "build", "--no-screenshots", *args)
    assert first.exit_code == 0, first.output
    email = example / "build/recommendations/fr_FR/a/email.html"
    before = email.read_bytes()
    _replace(example / "campaigns/recommendations.yaml", '"#1e3a5f"', f'"{TRACKER}"')
    result = cli(example, "build", "--no-screenshots", *args)
    assert result.exit_code == 1
    assert errors(result) == [
        "templates/recommendations.mjml.j2:12: background-color of <mj-column> gets "
        f"{TRACKER[:77] + '...'!r} from campaigns/recommendations.yaml data.picks.0.color, "
        f"whose ';', 'url(' {FROM_OUTSIDE} [error: mjml.attribute-value] (1 job: "
        "recommendations/fr_FR/a)"
    ]
    assert email.read_bytes() == before  # the earlier output stays, without the declarations
    manifest = json.loads((example / "build/manifest.json").read_text("utf-8"))
    status = {j["id"]: j["status"] for j in manifest["jobs"]}
    assert status["recommendations/fr_FR/a"] == "failed"
    assert status["winback/fr_FR/a"] in ("built", "unchanged")  # the other jobs build
    assert "evil.example" not in "".join(
        p.read_text("utf-8") for p in (example / "build").rglob("email.html")
    )


def test_a_value_the_designer_wrote_stays_a_warning(cli, example):
    _replace(
        example / "templates/recommendations.mjml.j2",
        '<mj-column width="70%" padding="4px 0 0">',
        '<mj-column width="70%" padding="4px 0 0" background-color="reddish">',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output
    assert (
        "templates/recommendations.mjml.j2:15: warning: Attribute background-color has invalid "
        "value: reddish for type Color  [mjml.attribute-value]"
    ) in result.output


def test_a_refused_value_from_a_translation_fails_that_locales_job(cli, example):
    _replace(
        example / "templates/recommendations.mjml.j2",
        '<mj-column width="70%" padding="4px 0 0">',
        '<mj-column width="70%" padding="4px 0 0" vertical-align="{{ _("top") }}">',
    )
    po = example / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8") + '\nmsgid "top"\nmsgstr "haut;position:fixed"\n',
        encoding="utf-8",
    )
    args = ("build", "--no-screenshots", "--campaign", "recommendations")
    result = cli(example, *args, "--locale", "fr_FR", "--locale", "en_US")
    assert result.exit_code == 1
    assert [e for e in errors(result) if "mjml.attribute-value" in e] == [
        "templates/recommendations.mjml.j2:15: vertical-align of <mj-column> gets "
        f"'haut;position:fixed' from the translation of 'top', whose ';' {FROM_OUTSIDE} "
        "[error: mjml.attribute-value] (1 job: recommendations/fr_FR/a)"
    ]
    assert (example / "build/recommendations/en_US/a/email.html").is_file()
    assert not (example / "build/recommendations/fr_FR").exists()


MERGE = MergeFields(("first_name",), {"first_name": "Ada"}, "handlebars")


def _refused(source: str, mjml: str, texts: list[tuple[str, str]]):
    from jinja2 import DictLoader, Environment

    from mailglot.render.mjml_structure import read
    from mailglot.render.untrusted_values import OutsideValues

    merge = MERGE
    env = Environment(loader=DictLoader({"t.mjml.j2": source}))
    read_as = (mjml, *read(mjml))
    return OutsideValues(merge.as_tags).refused(env, "t.mjml.j2", read_as, lambda: texts)


COLUMN = "<mjml><mj-body><mj-section><mj-column>{}</mj-column></mj-section></mj-body></mjml>"


def test_the_error_is_at_the_tag_writing_the_value_and_shows_merge_tags():
    token = MERGE.tokens()["first_name"]
    source = '<mjml><mj-body><mj-section><mj-column>\n<mj-text color="{{ c }}">x</mj-text>'
    mjml = COLUMN.format(f'<mj-text color="red;top:0 {token}">x</mj-text>')
    texts = [("campaigns/c.yaml data.a", "e"), ("campaigns/c.yaml data.tone", f"red;top:0 {token}")]
    error = _refused(source, mjml, texts)
    assert error is not None
    assert (error.path, error.line, error.code, error.severity) == (
        "templates/t.mjml.j2",
        2,
        "mjml.attribute-value",
        "error",
    )
    assert error.message == (
        "color of <mj-text> gets 'red;top:0 {{first_name}}' from campaigns/c.yaml data.tone, "
        f"whose ';' {FROM_OUTSIDE}"
    )
    # a value from outside without ';' is a value; a ';' the designer wrote is theirs
    assert _refused(source, mjml, [("x", "red")]) is None
    assert _refused(source, COLUMN.format('<mj-text color="a;b">x</mj-text>'), texts[:1]) is None


HEAD = "<mjml><mj-head>{}</mj-head><mj-body><mj-section><mj-column><mj-text>x</mj-text>"
HEAD += "</mj-column></mj-section></mj-body></mjml>"


@pytest.mark.parametrize(
    ("document", "value", "markers"),
    [
        # Node's validator takes any value holding rgb(...) for a colour
        (COLUMN.format('<mj-text color="{}">x</mj-text>'), "rgb(1,2,3);top:0", "';'"),
        # typed "string" by Node: never checked by its validator
        (COLUMN.format('<mj-text font-family="{}">x</mj-text>'), "Arial;top:0", "';'"),
        # MRML writes background-color into the `background` shorthand: no ';' needed
        (
            COLUMN.format('<mj-button background-color="{}">Go</mj-button>'),
            "#fff url(https://evil.example/p.gif)",
            "'url('",
        ),
        # mj-carousel's thumbnail colours go into a style sheet
        (
            COLUMN.format(
                '<mj-carousel tb-hover-border-color="{}"><mj-carousel-image src="a.png"/>'
                '<mj-carousel-image src="b.png"/></mj-carousel>'
            ),
            "red}body{background:red}x{x:y",
            "'{', '}'",
        ),
        # HTML a designer wrote, however the attribute is spelt
        (COLUMN.format('<mj-text><p STYLE = "color: {}">x</p></mj-text>'), "red;top:0", "';'"),
        (COLUMN.format('<mj-text><p sTyLe="color: {}">x</p></mj-text>'), "red;top:0", "';'"),
        (COLUMN.format('<mj-text><p Style\n=\n"color: {}">x</p></mj-text>'), "red;top:0", "';'"),
        # a url(...) is left with a quote, and another added, without any ';'
        (
            COLUMN.format('<mj-image src="a.png" />').replace(
                "<mj-section>", '<mj-section background-url="{}">'
            ),
            "x'), url('https://evil.example/p.gif",
            "\"'\", 'url('",
        ),
        # mj-font's href is written bare into @import url(...)
        (
            HEAD.format('<mj-font name="B" href="{}" />'),
            "https://f.example/a.css) x{",
            "' ', ')'",
        ),
        # the head's defaults: mj-class and mj-all are no components
        (
            HEAD.format('<mj-attributes><mj-class name="p" color="{}" /></mj-attributes>'),
            "red;top:0",
            "';'",
        ),
        (HEAD.format('<mj-attributes><mj-all padding="{}" /></mj-attributes>'), "0;top:0", "';'"),
        # mj-html-attribute's text is written as the attribute
        (
            HEAD.format(
                '<mj-html-attributes><mj-selector path=".p div"><mj-html-attribute name="style">'
                "color:{}</mj-html-attribute></mj-selector></mj-html-attributes>"
            ),
            "red;top:0",
            "';'",
        ),
        # Outlook reads the HTML in a conditional comment
        (
            COLUMN.format('<mj-raw><!--[if mso]><table style="color:{}"><![endif]--></mj-raw>'),
            "red;top:0",
            "';'",
        ),
    ],
)
def test_a_value_from_outside_never_writes_css(document: str, value: str, markers: str) -> None:
    from markupsafe import escape

    error = _refused("", document.format(escape(value)), [("campaigns/c.yaml data.x", value)])
    assert error is not None
    assert f"from campaigns/c.yaml data.x, whose {markers} {FROM_OUTSIDE}" in error.message


def test_values_split_or_changed_by_the_template_are_still_found() -> None:
    mjml = COLUMN.format('<mj-text padding="0; top:0">x</mj-text>')
    split = [("campaigns/c.yaml data.a", "0;"), ("campaigns/c.yaml data.b", "top:0")]
    error = _refused("", mjml, split)
    assert error is not None
    assert "gets '0;' from campaigns/c.yaml data.a, whose ';'" in error.message
    lowered = COLUMN.format('<mj-text color="#fff;top:0">x</mj-text>')  # {{ data.c|lower }}
    error = _refused("", lowered, [("campaigns/c.yaml data.c", "#FFF;TOP:0")])
    assert error is not None
    assert "gets '#FFF;TOP:0' from campaigns/c.yaml data.c" in error.message


@pytest.mark.parametrize(
    ("document", "value"),
    [
        # quotes and parentheses are values in a sheet and a style, but for a url
        (
            "<mjml><mj-head><mj-style>.p div {{ color: {} }}</mj-style></mj-head>"
            "<mj-body></mj-body></mjml>",
            "rgb(0 0 0 / 50%)",
        ),
        (
            COLUMN.format(
                "<mj-text><div style=\"background-image:url('https://cdn.example/bg.png');"
                ' font-family: {}">x</div></mj-text>'
            ),
            "'Helvetica Neue', Arial",
        ),
        # MRML quotes the url of a background: parentheses cannot end it
        (
            COLUMN.format("<mj-image src='a.png' />").replace(
                "<mj-section>", '<mj-section background-url="{}">'
            ),
            "https://cdn.example/Poster_(2019).jpg",
        ),
        # an unquoted url token ends at ')', space, quotes: a ';' is part of it
        (
            HEAD.format('<mj-font name="P" href="{}" />'),
            "https://fonts.googleapis.com/css2?family=Playfair+Display:wght@400;700&display=swap",
        ),
        # text attributes are HTML, not CSS
        (COLUMN.format('<mj-image src="a.png" alt="{}" />'), "Ici ; là"),
        (COLUMN.format('<mj-button href="{}">Go</mj-button>'), "https://x.example/a;b?c=1"),
    ],
)
def test_values_that_write_no_css_are_values(document: str, value: str) -> None:
    from markupsafe import escape

    assert _refused("", document.format(escape(value)), [("campaigns/c.yaml d", value)]) is None


def test_colours_clients_render_are_values(cli, example):
    """Node's validator refuses `hsl(...)`, `#RRGGBBAA` and named colours it does not list,
    and says so (a warning); they write no CSS of their own, so the email is built."""
    campaign = example / "campaigns/recommendations.yaml"
    _replace(campaign, '"#1e3a5f"', '"hsl(262, 70%, 96%)"')
    result = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert result.exit_code == 0, result.output
    assert "warning: Attribute background-color has invalid value: hsl(262, 70%, 96%)" in (
        result.output
    )
    html = (example / "build/recommendations/fr_FR/a/email.html").read_text("utf-8")
    assert "hsl(262, 70%, 96%)" in html


def test_a_value_from_outside_in_a_style_sheet_fails_the_job(cli, example):
    layout = example / "templates/layouts/base.mjml.j2"
    rule = ".mg-brand div { color: {{ data.accent|default('#5b21b6') }} }"
    _replace(layout, "<mj-style>\n", f"<mj-style>\n      {rule}\n")
    args = ("build", "--no-screenshots", "--campaign", "winback", "--campaign", "renewal")
    first = cli(example, *args, "--locale", "de_DE")
    assert first.exit_code == 0, first.output  # the designer's own code in a sheet is fine
    campaign = example / "campaigns/winback.yaml"
    _replace(campaign, "  percent: 50\n", "  percent: 50\n  accent: '#e50914'\n")
    second = cli(example, *args, "--locale", "de_DE")
    assert second.exit_code == 0, second.output  # a colour from data is a value
    mjml = (example / "build/winback/de_DE/a/email.mjml").read_text("utf-8")
    assert ".mg-brand div { color: #e50914 }" in mjml
    hostile = "red } body { background: url(https://evil.example/x.gif) "
    _replace(campaign, "accent: '#e50914'", f"accent: '{hostile}'")
    result = cli(example, *args, "--locale", "de_DE")
    assert result.exit_code == 1
    assert errors(result) == [
        f"templates/winback.mjml.j2: a style sheet holds {hostile.strip()!r} from "
        "campaigns/winback.yaml data.accent, with 'url(', '{', '}', which would write CSS of "
        "its own (a value from campaign data, a translation or a calendar is a value, never "
        "CSS); this email is not built [error: mjml.attribute-value] (2 jobs: "
        "winback/de_DE/a, winback/de_DE/b)"
    ]
    assert (example / "build/winback/de_DE/a/email.mjml").read_text("utf-8") == mjml  # kept
    assert (example / "build/renewal/de_DE/a/email.html").is_file()


@pytest.mark.parametrize(
    ("values", "subject", "expected"),
    [
        # values that differ only inside are filled once; each one's edges still count
        ('{by_market: {JP: "{abc}", default: "(abc)"}}', "x {{{o} y", "for market JP"),
        ('{by_market: {JP: "(abc}", default: "(abd)"}}', "x {o}}} y", "for market JP"),
        # a reference cut in two by the value's end is joined with the text after it
        ('"&lbr"', "x {o}ace;{o}ace; y", ""),
        ('{by_market: {US: "&lbr", default: "&lpar"}}', "x {o}ace;{o}ace; y", "for market US"),
        ('"&#123;a"', "x {o}{o} y", None),
        ('"a&#123;"', "x {o}{o} y", None),
        ('"a&#123;"', "x {o}{{ y", ""),
    ],
)
def test_filled_values_are_judged_by_what_joins(example, values, subject, expected):
    from mailglot.project.loader import load_project

    _winback(example, "  percent: 50\n", f"  percent: 50\n  o: {values}\n")
    _winback(example, '  a: "{first_name}, your watchlist misses you"', f'  a: "{subject}"')
    found = [str(d) for d in load_project(example).campaign_errors.get("winback", [])]
    if expected is None:
        assert found == []
    else:
        assert len(found) == 1 and found[0].startswith("campaigns/winback.yaml:5: subject.a: "), (
            found
        )
        assert f"filled in{' ' + expected if expected else ''} (" in found[0]


def test_a_translation_is_judged_piece_by_piece_and_form_by_form(cli, example):
    """The email has a translation filled in and in the form its number takes: what the
    translator wrote around the placeholders, in every form, is what came from outside."""
    _replace(
        example / "templates/recommendations.mjml.j2",
        '<mj-column width="70%" padding="4px 0 0">',
        '<mj-column width="70%" padding="4px 0 0"><mj-text font-family="{% trans font="Georgia"'
        ' %}{{ font }}, serif{% endtrans %}" color="{% trans count=3 %}#111111{% pluralize %}'
        '#222222{% endtrans %}">x</mj-text>',
    )
    po = example / "locales/fr_FR/LC_MESSAGES/messages.po"
    po.write_text(
        po.read_text(encoding="utf-8")
        + '\n#, python-format\nmsgid "%(font)s, serif"\nmsgstr "%(font)s;display:none"\n'
        + '\nmsgid "#111111"\nmsgid_plural "#222222"\nmsgstr[0] "#111111"\n'
        + 'msgstr[1] "#222222;top:0"\n',
        encoding="utf-8",
    )
    args = ("build", "--no-screenshots", "--campaign", "recommendations", "--locale", "fr_FR")
    result = cli(example, *args)
    assert result.exit_code == 1
    refused = [e for e in errors(result) if "mjml.attribute-value" in e]
    assert refused == [
        "templates/recommendations.mjml.j2:15: font-family of <mj-text> gets ';display:none' "
        f"from the translation of '%(font)s, serif', whose ';' {FROM_OUTSIDE} "
        "[error: mjml.attribute-value] (1 job: recommendations/fr_FR/a)"
    ]
    po.write_text(
        po.read_text(encoding="utf-8").replace('"%(font)s;display:none"', '"%(font)s, serif"'),
        encoding="utf-8",
    )
    result = cli(example, *args)
    assert [e for e in errors(result) if "mjml.attribute-value" in e] == [
        # attributes written by trans blocks: the tag cannot be told among the template's
        "templates/recommendations.mjml.j2: color of <mj-text> gets '#222222;top:0' from the "
        f"translation of '#111111', whose ';' {FROM_OUTSIDE} [error: mjml.attribute-value] "
        "(1 job: recommendations/fr_FR/a)"
    ]


def test_punctuation_alone_between_placeholders_is_no_piece_of_css() -> None:
    from mailglot.render.pipeline import translated_pieces

    # Greek writes its question mark ';': the piece after the placeholder is punctuation
    assert translated_pieces("Έτοιμοι να δείτε το %(title)s;") == ["Έτοιμοι να δείτε το "]
    assert translated_pieces("%(a)s; %(b)s") == []
    assert translated_pieces("%(font)s;display:none") == [";display:none"]
    assert translated_pieces("{first_name}, ;top:0") == [", ;top:0"]


@pytest.mark.parametrize(
    ("source", "line"),
    [
        # HTML in an mj-text is no element of MJML's tree: found by its tag and attribute
        ("<mj-text>\n<p style='color: red'>a</p>\n<p\n  style=\"color: {{ c }}\">b</p>", 4),
        # written by a {% trans %} block
        ('<mj-text>\n{% trans %}Hi <a sTyLe="color: {{ c }}">you</a>{% endtrans %}', 3),
        # in an Outlook conditional comment
        ('<mj-raw>\n\n<!--[if mso]><table STYLE = "color:{{ c }}"><![endif]-->', 4),
        # two tags could have written it: no line rather than the wrong one
        ('<mj-text>\n<p style="color: {{ c }}">a</p><p style="top: {{ c }}">b</p>', None),
    ],
)
def test_a_value_from_outside_in_html_is_found_at_its_template_line(source, line) -> None:
    from jinja2 import DictLoader, Environment

    from mailglot.render.mjml_structure import read
    from mailglot.render.untrusted_values import OutsideValues

    closing = "</mj-raw>" if "mj-raw" in source else "</mj-text>"
    template = COLUMN.format(f"\n{source}{closing}")
    env = Environment(loader=DictLoader({"t.mjml.j2": template}), extensions=["jinja2.ext.i18n"])
    env.install_null_translations(newstyle=True)
    mjml = env.get_template("t.mjml.j2").render(c="red;top:0")
    texts = [("campaigns/c.yaml data.c", "red;top:0")]
    error = OutsideValues().refused(env, "t.mjml.j2", (mjml, *read(mjml)), lambda: texts)
    assert error is not None
    assert (error.path, error.line) == ("templates/t.mjml.j2", line)
    assert "gets 'red;top:0' from campaigns/c.yaml data.c, whose ';'" in error.message
