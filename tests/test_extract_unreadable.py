"""extract with a locales/messages.pot that cannot be read: a located error and the .pot left
as it is (it was a traceback). Permissions apply only without root's override
(tests/unreadable.py)."""

from __future__ import annotations

import json
from pathlib import Path

import unreadable

POT = "locales/messages.pot"


def test_an_unreadable_pot_is_named_and_left_as_it_is(example: Path):
    pot = example / POT
    before = pot.read_bytes()
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(text + '{{ _("A string the .pot lacks") }}\n', encoding="utf-8")
    pot.chmod(0)
    try:
        result = unreadable.run(example, "extract")
        as_json = unreadable.run(example, "extract", "--json")
    finally:
        pot.chmod(0o644)
    assert result.returncode == 1
    assert unreadable.lines(result) == [
        "locales/messages.pot: cannot read: Permission denied; no .pot written [error: unreadable]"
    ]
    assert as_json.returncode == 1
    findings = json.loads(as_json.stdout)["findings"]
    assert [(f["path"], f["code"], f["message"]) for f in findings] == [
        (POT, "unreadable", "cannot read: Permission denied; no .pot written")
    ]
    assert pot.read_bytes() == before


def test_sources_read_but_invalid_are_told_apart_from_unreadable_ones(example: Path):
    """A template with a syntax error was read: it could not be parsed."""
    broken = example / "templates/winback.mjml.j2"
    broken.write_text(broken.read_text(encoding="utf-8") + "{% if %}\n", encoding="utf-8")
    locked = example / "templates/renewal.mjml.j2"
    locked.chmod(0)
    try:
        result = unreadable.run(example, "extract")
    finally:
        locked.chmod(0o644)
    assert result.returncode == 1
    assert unreadable.lines(result)[-1] == (
        "mailglot: no .pot written (locales/messages.pot left as it was): 1 source could not "
        "be read and 1 could not be parsed; fix the lines above first (an update would make "
        "their translations obsolete)"
    )
