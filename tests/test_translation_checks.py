"""Each translation check catches its fault at the right .po line, and a bad translation never
ships: the email shows the source text instead."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

PO = "locales/fr_FR/LC_MESSAGES/messages.po"


@pytest.fixture
def acme(tmp_path: Path, cli) -> Path:
    project = tmp_path / "acme"
    assert cli(tmp_path, "init", str(project)).exit_code == 0
    return project


def plant(project: Path, msgid: str, translation: str) -> int:
    """Replace msgid's translation; return the line of its msgid in the .po."""
    po = project / PO
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index(f"msgid {msgid}")
    assert lines[index + 1].startswith("msgstr ")
    lines[index + 1] = f"msgstr {translation}"
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return index + 1


CASES = [
    (
        '"Welcome to Acme, {first_name}"',
        '"Bienvenue chez Acme"',
        "'Welcome to Acme, {first_name}': placeholder missing: {first_name}",
    ),
    (
        '"Welcome to Acme, {first_name}"',
        '"Bienvenue chez Acme, {prenom}"',
        "placeholder not in the source text: {prenom}",
    ),
    (
        '"Welcome, %(name)s!"',
        '"Bienvenue !"',
        "'Welcome, %(name)s!': placeholder missing: %(name)s",
    ),
    (
        '"Get started"',
        '"Commencer<script>alert(1)</script>"',
        "'Get started': markup not in the source text: </script>, <script>",
    ),
    (
        '"Get started"',
        '"<a href=\\"https://evil.example\\">Commencer</a>"',
        "markup not in the source text: </a>, <a href=https://evil.example>",
    ),
    (
        '"Get started"',
        '"Commencer {{ config }}"',
        "'Get started': template or merge-tag syntax not in the source text: {{ }} "
        "(translations are text, never code)",
    ),
    ('"Get started"', '"Commencer *|UNSUB|*"', "template or merge-tag syntax not in the source"),
    (
        '"Get started"',
        '"<a href=\\"javascript:alert(1)\\">Commencer</a>"',
        "markup not in the source text: </a>, <a href=javascript:alert(1)>",
    ),
    (
        '"Get started"',
        '"<span onclick=\\"alert(1)\\">Commencer</span>"',
        "markup not in the source text: </span>, <span onclick=alert(1)>",
    ),
    ('"Get started"', '"Commencer<!-- x -->"', "markup not in the source text: <!-- x -->"),
    (
        '"Get started"',
        '"Commencer &lt;script&gt;alert(1)&lt;/script&gt;"',
        "character references that decode to markup: &gt;, &lt;",
    ),
    (
        '"Get started"',
        '"Commencer<svg/onload=alert(1)>"',
        "markup not in the source text: <svg onload=alert(1)>",
    ),
    (
        '"Get started"',
        '"Commencer <img src=x onerror=alert(1)"',
        "'<img src=x onerror=alert(1)' starts a tag that is never closed with '>'",
    ),
    (
        '"Welcome to Acme, {first_name}"',
        '"Bienvenue {first_name} {first_name.__class__}"',
        "placeholder not in the source text: {first_name.__class__}",
    ),
    (
        '"Plans start at %(price)s a month."',
        '"Dès %(price)s par mois, -10% la 1re année."',
        "a literal % must be written %% in this string (the template formats it)",
    ),
    (
        '"Here\'s how to get started."',
        '"Voici comment démarrer :-}"',
        "a lone { or } (write {{ or }} for a literal brace)",
    ),
]


@pytest.mark.parametrize(("msgid", "translation", "problem"), CASES)
def test_check_reports_the_fault_at_its_line(acme: Path, cli, msgid, translation, problem):
    line = plant(acme, msgid, translation)
    result = cli(acme, "l10n-status")
    assert result.exit_code == 1
    located = [x for x in result.output.splitlines() if x.startswith(f"{PO}:{line}: ")]
    assert any(problem in x for x in located), result.output


@pytest.mark.parametrize(("msgid", "translation", "problem"), CASES)
def test_build_uses_the_source_text_instead(acme: Path, cli, msgid, translation, problem):
    plant(acme, msgid, translation)
    result = cli(acme, "build", "--no-screenshots", "--locale", "fr_FR")
    assert result.exit_code == 1
    assert "the source text is used" in result.output
    html = (acme / "build/welcome/fr_FR/a/email.html").read_text(encoding="utf-8")
    assert "<script" not in html
    assert "evil.example" not in html
    assert "{{ config }}" not in html and "*|UNSUB|*" not in html
    assert "Voici comment démarrer :-}" not in html
    for attack in ("javascript:", "onclick", "onload", "onerror", "<!-- x", "&lt;script"):
        assert attack not in html
    if msgid == '"Get started"':
        assert "Get started" in html and "Commencer" not in html
    meta = json.loads((acme / "build/welcome/fr_FR/a/meta.json").read_text(encoding="utf-8"))
    if msgid == '"Welcome to Acme, {first_name}"':
        assert meta["subject"] == "Welcome to Acme, {{first_name}}"


def test_markup_the_source_carries_is_allowed_and_may_move(acme: Path, cli):
    template = acme / "templates/welcome.mjml.j2"
    template.write_text(
        template.read_text().replace(
            "{% endblock %}",
            '<mj-text>{% trans %}Read our <a href="https://acme.example/terms">terms'
            "</a>.{% endtrans %}</mj-text>\n{% endblock %}",
        )
    )
    po = acme / PO
    po.write_text(
        po.read_text()
        + (
            '\nmsgid "Read our <a href=\\"https://acme.example/terms\\">terms</a>."\n'
            'msgstr "Lisez nos <a href=\\"https://acme.example/terms\\">conditions</a>."\n'
        )
    )
    assert cli(acme, "build", "--no-screenshots", "--locale", "fr_FR").exit_code == 0
    html = (acme / "build/welcome/fr_FR/a/email.html").read_text()
    assert 'Lisez nos <a href="https://acme.example/terms">conditions</a>.' in html
    # the same with the closing tag dropped is refused
    po.write_text(po.read_text().replace("conditions</a>.", "conditions."))
    result = cli(acme, "l10n-status")
    assert "unbalanced tags: every opened tag must be closed in the same order" in result.output


def test_wrong_number_of_plural_forms(example: Path, cli):
    po = example / "locales/ja_JP/LC_MESSAGES/messages.po"
    lines = po.read_text(encoding="utf-8").splitlines()
    index = lines.index('msgid "%(count)s new episode"')
    lines.insert(index + 3, 'msgstr[1] "新着%(count)s話です"')
    po.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli(example, "l10n-status")
    assert (
        f"locales/ja_JP/LC_MESSAGES/messages.po:{index + 1}: '%(count)s new episode': "
        "more plural forms than ja_JP has (Plural-Forms: nplurals=1; plural=0;)"
    ) in result.output


def test_subject_over_the_phone_budget_is_a_warning(acme: Path, cli):
    line = plant(
        acme,
        '"Welcome to Acme, {first_name}"',
        '"{first_name}, bienvenue chez Acme, votre nouveau service préféré"',
    )
    result = cli(acme, "l10n-status")
    assert result.exit_code == 0
    assert (
        f"{PO}:{line}: warning: 'Welcome to Acme, {{first_name}}': subject is 55 columns wide "
        "with sample data; phone inboxes show about 45"
    ) in result.output
    result = cli(acme, "build", "--no-screenshots", "--locale", "fr_FR")
    assert (
        "subject 'Sam, bienvenue chez Acme, votre nouveau service préféré' is 55 columns"
        in result.output
    )


def test_cjk_characters_count_twice():
    from mailglot.i18n.checks import display_columns

    assert display_columns("Sale") == 4
    assert display_columns("セール") == 6
    assert display_columns("\u200f\u202bSale\u202c\u200f") == 4  # direction marks take no room


def test_half_translated_plural_never_shows_an_empty_string(example: Path, cli):
    po = example / "locales/de_DE/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr[1] "%(count)s neue Folgen"', 'msgstr[1] ""'), "utf-8")
    result = cli(
        example, "build", "--no-screenshots", "--campaign", "recommendations", "--locale", "de_DE"
    )
    assert "plural form 1 is empty while others are translated" in result.output
    body = (example / "build/recommendations/de_DE/a/email.txt").read_text()
    assert "3 new episodes" in body  # the source text, not an empty string
