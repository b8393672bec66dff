"""catalog.markup: typographic tags (`l10n.typographic_tags`) set a few letters, they cannot
shrink a text away. Eight nested `<sub>` around "Unsubscribe" made the footer link 3 px tall
with no finding; nested typographic tags and a shrinking tag around the whole text are refused
(the source text is used) unless the source has them so."""

from __future__ import annotations

import pytest
from lxml import html as lxml_html

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.typographic import check_typographic

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
NESTED = (
    "<sub> inside <sub>: nested typographic tags shrink or stack the text, which the source "
    "does not do; put each tag once around the words it sets"
)


def whole(tag: str) -> str:
    return (
        f"the whole text is inside <{tag}>, which the source does not set so: the reader would "
        "get it smaller than the email's text (a link or a legal notice unreadable); keep such "
        "a tag around a few letters, as in 1<sup>er</sup>"
    )


def test_a_shrunk_unsubscribe_link_is_refused_and_the_source_used(example, cli):
    po = example / FR
    text = po.read_text(encoding="utf-8")
    entry = 'msgid "Unsubscribe"\nmsgstr "Se désinscrire"'
    assert text.count(entry) == 1
    line = text[: text.index(entry)].count("\n") + 1
    shrunk = "<sub>" * 8 + "Se désinscrire" + "</sub>" * 8
    po.write_text(text.replace(entry, f'msgid "Unsubscribe"\nmsgstr "{shrunk}"'), encoding="utf-8")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    jobs = " (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"
    shown = result.output.splitlines()
    for problem in (NESTED, whole("sub")):
        assert (
            f"{FR}:{line}: 'Unsubscribe': {problem}; the source text is used "
            f"[error: catalog.markup]{jobs}"
        ) in shown
    root = lxml_html.fromstring(
        (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    )
    assert [a.text_content() for a in root.iter("a") if "unsubscribe" in a.get("href")] == [
        "Unsubscribe"
    ]
    assert not list(root.iter("sub"))


POLICY = Policy(typographic_tags=frozenset({"sup", "sub", "small", "br", "em", "strong"}))


@pytest.mark.parametrize(
    ("source", "translation", "found"),
    [
        ("Unsubscribe", "<sub>Se désinscrire</sub>", [whole("sub")]),
        ("Terms apply", "<small>Conditions</small> <small>applicables</small>", [whole("small")]),
        ("Hi", "<em><em>Salut</em></em>", ["<em> inside <em>" + NESTED[18:]]),
        (
            "Legal notice",
            "Mentions <sup><small>légales</small></sup>",
            ["<small> inside <sup>" + NESTED[18:]],
        ),
        ("H<sub>2</sub>O", "<sub>H<sub>2</sub>O</sub>", [NESTED, whole("sub")]),
    ],
)
def test_shrinking_and_nesting_refused(source, translation, found) -> None:
    assert [f.text for f in check_typographic(Pair(source, translation, POLICY))] == found


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Starts December 1.", "Début le 1<sup>er</sup> décembre."),
        ("<sup>*</sup>", "<sup>*</sup>"),
        ("Hi", "<em>Salut</em>"),
        ("Read <em>this</em>", "Lisez <em>ceci</em> <strong>maintenant</strong>"),
        ("Line one, line two", "Ligne un,<br>ligne deux"),
        ("<sub><sub>x</sub></sub>", "<sub><sub>y</sub></sub>"),
    ],
)
def test_typographic_tags_that_set_a_few_letters(source, translation) -> None:
    assert list(check_typographic(Pair(source, translation, POLICY))) == []
