"""serve's fast path for the email on screen: what it keeps between saves (the loaded project,
the renderer) must never show a stale email, and what it sends the page must be what it
wrote. Real serve, real saves, real Chromium, on the example project."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from mailglot.serve.background import NICENESS, Background, Finished
from mailglot.serve.jobs import Warm, render_first, warm_up
from tests.conftest import TODAY
from tests.test_serve import Serve, chromium, edit, email_text, running, wait_in_email

__all__ = ["chromium"]  # the browser fixture, shared with test_serve

JOB = "black_friday/fr_FR/a"
CATALOG = "locales/fr_FR/LC_MESSAGES/messages.po"
CAMPAIGN = "campaigns/black_friday.yaml"
TEMPLATE = "templates/promo.mjml.j2"
TAGLINE = "Every series, every film, in 4K, for a whole year."


class Logged(Serve):
    """serve, with what it has logged so far."""

    def __init__(self, project: Path) -> None:
        super().__init__(project)
        self.logged = ""

    def log(self) -> str:
        assert self.proc.stderr is not None
        with contextlib.suppress(TypeError):  # nothing new to read
            self.logged += self.proc.stderr.read() or ""
        return self.logged

    def shown_by_serve(self, job: str, changed: str) -> bool:
        """Whether serve itself re-rendered `job` after the save of `changed` was seen (and
        not only the background build, which would hide a stale fast path)."""
        deadline = time.monotonic() + 10  # the line is logged just after the page is told
        while time.monotonic() < deadline:
            _, seen, after = self.log().rpartition(f"changed: {changed}")
            if seen and re.search(rf"{re.escape(job)} re-rendered", after):
                return True
            time.sleep(0.1)
        return False


@pytest.fixture
def served(example: Path) -> Iterator[Logged]:
    with running(Logged(example), timeout=300) as server:
        yield server


def test_every_kind_of_save_shows_and_the_kept_project_is_never_stale(
    served: Logged, example: Path, chromium
) -> None:
    page = chromium.new_page()
    page.goto(f"{served.base}/{JOB}/")
    wait_in_email(page, "J'en profite")
    overlay = page.locator("#mailglot-overlay .panel")

    # a catalog save: the project is kept (no loader input changed), the translation shows
    edit(example, CATALOG, 'msgstr "J\'en profite"', 'msgstr "Je fonce, Quokka"')
    wait_in_email(page, "Je fonce, Quokka")
    expect(page.locator("#text")).to_contain_text("Je fonce, Quokka")
    assert served.shown_by_serve(JOB, CATALOG), served.log()

    # a campaign save: the project is loaded again; the new subject and tagline show
    edit(example, CAMPAIGN, "% off a whole year", "% off Wombat")
    expect(page.locator("#subject")).to_contain_text("Wombat", timeout=30_000)
    edit(example, CAMPAIGN, TAGLINE, "Numbat tagline.")
    wait_in_email(page, "Numbat tagline.")
    assert served.shown_by_serve(JOB, CAMPAIGN), served.log()
    assert "Je fonce, Quokka" in email_text(page)  # the catalog change is still there

    # a template save after both: the renderer's kept catalog is the saved one
    edit(example, TEMPLATE, '{{ _("Our best offer of the year") }}', "Kiwi offer")
    wait_in_email(page, "Kiwi offer")
    assert served.shown_by_serve(JOB, TEMPLATE), served.log()
    assert "Je fonce, Quokka" in email_text(page) and "Numbat tagline." in email_text(page)

    # the campaign names a template that is not there yet: an error, not the kept project
    edit(example, CAMPAIGN, "template: promo.mjml.j2", "template: promo2.mjml.j2")
    expect(overlay).to_be_visible(timeout=30_000)
    expect(overlay).to_contain_text(f"{CAMPAIGN}:")
    expect(overlay).to_contain_text("promo2.mjml.j2")
    # the template appears (no loader file changed, only templates/ did): the project is
    # loaded again, the error goes and the email is rendered from the new template
    text = (example / TEMPLATE).read_text(encoding="utf-8")
    (example / "templates/promo2.mjml.j2").write_text(text.replace("Kiwi", "Emu"), "utf-8")
    wait_in_email(page, "Emu offer")
    expect(overlay).to_be_hidden(timeout=30_000)
    assert served.shown_by_serve(JOB, "templates/promo2.mjml.j2"), served.log()
    page.close()


def test_the_email_sent_to_the_page_is_the_one_on_disk_and_dark_mode_fetches_it(
    served: Logged, example: Path, chromium
) -> None:
    page = chromium.new_page()
    page.goto(f"{served.base}/{JOB}/")
    wait_in_email(page, "J'en profite")
    edit(example, CATALOG, 'msgstr "J\'en profite"', 'msgstr "Dingo"')
    wait_in_email(page, "Dingo")
    on_disk = page.evaluate(
        "async () => { const a = await fetch('preview.html?embed=1'); return a.text(); }"
    )
    assert "Dingo" in on_disk
    frame = page.frame_locator("iframe#mail")
    # the page holds the same document the file does (the pushed one, parsed by Chromium)
    pushed = page.evaluate(
        "() => document.querySelector('iframe#mail').contentDocument.documentElement.outerHTML"
    )
    fetched = page.evaluate(
        "html => new DOMParser().parseFromString(html, 'text/html').documentElement.outerHTML",
        on_disk,
    )
    assert pushed == fetched
    expect(frame.locator("body")).to_contain_text("Dingo")

    # dark mode shows the dark rewrite of the file, fetched; saves still show
    page.locator("#dark").click()
    expect(page.locator("iframe#mail")).to_have_attribute("src", re.compile("dark=1"))
    edit(example, CATALOG, 'msgstr "Dingo"', 'msgstr "Bilby"')
    wait_in_email(page, "Bilby")
    assert "dark=1" in (page.locator("iframe#mail").get_attribute("src") or "")
    page.close()


def test_the_project_is_loaded_again_only_when_a_file_it_is_made_of_changes(
    example: Path,
) -> None:
    warm = Warm()
    first = warm.project(example)
    assert warm.project(example) is first
    edit(example, CATALOG, 'msgstr "J\'en profite"', 'msgstr "Je fonce"')
    edit(example, TEMPLATE, "Our best offer", "Our finest offer")
    assert warm.project(example) is first  # not loader inputs: the renderer's business

    edit(example, CAMPAIGN, "percent: 40", "percent: 45")
    second = warm.project(example)
    assert second is not first
    assert second.campaigns["black_friday"].data["percent"] == 45

    def note(rel: str) -> None:
        path = example / rel
        path.write_text(path.read_text(encoding="utf-8") + "\n# a note\n", encoding="utf-8")

    for change in (
        lambda: note("calendars/events.yaml"),
        lambda: note("calendars/markets.yaml"),
        lambda: note("mailglot.yaml"),
        lambda: (example / "templates/new.mjml.j2").write_text("<mjml></mjml>", "utf-8"),
        lambda: (example / "templates/new.mjml.j2").unlink(),
        lambda: (example / "campaigns/copy.yaml").write_bytes((example / CAMPAIGN).read_bytes()),
    ):
        before = warm.project(example)
        change()
        after = warm.project(example)
        assert after is not before
    assert "copy" in warm.project(example).campaigns


def test_a_template_that_becomes_a_link_out_of_the_project_reloads_it(
    example: Path, tmp_path: Path
) -> None:
    warm = Warm()
    first = warm.project(example)
    assert "black_friday" in first.campaigns
    outside = tmp_path / "elsewhere.mjml.j2"
    shutil.copy(example / TEMPLATE, outside)
    (example / TEMPLATE).unlink()
    (example / TEMPLATE).symlink_to(outside)
    second = warm.project(example)
    assert second is not first
    assert "black_friday" not in second.campaigns  # its template leads outside templates/
    assert "outside templates/" in str(second.campaign_errors["black_friday"])

    # a link to a folder that now leads elsewhere (its name unchanged) is a change too
    (example / "templates/alt").symlink_to(example / "templates/layouts")
    before = warm.project(example)
    (example / "templates/alt").unlink()
    (example / "templates/alt").symlink_to(example / "templates/partials")
    assert warm.project(example) is not before


def test_render_first_sends_what_it_wrote_and_warm_up_writes_nothing(example: Path) -> None:
    warm = Warm()
    warm_up(example, JOB, TODAY, warm)
    assert not (example / "build").exists()  # a scratch folder, never build/
    edit(example, CATALOG, 'msgstr "J\'en profite"', 'msgstr "Wallaby"')
    told = []
    rendered = render_first(example, [JOB], TODAY, told.append, warm)
    assert rendered.built == [JOB] and [r.built for r in told] == [[JOB]]
    folder = example / "build" / JOB
    screen = rendered.screens[JOB]
    assert screen.html == (folder / "preview.html").read_text(encoding="utf-8")
    assert screen.text == (folder / "email.txt").read_text(encoding="utf-8")
    assert "Wallaby" in screen.html
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    assert (meta["subject_preview"], meta["preheader_preview"]) == (
        screen.subject,
        screen.preheader,
    )
    assert [step for step, _ in rendered.laps] == ["load", "plan", "render"]
    # nothing changed since: the job is current, nothing is re-rendered or sent
    again = render_first(example, [JOB], TODAY, warm=warm)
    assert again.built == [] and again.screens == {}


def test_the_background_build_runs_at_a_lower_priority(tmp_path: Path) -> None:
    done = threading.Event()
    finished: list[Finished] = []

    def on_done(result: Finished) -> None:
        finished.append(result)
        done.set()

    background = Background(lambda: None, on_done)
    background.start([sys.executable, "-c", "import os; print(os.nice(0))"], tmp_path)
    assert done.wait(30)
    assert int(finished[0].stdout) == min(19, os.nice(0) + NICENESS)
