from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import add_market


def test_status_of_the_example_is_complete(example: Path, cli):
    result = cli(example, "l10n-status", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["ok"] is True
    fr = next(s for s in data["locales"] if s["locale"] == "fr_FR")
    assert fr["percent"] == 100.0 and fr["untranslated"] == 0 and fr["problems"] == []


def test_strict_fails_on_untranslated_and_lists_them(example: Path, cli):
    po = example / "locales/pt_BR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Assistir agora"', 'msgstr ""'), encoding="utf-8")
    line = text.splitlines().index('msgstr "Assistir agora"')  # the msgid is the line before
    assert cli(example, "l10n-status").exit_code == 0
    result = cli(example, "l10n-status", "--strict")
    assert result.exit_code == 1
    assert (
        f"locales/pt_BR/LC_MESSAGES/messages.po:{line}: warning: 'Watch now': untranslated "
        "[l10n.missing]" in result.output
    )
    assert "pt_BR   56          0      1             0        0         98%" in result.output


def test_missing_catalog_is_reported(example: Path, cli):
    add_market(example, "IT", "it_IT", "Europe/Rome", "EUR")
    result = cli(example, "l10n-status", "--strict")
    assert result.exit_code == 1
    assert (
        "locales/it_IT/LC_MESSAGES/messages.po: warning: no catalog: "
        "`mailglot add-locale it_IT` starts one [catalog.missing]"
    ) in result.output
