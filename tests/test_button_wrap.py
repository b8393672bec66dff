"""A button label that takes more than one line on a phone (`layout.button-wrap`), measured in
real Chromium at the example's 375 px phone width, and reported at the `.po` entry a
translator shortens."""

from __future__ import annotations

import json
from pathlib import Path

from mailglot.shots.label_lines import label_locator
from mailglot.shots.layout import SEVERITY

DE = "locales/de_DE/LC_MESSAGES/messages.po"
DEAL = 'msgstr "Angebot sichern"'
LONG = "Jetzt das ganze Jahr Streamly Premium zum Sparpreis sichern"
TWO = "Jetzt das Jahresabo zum Sparpreis sichern"


def plant(project: Path, po: str, old: str, new: str) -> int:
    """Replace one msgstr line of a catalog; return the line of its entry's msgid."""
    path = project / po
    lines = path.read_text(encoding="utf-8").splitlines()
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index


def wraps(project: Path, job: str) -> list[tuple[str, int | None, str, str]]:
    meta = json.loads((project / "build" / job / "meta.json").read_text(encoding="utf-8"))
    return [
        (f["path"], f["line"], f["severity"], f["message"])
        for f in meta["findings"]
        if f["code"] == "layout.button-wrap"
    ]


def build(project: Path, cli, *locales: str) -> str:
    args = [a for locale in locales for a in ("--locale", locale)]
    result = cli(project, "build", "--campaign", "black_friday", *args)
    assert result.exit_code == 0, result.output  # a warning: the email is built as it is
    return result.output


def test_a_long_german_label_is_reported_at_its_po_entry_and_a_short_one_is_not(example: Path, cli):
    assert SEVERITY["layout.button-wrap"] == "warning"
    build(example, cli, "de_DE", "en_US")
    assert wraps(example, "black_friday/de_DE/a") == []  # "Angebot sichern"
    assert wraps(example, "black_friday/en_US/a") == []  # "Get the deal"

    line = plant(example, DE, DEAL, f'msgstr "{LONG}"')
    output = build(example, cli, "de_DE")
    message = (
        f'at 375 px, button "{LONG}" wraps onto 3 lines: on one line it needs 521 px, the '
        "button leaves it 259 px"
    )
    assert wraps(example, "black_friday/de_DE/a") == [(DE, line, "warning", message)]
    assert wraps(example, "black_friday/de_DE/b") == [(DE, line, "warning", message)]
    assert (
        f"{DE}:{line}: warning: {message} [layout.button-wrap] (2 jobs: black_friday/de_DE/a, "
        "black_friday/de_DE/b)" in output
    )

    plant(example, DE, f'msgstr "{LONG}"', f'msgstr "{TWO}"')
    build(example, cli, "de_DE")
    assert [m for *_, m in wraps(example, "black_friday/de_DE/a")] == [
        f'at 375 px, button "{TWO}" wraps onto 2 lines: on one line it needs 353 px, the '
        "button leaves it 259 px"
    ]

    plant(example, DE, f'msgstr "{TWO}"', DEAL)  # fixed: the finding goes away
    build(example, cli, "de_DE")
    assert wraps(example, "black_friday/de_DE/a") == []


def test_a_source_text_label_is_reported_at_the_preview_and_can_be_silenced(example: Path, cli):
    template = example / "templates/promo.mjml.j2"
    text = template.read_text(encoding="utf-8")
    template.write_text(
        text.replace('_("Get the deal")', f'_("{"Get twelve months of Streamly Premium today"}")'),
        encoding="utf-8",
    )
    build(example, cli, "en_US")
    assert wraps(example, "black_friday/en_US/a") == [
        (
            "build/black_friday/en_US/a/preview.html",
            None,
            "warning",
            'at 375 px, button "Get twelve months of Streamly Premium today" wraps onto 2 '
            "lines: on one line it needs 398 px, the button leaves it 259 px",
        )
    ]
    settings = example / "mailglot.yaml"
    settings.write_text(
        settings.read_text("utf-8").replace(
            "checks: {disable: []", "checks: {disable: [layout.button-wrap]"
        ),
        "utf-8",
    )
    build(example, cli, "en_US")
    assert wraps(example, "black_friday/en_US/a") == []


def test_labels_are_located_only_at_one_matching_translation(example: Path):
    locate = label_locator(example, "de_DE", "en_US")
    lines = (example / DE).read_text(encoding="utf-8").splitlines()
    deal = lines.index(DEAL)  # the msgid line, 1-based
    assert locate("Angebot sichern") == (DE, deal)
    assert locate("ANGEBOT  SICHERN") == (DE, deal)  # CSS upper case, spaces collapsed
    assert locate("Get the deal") is None  # the source text: a refused or missing translation
    assert label_locator(example, "en_US", "en_US")("Get the deal") is None
    assert label_locator(example, "en_XA", "en_US")("Angebot sichern") is None


def test_a_label_broken_where_its_author_wrote_br_is_not_reported(example: Path, cli):
    partial = example / "templates/partials/cta.mjml.j2"
    text = partial.read_text(encoding="utf-8")
    partial.write_text(text.replace("{{ cta_label }}", "{{ cta_label }}<br>Black Friday"), "utf-8")
    build(example, cli, "en_US")
    html = (example / "build/black_friday/en_US/a/preview.html").read_text(encoding="utf-8")
    assert ">Get the deal<br>Black Friday</a>" in html  # two lines, each fits
    assert wraps(example, "black_friday/en_US/a") == []
