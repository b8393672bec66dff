"""catalog.numbers reads the text a reader sees: an invisible character, a reference to one,
a thin or no-break space or a tag between a digit and a placeholder no longer hides the digit
(`1\\u00ad%(price)s` showed 197,08 €, `1\\u2009%(price)s` '1 97,08 €', one number). And the
source's own digits next to a placeholder may be written with the locale's separator
(`%(hour)s:00` -> `%(hour)s.00`), and a minus before an amount of savings is the French
discount form (`Économisez -%(savings)s`)."""

from __future__ import annotations

import pytest

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.placeholder_numbers import check_placeholder_numbers

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
PRICE = "Get 12 months of Streamly Premium for %(price)s instead of %(regular)s."
FRENCH = "Profitez de 12 mois de Streamly Premium pour %(price)s au lieu de %(regular)s."
WHY = (
    ": a digit or sign written against a placeholder changes the number the reader sees (the "
    "source has none there); write the placeholder as the source does"
)


@pytest.mark.parametrize(
    ("translation", "written"),
    [
        (
            "pour 1\u00ad%(price)s au lieu de %(regular)s&#8203;0.",
            "'1\\xad%(price)s', '%(regular)s&#8203;0'",
        ),
        ("pour 1\u2009%(price)s au lieu de %(regular)s.", "'1\\u2009%(price)s'"),
        ("pour 1\u202f%(price)s au lieu de %(regular)s.", "'1\\u202f%(price)s'"),
        (
            "pour 1<strong>%(price)s</strong> au lieu de <em>%(regular)s</em>0.",
            "'1<strong>%(price)s', '%(regular)s</em>0'",
        ),
    ],
)
def test_a_digit_hidden_from_the_check_is_refused(example, cli, translation, written):
    po = example / FR
    text = po.read_text(encoding="utf-8")
    line = text[: text.index(f'msgid "{PRICE}"')].count("\n") + 1
    changed = FRENCH.replace("pour %(price)s au lieu de %(regular)s.", translation)
    po.write_text(text.replace(FRENCH, changed), encoding="utf-8")
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "black_friday", "--locale", "fr_FR"
    )
    assert (
        f"{FR}:{line}: 'Get 12 months of Streamly Premium for %(price)s...': {written}{WHY}; "
        "the source text is used [error: catalog.numbers] (2 jobs: black_friday/fr_FR/a, "
        "black_friday/fr_FR/b)"
    ) in result.output.splitlines()
    html = (example / "build/black_friday/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "Get 12 months of Streamly Premium for 97,08&nbsp;€ instead of 161,88&nbsp;€." in html


@pytest.mark.parametrize(
    ("source", "translation", "written"),
    [
        ("Only %(price)s", "Seulement 1&#x200B;%(price)s", "'1&#x200B;%(price)s'"),
        ("Only %(price)s", "Seulement 1&nbsp;%(price)s", "'1&nbsp;%(price)s'"),
        ("Only %(price)s", "Seulement 1\u2060\u2007%(price)s", "'1\\u2060\\u2007%(price)s'"),
        ("Starts at %(hour)s:00", "Beginnt um %(hour)s.30 Uhr", "'%(hour)s.30'"),
        ("Save %(price)s", "Économisez -%(price)s", "'-%(price)s'"),
    ],
)
def test_what_the_reader_sees_against_a_placeholder(source, translation, written) -> None:
    found = list(check_placeholder_numbers(Pair(source, translation, Policy())))
    assert [f.text for f in found] == [written + WHY]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Starts at %(hour)s:00", "Beginnt um %(hour)s.00 Uhr"),
        ("Starts at %(hour)s:00", "Commence à %(hour)s h 00"),
        ("Save %(savings)s", "Économisez -%(savings)s"),
        ("Save %(discount)s today", "-%(discount)s aujourd'hui"),
        ("Only 2 %(unit)s", "Plus que 2 <em>%(unit)s</em>"),
        ('<a href="%(url)s">Open</a>', '<a href="%(url)s">Ouvrir</a>'),
    ],
)
def test_the_sources_digits_and_a_discount_minus_pass(source, translation) -> None:
    assert list(check_placeholder_numbers(Pair(source, translation, Policy()))) == []
