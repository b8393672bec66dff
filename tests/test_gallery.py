"""The review gallery, driven in Chromium from file:// as a reviewer would use it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from tests.conftest import gallery_page


@pytest.fixture(scope="module")
def built(review_shots: Path) -> Path:
    return review_shots


@pytest.fixture(scope="module")
def page(built: Path) -> Iterator[Page]:
    with gallery_page(built / "build" / "index.html") as page:
        yield page


@pytest.fixture
def fresh(page: Page) -> Page:
    page.reload()
    return page


def visible_cards(page: Page) -> list[dict[str, str]]:
    return page.eval_on_selector_all(".card:not([hidden])", "cs => cs.map(c => ({...c.dataset}))")


def test_gallery_is_self_contained(built: Path) -> None:
    html = (built / "build" / "index.html").read_text()
    assert '<script src="gallery-data.js"></script>' in html
    assert not re.search(r"""(src|href)=["']https?://""", html)  # offline: no CDN
    data = (built / "build" / "gallery-data.js").read_text()
    jobs = json.loads(data.removeprefix("window.MAILGLOT = ").rstrip().rstrip(";"))["jobs"]
    assert sorted(j["id"] for j in jobs) == sorted(
        f"{c}/{loc}/a" for c in ("notice", "welcome") for loc in ("ar_XB", "en_US", "fr_FR")
    )


def test_grid_shows_every_job_with_inbox_card_and_lazy_thumbnails(fresh: Page) -> None:
    assert len(visible_cards(fresh)) == 6
    assert fresh.text_content("#count") == "6 of 6 jobs"
    card = fresh.locator('.card[data-id="notice/fr_FR/a"]')
    assert card.locator(".inbox .subject").text_content() == "Un changement pour votre offre, Sam"
    assert card.locator(".inbox .from span").first.text_content() == "Acme"
    thumb = card.locator("img").first
    assert thumb.get_attribute("loading") == "lazy"
    assert thumb.get_attribute("src") == "notice/fr_FR/a/phone.png"


def test_locale_filter_shows_only_that_locale(fresh: Page) -> None:
    fresh.click('.chip[data-group="locale"][data-value="fr_FR"]')
    assert [c["locale"] for c in visible_cards(fresh)] == ["fr_FR", "fr_FR"]
    fresh.click('.chip[data-group="campaign"][data-value="welcome"]')
    assert [c["id"] for c in visible_cards(fresh)] == ["welcome/fr_FR/a"]
    fresh.click('.chip[data-group="locale"][data-value="fr_FR"]')  # off again
    assert {c["locale"] for c in visible_cards(fresh)} == {"en_US", "fr_FR", "ar_XB"}


def test_search_and_has_findings(fresh: Page) -> None:
    fresh.keyboard.press("/")
    fresh.keyboard.type("changement")
    assert [c["id"] for c in visible_cards(fresh)] == ["notice/fr_FR/a"]
    fresh.keyboard.press("Escape")
    fresh.fill("#q", "")
    fresh.dispatch_event("#q", "input")
    fresh.click('.chip[data-flag="changed"]')
    assert visible_cards(fresh) == []  # nothing approved yet, so nothing changed
    assert fresh.is_visible("#empty")


def test_right_to_left_jobs_are_shown_right_to_left(fresh: Page) -> None:
    inbox = fresh.locator('.card[data-id="welcome/ar_XB/a"] .inbox')
    assert inbox.get_attribute("dir") == "rtl"
    assert fresh.locator('.card[data-id="welcome/en_US/a"] .inbox').get_attribute("dir") == "ltr"


def test_side_by_side_shows_one_campaign_across_locales(fresh: Page) -> None:
    fresh.click('button[data-view="compare"]')
    fresh.click('[data-compare="notice"]')
    columns = fresh.eval_on_selector_all("#compare .column", "cs => cs.map(c => c.dataset.id)")
    assert columns == ["notice/ar_XB/a", "notice/en_US/a", "notice/fr_FR/a"]
    assert fresh.is_hidden("#grid")
    src = fresh.get_attribute('#compare .column[data-locale="ar_XB"] img', "src")
    assert src == "notice/ar_XB/a/phone.png"


def test_keyboard_opens_detail_with_shots_html_images_off_and_text(fresh: Page) -> None:
    first = visible_cards(fresh)[0]["id"]
    second = visible_cards(fresh)[1]["id"]
    fresh.keyboard.press("j")
    fresh.keyboard.press("Enter")
    assert fresh.is_visible("#detail")
    assert fresh.text_content("#detail-title") == second
    fresh.keyboard.press("k")
    assert fresh.text_content("#detail-title") == first
    assert fresh.locator(".pane img").count() == 2  # phone and desktop, full size
    fresh.keyboard.press("3")
    assert fresh.get_attribute("iframe.mail", "src").endswith("/preview.html")
    fresh.keyboard.press("4")
    assert fresh.get_attribute("iframe.mail", "src").endswith("/images-off.html")
    fresh.keyboard.press("5")
    assert first == "notice/ar_XB/a"  # no changes, same findings: ordered by id
    assert fresh.get_attribute("pre.text", "dir") == "rtl"
    assert "See my plan <https://acme.example/plan>" in fresh.text_content("pre.text")
    fresh.keyboard.press("Escape")
    assert fresh.is_hidden("#detail")


def test_images_off_copy_blocks_images_and_keeps_alt_text(built: Path) -> None:
    html = (built / "build" / "notice/en_US/a/images-off.html").read_text()
    img = re.search(r"<img\b[^>]*>", html)
    assert img and "src=" not in img[0] and 'alt="Acme badge"' in img[0]
