"""The gallery tells a reviewer, per job, which translations were refused and why (Chromium)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.conftest import FIXTURES, gallery_page, run_cli

PO = "locales/fr_FR/LC_MESSAGES/messages.po"
GOOD = 'msgstr "Commencer"'
# the msgid line, where the finding is located (the msgstr follows it)
LINE = (FIXTURES / "review" / PO).read_text(encoding="utf-8").splitlines().index(GOOD)


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    root = tmp_path_factory.mktemp("refused") / "review"
    shutil.copytree(FIXTURES / "review", root)
    po = root / PO
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace(GOOD, 'msgstr "Commencer<script>x()</script>"'), "utf-8")
    result = run_cli(root, "build", "--no-screenshots")
    assert result.exit_code == 1, result.output  # the refused string is an error
    with gallery_page(root / "build" / "index.html") as page:
        yield page


def test_refused_translations_filter_and_detail(page: Page) -> None:
    page.click('.chip[data-flag="refused"]')
    ids = page.eval_on_selector_all(".card:not([hidden])", "cs => cs.map(c => c.dataset.id)")
    assert ids == ["welcome/fr_FR/a"]  # notice's email has no "Get started" button
    page.click('.card[data-id="welcome/fr_FR/a"]')
    page.keyboard.press("6")
    section = page.locator("#detail .refused")
    assert section.locator("h3").text_content() == "Refused translations (1)"
    cells = section.locator("tbody td").all_text_contents()
    assert cells == [
        f"{PO}:{LINE}",
        "catalog.markup",
        "'Get started': markup not in the source text: </script>, <script>; "
        "the source text is used",
    ]
