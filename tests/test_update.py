"""The catalog lifecycle: a new string, a changed string, a new locale, real plural rules."""

from __future__ import annotations

import json
from pathlib import Path

from babel.messages.pofile import read_po

from tests.conftest import add_market

LOCALES = ("en_CA", "en_GB", "fr_FR", "de_DE", "es_MX", "pt_BR", "ja_JP", "zh_CN", "ar_SA")


def _catalog(root: Path, locale: str):
    with (root / f"locales/{locale}/LC_MESSAGES/messages.po").open("rb") as fh:
        return read_po(fh, locale=locale)


def test_new_template_string_is_untranslated_everywhere(example: Path, cli):
    template = example / "templates/renewal.mjml.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace(
            "{% endblock %}",
            '<mj-text>{{ _("Questions? Just reply to this email.") }}</mj-text>\n{% endblock %}',
            1,
        ),
        "utf-8",
    )
    assert cli(example, "extract").exit_code == 0
    assert cli(example, "update").exit_code == 0
    for locale in LOCALES:
        message = _catalog(example, locale).get("Questions? Just reply to this email.")
        assert message is not None and message.string == "" and not message.fuzzy, locale
    result = cli(example, "l10n-status", "--json")
    data = json.loads(result.stdout)
    assert {s["locale"]: s["untranslated"] for s in data["locales"]} == dict.fromkeys(LOCALES, 1)
    # the build shows the source text and says so
    result = cli(example, "build", "--no-screenshots", "--campaign", "renewal", "--strict")
    assert result.exit_code == 1
    assert "untranslated: 'Questions? Just reply to this email.'" in result.output


def test_changed_msgid_becomes_fuzzy_with_the_old_translation(example: Path, cli):
    template = example / "templates/winback.mjml.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace('_("Your code")', '_("Your coupon code")'),
        "utf-8",
    )
    cli(example, "extract")
    result = cli(example, "update")
    assert "fr_FR: 0 new, 1 to review (fuzzy), 0 obsolete" in result.output
    message = _catalog(example, "fr_FR").get("Your coupon code")
    assert message.fuzzy
    assert message.string == "Votre code"
    po = (example / "locales/fr_FR/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert '#| msgid "Your code"\nmsgid "Your coupon code"\nmsgstr "Votre code"' in po
    # a fuzzy translation is never used, and the build says why
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    text = (example / "build/winback/fr_FR/a/email.txt").read_text()
    assert "Your coupon code" in text
    assert "'Your coupon code': fuzzy, so not used" in result.output


def test_removed_string_becomes_obsolete(example: Path, cli):
    template = example / "templates/winback.mjml.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace('{{ _("Your code") }}', "CODE"), "utf-8"
    )
    cli(example, "extract")
    cli(example, "update")
    catalog = _catalog(example, "de_DE")
    assert catalog.get("Your code") is None
    assert "Your code" in catalog.obsolete


def test_add_locale_with_three_plural_forms_renders_polish(example: Path, cli):
    # a Polish market (add-locale lists a locale once a market mails it)
    add_market(
        example,
        "PL",
        "pl_PL",
        "Europe/Warsaw",
        "PLN",
        "Streamly Polska sp. z o.o., ul. Marszałkowska 1, 00-001 Warszawa",
        list_locale=False,
    )
    result = cli(example, "add-locale", "pl_PL")
    assert result.exit_code == 0, result.output
    catalog = _catalog(example, "pl_PL")
    assert catalog.num_plurals == 3
    assert "pl_PL" in (example / "mailglot.yaml").read_text()
    # the translator's work on the plural string
    po = example / "locales/pl_PL/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    marker = 'msgid_plural "%(count)s new episodes"\nmsgstr[0] ""\nmsgstr[1] ""\nmsgstr[2] ""'
    assert marker in text
    po.write_text(
        text.replace(
            marker,
            'msgid_plural "%(count)s new episodes"\n'
            'msgstr[0] "%(count)s nowy odcinek"\n'
            'msgstr[1] "%(count)s nowe odcinki"\n'
            'msgstr[2] "%(count)s nowych odcinków"',
        ),
        encoding="utf-8",
    )
    campaign = example / "campaigns/recommendations.yaml"
    campaign.write_text(
        campaign.read_text()
        .replace("new_episodes: 3", "new_episodes: 2")
        .replace("new_episodes: 8", "new_episodes: 5")
    )
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "recommendations", "--locale", "pl_PL"
    )
    assert result.exit_code == 0, result.output
    body = (example / "build/recommendations/pl_PL/a/email.txt").read_text()
    assert "2 nowe odcinki" in body
    assert "1 nowy odcinek" in body
    assert "5 nowych odcinków" in body


def test_add_locale_refuses_an_existing_catalog_and_a_bad_code(example: Path, cli):
    result = cli(example, "add-locale", "fr_FR")
    assert result.exit_code == 2
    assert "locales/fr_FR/LC_MESSAGES/messages.po exists already" in result.output
    result = cli(example, "add-locale", "xx_YY")
    assert result.exit_code == 2
    assert "unknown locale 'xx_YY'" in result.output


def test_update_names_a_listed_locale_without_a_catalog(example: Path, cli):
    add_market(example, "IT", "it_IT", "Europe/Rome", "EUR")
    result = cli(example, "update")
    assert result.exit_code == 0, result.output
    assert "it_IT: no catalog yet; `mailglot add-locale it_IT` starts one" in result.output
    assert not (example / "locales/it_IT").exists()


def test_a_moved_yaml_string_keeps_its_flags(example: Path, cli):
    """`{percent}% off` looks %-formatted to Babel; flagging it python-format after a merge
    would make Poedit and `msgfmt -c` reject a correct translation."""
    campaign = example / "campaigns/winback.yaml"
    campaign.write_text("# moved one line down\n" + campaign.read_text(encoding="utf-8"), "utf-8")
    cli(example, "extract")
    assert "fr_FR: 0 new" in cli(example, "update").output
    po = (example / "locales/fr_FR/LC_MESSAGES/messages.po").read_text(encoding="utf-8")
    assert (
        '#: campaigns/winback.yaml:7\n#, python-brace-format\nmsgid "Come back for {percent}% off"'
    ) in po
    assert "-{percent}\xa0% pour votre retour" in po  # the translation is kept


def test_update_json_counts_per_locale(example: Path, cli):
    template = example / "templates/winback.mjml.j2"
    template.write_text(
        template.read_text(encoding="utf-8").replace('_("Your code")', '_("Your coupon code")'),
        "utf-8",
    )
    assert cli(example, "extract").exit_code == 0
    add_market(example, "IT", "it_IT", "Europe/Rome", "EUR")
    result = cli(example, "update", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert (document["command"], document["ok"], document["findings"]) == ("update", True, [])
    summary = document["summary"]
    fr = next(row for row in summary["locales"] if row["locale"] == "fr_FR")
    assert fr == {
        "locale": "fr_FR",
        "file": "locales/fr_FR/LC_MESSAGES/messages.po",
        "added": 0,
        "fuzzy": 1,
        "obsolete": 0,  # matched to the changed string, not dropped
        "written": True,
    }
    assert summary["fuzzy"] == len(summary["locales"]) == summary["written"]
    assert summary["no_catalog"] == ["it_IT"]
    assert result.stderr == ""

    again = json.loads(cli(example, "update", "--json").stdout)["summary"]
    assert (again["written"], again["fuzzy"], again["added"]) == (0, 0, 0)  # nothing new
    quiet = cli(example, "update", "--quiet")  # only what is wrong: the locale with no catalog
    assert quiet.exit_code == 0
    assert quiet.output == "it_IT: no catalog yet; `mailglot add-locale it_IT` starts one\n"


def test_update_json_when_it_cannot_update(example: Path, cli):
    (example / "locales/messages.pot").unlink()
    result = cli(example, "update", "--json")
    assert result.exit_code == 2, result.output
    assert json.loads(result.stdout) == {
        "command": "update",
        "ok": False,
        "summary": {"error": "no locales/messages.pot: run `mailglot extract` first"},
        "findings": [],
    }
    assert result.stderr == ""
    cli(example, "extract")
    po = example / "locales/de_DE/LC_MESSAGES/messages.po"
    po.write_text(po.read_text(encoding="utf-8") + '\nmsgid "broken\n', "utf-8")
    result = cli(example, "update", "--json")
    assert result.exit_code == 1, result.output
    document = json.loads(result.stdout)
    assert (document["ok"], document["summary"]) == (False, {"error": "content"})
    assert {f["path"] for f in document["findings"]} == {"locales/de_DE/LC_MESSAGES/messages.po"}
    assert all(f["severity"] == "error" for f in document["findings"])
