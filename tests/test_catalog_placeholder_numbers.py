"""catalog.numbers: a digit or sign a translation writes against a placeholder changes the
number the reader sees (`1%(price)s` showed 197,08 € for 97,08 €) and is refused, the source
text used; what real translations write next to a placeholder (a unit, a range the source has
too, a French discount `-%(percent)s`) is not. The check reads the text a reader sees: an
invisible character, a reference to one, a thin or no-break space or a tag between a digit
and a placeholder does not hide the digit (`1\\u00ad%(price)s` showed 197,08 €); the source's
own digits next to a placeholder may be written with the locale's separator
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
        ("pour 1%(price)s au lieu de %(regular)s0.", "'1%(price)s', '%(regular)s0'"),
        ("pour -%(price)s au lieu de %(regular)s.", "'-%(price)s'"),
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
def test_a_price_changed_against_its_placeholder_is_refused(example, cli, translation, written):
    po = example / FR
    text = po.read_text(encoding="utf-8")
    assert text.count(f'msgstr "{FRENCH}"') == 1
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
        ("%(count)s left", "%(count)s,5 restants", "'%(count)s,5'"),
        ("%(count)s left", "٣%(count)s متبقية", "'٣%(count)s'"),
        ("{price} only", "{price}9 seulement", "'{price}9'"),
        ("%(count)s more", "+%(count)s de plus", "'+%(count)s'"),
        ("Save %(price)s", "Sparen Sie ±%(price)s", "'±%(price)s'"),
        ("From %(a)s", "Ab 1.%(a)s", "'1.%(a)s'"),
        ("Only %(price)s", "Seulement 1&#x200B;%(price)s", "'1&#x200B;%(price)s'"),
        ("Only %(price)s", "Seulement 1&nbsp;%(price)s", "'1&nbsp;%(price)s'"),
        ("Only %(price)s", "Seulement 1\u2060\u2007%(price)s", "'1\\u2060\\u2007%(price)s'"),
        ("Starts at %(hour)s:00", "Beginnt um %(hour)s.30 Uhr", "'%(hour)s.30'"),
        ("Save %(price)s", "Économisez -%(price)s", "'-%(price)s'"),
    ],
)
def test_digits_and_signs_against_a_placeholder(source, translation, written) -> None:
    found = list(check_placeholder_numbers(Pair(source, translation, Policy())))
    assert [f.text for f in found] == [written + WHY]
    assert [f.code for f in found] == ["catalog.numbers"]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("%(percent)s off a whole year", "-%(percent)s sur un an d'abonnement"),
        ("Black Friday: {percent}% off", "Black Friday : -{percent} % sur un an"),
        ("Come back for {value}% off", "-{value} % pour votre retour"),
        ("%(count)s times", "%(count)s× plus"),
        ("No. %(n)s", "N°%(n)s"),
        ("Item %(n)s", "#%(n)s"),
        ("%(percent)s off", "%(percent)s %"),
        ("%(n)s items", "%(n)s件"),
        ("%(n)s items", "%(n)s 件のアイテム、合計 3 件"),
        ("from %(a)s to %(b)s", "%(a)s–%(b)s"),
        ("%(a)s-%(b)s", "%(a)s–%(b)s"),
        ("Episode %(n)s.", "Épisode %(n)s."),
        ("E-%(code)s", "E-%(code)s"),
        ("Only 2 %(unit)s", "Plus que 2 %(unit)s"),
        ("%(count)s0 points", "%(count)s0 points"),
        ("Starts at %(hour)s:00", "Beginnt um %(hour)s.00 Uhr"),
        ("Starts at %(hour)s:00", "Commence à %(hour)s h 00"),
        ("Save %(savings)s", "Économisez -%(savings)s"),
        ("Save %(discount)s today", "-%(discount)s aujourd'hui"),
        ("Only 2 %(unit)s", "Plus que 2 <em>%(unit)s</em>"),
        ('<a href="%(url)s">Open</a>', '<a href="%(url)s">Ouvrir</a>'),
    ],
)
def test_what_real_translations_write_next_to_a_placeholder(source, translation) -> None:
    assert list(check_placeholder_numbers(Pair(source, translation, Policy()))) == []
