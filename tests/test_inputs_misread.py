"""Project inputs that showed Python's or pydantic's words, were told somewhere else than where
they are typed, or passed silently: each is now one located line in the user's terms, the
other campaigns build, and the earlier outputs of what stops are kept."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest
from hostile.harness import Planted, lines_of, plant

CAMPAIGN = 'template: welcome.mjml.j2\nmarkets: all\nsubject: "Hello {first_name}"\n'
WELCOME = ("welcome/en_US/a", "welcome/fr_FR/a")
SETTINGS = (Path(__file__).parent / "hostile/base/mailglot.yaml").read_text(encoding="utf-8")


def _built(planted: Planted) -> dict[str, str]:
    """Every output of the welcome jobs, hashed: what a stopped build must leave as it was."""
    build = planted.root / "build"
    return {
        p.relative_to(build).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for job in WELCOME
        for p in sorted((build / job).iterdir())
    }


def _nested(depth: int) -> str:
    """`strings:` holding mappings `depth` levels deep, one key a line."""
    return "".join(f"{'  ' * (i + 2)}k{i}:\n" for i in range(depth)) + f"{'  ' * (depth + 2)}x\n"


# One build for every campaign mistake: each campaign is its own file.
CAMPAIGNS = {
    "c_digits": (
        CAMPAIGN + "data:\n  code: " + "9" * 5000 + "\n",
        "campaigns/c_digits.yaml:5: a number of 5,000 digits: mailglot reads numbers of up to "
        "1,000 digits; write it in quotes to keep it as text (column 9) [error: yaml]",
    ),
    "c_datetime": (
        CAMPAIGN + "schedule:\n  date: 2026-12-01T10:00:00\n",
        "campaigns/c_datetime.yaml:5: schedule.date: 2026-12-01T10:00:00 is a date and a time; "
        "expected a date (YYYY-MM-DD or MM-DD): the time goes in local_time, in each market's "
        'time zone, like local_time: "10:00" [error: schema]',
    ),
    "c_datetime_quoted": (
        CAMPAIGN + 'schedule:\n  date: "2026-12-01 10:00"\n',
        "campaigns/c_datetime_quoted.yaml:5: schedule.date: 2026-12-01 10:00 is a date and a "
        "time; expected a date (YYYY-MM-DD or MM-DD): the time goes in local_time, in each "
        'market\'s time zone, like local_time: "10:00" [error: schema]',
    ),
    "c_offset": (
        CAMPAIGN + "data:\n  starts: 2026-12-01T10:00:00+99:00\n",
        "campaigns/c_offset.yaml:5: 2026-12-01T10:00:00+99:00: +99:00 is not a UTC offset (they "
        "go from -23:59 to +23:59, like +01:00 or -05:30); correct it, or quote the value to "
        "keep it as text (column 11) [error: yaml]",
    ),
    "c_minutes": (  # read as +02:39 without a word
        CAMPAIGN + "data:\n  starts: 2026-12-01 10:00:00 +01:99\n",
        "campaigns/c_minutes.yaml:5: 2026-12-01 10:00:00 +01:99: +01:99 is not a UTC offset "
        "(they go from -23:59 to +23:59, like +01:00 or -05:30); correct it, or quote the value "
        "to keep it as text (column 11) [error: yaml]",
    ),
    "c_deep": (  # data.strings.k0...k98: x, on line 105, is the 101st level
        CAMPAIGN + "data:\n  strings:\n" + _nested(99),
        "campaigns/c_deep.yaml:105: values nested more than 100 levels deep (mappings and lists "
        "inside each other); flatten them (column 203) [error: yaml]",
    ),
    "c_date_text": (  # shown as Python writes it: datetime.date(2026, 12, 15)
        CAMPAIGN + "data:\n  strings:\n    renews: 2026-12-15\n",
        "campaigns/c_date_text.yaml:6: data.strings.renews: expected text to translate, got "
        "2026-12-15; write it in quotes, or move it out of strings: (data: holds the values "
        "that are not translated) [error: schema]",
    ),
}


@pytest.fixture(scope="module")
def campaigns_build(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    files = {f"campaigns/{cid}.yaml": text for cid, (text, _) in CAMPAIGNS.items()}
    planted = plant(tmp_path_factory.mktemp("campaigns"), files)
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert all(planted.built(job) for job in WELCOME)  # the other campaign still builds
    return lines_of(result)


@pytest.mark.parametrize("cid", CAMPAIGNS)
def test_a_campaign_mistake_is_one_line_at_its_place(campaigns_build: list[str], cid: str):
    told = [line for line in campaigns_build if line.startswith(f"campaigns/{cid}.yaml")]
    assert told == [CAMPAIGNS[cid][1]]


def test_a_deep_value_within_the_limit_still_builds(tmp_path: Path):
    planted = plant(
        tmp_path,
        {
            "campaigns/c_ok.yaml": CAMPAIGN
            + 'data:\n  strings:\n    intro: "Hi"\n    tip: "Tip"\n'
            + _nested(98)
        },
    )
    result = planted.run("build", "--no-screenshots", "--campaign", "c_ok")
    assert result.exit_code == 0, result.output
    assert planted.built("c_ok/fr_FR/a")


@pytest.fixture
def built(tmp_path: Path) -> Planted:
    planted = plant(tmp_path, {})
    assert planted.run("build", "--no-screenshots").exit_code == 0
    return planted


def _settings(planted: Planted, old: str, new: str) -> None:
    assert old in SETTINGS
    (planted.root / "mailglot.yaml").write_text(SETTINGS.replace(old, new), encoding="utf-8")


OWN_KEYS = (
    "(brand keys of your own reach templates, but not one this close to a key mailglot reads)"
)


def test_a_typo_of_a_brand_key_is_told_at_its_line_and_nothing_is_lost(built: Planted):
    """`wbsite:` passed as a key of one's own: brand.website was empty, and every link of
    every email was reported in build/*.html instead of the line in mailglot.yaml."""
    before = _built(built)
    _settings(built, "  website:", "  wbsite:")
    result = built.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert lines_of(result) == [
        f"mailglot.yaml:6: unknown key 'wbsite' in brand; did you mean 'website'? {OWN_KEYS} "
        "[error: schema]"
    ]
    assert _built(built) == before


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "  name: Acme",
            "  nmae: Acme",
            [
                "mailglot.yaml:3: missing required key 'name' in brand [error: schema]",
                f"mailglot.yaml:4: unknown key 'nmae' in brand; did you mean 'name'? {OWN_KEYS} "
                "[error: schema]",
            ],
        ),
        (
            "  website:",
            "  Website:",
            [
                f"mailglot.yaml:6: unknown key 'Website' in brand; did you mean 'website'? "
                f"{OWN_KEYS} [error: schema]"
            ],
        ),
    ],
)
def test_other_near_misses_of_brand_keys(tmp_path: Path, old: str, new: str, expected: list[str]):
    planted = plant(tmp_path, {"mailglot.yaml": SETTINGS.replace(old, new)})
    assert old in SETTINGS
    result = planted.run("build", "--no-screenshots")
    assert (result.exit_code, lines_of(result)) == (1, expected)


def test_brand_keys_of_ones_own_still_reach_templates(tmp_path: Path):
    """Keys no typo of name, from or website stay the templates' (the base project's `color`)."""
    own = "  color:", '  site: "https://acme.example/site"\n  nickname: Ac\n  color:'
    planted = plant(
        tmp_path,
        {
            "mailglot.yaml": SETTINGS.replace(*own),
            "templates/welcome.mjml.j2": (
                '{% extends "layouts/base.mjml.j2" %}{% block content %}'
                "<mj-text>{{ brand.nickname }} {{ brand.site }}</mj-text>{% endblock %}\n"
            ),
        },
    )
    result = planted.run("build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 0, result.output
    html = (planted.root / "build/welcome/en_US/a/email.html").read_text(encoding="utf-8")
    assert "Ac https://acme.example/site" in html


def test_mailglot_yaml_as_a_folder_is_named_as_one(tmp_path: Path):
    """It was 'no mailglot.yaml in ... or any folder above it', with the folder right there."""
    planted = plant(tmp_path, {"mailglot.yaml": None})
    (planted.root / "mailglot.yaml").mkdir()
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 2
    assert lines_of(result) == [
        f"mailglot: {planted.root}/mailglot.yaml is a folder; a project's settings are a YAML "
        "file of that name (run `mailglot init DIR` to start a project)"
    ]


def test_markets_yaml_as_a_folder_is_named_as_one_and_nothing_is_lost(built: Planted):
    """It was 'calendars/markets.yaml: missing: every locale must belong to a market'."""
    before = _built(built)
    (built.root / "calendars/markets.yaml").unlink()
    (built.root / "calendars/markets.yaml").mkdir()
    result = built.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert lines_of(result) == [
        "calendars/markets.yaml: a folder, not a file; mailglot reads a YAML file here "
        "[error: yaml]"
    ]
    assert _built(built) == before


USES_EVENT = {"campaigns/c_event.yaml": CAMPAIGN + "schedule:\n  event: launch\n"}
NAMED = "campaigns/c_event.yaml:5: unknown event 'launch': calendars/events.yaml {}; define "
NAMED += "launch there (name:, markets:), or schedule the campaign by date: instead [error: schema]"


@pytest.mark.parametrize(
    ("events", "expected"),
    [
        (None, NAMED.format("does not exist")),  # it said 'events defined in ...: none'
        ("# no events yet\n", NAMED.format("lists no events")),
        (
            "folder",  # stops the campaigns naming an event, not the others
            "calendars/events.yaml: a folder, not a file; mailglot reads a YAML file here "
            "[error: yaml]",
        ),
    ],
)
def test_an_event_without_events_yaml_says_what_is_there(
    tmp_path: Path, events: str | None, expected: str
):
    planted = plant(tmp_path, {**USES_EVENT, "calendars/events.yaml": None})
    if events == "folder":
        (planted.root / "calendars/events.yaml").mkdir()
    elif events is not None:
        (planted.root / "calendars/events.yaml").write_text(events, encoding="utf-8")
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if "[error: " in line] == [expected]
    assert all(planted.built(job) for job in WELCOME)


def test_a_full_date_in_an_event_rule_is_shown_as_typed(tmp_path: Path):
    """`date: 2026-06-01` (a day of every year is MM-DD) showed datetime.date(2026, 6, 1)."""
    events = "launch:\n  name: Launch day\n  markets:\n    US: {date: 2026-06-01}\n"
    planted = plant(tmp_path, {**USES_EVENT, "calendars/events.yaml": events})
    result = planted.run("build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 1
    assert lines_of(result)[0] == (
        "calendars/events.yaml:4: launch.markets.US.date: expected a day of the year as MM-DD, "
        "like 11-11, got 2026-06-01 [error: schema]"
    )


MARKETS = (Path(__file__).parent / "hostile/base/calendars/markets.yaml").read_text("utf-8")


@pytest.mark.parametrize(
    ("rel", "old", "new", "expected"),
    [
        (  # was "Input should be 'handlebars', 'mailchimp' or 'liquid'"
            "mailglot.yaml",
            "locales: [en_US, fr_FR]",
            "locales: [en_US, fr_FR]\nmerge_tags: Handlebars",
            "mailglot.yaml:10: merge_tags: expected 'handlebars', 'mailchimp' or 'liquid', got "
            "'Handlebars'; did you mean 'handlebars'?",
        ),
        (  # was "Input should be less than or equal to 1000"
            "mailglot.yaml",
            "locales: [en_US, fr_FR]",
            "locales: [en_US, fr_FR]\nscreenshots: {phone: 99999999999999999999}",
            "mailglot.yaml:10: screenshots.phone: expected at most 1000, got 99999999999999999999",
        ),
        (  # was "Input should be a valid integer, got a number with a fractional part"
            "mailglot.yaml",
            "locales: [en_US, fr_FR]",
            "locales: [en_US, fr_FR]\nchecks: {max_html_bytes: 1.5}",
            "mailglot.yaml:10: checks.max_html_bytes: expected a whole number, got 1.5",
        ),
        (  # was "List should have at least 1 item after validation, not 0"
            "calendars/markets.yaml",
            "  locales: [fr_FR]",
            "  locales: []",
            "calendars/markets.yaml:7: FR.locales: expected at least 1 value, got none",
        ),
    ],
)
def test_bounds_and_choices_are_told_in_the_users_words(
    tmp_path: Path, rel: str, old: str, new: str, expected: str
):
    text = {"mailglot.yaml": SETTINGS, "calendars/markets.yaml": MARKETS}[rel]
    assert old in text
    planted = plant(tmp_path, {rel: text.replace(old, new)})
    result = planted.run("build", "--no-screenshots")
    assert (result.exit_code, lines_of(result)) == (1, [f"{expected} [error: schema]"])


RULE = (
    "launch:\n  name: Launch day\n  markets:\n    US: {{date: 06-01, unless: {}, move_days: 1}}\n"
)


@pytest.mark.parametrize(
    ("unless", "expected"),
    [
        (  # a traceback (month must be in 1..12) once the rule was used
            "{date: 13-45}",
            "launch.markets.US.unless.date: expected a day of the year as MM-DD, like 11-11, "
            "got '13-45'",
        ),
        (  # a traceback ('NoneType' object has no attribute 'split')
            "{}",
            "launch.markets.US.unless: needs exactly one of easter or date (the day that clashes)",
        ),
        (
            "{date: 2026-06-01}",
            "launch.markets.US.unless.date: expected a day of the year as MM-DD, like 11-11, "
            "got 2026-06-01",
        ),
    ],
)
def test_a_clash_date_is_checked_where_it_is_typed(tmp_path: Path, unless: str, expected: str):
    planted = plant(tmp_path, {**USES_EVENT, "calendars/events.yaml": RULE.format(unless)})
    result = planted.run("build", "--no-screenshots", "--locale", "en_US")
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if "[error: " in line] == [
        f"calendars/events.yaml:4: {expected} [error: schema]"
    ]
    assert planted.built("welcome/en_US/a")


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (  # at the data: line, as 'data: data.strings: expected a mapping of names to msgids'
            "data:\n  strings:\n",
            "data:\n  n: 1\n  strings: [Hi, Tip]\n  old:\n",
            "campaigns/welcome.yaml:7: data.strings: expected a mapping of names to msgids, like "
            '{headline: "The deal of the year"}',
        ),
        (
            'subject: "Welcome to Acme, {first_name}"',
            "subject:\n  a: Hello\n  b: 2026-06-01",
            "campaigns/welcome.yaml:3: subject: subject variant 'b': expected a string, got "
            "2026-06-01",
        ),
        (  # the email was dated 2026-06-01, the year left unread
            "markets: all",
            "markets: all\nschedule: {date: 2026-06-01, year: 2027}",
            "campaigns/welcome.yaml:3: schedule: year 2027 and date 2026-06-01 name different "
            "years; write date: 06-01 with year: 2027, or leave year out",
        ),
        (
            "markets: all",
            "markets: All",
            "campaigns/welcome.yaml:2: markets: expected 'all' or a list of market codes like "
            "[US, FR], got 'All'; did you mean 'all'?",
        ),
    ],
)
def test_campaign_shapes_are_told_at_their_line(tmp_path: Path, old: str, new: str, expected: str):
    welcome = (Path(__file__).parent / "hostile/base/campaigns/welcome.yaml").read_text("utf-8")
    assert old in welcome
    planted = plant(tmp_path, {"campaigns/welcome.yaml": welcome.replace(old, new)})
    result = planted.run("build", "--no-screenshots")
    assert result.exit_code == 1
    assert [line for line in lines_of(result) if "[error: " in line] == [
        f"{expected} [error: schema]"
    ]


def test_a_brand_website_without_https_is_told_at_its_line(built: Planted):
    """`website: acme.example` made each link built on it 'not absolute' and every other link
    of the brand a 'placeholder domain', in build/*.html."""
    before = _built(built)
    _settings(built, 'website: "https://acme.example"', "website: acme.example")
    result = built.run("build", "--no-screenshots")
    assert (result.exit_code, lines_of(result)) == (
        1,
        [
            "mailglot.yaml:6: brand.website: expected the brand's web address, like "
            "https://acme.example, got 'acme.example' [error: schema]"
        ],
    )
    assert _built(built) == before


def test_a_number_with_leading_zeros_keeps_them(tmp_path: Path):
    """YAML 1.1 read 007 as 7 and a ZIP code 02134 as the octal 1116 (08 stayed text)."""
    campaign = (
        'template: welcome.mjml.j2\nmarkets: [US]\nsubject: "Code {code}, ZIP {zip}"\n'
        "data:\n  code: 007\n  zip: 02134\n  strings: {intro: Hi, tip: Tip}\n"
    )
    planted = plant(tmp_path, {"campaigns/c_zeros.yaml": campaign})
    result = planted.run("build", "--no-screenshots", "--campaign", "c_zeros")
    assert result.exit_code == 0, result.output
    meta = json.loads((planted.root / "build/c_zeros/en_US/a/meta.json").read_text("utf-8"))
    assert meta["subject"] == "Code 007, ZIP 02134"


def test_a_day_typed_without_its_dash_is_shown_as_typed(tmp_path: Path):
    """`date: 0101` was the octal 65: 'got 65'."""
    events = "launch:\n  name: Launch day\n  markets:\n    US: {date: 0101}\n"
    planted = plant(tmp_path, {**USES_EVENT, "calendars/events.yaml": events})
    result = planted.run("build", "--no-screenshots", "--locale", "en_US")
    assert [line for line in lines_of(result) if "[error: " in line] == [
        "calendars/events.yaml:4: launch.markets.US.date: expected a day of the year as MM-DD, "
        "like 11-11, got '0101' [error: schema]"
    ]
