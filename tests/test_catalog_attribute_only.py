"""catalog.markup: a msgid the templates print only as an attribute value (alt, title) takes
no tag, typographic or not. With `l10n.typographic_tags` allowing <br>, `Affiche<br>` for the
`alt="{{ _('Orbit poster') }}"` of an image gave `alt="Affiche<br>"`: readers with images off
saw "<br>". Such a translation is refused at its .po line and the source text used; the same
<br> in a msgid that the body also prints is still allowed."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import REPO
from lxml import html as lxml_html

from mailglot.i18n.checks.attribute_use import attribute_uses
from mailglot.i18n.checks.usage import template_sources

FR = "locales/fr_FR/LC_MESSAGES/messages.po"
INTRO = "<mj-text>{{ data.strings.intro }}</mj-text>"
IMAGE = (
    '<mj-image src="https://cdn.streamly.example/orbit.png" alt="{{{{ _(\'{alt}\') }}}}" '
    "title='{{{{ _(\"{title}\") }}}}' />"
)
ALT_ONLY = (
    "markup in a text the templates use only as an attribute value (alt), which is plain "
    "text: readers with images off and screen readers would get <br> as typed"
)


def _project(example: Path, entries: dict[str, str], body: str = "") -> dict[str, int]:
    """The winback template with an image whose alt and title are msgids (and `body` after
    it), and fr_FR translations: {msgid: line of its entry in the .po}."""
    template = example / "templates/winback.mjml.j2"
    text = template.read_text(encoding="utf-8")
    assert text.count(INTRO) == 1
    image = IMAGE.format(alt="Orbit poster", title="Orbit, the series")
    template.write_text(text.replace(INTRO, INTRO + image + body), encoding="utf-8")
    po = example / FR
    text = po.read_text(encoding="utf-8")
    lines = {}
    for msgid, msgstr in entries.items():
        lines[msgid] = text.count("\n") + 2
        text += f'\nmsgid "{msgid}"\nmsgstr "{msgstr}"\n'
    po.write_text(text, encoding="utf-8")
    return lines


def _image(example: Path) -> dict[str, str]:
    root = lxml_html.fromstring(
        (example / "build/winback/fr_FR/a/email.html").read_text(encoding="utf-8")
    )
    (img,) = [i for i in root.iter("img") if "orbit.png" in (i.get("src") or "")]
    return {"alt": img.get("alt") or "", "title": img.get("title") or ""}


def test_a_tag_in_an_alt_only_translation_is_refused_and_the_source_used(example, cli):
    lines = _project(
        example, {"Orbit poster": "Affiche<br>", "Orbit, the series": "Orbit, la <em>série</em>"}
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    jobs = " (2 jobs: winback/fr_FR/a, winback/fr_FR/b)"
    shown = [line for line in result.output.splitlines() if line.startswith(FR)]
    assert shown == [
        f"{FR}:{lines['Orbit poster']}: 'Orbit poster': {ALT_ONLY}; the source text is used "
        f"[error: catalog.markup]{jobs}",
        f"{FR}:{lines['Orbit, the series']}: 'Orbit, the series': markup in a text the "
        "templates use only as an attribute value (title), which is plain text: readers would "
        f"get <em>, </em> as typed; the source text is used [error: catalog.markup]{jobs}",
    ]
    assert _image(example) == {"alt": "Orbit poster", "title": "Orbit, the series"}
    status = cli(example, "l10n-status")
    assert (
        f"{FR}:{lines['Orbit poster']}: 'Orbit poster': {ALT_ONLY}; the source text is used "
        "[error: catalog.markup]" in status.output.splitlines()
    )


def test_plain_translations_are_used_in_the_attribute(example, cli):
    _project(example, {"Orbit poster": "Affiche d'Orbit", "Orbit, the series": "Orbit, la série"})
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "catalog.markup" not in result.output
    assert _image(example) == {"alt": "Affiche d'Orbit", "title": "Orbit, la série"}


def test_a_msgid_the_body_prints_too_keeps_its_typographic_tags(example, cli):
    """The same msgid in a text (and a `{% trans %}` block, which this reading does not follow)
    keeps what `l10n.typographic_tags` allows."""
    body = "<mj-text>{{ _('Orbit poster') }}</mj-text>{% trans %}Orbit, the series{% endtrans %}"
    _project(
        example,
        {"Orbit poster": "Affiche<br>d'Orbit", "Orbit, the series": "Orbit, la <em>série</em>"},
        body,
    )
    result = cli(example, "build", "--no-screenshots", "--campaign", "winback", "--locale", "fr_FR")
    assert "catalog.markup" not in result.output


@pytest.mark.parametrize(
    ("template", "held"),
    [
        ("<img alt=\"{{ _('A') }}\">", {("A", "alt")}),
        ("<img alt={{ _('A') }} title='{{ gettext(\"B\") }}'>", {("A", "alt"), ("B", "title")}),
        ("<img alt=\"{{ pgettext('poster', 'A') }}\">", {("A", "alt")}),
        ("<a title=\"{{ _('A') }}\" href=\"x\">{{ _('B') }}</a>", {("A", "title")}),
        ("<img alt=\"{{ _('A') }}\"><p>{{ _('A') }}</p>", set()),
        ("<img alt=\"{{ _('A') }}\">{% trans %}A{% endtrans %}", set()),
        ("<img {{ _('A') }}>", set()),
        ("<!-- <img alt=\"{{ _('A') }}\"> -->", set()),
        ("{% set x = _('A') %}<img alt=\"{{ x }}\">", set()),
        ("<img alt=\"{{ _('A') ~ '!' }}\">", {("A", "alt")}),
        ("<img alt=\"x\">{{ _('A') }}", set()),
        ("<img alt={{ x }} title={{ y }}>{{ _('A') }}", set()),
    ],
)
def test_which_uses_are_read_as_attribute_values(template: str, held: set) -> None:
    assert attribute_uses([template.encode()]) == held


def test_a_msgid_campaigns_use_is_not_held_to_an_attribute() -> None:
    assert attribute_uses([b"<img alt=\"{{ _('A') }}\">"], {"A"}) == frozenset()


def test_the_example_holds_no_msgid_to_an_attribute() -> None:
    assert attribute_uses(template_sources(REPO)) == frozenset()
