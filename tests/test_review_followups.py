"""Follow-ups of a review: what a right-to-left market, a translator or a catalog header could
still get wrong.

- A right-to-left mark (U+200F) in an Arabic market's address or in a campaign's value for
  that market stopped the build: market and campaign text were judged in the source locale
  (English), though the same mark is allowed in the ar_SA translations.
- `{% trans %}Up to 100% of your plan{% endtrans %}` (no variables) is looked up by the build
  (newstyle gettext) as "Up to 100%% of your plan", but `extract` and l10n-status read it
  old-style ("Up to 100% of your plan"): the entry the email used was called stale, and
  following the advice (extract, update) left the email in English.
- A translation writing `}` (or `{`, `|`) against a placeholder filled with a merge field
  (`Vous nous manquez, %(name)s}`) made `{{first_name}}}` in the email, with no finding.
"""

from __future__ import annotations

from pathlib import Path

from click.testing import Result

from mailglot.i18n.checks.usage import template_ids
from mailglot.i18n.untrusted import injection_problems

RLM = "\u200f"
MARKETS = "calendars/markets.yaml"
WINBACK = "campaigns/winback.yaml"
INVISIBLE_RLM = (
    "invisible characters U+200F RIGHT-TO-LEFT MARK (they hide or reorder what readers see; "
    "delete them, or retype the words around them)"
)


def _edit(example: Path, rel: str, old: str, new: str) -> None:
    path = example / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def _errors(result: Result) -> list[str]:
    return [line for line in result.output.splitlines() if "[error: " in line]


def _line_of(example: Path, rel: str, needle: str) -> int:
    lines = (example / rel).read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if needle in line)


def test_rtl_mark_in_an_arabic_markets_address_and_value_builds(cli, example):
    _edit(example, MARKETS, "الرياض 12211", f"الرياض 12211{RLM}")
    _edit(
        example,
        WINBACK,
        "  months: 3\n",
        f'  months: 3\n  partner: {{by_market: {{SA: "شركة STC{RLM}", default: Streamly}}}}\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback")
    assert result.exit_code == 0, result.output
    assert _errors(result) == []
    text = (example / "build/winback/ar_SA/a/email.txt").read_text(encoding="utf-8")
    assert f"الرياض 12211{RLM}،" in text
    assert RLM not in (example / "build/winback/fr_FR/a/email.txt").read_text(encoding="utf-8")


def test_rtl_mark_in_a_left_to_right_markets_address_is_still_refused(cli, example):
    _edit(example, MARKETS, "75002 Paris", f"75002 Paris{RLM}")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback")
    assert result.exit_code == 1
    line = _line_of(example, MARKETS, f"Paris{RLM}")
    assert _errors(result) == [f"{MARKETS}:{line}: FR.address: {INVISIBLE_RLM} [error: schema]"]


def test_rtl_mark_in_a_left_to_right_market_or_default_value_is_still_refused(cli, example):
    _edit(
        example,
        WINBACK,
        "  months: 3\n",
        f'  months: 3\n  partner: {{by_market: {{SA: "STC{RLM}", FR: "Canal{RLM}", '
        f'default: "Streamly{RLM}"}}}}\n',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback")
    assert result.exit_code == 1
    line = _line_of(example, WINBACK, "partner:")
    assert _errors(result) == [
        f"{WINBACK}:{line}: data.partner.by_market.{key}: {INVISIBLE_RLM} [error: schema]"
        for key in ("FR", "default")
    ]


TRANS_PERCENT = "{% trans %}Up to 100% of your plan{% endtrans %}"
EXPIRES = '{% trans date=data.expires|date("long") %}Valid until {{ date }}{% endtrans %}</mj-text>'
FR_PO = "locales/fr_FR/LC_MESSAGES/messages.po"


def test_percent_in_a_trans_block_is_extracted_and_used_as_the_build_looks_it_up(cli, example):
    _edit(
        example,
        "templates/winback.mjml.j2",
        EXPIRES,
        f"{EXPIRES}\n<mj-text>{TRANS_PERCENT}</mj-text>",
    )
    assert "Up to 100%% of your plan" in template_ids(example)
    assert "Up to 100% of your plan" not in template_ids(example)
    assert cli(example, "extract").exit_code == 0
    pot = (example / "locales/messages.pot").read_text(encoding="utf-8")
    assert '#, python-format\nmsgid "Up to 100%% of your plan"\n' in pot
    assert "Up to 100% of" not in pot
    assert cli(example, "update").exit_code == 0
    _edit(
        example,
        FR_PO,
        'msgid "Up to 100%% of your plan"\nmsgstr ""',
        'msgid "Up to 100%% of your plan"\nmsgstr "Jusqu\u2019à 100\u202f%% de votre forfait"',
    )
    status = cli(example, "l10n-status")
    assert [
        line for line in status.output.splitlines() if "Up to 100" in line and FR_PO in line
    ] == []
    assert [line.split() for line in status.output.splitlines() if line.startswith("fr_FR ")] == [
        ["fr_FR", "58", "0", "0", "0", "0", "100%", "0", "0"]
    ]
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert result.exit_code == 0, result.output
    text = (example / "build/winback/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "Jusqu\u2019à 100\u202f% de votre forfait" in text.splitlines()


def test_a_brace_against_a_merge_field_placeholder_in_a_translation_is_refused(cli, example):
    _edit(
        example,
        FR_PO,
        'msgstr "Vous nous manquez, %(name)s"',
        'msgstr "Vous nous manquez, %(name)s}"',
    )
    line = _line_of(example, FR_PO, 'msgid "It\'s been a while, %(name)s"')
    error = (
        f"{FR_PO}:{line}: \"It's been a while, %(name)s\": '}}' written against %(name)s, where "
        "the source has none: filled with a merge field it joins the merge tag's syntax "
        "({{name}}}); leave a space or other text between them (translations are text, never "
        "code); the source text is used [error: catalog.syntax-injection]"
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert _errors(result) == [f"{error} (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"]
    for variant in ("a", "b"):
        for name in ("email.txt", "email.html"):
            shown = (example / f"build/winback/fr_FR/{variant}/{name}").read_text(encoding="utf-8")
            assert "{{first_name}}}" not in shown
            assert "Vous nous manquez" not in shown
            assert "It's been a while, {{first_name}}" in shown.replace("&#39;", "'")
    status = cli(example, "l10n-status")
    assert error in status.output.splitlines()


def test_braces_and_pipes_against_placeholders_only_where_the_source_has_none():
    def said(source: str, translation: str) -> list[str]:
        return [
            p.partition(" written against ")[::2][0]
            for p in injection_problems(source, translation)
        ]

    assert said("Hi %(name)s", "Salut |%(name)s") == ["'|'"]
    assert said("Hi %(name)s", "Salut |%(name)s|") == ["'|' and '|'"]
    assert said("Hi {first_name}", "Salut {first_name}|") == ["'|'"]
    assert said("Hi %s", "Salut %s}") == ["'}'"]
    assert said("Hi %(name)s", "Salut %(name)s !") == []
    assert said("A | %(name)s", "Un | %(name)s") == []  # a space between
    assert said("A %(x)s|%(y)s", "B %(x)s|%(y)s") == []  # as the source writes it
    assert said("100%% off", "100 %% de remise }") == []  # a percent is no placeholder
