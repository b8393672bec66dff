"""A translated link is a URL alone, and a translation writes its tags as the source does.

A single-quoted href holding a `"` passed the markup check (its value matched the allowed
pattern's `**`), and MRML wrote the `"` as `\\"`, so the rest of the value became attributes
of the link (`onclick`, `autofocus onfocus` ran script when the gallery opened the email). Such
a translation is refused at its .po line (`catalog.markup`, the source text is used), and so
is a translation of a URL msgid that holds a quote or a space (`catalog.links`)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from mailglot.i18n.checks import Pair, Policy
from mailglot.i18n.checks.safety import check_markup

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
GUIDE = 'Read the <a href="https://streamly.example/en/help">guide</a>.'
OFFER = "https://streamly.example/en/offer"
INTRO = "<mj-text>{{ data.strings.intro }}</mj-text>"


def _po(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _project(example: Path, guide: str, offer: str) -> tuple[int, int]:
    """The winback template with a link in a msgid and a URL msgid in an href, and fr_FR's
    translations of both; (line of each entry in the .po)."""
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count(INTRO) == 1
    line = f"<mj-text>{{{{ _('{GUIDE}') }}}} <a href=\"{{{{ _('{OFFER}') }}}}\">Offer</a></mj-text>"
    template.write_text(text.replace(INTRO, INTRO + line), encoding="utf-8")
    po = example / FR
    text = po.read_text(encoding="utf-8")
    first = text.count("\n") + 2
    text += (
        f"\nmsgid {_po(GUIDE)}\nmsgstr {_po(guide)}\n\nmsgid {_po(OFFER)}\nmsgstr {_po(offer)}\n"
    )
    po.write_text(text, encoding="utf-8")
    return first, first + 3


def test_a_quote_in_a_translated_href_is_refused_and_the_source_used(example, cli):
    guide = (
        "Lisez le <a href='https://streamly.example/fr/\" autofocus "
        "onfocus=document.title=location.origin//'>guide</a>."
    )
    offer = 'https://streamly.example/fr/offer" onclick="alert(1)'
    at_guide, at_offer = _project(example, guide, offer)
    result = cli(example, "l10n-status")
    label = "'Read the <a href=\"https://streamly.example/en/h...'"
    assert [line for line in result.output.splitlines() if line.startswith(f"{FR}:")] == [
        f"{FR}:{at_guide}: {label}: the link's href holds '\"', ' ', which no URL carries: "
        'https://streamly.example/fr/" autofocus onfocus=document.title=location.origin// '
        "(write the URL alone, a space as %20); the source text is used [error: catalog.markup]",
        f"{FR}:{at_guide}: {label}: <a href='…'> is not written as the source writes it, "
        '<a href="…">: copy the tag as written, its quotes included; the source text is used '
        "[error: catalog.markup]",
        f"{FR}:{at_offer}: '{OFFER}': the source text is a URL, and the translation holds "
        "'\"', ' ', which no URL carries: https://streamly.example/fr/offer\" onclick=\"alert(1)"
        " (write the URL alone); the source text is used [error: catalog.links]",
    ]
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "3 error(s)" in result.output
    root = lxml_html.fromstring(
        (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    )
    links = {a.text_content(): dict(a.attrib) for a in root.iter("a")}
    assert links["guide"] == {"href": "https://streamly.example/en/help"}
    assert links["Offer"] == {"href": OFFER}


def test_an_allowed_link_written_as_the_source_writes_it_is_used(example, cli):
    guide = 'Lisez le <a href="https://streamly.example/fr/aide">guide</a>.'
    _project(example, guide, "https://streamly.example/fr/offre")
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "0 error(s)" in result.output, result.output
    html = (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert '<a href="https://streamly.example/fr/aide">guide</a>' in html
    assert '<a href="https://streamly.example/fr/offre">Offer</a>' in html


POLICY = Policy(allowed_links=("https://streamly.example/{lang}/**",))


@pytest.mark.parametrize(
    ("translation", "found"),
    [
        (
            'Lisez le <a HREF="https://streamly.example/fr/aide">guide</a>.',
            '<a HREF="…"> is not written as the source writes it, <a href="…">: copy the tag as '
            "written, its quotes included",
        ),
        (
            "Lisez le <a href=https://streamly.example/fr/aide>guide</a>.",
            '<a href=…> is not written as the source writes it, <a href="…">: copy the tag as '
            "written, its quotes included",
        ),
        (
            'Lisez le <a href="https://streamly.example/fr/a\\\\b">guide</a>.',
            "the link's href holds '\\\\', which no URL carries: https://streamly.example/fr/a\\\\b"
            " (write the URL alone, a space as %20)",
        ),
        (
            'Lisez le <a href="https://streamly.example/fr/\u200baide">guide</a>.',
            "the link's href holds '\\u200b', which no URL carries: "
            "https://streamly.example/fr/\u200baide (write the URL alone, a space as %20)",
        ),
    ],
)
def test_spelling_and_characters_of_a_translated_tag(translation: str, found: str) -> None:
    assert [f.text for f in check_markup(Pair(GUIDE, translation, POLICY))] == [found]


def test_spaces_between_attributes_are_no_spelling() -> None:
    text = 'Lisez le <a  href = "https://streamly.example/fr/aide" >guide</a>.'
    assert list(check_markup(Pair(GUIDE, text, POLICY))) == []


PHOTO = 'Photo: <img src="https://cdn.streamly.example/email/x.png" alt="A cat" width="40">'


def _photo(example: Path, translation: str) -> int:
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace(INTRO, f"{INTRO}<mj-text>{{{{ _('{PHOTO}') }}}}</mj-text>"), encoding="utf-8"
    )
    po = example / FR
    text = po.read_text(encoding="utf-8")
    po.write_text(text + f"\nmsgid {_po(PHOTO)}\nmsgstr {_po(translation)}\n", encoding="utf-8")
    return text.count("\n") + 2


def _images(example: Path) -> list[dict[str, str]]:
    root = lxml_html.fromstring(
        (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    )
    return [dict(i.attrib) for i in root.iter("img") if "x.png" in i.get("src", "")]


def test_alt_text_inside_a_msgid_is_translated(example, cli):
    _photo(
        example,
        'Photo\u00a0: <img src="https://cdn.streamly.example/email/x.png" alt="L\'été d\'un chat" width="40">',
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "catalog.markup" not in result.output, result.output
    assert [i["alt"] for i in _images(example)] == ["L'été d'un chat"]


def test_a_double_quote_in_a_translated_alt_text_is_refused(example, cli):
    line = _photo(
        example,
        'Photo\u00a0: <img src="https://cdn.streamly.example/email/x.png" alt=\'Un "chat"\' width="40">',
    )
    result = cli(example, "l10n-status")
    label = "'Photo: <img src=\"https://cdn.streamly.example/e...'"
    assert [x for x in result.output.splitlines() if x.startswith(f"{FR}:{line}:")] == [
        f"{FR}:{line}: {label}: the alt text holds '\"', which an attribute value cannot carry: "
        'Un "chat" (write quotes as « » or “ ”); the source text is used [error: catalog.markup]',
        f"{FR}:{line}: {label}: <img src=\"https://cdn.streamly.example/email/x.png\" alt='…' "
        'width="40"> is not written as the source writes it, <img src="https://cdn.streamly.'
        'example/email/x.png" alt="…" width="40">: copy the tag as written, its quotes included; '
        "the source text is used [error: catalog.markup]",
    ]
    cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert [i["alt"] for i in _images(example)] == ["A cat"]


@pytest.mark.parametrize(
    ("translation", "found"),
    [
        (
            'Photo\u00a0: <img src="https://cdn.streamly.example/email/y.png" alt="Un chat" width="40">',
            "markup not in the source text: <img alt=Un chat "
            "src=https://cdn.streamly.example/email/y.png width=40>",
        ),
        (
            'Photo\u00a0: <img src="https://cdn.streamly.example/email/x.png" alt="Un chat" '
            'width="40" onerror="x">',
            "markup not in the source text: <img alt=Un chat onerror=x "
            "src=https://cdn.streamly.example/email/x.png width=40>",
        ),
    ],
)
def test_only_the_text_of_an_image_may_change(translation: str, found: str) -> None:
    assert [f.text for f in check_markup(Pair(PHOTO, translation, POLICY))] == [found]
