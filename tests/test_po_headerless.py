"""A catalog without a header, or with one that cannot be read, gets the same plural rule in
every path: gettext's for the language, as a header without Plural-Forms already got.

Without a header Babel took CLDR's rule (3 forms for French): the build refused every French
plural ("plural form 2 is empty ... (plural form 0)") and `update` wrote the 3-form rule and
an empty msgstr[2] into every plural entry. A NUL in the header hid every field from Babel,
and `update` replaced the header with the template's placeholders, exit 0."""

from __future__ import annotations

import json
from pathlib import Path

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
RULE = "nplurals=2; plural=(n > 1);"


def _without_header(text: str) -> str:
    start = text.index('msgid ""')
    end = text.index("\n\n", start) + 2
    return text[:start] + text[end:]


def _first_plural_line(text: str) -> int:
    lines = text.splitlines()
    at = next(i for i, line in enumerate(lines) if line.startswith("msgid_plural"))
    return at  # the msgid line, one above (1-based: at)


def test_a_catalog_without_header_gets_gettexts_rule(example: Path, cli) -> None:
    po = example / PO
    text = _without_header(po.read_text(encoding="utf-8"))
    po.write_text(text, encoding="utf-8")
    warning = (
        f'{PO}:{_first_plural_line(text)}: warning: no header entry; assumed "{RULE}", '
        "gettext's rule for French (folder fr_FR): write the rule the plural translations "
        f'follow in a header (msgid ""), e.g. "Plural-Forms: {RULE}\\n" '
        "[catalog.plural-forms.language]"
    )
    built = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert built.exit_code == 0, built.output
    assert any(line.startswith(warning) for line in built.output.splitlines()), built.output
    assert "plural form" not in built.output
    email = (example / "build/recommendations/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "3 séries que vous suivez ont de nouveaux épisodes." in email
    assert "1 nouvel épisode" in email

    status = json.loads(cli(example, "l10n-status", "--json").stdout)
    fr = next(row for row in status["locales"] if row["locale"] == "fr_FR")
    assert fr["refused"] == 0

    assert cli(example, "update").exit_code == 0
    updated = po.read_text(encoding="utf-8")
    assert f'"Plural-Forms: {RULE}\\n"' in updated
    assert "msgstr[2]" not in updated
    assert 'msgstr[1] "%(count)s séries que vous suivez ont de nouveaux épisodes."' in updated


def test_a_nul_in_the_header_is_located_and_update_keeps_the_file(example: Path, cli) -> None:
    po = example / PO
    text = po.read_text(encoding="utf-8").replace(
        'msgstr ""\n"Project', 'msgstr "\x00"\n"Project', 1
    )
    po.write_text(text, encoding="utf-8")
    line = text[: text.index("\x00")].count("\n") + 1
    error = (
        f"{PO}:{line}: the header holds the control character '\\x00' (a damaged file?); "
        "gettext's tools cannot read its fields: delete it [error: catalog.syntax]"
    )
    built = cli(example, "build", "--no-screenshots", "--campaign", "recommendations")
    assert built.exit_code == 1
    assert any(shown.startswith(error) for shown in built.output.splitlines()), built.output
    assert "plural form" not in built.output  # the header's own rule is still read
    email = (example / "build/recommendations/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "3 séries que vous suivez ont de nouveaux épisodes." in email

    before = po.read_bytes()
    updated = cli(example, "update")
    assert updated.exit_code == 1
    assert updated.output.splitlines()[:2] == [
        error,
        f"{PO}: no catalog was updated: fix the lines above first (an update would lose them) "
        "[error: catalog.syntax]",
    ]
    assert po.read_bytes() == before


def test_an_empty_plural_form_is_named_once(example: Path, cli) -> None:
    """'plural form 1 is empty ...; translate every form (plural form 0)': the finding is the
    entry's, and was suffixed with the form it was reported on."""
    po = example / PO
    text = po.read_text(encoding="utf-8")
    old = 'msgstr[1] "%(count)s nouveaux épisodes"'
    po.write_text(text.replace(old, 'msgstr[1] ""'), encoding="utf-8")
    line = text[: text.index(old)].count("\n") - 2  # the entry's msgid line
    result = cli(example, "l10n-status")
    assert (
        f"{PO}:{line}: '%(count)s new episode': plural form 1 is empty while others are "
        "translated (it would show nothing); translate every form; the source text is used "
        "[error: catalog.plural-forms]"
    ) in result.output.splitlines()
