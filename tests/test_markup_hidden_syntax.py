"""Merge-tag syntax hidden by markup: what the text part and an inbox show is judged too.

A translation `Vous nous manquez, <em>{</em>%(name)s` passed every check: the `{` is not
against the placeholder as written, but the text part (and every export's text body) read
`Vous nous manquez, {{{first_name}}`, which Handlebars refuses to parse, so the SES or
SendGrid template could not render. `{<b></b>{` and `{<!-- -->%` hid `{{` and `{%` the same
way. The translation is now also judged once its tags and comments are removed and its
character references decoded, and refused (the source text is used) with a message saying so.
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from click.testing import Result

from mailglot.export import PLATFORMS
from mailglot.export.message import retag
from mailglot.i18n import untrusted
from mailglot.i18n.untrusted import injection_problems
from mailglot.project.settings import Settings

FR_PO = "locales/fr_FR/LC_MESSAGES/messages.po"
NEVER_CODE = "(translations are text, never code)"


def _edit(example: Path, rel: str, old: str, new: str) -> None:
    path = example / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _line_of(example: Path, rel: str, needle: str) -> int:
    lines = (example / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def _errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if "[error: " in line]


def test_a_brace_hidden_by_a_tag_before_a_placeholder_is_refused_and_never_reaches_exports(
    cli, example
):
    _edit(
        example,
        FR_PO,
        'msgstr "Vous nous manquez, %(name)s"',
        'msgstr "Vous nous manquez, <em>{</em>%(name)s"',
    )
    line = _line_of(example, FR_PO, 'msgid "It\'s been a while, %(name)s"')
    error = (
        f'{FR_PO}:{line}: "It\'s been a while, %(name)s": template or merge-tag syntax {{% '
        f"once markup is removed {NEVER_CODE}; the source text is used "
        "[error: catalog.syntax-injection]"
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert result.exit_code == 1, result.output
    assert _errors(result) == [f"{error} (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"]
    for variant in ("a", "b"):
        text = (example / f"build/winback/fr_FR/{variant}/email.txt").read_text(encoding="utf-8")
        assert "It's been a while, {{first_name}}" in text.splitlines()
        assert "{{{" not in text and "Vous nous manquez" not in text
    status = cli(example, "l10n-status")
    assert status.exit_code == 1
    assert error in status.output.splitlines()
    assert cli(example, "export", "--format", "ses").exit_code == 0
    exported = example / "build/exports/ses"
    bodies = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(exported.glob("*.json"))]
    assert len(bodies) == 2
    for body in bodies:
        assert "It's been a while, {{first_name}}" in body["Template"]["TextPart"]
        assert "{{{" not in body["Template"]["TextPart"]


def test_a_closing_brace_hidden_by_a_tag_after_a_placeholder_is_refused(cli, example):
    _edit(
        example,
        FR_PO,
        'msgstr "Vous nous manquez, %(name)s"',
        'msgstr "Vous nous manquez, %(name)s<strong>}</strong>"',
    )
    line = _line_of(example, FR_PO, 'msgid "It\'s been a while, %(name)s"')
    error = (
        f"{FR_PO}:{line}: \"It's been a while, %(name)s\": '}}' written against %(name)s once "
        "markup is removed, where the source has none: filled with a merge field it joins the "
        "merge tag's syntax ({{name}}}); leave a space or other text between them "
        f"{NEVER_CODE}; the source text is used [error: catalog.syntax-injection]"
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert result.exit_code == 1, result.output
    assert _errors(result) == [f"{error} (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"]
    text = (example / "build/winback/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "{{first_name}}}" not in text
    assert "It's been a while, {{first_name}}" in text.splitlines()


def test_syntax_split_by_tags_comments_or_references_is_named_with_how_it_is_seen():
    def said(source: str, translation: str) -> list[str]:
        return [p.removesuffix(f" {NEVER_CODE}") for p in injection_problems(source, translation)]

    hidden = "template or merge-tag syntax {} once markup is removed"
    assert said("Watch now", "Regardez {<b></b>{ maintenant") == [hidden.format("{{")]
    assert said("Watch now", "Regardez {<!-- -->% maintenant") == [hidden.format("{%")]
    assert said("Watch now", "Regardez *<span>|</span>") == [hidden.format("*|")]
    assert said("Watch now", "Regardez <b>&#123;</b>{") == [
        hidden.format("{{") + " and character references decoded"
    ]
    assert said("Hi {first_name}", "Salut <em>|</em>{first_name}") == [
        "'|' written against {first_name} once markup is removed, where the source has none: "
        "filled with a merge field it joins the merge tag's syntax (|{{first_name}}); leave a "
        "space or other text between them"
    ]
    # as before: without markup, the same messages, and markup around a placeholder is fine
    assert said("Watch now", "Regardez {{ x }}") == ["template or merge-tag syntax {{ }}"]
    assert said("Watch now", "Regardez &#123;{") == [
        "template or merge-tag syntax {{ once character references are decoded"
    ]
    assert said("Hi %(name)s", "Salut %(name)s}")[0].startswith(
        "'}' written against %(name)s, where the source has none"
    )
    assert said("Hi %(name)s", "Salut <em>%(name)s</em> !") == []
    assert said("Hi <b>%(name)s</b>", "Salut <b>%(name)s</b> {<i>x</i>}") == []
    assert said("Hi <b>{</b>%(name)s", "Salut <b>{</b>%(name)s") == []  # as the source shows


# data.strings are HTML (msgids, like `{% trans %}` text), written in campaign YAML: the same
# trick there built `Hi {{{first_name}}` and `{%` into the text part without a word.
WINBACK = "campaigns/winback.yaml"
CAMPAIGN_NEVER_CODE = "campaign text is never code; per-recipient fields are written {first_name}"
INTRO = "    intro: \"Since you left, we've added"


def _campaign_errors(cli, example: Path, intro: str, *, extra: str = "") -> list[str]:
    _edit(example, WINBACK, INTRO, f'    intro: "{intro}"\n    old: "Since you left, we\'ve added')
    if extra:
        _edit(example, WINBACK, "  percent: 50\n", f"  percent: 50\n{extra}")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 1, result.output
    assert not (example / "build/winback").exists()  # no job was built
    return _errors(result)


def test_a_brace_hidden_by_a_tag_in_campaign_strings_is_refused_at_its_line(cli, example):
    assert _campaign_errors(cli, example, "Hi <em>{{</em>{first_name}, welcome back") == [
        f"{WINBACK}:14: data.strings.intro: '{{' written against {{first_name}} once markup is "
        "removed would join its merge tag's syntax ({{{first_name}} once it is the platform's "
        "tag); leave a space or other text between them [error: schema]"
    ]


def test_syntax_hidden_by_a_comment_in_campaign_strings_is_refused_at_its_line(cli, example):
    assert _campaign_errors(cli, example, "Hi {{<!-- -->% now") == [
        f"{WINBACK}:14: data.strings.intro: merge-tag or template syntax {{% once markup is "
        f"removed ({CAMPAIGN_NEVER_CODE}) [error: schema]",
        f"{WINBACK}:14: data.strings.intro: markup campaign text may not hold: <!-- -->; it may "
        "hold only l10n.typographic_tags without attributes (<br>, <em>, <span>, <strong>, "
        '<sub>, <sup>) and links written <a href="..."> to streamly.example or where '
        "l10n.allowed_links allows [error: schema]",
    ]


def test_syntax_made_by_filling_around_a_tag_in_campaign_strings_is_refused(cli, example):
    errors = _campaign_errors(cli, example, "Deal {o}<em></em>{o}x", extra='  o: "{"\n')
    assert errors == [
        f"{WINBACK}:15: data.strings.intro: merge-tag or template syntax {{{{ once {{o}} is "
        f"filled in and markup is removed ({CAMPAIGN_NEVER_CODE}) [error: schema]"
    ]


def test_markup_between_braces_and_fields_is_fine_with_text_between(cli, example):
    """What is shown with text between is not syntax: the campaign builds as before, and a
    tag in a subject (text, shown as typed) is no markup to remove."""
    _edit(example, WINBACK, INTRO, "    intro: \"Hi <em>{{.</em> {first_name}, we've added")
    _edit(
        example,
        WINBACK,
        '  a: "{first_name}, your watchlist misses you"',
        '  a: "<em>{{</em>{first_name}, your watchlist misses you"',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    text = (example / "build/winback/en_US/a/email.txt").read_text(encoding="utf-8")
    assert "Hi {. {{first_name}}, we've added" in text


def test_an_export_never_joins_a_brace_to_a_merge_tag_whatever_the_build_holds():
    """The second guard: a build made before these checks (or any text) with `{` before or `}`
    after a merge tag exports with the brace kept apart, so Handlebars can parse it: a
    reference in HTML, a zero-width space in text. Other text is exported as it was."""
    settings = Settings.model_validate({"brand": {"name": "S", "from": "s@s.example"}})
    for platform in PLATFORMS:
        built = "Vous nous manquez, {{{first_name}}} !"
        assert retag(built, settings, platform, html=True) == (
            "Vous nous manquez, &#123;{{first_name}}&#125; !"
        )
        assert retag(built, settings, platform, html=False) == (
            "Vous nous manquez, {\u200b{{first_name}}\u200b} !"
        )
        assert retag("<em>{</em>{{first_name}}", settings, platform, html=True) == (
            "<em>{</em>{{first_name}}"
        )
        assert retag("{ {{first_name}} }", settings, platform, html=False) == ("{ {{first_name}} }")


def _slow_syntax_problems(source: str, translation: str) -> list[str]:
    """The syntax and brace findings with the shown text always worked out (no shortcut for
    a translation without markup, or whose text outside tags has no brace, pipe or `&`)."""
    src, dst = untrusted.decoded(source), untrusted.decoded(translation)
    bare = untrusted.TAG.sub("", translation)
    shown_src, shown = untrusted.visible(source), untrusted.decoded(bare)
    found = untrusted._syntax(src, dst)
    how = " once character references are decoded" if found and dst != translation else ""
    if not found and bare != translation:
        found = untrusted._syntax(shown_src, shown)
        how = " once markup is removed" + (
            " and character references decoded" if shown != bare else ""
        )
    if found:
        return [f"template or merge-tag syntax {' '.join(found)}{how} {NEVER_CODE}"]
    marked = (shown_src, shown) if bare != translation else None
    return list(untrusted._against_problems(src, dst, marked))


def test_the_shown_text_is_judged_whenever_it_could_differ():
    pieces = [
        "{",
        "}",
        "|",
        "*",
        "%",
        "#",
        "<b>",
        "</b>",
        "<!-- -->",
        "&#123;",
        "&amp;",
        "&#124;",
        "%(name)s",
        "{first_name}",
        "a",
        " ",
        '<a href="?x=1&y={">',
    ]
    rng = random.Random(3)
    for _ in range(20_000):
        source = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 4)))
        translation = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 7)))
        problems = [
            p
            for p in injection_problems(source, translation)
            if "control" not in p and "line break" not in p and "carriage" not in p
        ]
        assert problems == _slow_syntax_problems(source, translation), (source, translation)
