"""catalog.numbers.misread: a number kept in the source's writing that a reader of the locale
reads as another number ("1,500" in French is 1,5; "1.500" in German is 1500) is refused, and
the email shows the source text; the locale's own writing, numbers that read the same in both
(years, times, 4K, versions) and a price written the source's way that the locale cannot read
as one number ("9.99" in French) pass. The example's real campaign and catalogs say it."""

from __future__ import annotations

from pathlib import Path

import pytest

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.text import check_number_reading, check_numbers

CAMPAIGN = "campaigns/winback.yaml"
PO = "locales/{}/LC_MESSAGES/messages.po"
INTRO_ID = "\"Since you left, we've added hundreds of new series and films, and your profiles, "
INTRO_FR = '"Depuis votre départ, nous avons ajouté des centaines de séries et de films. Vos '
INTRO_DE = '"Seit du weg bist, sind Hunderte neue Serien und Filme dazugekommen – und deine '
LABEL = '"Since you left, we\'ve added 1,500 new series an..."'
NNBSP = "\u202f"


def edit(project: Path, rel: str, old: str, new: str) -> None:
    path = project / rel
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def with_1500(project: Path, fr: str, de: str) -> None:
    """The win-back intro says "1,500 new series"; French and German write it `fr` and `de`."""
    edit(project, CAMPAIGN, "added hundreds of new", "added 1,500 new")
    for po in project.glob(PO.format("*")):  # the msgid, and the English catalogs' msgstr
        po.write_text(
            po.read_text(encoding="utf-8").replace("added hundreds of new", "added 1,500 new"),
            encoding="utf-8",
        )
    edit(
        project,
        PO.format("fr_FR"),
        INTRO_FR,
        INTRO_FR.replace("des centaines de séries et de films", f"{fr} séries et films"),
    )
    edit(project, PO.format("de_DE"), INTRO_DE, INTRO_DE.replace("Hunderte", de))


def intro_line(project: Path, locale: str) -> int:
    text = (project / PO.format(locale)).read_text(encoding="utf-8")
    return text[: text.index(INTRO_ID.replace("hundreds of", "1,500"))].count("\n")


def misread(output: str) -> list[str]:
    return [x for x in output.splitlines() if x.endswith("catalog.numbers.misread]")]


def test_1500_kept_as_written_in_french_and_german_is_refused(example, cli):
    with_1500(example, fr="1,500", de="1,500")
    result = cli(example, "l10n-status")
    assert result.exit_code == 1, result.output
    fr, de = PO.format("fr_FR"), PO.format("de_DE")
    assert misread(result.output) == [
        f"{fr}:{intro_line(example, 'fr_FR')}: {LABEL}: a French reader reads 1,500 as 1,5: "
        f"write 1{NNBSP}500; the source text is used [error: catalog.numbers.misread]",
        f"{de}:{intro_line(example, 'de_DE')}: {LABEL}: a German reader reads 1,500 as 1,5: "
        "write 1.500; the source text is used [error: catalog.numbers.misread]",
    ]
    built = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "catalog.numbers.misread" in built.output
    text = (example / "build/winback/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "Since you left, we've added 1,500 new series" in text
    assert "Depuis votre départ" not in text


def test_1500_as_each_locale_writes_it_is_used(example, cli):
    with_1500(example, fr=f"1{NNBSP}500", de="1.500")
    result = cli(example, "l10n-status")
    # the other catalogs still say "hundreds" (catalog.numbers): French and German are the case
    files = (PO.format("fr_FR"), PO.format("de_DE"))
    assert [x for x in result.output.splitlines() if x.startswith(files)] == []
    built = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert built.exit_code == 0, built.output
    text = (example / "build/winback/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert f"nous avons ajouté 1{NNBSP}500 séries" in text


@pytest.mark.parametrize(
    ("locale", "source", "text", "found"),
    [
        ("fr_FR", "1,000 titles", "1,000 titres", "a French reader reads 1,000 as 1: write 1\u202f000"),
        ("de_DE", "1.5 GB", "1.500 GB", "a German reader reads 1.500 as 1500: write 1,5"),
        ("pt_BR", "Only 12.345 left", "Só restam 12.345", "a Portuguese reader reads 12.345 as 12345: write 12,345"),
        ("it_IT", "1,500 titles", "1,500 titoli", "an Italian reader reads 1,500 as 1,5: write 1.500"),
    ],
)  # fmt: skip
def test_the_reader_the_value_read_and_the_right_writing_are_named(locale, source, text, found):
    pair = Pair(source, text, Policy(locale=locale))
    assert [f.text for f in check_number_reading(pair)] == [found]
    assert list(check_numbers(pair)) == []  # the number is there, written the source's way


@pytest.mark.parametrize(
    ("locale", "source", "text"),
    [
        ("fr_FR", "Only 9.99 a month", "Seulement 9.99 par mois"),  # not one French number
        ("fr_FR", "Only 9.99 a month", "Seulement 9,99 par mois"),
        ("fr_FR", "1.5 hours", "1,5 heure"),
        ("fr_FR", "1,500,000 members", "1,500,000 membres"),  # read in pieces: foreign, not misread
        ("fr_FR", "Version 2.0.1, on 11/28/2026 at 10:30", "Version 2.0.1, le 28/11/2026 à 10:30"),
        ("fr_FR", "in 4K, since 2026, 12 months", "en 4K, depuis 2026, 12 mois"),
        ("de_DE", "Only 9.99", "Nur 9.99"),
        ("de_DE", "1,500 titles", "1.500 Titel"),
        ("es_MX", "1,500 titles", "1,500 títulos"),  # Mexico writes it as the source does
        ("ja_JP", "1,500 titles", "1,500本の作品"),
        ("en_GB", "1,500 titles", "1,500 titles"),
        ("ar_SA", "1,500 titles", "١٬٥٠٠ عنوان"),
        ("fr_FR", "Call 1-800-555-0199", "Appelez le 1-800-555-0199"),
        ("fr_FR", "See https://streamly.example/1,500", "Voir https://streamly.example/1,500"),
    ],
)
def test_numbers_a_reader_reads_the_same_pass(locale, source, text):
    assert list(check_number_reading(Pair(source, text, Policy(locale=locale)))) == []
