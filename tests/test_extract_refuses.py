"""`extract` writes no .pot while a source cannot be read, so `update` never turns the
translations of that source's strings into obsolete entries (a template with a syntax error
used to be skipped without a word: 6 strings obsolete in every catalog)."""

from __future__ import annotations

import json
from pathlib import Path

import unreadable

POT = "locales/messages.pot"
REFUSED = (
    "mailglot: no .pot written (locales/messages.pot left as it was): {n}; "
    "fix the lines above first (an update would make their translations obsolete)"
)


def _lines(result) -> list[str]:
    return [line.rstrip() for line in result.output.splitlines()]


def test_a_template_with_a_syntax_error_is_located_and_no_pot_is_written(example: Path, cli):
    assert cli(example, "extract").exit_code == 0
    pot = (example / POT).read_bytes()
    template = example / "templates/winback.mjml.j2"
    lines = template.read_text(encoding="utf-8").count("\n")
    template.write_text(template.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    result = cli(example, "extract")
    assert result.exit_code == 1
    assert _lines(result) == [
        f"templates/winback.mjml.j2:{lines + 1}: syntax error: expected an expression, got "
        "'%}' [error: template]",
        REFUSED.format(n="1 source could not be parsed"),
    ]
    assert (example / POT).read_bytes() == pot
    document = json.loads(cli(example, "extract", "--json").stdout)
    assert document["ok"] is False
    assert document["summary"]["written"] is False and document["summary"]["unread"] == 1
    # the catalogs keep every translation of the template's strings
    update = cli(example, "update")
    assert update.exit_code == 0, update.output
    assert "fr_FR: 0 new, 0 to review (fuzzy), 0 obsolete (unchanged)" in _lines(update)


def test_a_template_that_is_not_utf8_is_located(example: Path, cli):
    (example / "templates/partials/latin1.mjml.j2").write_bytes(
        b"<mj-text>\n{{ _('Caf\xe9') }}</mj-text>\n"
    )
    result = cli(example, "extract")
    assert result.exit_code == 1
    assert _lines(result) == [
        "templates/partials/latin1.mjml.j2:2: byte 0xe9 (column 10) is not UTF-8 text; save the "
        "file as UTF-8 [error: template]",
        REFUSED.format(n="1 source could not be parsed"),
    ]


def test_a_yaml_error_writes_no_pot_either(example: Path, cli):
    pot = (example / POT).read_bytes()
    campaign = example / "campaigns/renewal.yaml"
    campaign.write_text(campaign.read_text(encoding="utf-8") + "x: [\n", encoding="utf-8")
    result = cli(example, "extract")
    assert result.exit_code == 1
    assert _lines(result)[-1] == REFUSED.format(n="1 source could not be parsed")
    assert (example / POT).read_bytes() == pot


def test_unreadable_templates_and_folders_are_located(example: Path):
    pot = (example / POT).read_bytes()
    (example / "templates/winback.mjml.j2").chmod(0)
    (example / "templates/partials").chmod(0)
    try:
        result = unreadable.run(example, "extract")
    finally:
        (example / "templates/winback.mjml.j2").chmod(0o644)
        (example / "templates/partials").chmod(0o755)
    assert result.returncode == 1, result.stdout
    assert unreadable.lines(result) == [
        "templates/winback.mjml.j2: cannot read: Permission denied [error: extract]",
        "templates/partials/: cannot read: Permission denied [error: extract]",
        REFUSED.format(n="2 sources could not be read"),
    ]
    assert (example / POT).read_bytes() == pot


def test_update_says_which_file_it_cannot_read(example: Path):
    po = example / "locales/fr_FR/LC_MESSAGES/messages.po"
    before = po.read_bytes()
    (example / POT).chmod(0)
    try:
        result = unreadable.run(example, "update")
    finally:
        (example / POT).chmod(0o644)
    assert result.returncode == 1
    assert unreadable.lines(result) == [
        "locales/messages.pot: cannot read: Permission denied [error: catalog.syntax]"
    ]
    po.chmod(0)
    try:
        result = unreadable.run(example, "update")
    finally:
        po.chmod(0o644)
    assert result.returncode == 1
    assert unreadable.lines(result) == [
        "locales/fr_FR/LC_MESSAGES/messages.po: cannot read: Permission denied "
        "[error: catalog.syntax]",
        "locales/fr_FR/LC_MESSAGES/messages.po: no catalog was updated: fix the lines above "
        "first (an update would lose them) [error: catalog.syntax]",
    ]
    assert po.read_bytes() == before
