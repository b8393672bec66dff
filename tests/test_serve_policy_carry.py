"""Between two saves, `serve` keeps the checked catalogs of the locales the save did not
touch. How a translation is checked depends on how the project uses its msgid (a template
string is %-formatted, a subject is filled with {name} placeholders), so a save that changes
that use must have the catalogs checked again."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY, copy_example

from mailglot.plan import Selection, plan_jobs
from mailglot.project.loader import load_project
from mailglot.render.pipeline import Renderer


def _subject(renderer: Renderer, campaign: str, locale: str, variant: str = "a") -> str:
    jobs = plan_jobs(renderer.project, Selection(), TODAY).jobs
    job = next(j for j in jobs if (j.campaign, j.locale, j.variant) == (campaign, locale, variant))
    return renderer.render(job).meta.subject


def test_a_msgid_newly_used_as_a_subject_is_checked_as_one(tmp_path: Path) -> None:
    project = copy_example(tmp_path / "p")
    po = project / "locales/fr_FR/LC_MESSAGES/messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Votre code"', 'msgstr "Votre code à 100%%"'), "utf-8")
    before = Renderer(load_project(project))
    assert _subject(before, "winback", "fr_FR").endswith("votre liste vous attend")

    # The save: the template no longer says "Your code", the subject does.
    template = project / "templates/winback.mjml.j2"
    body = template.read_text(encoding="utf-8")
    assert body.count('_("Your code")') == 1
    template.write_text(body.replace('_("Your code")', '"Code"'), "utf-8")
    campaign = project / "campaigns/winback.yaml"
    source = campaign.read_text(encoding="utf-8")
    campaign.write_text(
        source.replace('a: "{first_name}, your watchlist misses you"', 'a: "Your code"'), "utf-8"
    )
    after = Renderer(load_project(project))
    after.carry_over(before, ["fr_FR"])
    # In a subject '%%' would show as typed: the translation is refused, the source is used.
    assert _subject(after, "winback", "fr_FR") == "Your code"


def test_catalogs_that_do_not_translate_a_changed_msgid_are_kept(tmp_path: Path) -> None:
    """A new subject no catalog translates yet changes no catalog's checks: every checked
    catalog is kept, as before (a save in serve stays quick)."""
    project = copy_example(tmp_path / "p")
    before = Renderer(load_project(project))
    _subject(before, "winback", "fr_FR")
    campaign = project / "campaigns/winback.yaml"
    source = campaign.read_text(encoding="utf-8")
    b = '  b: "Come back for {percent}% off"\n'
    assert b in source
    campaign.write_text(source.replace(b, b + '  c: "{first_name}, we kept your seat"\n'), "utf-8")
    after = Renderer(load_project(project))
    assert after.policy != before.policy
    after.carry_over(before, ["fr_FR"])
    assert after.environment("fr_FR", "FR") is before.environment("fr_FR", "FR")
    assert _subject(after, "winback", "fr_FR", "c") == "{{first_name}}, we kept your seat"
