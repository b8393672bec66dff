"""An empty msgid in a template: gettext keeps the catalog's header under "", so `_("")`
showed 'Project-Id-Version: ... Last-Translator: ...' in French emails."""

from __future__ import annotations

from pathlib import Path

from mailglot.i18n.environment import locale_environment
from tests.conftest import run_cli


def test_template_gettext_functions_give_nothing_for_an_empty_msgid(example: Path) -> None:
    french = locale_environment(example, "fr_FR", "en_US", "EUR", "Europe/Paris").env
    template = french.from_string(
        '[{{ _("") }}][{{ gettext("") }}][{{ pgettext("menu", "") }}][{% trans %}{% endtrans %}]'
        '[{{ ngettext("", "", 1) }}][{{ ngettext("", "", 2) }}][{{ npgettext("m", "", "", 3) }}]'
        '[{{ _("Unsubscribe") }}][{{ ngettext("%(count)s new episode", "%(count)s new episodes", 2, count=2) }}]'
    )
    assert template.render() == "[][][][][][][][Se désinscrire][2 nouveaux épisodes]"


def test_a_french_email_with_an_empty_msgid_shows_no_catalog_header(example: Path) -> None:
    template = example / "templates" / "renewal.mjml.j2"
    heading = '{{ _("Your plan renews soon") }}'
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace(heading, f'{heading}[{{{{ _("") }}}}]'), encoding="utf-8")
    result = run_cli(
        example, "build", "--campaign", "renewal", "--locale", "fr_FR", "--no-screenshots"
    )
    assert result.exit_code == 0, result.output
    txt = (example / "build/renewal/fr_FR/a/email.txt").read_text(encoding="utf-8")
    assert "Votre abonnement sera bientôt renouvelé[]" in txt.splitlines()
    assert "Project-Id-Version" not in txt
