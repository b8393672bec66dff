"""The error corpus: each mistake a person makes, paired with the message it must produce."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailglot.errors import ContentError, Diagnostic
from mailglot.project.loader import load_project

GOOD = """\
template: winback.mjml.j2
markets: [US, FR]
subject: "Hello {first_name}"
preheader: "A preheader"
data:
  percent: 10
  months: 1
  coupon: X
  expires: 2027-01-31
  strings:
    intro: "Hi"
"""

CAMPAIGN_ERRORS = [
    # (what the user wrote, the diagnostics it must produce)
    (
        GOOD.replace("[US, FR]", "[US, FR"),
        [
            "campaigns/broken.yaml:3: YAML syntax error: did not find expected ',' or ']' "
            "(while parsing a flow sequence that starts on line 2)"
        ],
    ),
    (
        GOOD.replace("template:", "tempalte:"),
        [
            "campaigns/broken.yaml:1: missing required key 'template'",
            "campaigns/broken.yaml:1: unknown key 'tempalte'; did you mean 'template'?",
        ],
    ),
    (
        GOOD.replace("winback.mjml.j2", "winbak.mjml.j2"),
        [
            "campaigns/broken.yaml:1: template 'winbak.mjml.j2' not found under templates/; did "
            "you mean 'winback.mjml.j2'?"
        ],
    ),
    (  # found on macOS and Windows, not on Linux CI
        GOOD.replace("winback.mjml.j2", "WinBack.mjml.j2"),
        [
            "campaigns/broken.yaml:1: template 'WinBack.mjml.j2' not found under templates/; did "
            "you mean 'winback.mjml.j2'?"
        ],
    ),
    (
        GOOD.replace("winback.mjml.j2", "'layouts\\base.mjml.j2'"),
        [
            "campaigns/broken.yaml:1: template 'layouts\\\\base.mjml.j2' not found under "
            "templates/; did you mean 'layouts/base.mjml.j2'?"
        ],
    ),
    (
        GOOD.replace("winback.mjml.j2", "nothing-like-it.txt"),
        ["campaigns/broken.yaml:1: template 'nothing-like-it.txt' not found under templates/"],
    ),
    (
        GOOD.replace("[US, FR]", "[US, FR, XX]"),
        [
            "campaigns/broken.yaml:2: unknown market 'XX'; markets defined in calendars/markets.yaml: "
            "US, CA, GB, FR, DE, MX, BR, JP, CN, SA"
        ],
    ),
    (
        GOOD.replace("[US, FR]", "everywhere"),
        [
            "campaigns/broken.yaml:2: markets: expected 'all' or a list of market codes like [US, FR], "
            "got 'everywhere'"
        ],
    ),
    (
        GOOD.replace("{first_name}", "{frist_name}"),
        [
            "campaigns/broken.yaml:3: unknown placeholder {frist_name} in subject.a; expected a "
            "recipient field or a data key: coupon, email, expires, first_name, months, percent, "
            "unsubscribe_url"
        ],
    ),
    (
        GOOD + "schedule:\n  date: 2026-12-01\n  local_time: 9am\n",
        [
            "campaigns/broken.yaml:14: schedule.local_time: expected a time like \"09:00\", got '9am'"
        ],
    ),
    (  # YAML reads an unquoted 9 as a number: it was taken as 00:09
        GOOD + "schedule:\n  date: 2026-12-01\n  local_time: 9\n",
        [
            "campaigns/broken.yaml:14: schedule.local_time: 9 is a number, not a time of day; "
            'write the time in quotes, like "09:00"'
        ],
    ),
    (
        GOOD + "schedule:\n  date: 2026-12-01\n  local_time: 9.30\n",
        [
            "campaigns/broken.yaml:14: schedule.local_time: 9.3 is a number, not a time of day; "
            'write the time in quotes, like "09:00"'
        ],
    ),
    (
        GOOD + "schedule:\n  offset_days: soon\n  date: 2026-12-01\n",
        ["campaigns/broken.yaml:13: schedule.offset_days: expected a whole number, got 'soon'"],
    ),
    (
        GOOD + "schedule:\n  local_time: '10:00'\n",
        ["campaigns/broken.yaml:12: schedule: a schedule needs exactly one of 'event' or 'date'"],
    ),
    (
        GOOD.replace('subject: "Hello {first_name}"', "subject:\n  a: 1\n  b: x"),
        ["campaigns/broken.yaml:3: subject: subject variant 'a': expected a string, got 1"],
    ),
    (
        "- just\n- a list\n",
        ["campaigns/broken.yaml:1: expected a mapping with template:, markets:, subject:, ..."],
    ),
    # values that used to pass the schema and end in a traceback or a broken email later
    (
        GOOD + "schedule:\n  date: 2026-12-01\n  offset_days: 99999999999\n",
        [
            "campaigns/broken.yaml:14: schedule.offset_days: expected at most 3650 days before "
            "or after the date, got 99999999999"
        ],
    ),
    (
        GOOD + "schedule:\n  date: 12-01\n  year: 99999\n",
        ["campaigns/broken.yaml:14: schedule.year: expected a year from 2000 to 2100, got 99999"],
    ),
    (
        GOOD + "schedule:\n  date: 0001-01-01\n  offset_days: -1\n",
        [
            "campaigns/broken.yaml:13: schedule.date: expected a date in the years 2000 to 2100, "
            "got 0001-01-01"
        ],
    ),
    (
        GOOD.replace('subject: "Hello {first_name}"', f"subject:\n  {'a' * 65}: Hello"),
        [
            "campaigns/broken.yaml:3: subject: variant name 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
            "...' may hold only letters, digits, - and _ (64 at most)"
        ],
    ),
    (
        GOOD.replace('"Hello {first_name}"', '" "'),
        ["campaigns/broken.yaml:3: subject: the subject line is empty; expected a subject line"],
    ),
    (
        GOOD.replace('subject: "Hello {first_name}"', 'subject:\n  a: Hello\n  b: ""'),
        ["campaigns/broken.yaml:3: subject: subject variant 'b' is empty; expected a subject line"],
    ),
    (
        GOOD.replace('intro: "Hi"', 'intro: "\\u2060"'),
        [
            "campaigns/broken.yaml:11: data.strings.intro: shows nothing (only U+2060 WORD "
            "JOINER), a msgid no translator can see; give it text, or remove it"
        ],
    ),
    (  # `intro:` with nothing after it: every email showed 'None'
        GOOD.replace('intro: "Hi"', "intro:\n    outro: yes"),
        [
            "campaigns/broken.yaml:11: data.strings.intro: no text (a key with nothing after it "
            "is empty to YAML); give it text, or remove it",
            "campaigns/broken.yaml:12: data.strings.outro: expected text to translate, got "
            "True; write it in quotes, or move it out of strings: (data: holds the values that "
            "are not translated)",
        ],
    ),
    (  # a key with a character that does not show read "unknown key 'preheader'"
        GOOD.replace("preheader:", "preheader\u200b:"),
        [
            "campaigns/broken.yaml:4: unknown key 'preheader\\u200b' (it holds U+200B ZERO "
            "WIDTH SPACE); did you mean 'preheader'?"
        ],
    ),
    # variant keys name folders: one folder on macOS and Windows
    (
        GOOD.replace('subject: "Hello {first_name}"', "subject:\n  a: Hello\n  A: Hi"),
        [
            "campaigns/broken.yaml:3: subject: subject variants 'a' and 'A' differ only by case: "
            "on macOS and Windows they are one folder in build/; rename one"
        ],
    ),
    # invisible-only text passed the empty check: a blank subject line in every inbox
    (
        GOOD.replace('"Hello {first_name}"', '"\\u200b\\u200c \\u00ad"'),
        [
            "campaigns/broken.yaml:3: subject: the subject line shows nothing (only U+200B ZERO "
            "WIDTH SPACE, U+200C ZERO WIDTH NON-JOINER, U+0020 SPACE, U+00AD SOFT HYPHEN); "
            "expected a subject line"
        ],
    ),
    (
        GOOD.replace('subject: "Hello {first_name}"', 'subject:\n  a: Hello\n  b: "\\ufeff"'),
        [
            "campaigns/broken.yaml:3: subject: subject variant 'b' shows nothing (only U+FEFF "
            "ZERO WIDTH NO-BREAK SPACE); expected a subject line"
        ],
    ),
    (
        GOOD.replace('"A preheader"', '"\\u2060\\u200d"'),
        [
            "campaigns/broken.yaml:4: preheader: the preheader shows nothing (only U+2060 WORD "
            "JOINER, U+200D ZERO WIDTH JOINER); write the words inboxes show after the subject, "
            "or leave preheader out (invisible padding goes in the layout, after {{ preheader }})"
        ],
    ),
    (
        GOOD.replace("percent: 10", "percent: {by_market: {US: 10, UK: 5}}"),
        [
            "campaigns/broken.yaml:6: data.percent.by_market: unknown market 'UK'; markets "
            "defined in calendars/markets.yaml: US, CA, GB, FR, DE, MX, BR, JP, CN, SA (or "
            "default)",
            "campaigns/broken.yaml:6: data.percent.by_market: no value for FR, which the "
            "campaign mails; add them, or a default",
        ],
    ),
    (
        GOOD.replace("percent: 10", "percent: {by_market: [10]}"),
        [
            "campaigns/broken.yaml:6: data.percent.by_market: expected a mapping of market "
            "codes to values, like {US: 9.99, FR: 8.99, default: 9.99}"
        ],
    ),
    (
        GOOD.replace("months: 1", "months: 12345678901234567890123456"),
        [
            "campaigns/broken.yaml:7: data.months: 12345678901234567890123456 has more digits "
            "than a price or a count can be shown with (at most 25); write it as text in quotes"
        ],
    ),
    (
        GOOD.replace("[US, FR]", "[US, FR, US]"),
        ["campaigns/broken.yaml:2: markets: market US is listed twice"],
    ),
    (
        GOOD.replace('intro: "Hi"', 'intro: ""'),
        [
            "campaigns/broken.yaml:11: data.strings.intro: an empty string is no msgid (its "
            "translation is the catalog's header); give it text, or remove it"
        ],
    ),
    (
        GOOD.replace("percent: 10", "percent: .nan"),
        [
            "campaigns/broken.yaml:6: data.percent: nan is not a number an email can show; "
            "write a number, or text in quotes"
        ],
    ),
    (
        GOOD.replace("winback.mjml.j2", '"winback\\0.mjml.j2"'),
        [
            "campaigns/broken.yaml:1: template 'winback\\x00.mjml.j2' holds a NUL character; "
            "give a file name under templates/",
            "campaigns/broken.yaml:1: template: control characters or line breaks",
        ],
    ),
]


def _diagnostics(project: Path, text: str) -> list[str]:
    (project / "campaigns" / "broken.yaml").write_text(text, encoding="utf-8")
    loaded = load_project(project)
    return [str(d) for d in loaded.campaign_errors.get("broken", [])]


@pytest.mark.parametrize(("text", "expected"), CAMPAIGN_ERRORS)
def test_campaign_mistakes_are_located_and_explained(example: Path, text: str, expected: list[str]):
    assert _diagnostics(example, text) == expected


def test_a_good_campaign_has_no_errors(example: Path):
    assert _diagnostics(example, GOOD) == []


def test_a_broken_campaign_stops_only_itself(example: Path, cli):
    (example / "campaigns" / "broken.yaml").write_text(
        GOOD.replace("template:", "tempalte:"), encoding="utf-8"
    )
    result = cli(example, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        "campaigns/broken.yaml:1: unknown key 'tempalte'; did you mean 'template'?" in result.output
    )
    # every other campaign still built
    for campaign in ("winback", "renewal", "black_friday", "recommendations"):
        assert (example / "build" / campaign / "fr_FR" / "a" / "email.html").is_file()
    manifest = json.loads((example / "build" / "manifest.json").read_text())
    [entry] = [j for j in manifest["jobs"] if j["campaign"] == "broken"]
    assert entry["status"] == "failed"
    assert entry["findings"][0]["line"] == 1


def _project_error(project: Path) -> list[str]:
    with pytest.raises(ContentError) as info:
        load_project(project)
    return [str(d) for d in info.value.diagnostics]


def test_locale_in_two_markets(example: Path):
    markets = example / "calendars" / "markets.yaml"
    text = markets.read_text(encoding="utf-8")
    markets.write_text(text.replace("locales: [de_DE]", "locales: [de_DE, fr_FR]"), "utf-8")
    line = text.splitlines().index("  locales: [de_DE]") + 1
    first = text.splitlines().index("  locales: [fr_FR]") + 1
    assert _project_error(example) == [
        f"calendars/markets.yaml:{line}: locale fr_FR is already in market FR (line {first}); "
        "a locale mails exactly one market"
    ]


def test_settings_errors_are_all_reported(example: Path):
    settings = example / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    text = text.replace("locales: [en_US,", "locales: [en-US,").replace(
        "merge_tags: handlebars", "merge_tags: mustache"
    )
    settings.write_text(text + "colour: red\n", encoding="utf-8")
    errors = _project_error(example)
    assert any(
        e.endswith("locales: locale 'en-US' should be written 'en_US' (gettext form)")
        for e in errors
    )
    assert any(
        "merge_tags: expected 'handlebars', 'mailchimp' or 'liquid', got 'mustache'" in e
        for e in errors
    )
    # the list grows with every new setting: its start and a later key are enough
    [colour] = [e for e in errors if "unknown key 'colour'" in e]
    assert colour.startswith(
        f"mailglot.yaml:{len(text.splitlines()) + 1}: unknown key 'colour'; expected one of: "
        "brand, source_locale, locales, pseudo_locales, merge_tags, recipient, "
        "assets_base_url, screenshots, checks"
    )


def test_bad_market_definition(example: Path):
    markets = example / "calendars" / "markets.yaml"
    text = markets.read_text(encoding="utf-8")
    text = text.replace("timezone: Europe/Paris", "timezone: Paris").replace(
        "currency: BRL", "currency: REAL"
    )
    markets.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    tz_line = lines.index("  timezone: Paris") + 1
    cur_line = lines.index("  currency: REAL") + 1
    assert _project_error(example) == [
        f"calendars/markets.yaml:{tz_line}: FR.timezone: unknown time zone 'Paris'; expected an IANA "
        "name like Europe/Paris",
        f"calendars/markets.yaml:{cur_line}: BR.currency: unknown currency 'REAL'; expected an ISO "
        "4217 code like EUR",
    ]


def _settings_errors(project: Path, old: str, new: str) -> list[str]:
    settings = project / "mailglot.yaml"
    text = settings.read_text(encoding="utf-8")
    assert old in text
    settings.write_text(text.replace(old, new), encoding="utf-8")
    return _project_error(project)


def test_a_source_locale_without_a_market_is_located(example: Path, cli):
    """It ended in a KeyError traceback: pseudo-locales are built with its market."""
    assert _settings_errors(example, "source_locale: en_US", "source_locale: nl_NL") == [
        "mailglot.yaml:8: source_locale nl_NL belongs to no market in calendars/markets.yaml "
        "(pseudo-locales en_XA, ar_XB are built with its market); add it to one market's locales"
    ]
    result = cli(example, "build", "--no-screenshots")
    assert result.exit_code == 1
    assert "Traceback" not in result.output and "mailglot.yaml:8: source_locale nl_NL" in (
        result.output
    )


def test_a_listed_locale_without_a_market_is_located(example: Path):
    assert _settings_errors(example, "ar_SA]", "ar_SA, nl_NL]") == [
        "mailglot.yaml:9: locale nl_NL belongs to no market in calendars/markets.yaml; add it "
        "to one market's locales"
    ]


def test_a_locale_in_another_case_is_refused_with_its_spelling(example: Path, cli):
    """`fr_fr` next to `fr_FR` was another locale: build/<campaign>/fr_fr/ and fr_FR/, one
    folder on macOS and Windows, and a catalog folder Linux does not find under fr_FR."""
    assert _settings_errors(example, "ar_SA]", "ar_SA, fr_fr]") == [
        "mailglot.yaml:9: locales: locale 'fr_fr' should be written 'fr_FR'"
    ]
    result = cli(example, "add-locale", "pt_pt")
    assert result.exit_code == 2
    assert result.output == "mailglot: locale 'pt_pt' should be written 'pt_PT'\n"
    assert not (example / "locales/pt_pt").exists() and not (example / "locales/pt_PT").exists()


def test_campaign_ids_that_differ_only_by_case_are_named_both(example: Path, cli):
    """campaigns/Winback.yaml next to winback.yaml built into build/Winback and build/winback:
    on macOS and Windows one folder, where one campaign's emails replaced the other's."""
    campaigns = example / "campaigns"
    (campaigns / "Winback.yaml").write_bytes((campaigns / "winback.yaml").read_bytes())
    loaded = load_project(example)
    message = (
        "campaigns/winback.yaml: campaign id 'winback' differs from 'Winback' "
        "(campaigns/Winback.yaml) only by case: on macOS and Windows both are build/Winback/, "
        "one folder; rename one of the files"
    )
    assert [str(d) for d in loaded.campaign_errors["winback"]] == [message]
    assert "Winback" in loaded.campaigns and "winback" not in loaded.campaigns
    result = cli(example, "build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 1
    assert message in result.output
    assert (example / "build/Winback/en_US/a/email.html").is_file()
    assert not (example / "build/winback").exists()
    assert (example / "build/renewal/en_US/a/email.html").is_file()  # the others still build


def test_a_pseudo_locale_among_the_locales_says_where_it_goes(example: Path):
    assert _settings_errors(example, "ar_SA]", "ar_SA, en_XA]") == [
        "mailglot.yaml:9: locales: en_XA is a pseudo-locale: list it under pseudo_locales"
    ]


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            '"Streamly <hello@streamly.example>"',
            '"Streamly <hello@streamly.example>\\r\\nBcc: all@evil.example"',
            "mailglot.yaml:4: brand.from: expected 'Name <address@domain>' on one line, got "
            "'Streamly <hello@streamly.example>\\r\\nBcc: all@evil.example'",
        ),
        (
            '"Streamly <hello@streamly.example>"',
            "Streamly",
            "mailglot.yaml:4: brand.from: expected 'Name <address@domain>' on one line, got "
            "'Streamly'",
        ),
        (
            "checks: {disable: [], max_html_bytes: 102000}",
            'checks: {disable: [], max_html_bytes: 102000}\nunsubscribe_mailto: "a@b.example\\n"',
            "mailglot.yaml:19: unsubscribe_mailto: expected an address like leave@example.com on "
            "one line, got 'a@b.example\\n'",
        ),
        (
            'assets_base_url: "https://cdn.streamly.example/email/"',
            'assets_base_url: "file:///etc/"',
            "mailglot.yaml:16: assets_base_url: expected the http(s) address the images are "
            "served from, like https://cdn.example.com/email/, got 'file:///etc/'",
        ),
        (
            "email: alex@example.com",
            'email: "alex@example.com\\r\\nBcc: all@evil.example"',
            "mailglot.yaml:14: recipient.email: expected a sample value on one line, got "
            "'alex@example.com\\r\\nBcc: all@evil.example'",
        ),
        (
            "pseudo_locales: [en_XA, ar_XB]",
            "pseudo_locales: [en_XA, ar_XB, en_XA]",
            "mailglot.yaml:10: pseudo_locales: pseudo-locale en_XA is listed twice",
        ),
        (
            "max_html_bytes: 102000",
            "max_html_bytes: -5",
            "mailglot.yaml:18: checks.max_html_bytes: expected at least 1, got -5",
        ),
    ],
)
def test_sender_headers_and_limits_are_checked_where_they_are_typed(
    example: Path, old: str, new: str, expected: str
):
    """A line break in brand.from failed every job as an 'internal' render error with no
    line; an address without @ was sent as a broken From header; a negative size limit
    warned on every email."""
    assert _settings_errors(example, old, new) == [expected]


def test_a_campaign_saved_as_yml_is_named_not_skipped(example: Path, cli):
    """campaigns/*.yml was never read and nothing said so: the campaign just did not build."""
    (example / "campaigns/winback.yaml").rename(example / "campaigns/winback.yml")
    assert load_project(example).campaign_errors == {
        "winback": [
            Diagnostic(
                "campaigns/winback.yml",
                None,
                "schema",
                "error",
                "not read: campaign files end in .yaml; rename it winback.yaml",
            )
        ]
    }
    result = cli(example, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        "campaigns/winback.yml: not read: campaign files end in .yaml; rename it winback.yaml"
        in (result.output)
    )


def test_an_event_without_a_name_is_located(example: Path):
    """name: '' was translated into the catalog's header in every locale that showed it."""
    events = example / "calendars/events.yaml"
    text = events.read_text(encoding="utf-8")
    assert "  name: Black Friday\n" in text
    events.write_text(text.replace("  name: Black Friday\n", "  name: ''\n"), encoding="utf-8")
    line = text.splitlines().index("  name: Black Friday") + 1
    project = load_project(example)
    assert [str(d) for d in project.event_errors.events["black_friday"]] == [
        f"calendars/events.yaml:{line}: black_friday.name: expected the event's name (a msgid, "
        "translated in each locale)"
    ]
    # one that shows nothing: "3 days to " in every email that counts down to it
    events.write_text(
        text.replace("  name: Black Friday\n", '  name: "\\u200b\\u00ad"\n'), encoding="utf-8"
    )
    project = load_project(example)
    assert [str(d) for d in project.event_errors.events["black_friday"]] == [
        f"calendars/events.yaml:{line}: black_friday.name: the event's name shows nothing (only "
        "U+200B ZERO WIDTH SPACE, U+00AD SOFT HYPHEN); expected the event's name (a msgid, "
        "translated in each locale)"
    ]


@pytest.mark.parametrize("name", ["manifest.json", "index.html", "__mailglot"])
def test_a_campaign_named_like_a_file_of_build_is_refused(example: Path, cli, name: str):
    """campaigns/manifest.json.yaml made build/manifest.json a folder (IsADirectoryError
    traceback); index.html.yaml stopped the gallery; __mailglot is where serve answers."""
    (example / "campaigns/winback.yaml").rename(example / f"campaigns/{name}.yaml")
    result = cli(example, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert (
        f"campaigns/{name}.yaml: {name!r} is a name mailglot uses in build/; rename the "
        "campaign file [error: schema]"
    ) in result.output.splitlines()
    assert (example / "build/manifest.json").is_file()
    assert (example / "build/index.html").is_file()
