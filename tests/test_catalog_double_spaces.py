"""catalog.double-spaces: two spaces in a row inside a translation, where the source has fewer
such gaps, is a warning (the translation is used); a plain space typed next to a French
no-break space is one too, while French typography's single no-break spaces, a source's own
double spaces and the indentation of a multi-line text are not. Each case edits the example's
real catalog and reads what `l10n-status` prints."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.double_spaces import check_double_spaces

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
TAGLINE = 'msgstr "Toutes les séries, tous les films, en 4K, pendant un an."'
LABEL = "'Every series, every film, in 4K, for a whole year.'"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def tagline_findings(project: Path, cli) -> tuple[int, int, list[str]]:
    """(exit code, the tagline entry's line, what `l10n-status` prints for it)."""
    text = (project / FR).read_text(encoding="utf-8")
    line = text[: text.index('msgid "Every series, every film')].count("\n") + 1
    result = cli(project, "l10n-status")
    return (
        result.exit_code,
        line,
        [x for x in result.output.splitlines() if x.startswith(f"{FR}:{line}: ")],
    )


def test_a_double_space_is_a_warning_and_the_translation_is_used(example, cli):
    edit(example, FR, TAGLINE, TAGLINE.replace("séries, tous", "séries,  tous"))
    code, line, found = tagline_findings(example, cli)
    assert code == 0
    assert found == [
        f"{FR}:{line}: warning: {LABEL}: two or more spaces in a row at 1 place(s): "
        "'séries,  tous' (the source text has none) [catalog.double-spaces]"
    ]


def test_a_space_left_beside_a_french_no_break_space_is_found(example, cli):
    edit(example, FR, TAGLINE, TAGLINE.replace("pendant un an.", "pendant un an \u202f!"))
    _, line, found = tagline_findings(example, cli)
    assert [x for x in found if "double-spaces" in x] == [
        f"{FR}:{line}: warning: {LABEL}: two or more spaces in a row at 1 place(s): 'an \\u202f!' (the source text "
        "has none) [catalog.double-spaces]"
    ]


def test_french_no_break_spaces_alone_are_fine(example, cli):
    edit(example, FR, TAGLINE, TAGLINE.replace("pendant un an.", "pendant un an\u202f!"))
    edit(
        example,
        FR,
        'msgstr "Black Friday\u00a0: -{percent}\u00a0% sur un an"',
        'msgstr "Black Friday\u00a0: -{percent}\u00a0% sur un an, «\u00a0Premium\u00a0»"',
    )
    result = cli(example, "l10n-status")
    assert result.exit_code == 0, result.output
    assert "catalog.double-spaces" not in result.output


@pytest.mark.parametrize(
    ("source", "text", "found"),
    [
        ("Hello there", "Bonjour   là", "'Bonjour   là'"),
        ("a b c d", "a  b  c  d  e", "'a  b', 'b  c', 'c  d'..."),
        ("Watch now", "Regardez\u3000\u3000maintenant", "'Regardez\\u3000\\u3000maintenant'"),
        ("Watch now", "Regardez\t maintenant", "'Regardez\\t maintenant'"),
    ],
)
def test_every_gap_of_spaces_counts(source, text, found) -> None:
    [finding] = check_double_spaces(Pair(source, text, Policy(locale="fr_FR")))
    assert finding.text.split(": ", 1)[1] == f"{found} (the source text has none)"


@pytest.mark.parametrize(
    ("source", "text"),
    [
        ("Price:  9.99", "Prix\u00a0:  9,99"),  # the source's own gap
        ("Line one\n  indented", "Ligne un\n  en retrait"),
        ("Line one\nline two", "Ligne un\n   ligne deux"),  # a line's indentation is layout
        ("Line one\nline two", "Ligne un  \nligne deux"),
        ("Watch now", "  Regardez maintenant"),  # the start: catalog.whitespace's
        ("Watch now", "Regardez maintenant  "),
        ("Watch now", "Regardez\u202fmaintenant\u00a0!"),
        ("Watch now", "今すぐ\u3000観る"),
    ],
)
def test_single_spaces_line_edges_and_the_sources_own_gaps_pass(source, text) -> None:
    assert list(check_double_spaces(Pair(source, text, Policy(locale="fr_FR")))) == []


# `l10n-status --fix`

INTRO = (
    'msgstr ""\n'
    '"Depuis votre départ, nous avons ajouté des centaines de séries et de films. Vos profils, votre "\n'
    '"liste et votre historique de visionnage sont toujours là."\n'
)


def test_fix_closes_each_gap_and_changes_nothing_else(example, cli):
    before = (example / FR).read_text(encoding="utf-8")
    # a gap inside one chunk, a plain space left before a French no-break space, two plain
    # spaces before a mark (closed, then spaced the French way), and a gap across the two
    # quoted chunks of a wrapped msgstr
    edit(example, FR, TAGLINE, TAGLINE.replace("séries, tous", "séries,  tous"))
    edit(example, FR, TAGLINE.replace("séries, tous", "séries,  tous"),
         'msgstr "Toutes les séries,  tous les films \u202f: en 4K  ! pendant un an."')  # fmt: skip
    edit(example, FR, INTRO, INTRO.replace('"liste et', '" liste et'))
    result = cli(example, "l10n-status", "--fix")
    assert f"{FR}: fixed 2 entr(y/ies)" in result.output
    assert result.exit_code == 0, result.output
    assert "catalog.double-spaces" not in result.output
    after = (example / FR).read_text(encoding="utf-8")
    fixed = 'msgstr "Toutes les séries, tous les films\u202f: en 4K\u202f! pendant un an."'
    assert fixed in after
    assert after.replace(fixed, TAGLINE) == before  # the wrapped msgstr is back as it was


def test_fix_leaves_gaps_alone_where_the_source_has_its_own(example, cli):
    # the source writes two spaces somewhere: which of the translation's gaps is the extra one
    # cannot be told, so the warning stays and the file is not rewritten
    campaign = example / "campaigns/black_friday.yaml"
    old = "Every series, every film, in 4K, for a whole year."
    new = "Every series,  every film, in 4K, for a whole year."
    campaign.write_text(campaign.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    for po in example.glob("locales/*/LC_MESSAGES/messages.po"):
        text = po.read_text(encoding="utf-8").replace(f'msgid "{old}"', f'msgid "{new}"')
        po.write_text(text.replace(f'msgstr "{old}"', f'msgstr "{new}"'), encoding="utf-8")
    edit(
        example,
        FR,
        TAGLINE,
        TAGLINE.replace("séries, tous les films,", "séries,  tous  les  films,"),
    )
    before = (example / FR).read_bytes()
    result = cli(example, "l10n-status", "--fix")
    assert (example / FR).read_bytes() == before
    text = before.decode("utf-8")
    line = text[: text.index(f'msgid "{new}"')].count("\n") + 1
    assert [x for x in result.output.splitlines() if x.endswith("[catalog.double-spaces]")] == [
        f"{FR}:{line}: warning: 'Every series,  every film, in 4K, for a whole y...': two or more "
        "spaces in a row at 3 place(s): 'séries,  tous', 'tous  les', 'les  films,' (the source "
        "text has 1) [catalog.double-spaces]"
    ]
