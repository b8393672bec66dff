"""The button label locator (`layout.button-wrap`'s .po line) on translations with placeholders:
a placeholder stands for a filled-in value, so it never matches nothing, and of the entries a
label matches the most specific wins (no placeholder, then fewer, then more literal text), so
`Regarder` is its own entry, not `Regarder %(title)s`'s. Each case adds entries to the
example's real French catalog and asks the locator the build uses."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.shots.label_lines import label_locator

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
ENTRIES = {
    "Watch %(title)s": "Regarder %(title)s",
    "Watch %(title)s now": "Regarder %(title)s maintenant",
    "%(percent)s off": "%(percent)s de réduction",
    "Get 20% off": "Profitez de 20 %% de réduction",
    "%(name)s, watch %(title)s": "%(name)s, regardez %(title)s",
    "Watch %(title)s tonight": "Regarder %(title)s ce soir",
    "Tonight: %(title)s": "Ce soir : %(title)s",
}


@pytest.fixture
def lines(example: Path) -> dict[str, int]:
    """The entries added to the French catalog, each msgstr with its msgid's line; "Watch now"
    ("Regarder") is the catalog's own."""
    path = example / FR
    text = path.read_text(encoding="utf-8")
    for msgid, msgstr in ENTRIES.items():
        text += f'\n#, python-format\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    path.write_text(text, encoding="utf-8")
    found = {}
    for n, line in enumerate(text.splitlines(), 1):
        if line.startswith('msgstr "'):
            found[line[len('msgstr "') : -1]] = n - 1
    return found


@pytest.mark.parametrize(
    ("label", "entry"),
    [
        ("Regarder", "Regarder"),  # its own entry: `Regarder %(title)s` needs a title
        ("REGARDER DUNE", "Regarder %(title)s"),
        ("Regarder Dune maintenant", "Regarder %(title)s maintenant"),  # more literal text
        ("Regarder Dune ce soir", "Regarder %(title)s ce soir"),
        ("-20 % de réduction", "%(percent)s de réduction"),
        ("Profitez de 20 % de réduction", "Profitez de 20 %% de réduction"),  # no placeholder
        ("Marie, regardez Dune", "%(name)s, regardez %(title)s"),
        ("Ce soir : Dune", "Ce soir : %(title)s"),
    ],
)
def test_a_label_is_located_at_its_most_specific_entry(example, lines, label, entry):
    locate = label_locator(example, "fr_FR", "en_US")
    assert locate(label) == (FR, lines[entry])


@pytest.mark.parametrize(
    "label",
    [
        "de réduction",  # a placeholder never stands for nothing
        "! de réduction",  # nor for punctuation alone
        ", regardez Dune",  # the name is missing
        "Ce soir :",
        "Regarder Dune demain",  # `Regarder %(title)s` fits, so it is that one
    ],
)
def test_a_placeholder_matches_a_value_not_nothing(example, lines, label):
    locate = label_locator(example, "fr_FR", "en_US")
    expected = (FR, lines["Regarder %(title)s"]) if label.startswith("Regarder") else None
    assert locate(label) == expected


def test_two_entries_as_specific_as_each_other_leave_the_label_at_the_preview(example, lines):
    path = example / FR
    text = path.read_text(encoding="utf-8")
    extra = (
        '\n#, python-format\nmsgid "Watch %(show)s now"\nmsgstr "Regarder %(show)s maintenant"\n'
    )
    path.write_text(text + extra, encoding="utf-8")
    locate = label_locator(example, "fr_FR", "en_US")
    assert locate("Regarder Dune maintenant") is None  # two entries alike: not guessed
    assert locate("Regarder") == (FR, lines["Regarder"])


def test_the_catalog_is_read_as_the_build_reads_it(example, lines, capsys):
    path = example / FR
    text = path.read_text(encoding="utf-8")
    text += '\nmsgid "Start watching"\nmsgstr "Commencez \\140 regarder"\n'  # \140: a backquote
    text += '\nmsgid "Watch the trailer"\nmsgstr "Voir \\x6c\\x61 bande-annonce"\n'  # la
    text += '\nmsgid "Watch again"\nmsgstr "Revoir le film\n'  # unterminated: left out
    path.write_text(text, encoding="utf-8")
    locate = label_locator(example, "fr_FR", "en_US")
    line = text.splitlines().index('msgid "Watch the trailer"') + 1
    assert locate("Voir la bande-annonce") == (FR, line)  # the escapes read as gettext does
    assert locate("Commencez ` regarder") == (FR, line - 3)
    assert locate("Revoir le film") is None  # the build shows the source text there
    assert capsys.readouterr().out == ""  # no parser warning printed into a build's output
