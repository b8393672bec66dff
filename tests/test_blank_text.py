"""Text that shows nothing (spaces, zero-width characters, soft hyphens) is no subject,
preheader or translation: an empty one is already refused, an invisible one was accepted and
made a blank line in the inbox."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mailglot.invisible import shows_nothing
from tests.test_translation_policy import PO, RENEWAL, plant, status_json

PREHEADER = 'msgstr "Aucune action requise. Voici le récapitulatif de votre abonnement."'


@pytest.mark.parametrize(
    "text, blank",
    [
        ("\u200b\u200c\u200d\u2060\ufeff\u00ad \t\u00a0\u3000", True),
        ("\u3164", True),  # a Hangul filler: a letter, drawn as nothing
        ("", False),  # empty is told apart (its own message)
        ("\u200bA", False),
        ("\u0301", False),  # a lone accent shows
        ("·", False),
        ("\u06dd", False),  # ARABIC END OF AYAH: a format character with a glyph
        ("\u0600\u0601\u0602\u0603\u0604\u0605\u070f\u0890\u0891\u08e2", False),
        ("\U000110bd \U000110cd", False),  # the Kaithi number signs
        ("\u200b\u06dd", False),
        ("\ufe0f", True),  # a variation selector alone: it only picks how the one before looks
        ("\ufe00\ufe0e\U000e0100\U000e01ef\u180b\u180f \u200b", True),
        ("\u2764\ufe0f", False),  # with the heart it selects
    ],
)
def test_what_shows_nothing(text: str, blank: bool) -> None:
    assert shows_nothing(text) is blank


def test_a_translation_that_shows_nothing_is_refused_like_a_broken_one(example: Path, cli):
    """'   ' as the French preheader passed with a whitespace warning, and a soft hyphen alone
    as the French subject with none: both reached the inbox as blank text."""
    preheader = plant(example, PREHEADER, 'msgstr "   "')
    po = example / PO
    po.write_text(
        po.read_text(encoding="utf-8").replace(
            'msgstr "Renouvellement prévu le {renewal_date}"', 'msgstr "\u00ad\u200b"'
        ),
        encoding="utf-8",
    )
    subject = preheader - 5
    exit_code, problems, _ = status_json(example, cli)
    assert exit_code == 1
    assert [(p["line"], p["code"], p["severity"], p["message"]) for p in problems] == [
        (
            subject,
            "catalog.blank",
            "error",
            "'Your plan renews on {renewal_date}': the translation shows nothing (only U+00AD "
            "SOFT HYPHEN, U+200B ZERO WIDTH SPACE), the source text does; the source text is "
            "used",
        ),
        (
            preheader,
            "catalog.blank",
            "error",
            '"No action needed. Here\'s a summary of your plan.": the translation shows nothing '
            "(only U+0020 SPACE), the source text does; the source text is used",
        ),
    ]
    result = cli(example, "l10n-status")
    assert (
        "    fix: write the translation in visible words, or leave it empty until it is "
        "translated\n" in result.output
    )
    result = cli(example, *RENEWAL)
    assert result.exit_code == 1
    assert f"{PO}:{subject}: 'Your plan renews on {{renewal_date}}': the translation" in (
        result.output
    )
    meta = json.loads((example / "build/renewal/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    assert meta["subject"].startswith("Your plan renews on ")
    assert meta["preheader"] == "No action needed. Here's a summary of your plan."
